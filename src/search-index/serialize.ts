/**
 * serializeIndex / loadIndex. The JSON holds the options, the records and the
 * vocabulary; the gram index and MiniSearch are rebuilt from them, which is
 * fast and keeps the file small. The loader supplies the analysis itself,
 * so callers never repeat build options as MiniSearch's loadJSON requires.
 */
import * as z from 'zod/mini';
import { DigestRecord } from '../schema.js';
import { DigestIndex, resolveIndexOptions } from './build.js';

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
  vocabulary: z.array(z.string()),
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
    vocabulary: index.vocabulary,
  });
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
  const { options, records, duplicates, vocabulary } = parsed.data;
  let resolved;
  try {
    resolved = resolveIndexOptions(options);
  } catch (e) {
    throw new DigestIndexError(`ja-digest-search: the index options are invalid (${(e as Error).message})`);
  }
  const index = new DigestIndex(resolved, vocabulary);
  const skipped = index.add(records, false);
  if (skipped.length > 0) throw new DigestIndexError(`ja-digest-search: the index repeats record IDs (${skipped.slice(0, 3).join(', ')})`);
  index.duplicates.push(...duplicates);
  return index;
}
