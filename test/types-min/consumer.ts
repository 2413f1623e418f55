// Type-checked by the oldest TypeScript this package supports (package.json
// "check:types-min"), against the built declarations, without skipLibCheck:
// what a user of that version meets.
import { buildIndex, loadIndex, parseDigest, search, searchPage, serializeIndex, upsertRecords } from 'ja-digest-search';
import type { DigestRecord, SearchHit, SearchOptions } from 'ja-digest-search';

const { records } = parseDigest('2025.01.21 18:52 時事通信 見出し <2502-012113> 本文。');
const first: DigestRecord | undefined = records[0];
const index = buildIndex(records, { boosts: { title: 2 } });
const options: SearchOptions = { limit: 5, fuzzy: 1, filter: { from: '2025-01' } };
const hits: SearchHit[] = search(index, '本文', options);
const page = searchPage(index, '', { facets: ['outlet', 'year'] });
const count: number = index.size + page.total + hits.length;
const again = loadIndex(serializeIndex(index, { format: 'binary' }));
upsertRecords(again, records);
// @ts-expect-error: the index's structures are not part of its type
again.grams;
export { count, first };
