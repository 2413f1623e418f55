/**
 * serializeIndex / loadIndex, in two forms.
 *
 * - JSON (the default of serializeIndex, a string): the options and the
 *   records; loading rebuilds everything else from them with the build's own
 *   code (as slow as a build). Small, readable, and every version of this
 *   library reads it.
 * - Binary (`{ format: 'binary' }`, a Uint8Array): a snapshot of every
 *   structure the build computes (see snapshot.ts); loading decodes and does
 *   not analyse text again, about twenty times faster than a build.
 *
 * `loadIndex` takes either (a string, a Uint8Array, an ArrayBuffer: the bytes
 * of a JSON file work too), and the caller never repeats build options, as
 * MiniSearch's loadJSON requires.
 */
import * as z from 'zod/mini';
import { DigestRecord } from '../schema.js';
import { DigestIndex, addInChunks, checkChunkOptions, resolveIndexOptions } from './build.js';
import type { ChunkOptions, ResolvedIndexOptions } from './build.js';
import { DigestIndexError } from './errors.js';
import { decodeSnapshot, encodeSnapshot, isSnapshot } from './snapshot.js';
import { checkOptions as checkCall } from '../validate.js';

export { DigestIndexError };
export type { DigestIndexErrorReason } from './errors.js';

export const INDEX_FORMAT = 'ja-digest-search/index';
export const INDEX_VERSION = 1;

/** A saved index, as `serializeIndex` returns it or as read from a file. */
export type SavedIndex = string | Uint8Array | ArrayBuffer;

export interface SerializeOptions {
  /**
   * `json` (default): a string with the options and the records; loading
   * rebuilds the rest. `binary`: a Uint8Array snapshot of the whole index,
   * larger raw but loaded without analysing text again.
   */
  format?: 'json' | 'binary' | undefined;
}

/** A record saved before buildIndex checked records may lack `position`: such a file still loads. */
const SavedRecord = z.pipe(
  z.transform((r: unknown) => (r !== null && typeof r === 'object' && !Array.isArray(r) && (r as { position?: unknown }).position === undefined ? { ...r, position: { start: 0, end: 0 } } : r)),
  DigestRecord,
);

const Serialized = z.object({
  format: z.literal(INDEX_FORMAT),
  version: z.literal(INDEX_VERSION),
  options: z.object({
    boosts: z.object({ title: z.number(), summary: z.number(), notes: z.number(), source: z.number() }),
    stopTerms: z.array(z.string()),
  }),
  records: z.array(z.unknown()),
  duplicates: z.array(z.string()),
});

/**
 * Saves an index: as a JSON string (default), or with `{ format: 'binary' }`
 * as a Uint8Array snapshot. Either loads with `loadIndex`. Removed records are
 * left out; the live ones keep their order.
 */
export function serializeIndex(index: DigestIndex, options: { format: 'binary' }): Uint8Array;
export function serializeIndex(index: DigestIndex, options?: { format?: 'json' | undefined }): string;
export function serializeIndex(index: DigestIndex, options?: SerializeOptions): string | Uint8Array;
export function serializeIndex(index: DigestIndex, options: SerializeOptions = {}): string | Uint8Array {
  if (!(index instanceof DigestIndex)) throw new TypeError('ja-digest-search: serializeIndex expects an index from buildIndex');
  checkCall('serializeIndex', options);
  const format = options.format ?? 'json';
  if (format !== 'json' && format !== 'binary') throw new TypeError(`ja-digest-search: serializeIndex: options.format must be 'json' or 'binary', got ${JSON.stringify(format)}`);
  if (format === 'binary') return encodeSnapshot(index.snapshotParts());
  const live = index.records.filter((r): r is DigestRecord => r !== null);
  return JSON.stringify({
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    options: index.options,
    records: live,
    duplicates: index.duplicates,
  });
}

function checkOptions(options: unknown): ResolvedIndexOptions {
  const parsed = Serialized.shape.options.safeParse(options);
  if (!parsed.success) throw new Error('not { boosts, stopTerms }');
  return resolveIndexOptions(parsed.data);
}

/** The bytes of a saved index, or its JSON text. */
function bytesOf(saved: unknown, fn: string): Uint8Array | string {
  if (typeof saved === 'string') return saved;
  if (saved instanceof Uint8Array) return saved;
  if (saved instanceof ArrayBuffer) return new Uint8Array(saved);
  throw new DigestIndexError(`ja-digest-search: ${fn} expects what serializeIndex returned (a string, a Uint8Array or an ArrayBuffer)`, 'foreign');
}

/** A binary snapshot decoded into a fresh index. */
function fromSnapshot(bytes: Uint8Array): DigestIndex {
  const parts = decodeSnapshot(bytes, checkOptions);
  const index = new DigestIndex(parts.options);
  const problem = index.adopt(parts);
  if (problem !== null) throw new DigestIndexError(`ja-digest-search: ${problem}`, 'corrupt');
  return index;
}

/** The validated contents of a JSON index, or DigestIndexError. */
function readJson(json: string): { index: DigestIndex; records: DigestRecord[]; duplicates: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new DigestIndexError(`ja-digest-search: the index is not valid JSON (${(e as Error).message})`, 'foreign');
  }
  const hint = misuseHint(data);
  if (hint !== null) throw new DigestIndexError(`ja-digest-search: ${hint}`, hint.includes('version') ? 'version' : 'foreign');
  const parsed = Serialized.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown shape';
    const reason = issue?.path[0] === 'version' ? 'version' : issue?.path[0] === 'format' || issue?.path.length === 0 ? 'foreign' : 'corrupt';
    throw new DigestIndexError(`ja-digest-search: not a ja-digest-search index, or a corrupt one (${where})`, reason);
  }
  const { options, duplicates } = parsed.data;
  // Records as saved, extra fields kept (buildIndex keeps them too); a missing position is filled.
  const records: DigestRecord[] = [];
  parsed.data.records.forEach((r, i) => {
    const ok = SavedRecord.safeParse(r);
    if (!ok.success) {
      const issue = ok.error.issues[0];
      throw new DigestIndexError(`ja-digest-search: not a ja-digest-search index, or a corrupt one (records.${i}${issue && issue.path.length > 0 ? `.${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'})`, 'corrupt');
    }
    records.push((r as { position?: unknown }).position === undefined ? (ok.data as DigestRecord) : (r as DigestRecord));
  });
  let resolved;
  try {
    resolved = resolveIndexOptions(options);
  } catch (e) {
    throw new DigestIndexError(`ja-digest-search: the index options are invalid (${(e as Error).message})`, 'corrupt');
  }
  return { index: new DigestIndex(resolved), records, duplicates };
}

/**
 * What to say about JSON that is not a saved index for a reason we can name:
 * a `JSON.stringify(index)` dump (the index's own fields, not its saved
 * form), or an index of another format version. Null otherwise.
 */
function misuseHint(data: unknown): string | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const o = data as Record<string, unknown>;
  if (o.format === undefined && 'options' in o && ('grams' in o || 'recs' in o || 'byId' in o || 'dayKeys' in o)) {
    return 'this is JSON.stringify(index), not a saved index: save with serializeIndex(index) (or serializeIndex(index, { format: \'binary\' })) and load that';
  }
  if (o.format === INDEX_FORMAT && o.version !== INDEX_VERSION) {
    return `the index is JSON format version ${JSON.stringify(o.version)}; this library reads version ${INDEX_VERSION} (build the index again from its records and save it with serializeIndex)`;
  }
  return null;
}

/** JSON text from bytes that are not a snapshot (a JSON file read as bytes), or null. */
function jsonText(bytes: Uint8Array): string | null {
  if (isSnapshot(bytes)) return null;
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] !== 0x7b) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i));
  } catch {
    return null;
  }
}

function finish(index: DigestIndex, skipped: string[], duplicates: string[]): DigestIndex {
  if (skipped.length > 0) throw new DigestIndexError(`ja-digest-search: the index repeats record IDs (${skipped.slice(0, 3).join(', ')})`, 'corrupt');
  index.noteDuplicates(duplicates);
  index.pack();
  return index;
}

/**
 * Loads what `serializeIndex` wrote, in either form (a string, a Uint8Array,
 * an ArrayBuffer); throws `DigestIndexError` (see its `reason`) for anything
 * else. A binary snapshot is not copied: the index keeps views into the
 * bytes given, so do not change them afterwards (pass `bytes.slice()` to
 * reuse the buffer).
 */
export function loadIndex(saved: SavedIndex): DigestIndex {
  const input = bytesOf(saved, 'loadIndex');
  if (typeof input !== 'string') {
    const text = jsonText(input);
    if (text === null) return fromSnapshot(input);
    return loadIndex(text);
  }
  const { index, records, duplicates } = readJson(input);
  // Validated by the schema already: no second check.
  return finish(index, index.add(records, null), duplicates);
}

/**
 * `loadIndex` for a page: a JSON index is validated first and all at once,
 * then built in chunks that yield to the event loop, with `onProgress`. A
 * binary snapshot is decoded in one step (it takes about what one chunk of a
 * JSON load takes); `onProgress` then reports its start and its end.
 */
export async function loadIndexAsync(saved: SavedIndex, options: ChunkOptions = {}): Promise<DigestIndex> {
  // A bad option is the caller's error (TypeError), not the file's (DigestIndexError).
  checkCall('loadIndexAsync', options);
  checkChunkOptions('loadIndexAsync', options);
  const input = bytesOf(saved, 'loadIndexAsync');
  const text = typeof input === 'string' ? input : jsonText(input);
  if (text === null) {
    options.signal?.throwIfAborted();
    const index = fromSnapshot(input as Uint8Array);
    options.onProgress?.({ done: 0, total: index.live });
    options.onProgress?.({ done: index.live, total: index.live });
    return index;
  }
  const { index, records, duplicates } = readJson(text);
  return finish(index, await addInChunks(index, records, options, null), duplicates);
}
