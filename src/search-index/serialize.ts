/**
 * serializeIndex / loadIndex. The JSON holds the options and the records; the
 * index is rebuilt from them on load (as fast as a build: the gram index,
 * word edges and vocabulary are all derived data), which keeps the file small
 * and the two paths identical. The loader supplies the analysis itself,
 * so callers never repeat build options as MiniSearch's loadJSON requires.
 */
import * as z from 'zod/mini';
import { DigestRecord } from '../schema.js';
import { DigestIndex, addInChunks, checkChunkOptions, resolveIndexOptions } from './build.js';
import type { ChunkOptions } from './build.js';

export const INDEX_FORMAT = 'ja-digest-search/index';
export const INDEX_VERSION = 1;

/** Thrown by `loadIndex` for JSON that is not a whole, valid serialized index. */
export class DigestIndexError extends Error {
  override readonly name = 'DigestIndexError';
}

const Serialized = z.object({
  format: z.literal(INDEX_FORMAT),
  version: z.literal(INDEX_VERSION),
  options: z.object({
    boosts: z.object({ title: z.number(), summary: z.number(), notes: z.number(), source: z.number() }),
    stopTerms: z.array(z.string()),
  }),
  records: z.array(DigestRecord),
  duplicates: z.array(z.string()),
});

export function serializeIndex(index: DigestIndex): string {
  if (!(index instanceof DigestIndex)) throw new TypeError('ja-digest-search: serializeIndex expects an index from buildIndex');
  const live = index.records.filter((r): r is DigestRecord => r !== null);
  return JSON.stringify({
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    options: index.options,
    records: live,
    duplicates: index.duplicates,
  });
}

/** The validated contents of a serialized index, or DigestIndexError. */
function read(json: string): { index: DigestIndex; records: DigestRecord[]; duplicates: string[] } {
  if (typeof json !== 'string') throw new DigestIndexError('ja-digest-search: loadIndex expects the string from serializeIndex');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new DigestIndexError(`ja-digest-search: the index is not valid JSON (${(e as Error).message})`);
  }
  const parsed = Serialized.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown shape';
    throw new DigestIndexError(`ja-digest-search: not a ja-digest-search index, or a corrupt one (${where})`);
  }
  const { options, records, duplicates } = parsed.data;
  let resolved;
  try {
    resolved = resolveIndexOptions(options);
  } catch (e) {
    throw new DigestIndexError(`ja-digest-search: the index options are invalid (${(e as Error).message})`);
  }
  return { index: new DigestIndex(resolved), records, duplicates };
}

function finish(index: DigestIndex, skipped: string[], duplicates: string[]): DigestIndex {
  if (skipped.length > 0) throw new DigestIndexError(`ja-digest-search: the index repeats record IDs (${skipped.slice(0, 3).join(', ')})`);
  for (const id of duplicates) index.duplicates.push(id);
  return index;
}

/** Loads what `serializeIndex` wrote; throws `DigestIndexError` for anything else. */
export function loadIndex(json: string): DigestIndex {
  const { index, records, duplicates } = read(json);
  // Validated by the schema already: no second check.
  return finish(index, index.add(records, null), duplicates);
}

/**
 * `loadIndex` in chunks that yield to the event loop, with `onProgress`: for
 * a large archive loaded on a page. Validation happens first and all at once.
 */
export async function loadIndexAsync(json: string, options: ChunkOptions = {}): Promise<DigestIndex> {
  // A bad option is the caller's error (TypeError), not the file's (DigestIndexError).
  checkChunkOptions('loadIndexAsync', options);
  const { index, records, duplicates } = read(json);
  return finish(index, await addInChunks(index, records, options, null), duplicates);
}
