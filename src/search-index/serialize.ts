/**
 * serializeIndex / loadIndex. The JSON holds the options, the records and
 * MiniSearch's word index; the gram index is rebuilt from the records, which
 * is fast and keeps the file small. The loader supplies the analysis itself,
 * so callers never repeat build options as MiniSearch's loadJSON requires.
 */
import MiniSearch from 'minisearch';
import * as z from 'zod/mini';
import { DigestRecord } from '../schema.js';
import { DigestIndex, miniSearchOptions, resolveIndexOptions } from './build.js';

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
  words: z.record(z.string(), z.unknown()),
});

export function serializeIndex(index: DigestIndex): string {
  if (!(index instanceof DigestIndex)) throw new TypeError('ja-digest-search: serializeIndex expects an index from buildIndex');
  // Records are stored live and in order; MiniSearch ids are positions among them.
  const live = index.records.filter((r): r is DigestRecord => r !== null);
  const compact = live.length !== index.records.length;
  const words = compact ? rebuiltWords(index, live) : index.words;
  return JSON.stringify({
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    options: index.options,
    records: live,
    duplicates: index.duplicates,
    words: words.toJSON(),
  });
}

function rebuiltWords(index: DigestIndex, live: DigestRecord[]): MiniSearch {
  const fresh = new DigestIndex(index.options);
  fresh.add(live);
  return fresh.words;
}

export function loadIndex(json: string): DigestIndex {
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
  const { options, records, duplicates, words } = parsed.data;
  const resolved = resolveIndexOptions(options);
  let mini: MiniSearch;
  try {
    mini = MiniSearch.loadJS(words as unknown as Parameters<typeof MiniSearch.loadJS>[0], miniSearchOptions(resolved));
  } catch (e) {
    throw new DigestIndexError(`ja-digest-search: the word index is corrupt (${(e as Error).message})`);
  }
  if (mini.documentCount !== records.length) {
    throw new DigestIndexError(`ja-digest-search: the word index holds ${mini.documentCount} documents but there are ${records.length} records`);
  }
  const index = new DigestIndex(resolved, mini as DigestIndex["words"]);
  const skipped = index.add(records, false);
  if (skipped.length > 0) throw new DigestIndexError(`ja-digest-search: the index repeats record IDs (${skipped.slice(0, 3).join(', ')})`);
  index.duplicates.push(...duplicates);
  return index;
}
