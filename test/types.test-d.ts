import { describe, expectTypeOf, it } from 'vitest';
import {
  DigestIndex,
  addRecords,
  loadIndexAsync,
  removeRecords,
  toRecord,
  tokenize,
  upsertRecords,
  DigestParseError,
  DigestRecord,
  buildIndex,
  buildIndexAsync,
  loadIndex,
  parseDigest,
  search,
  searchPage,
  serializeIndex,
} from '../src/index.js';
import type { Diagnostic, DiagnosticCode, FacetCount, FacetName, MatchKind, SearchHit, SearchOptions, SearchPage } from '../src/index.js';

describe('public types', () => {
  it('parseDigest returns records and diagnostics', () => {
    const result = parseDigest('');
    expectTypeOf(result.records).toEqualTypeOf<DigestRecord[]>();
    expectTypeOf(result.diagnostics).toEqualTypeOf<Diagnostic[]>();
    expectTypeOf(parseDigest).parameter(1).toEqualTypeOf<{ strict?: boolean; sources?: readonly (string | { outlet: string; aliases?: readonly string[] })[] } | undefined>();
    expectTypeOf(new DigestParseError([]).diagnostics).toEqualTypeOf<readonly Diagnostic[]>();
  });

  it('DigestRecord is a schema and a type of the same name', () => {
    expectTypeOf<DigestRecord['time']>().toEqualTypeOf<string | null>();
    expectTypeOf<DigestRecord['via']>().toEqualTypeOf<string | null>();
    expectTypeOf<DigestRecord['related'][number]>().toEqualTypeOf<{ id: string; source?: string | undefined; date?: string | undefined; raw?: string | undefined }>();
    expectTypeOf(DigestRecord.safeParse).toBeFunction();
  });

  it('diagnostic codes are a closed union', () => {
    expectTypeOf<'stray-text'>().toExtend<DiagnosticCode>();
    expectTypeOf<'no-such-code'>().not.toExtend<DiagnosticCode>();
    expectTypeOf<Diagnostic['severity']>().toEqualTypeOf<'error' | 'warning' | 'info'>();
  });

  it('the index functions fit together', () => {
    expectTypeOf(buildIndex).returns.toEqualTypeOf<DigestIndex>();
    expectTypeOf(buildIndexAsync).returns.toEqualTypeOf<Promise<DigestIndex>>();
    const index = buildIndex([]);
    expectTypeOf(serializeIndex(index)).toBeString();
    expectTypeOf(serializeIndex(index, { format: 'json' })).toBeString();
    expectTypeOf(serializeIndex(index, { format: 'binary' })).toEqualTypeOf<Uint8Array>();
    expectTypeOf(loadIndex).parameter(0).toEqualTypeOf<string | Uint8Array | ArrayBuffer>();
    expectTypeOf(loadIndex).returns.toEqualTypeOf<DigestIndex>();
    expectTypeOf(search).returns.toEqualTypeOf<SearchHit[]>();
    expectTypeOf<SearchHit>().toHaveProperty('titleSnippet').toBeString();
    expectTypeOf<SearchHit['record']>().toEqualTypeOf<DigestRecord>();
    expectTypeOf<SearchOptions['combineWith']>().toEqualTypeOf<'AND' | 'OR' | undefined>();
  });

  it('every hit says how it matched, and a search can ask for the strict kinds only', () => {
    expectTypeOf<MatchKind>().toEqualTypeOf<'exact' | 'variant' | 'partial'>();
    expectTypeOf<SearchHit['match']>().toEqualTypeOf<MatchKind>();
    expectTypeOf<SearchOptions['match']>().toEqualTypeOf<MatchKind | undefined>();
    expectTypeOf<SearchHit>().not.toHaveProperty('fallback');
    // @ts-expect-error: not a match kind
    search(buildIndex([]), 'NATO', { match: 'fuzzy' });
  });

  it('a result page: the hits, the total, facets keyed by the facets asked', () => {
    expectTypeOf(searchPage).returns.toEqualTypeOf<SearchPage>();
    expectTypeOf<SearchPage['hits']>().toEqualTypeOf<SearchHit[]>();
    expectTypeOf<SearchPage['total']>().toBeNumber();
    expectTypeOf<SearchPage['totalExact']>().toBeBoolean();
    expectTypeOf<FacetName>().toEqualTypeOf<'outlet' | 'year' | 'month' | 'source'>();
    expectTypeOf<SearchPage['facets']['outlet']>().toEqualTypeOf<FacetCount[] | undefined>();
    expectTypeOf<FacetCount>().toEqualTypeOf<{ value: string; count: number }>();
    expectTypeOf<NonNullable<SearchOptions['filter']>['years']>().toEqualTypeOf<readonly (number | string)[] | undefined>();
    // @ts-expect-error: not a facet
    searchPage(buildIndex([]), 'NATO', { facets: ['author'] });
  });

  it('the options of each export refuse wrong calls at compile time too', () => {
    const index = buildIndex([]);
    // @ts-expect-error: combineWith is 'AND' or 'OR'
    search(index, 'NATO', { combineWith: 'or' });
    // @ts-expect-error: sources is an array
    search(index, 'NATO', { filter: { sources: '日経新聞' } });
    // @ts-expect-error: a MiniSearch-style filter function is not a filter
    search(index, 'NATO', { filter: (r: unknown) => Boolean(r) });
    // @ts-expect-error: boosts, not boost
    search(index, 'NATO', { boost: { title: 2 } });
    // @ts-expect-error: no field titel
    search(index, 'NATO', { boosts: { titel: 2 } });
    // @ts-expect-error: limit is a number
    search(index, 'NATO', { limit: '5' });
    // @ts-expect-error: snippet is an object
    search(index, 'NATO', { snippet: 'mark' });
    // @ts-expect-error: offset is a number
    searchPage(index, 'NATO', { offset: '20' });
    // @ts-expect-error: strict is a boolean
    parseDigest('', { strict: 'yes' });
    // @ts-expect-error: sources is an array
    parseDigest('', { sources: 'Foo' });
    // @ts-expect-error: stopTerms is an array
    buildIndex([], { stopTerms: 'x' });
    // @ts-expect-error: chunkSize is a number
    buildIndexAsync([], { chunkSize: '10' });
    // @ts-expect-error: format is 'json' or 'binary'
    serializeIndex(index, { format: 'xml' });
    // @ts-expect-error: a saved index is a string or bytes
    loadIndex({});
    // @ts-expect-error: onProgress is a function
    void loadIndexAsync('', { onProgress: true });
    // @ts-expect-error: bigrams is a boolean
    tokenize('', { bigrams: 1 });
    // @ts-expect-error: an ID is a string
    removeRecords(index, 5);
    // @ts-expect-error: records are records
    addRecords(index, ['x']);
    // @ts-expect-error: records are records
    upsertRecords(index, [{ id: 'x' }]);
    // @ts-expect-error: toRecord needs a date
    toRecord({ id: 'x' });
    expectTypeOf(removeRecords).parameter(1).toEqualTypeOf<string | readonly string[]>();
    expectTypeOf(upsertRecords(index, [])).toEqualTypeOf<{ added: string[]; replaced: string[] }>();
  });

  it('DigestIndex shows what users may touch, read-only', () => {
    const index = buildIndex([]);
    expectTypeOf(index.size).toBeNumber();
    expectTypeOf(index.duplicates).toEqualTypeOf<readonly string[]>();
    // @ts-expect-error: size is read-only
    index.size = 999;
    expectTypeOf<SearchHit['matched']>().toEqualTypeOf<string[]>();
  });
});
