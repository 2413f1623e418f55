/**
 * searchPage against brute force (issue 13): over random records, queries,
 * filters and options, the page is the slice of search's long list, pages
 * concatenate to that list, `total` is its length (exact, or within 10%
 * when marked an estimate), and every facet count is the count over the
 * matching records with every filter but the facet's own. The empty query is
 * checked against the records themselves, and an exact-only count against a
 * substring scan of the records' searchable text.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex, normalizeText, parseDigest, removeRecords, search, searchPage } from '../src/index.js';
import type { DigestRecord, FacetCount, FacetName, SearchFilter, SearchHit, SearchPageOptions } from '../src/index.js';
import { searchableFields } from '../src/search-index/build.js';
import { queryTerms } from '../src/search/query.js';

const seed = readFileSync(new URL('../fixtures/seed-digest.txt', import.meta.url), 'utf8');
const base = parseDigest(seed).records;
const sentences = base.flatMap((r) => r.summary.split(/(?<=。)\s*/)).filter((s) => s.length > 0);
const titles = base.map((r) => r.title);
const SOURCES = [...new Map(base.map((r) => [`${r.source}|${r.outlet}`, { source: r.source, outlet: r.outlet }])).values()];
const DATES = ['2018-08-23', '2022-06-07', '2022-06-30', '2023-05-10', '2023-05-11', '2024-07-12', '2025-01-21', '2025-04-09', '2025-04-05'];
const FACETS: FacetName[] = ['outlet', 'year', 'month', 'source'];

const corpus = fc
  .array(
    fc.record({
      title: fc.constantFrom(...titles),
      summary: fc.array(fc.constantFrom(...sentences), { minLength: 1, maxLength: 3 }),
      date: fc.constantFrom(...DATES),
      from: fc.constantFrom(...SOURCES),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((rs) => rs.map((r, i): DigestRecord => ({ ...(base[0] as DigestRecord), id: `r${String(i).padStart(2, '0')}`, date: r.date, title: r.title, summary: r.summary.join(' '), ...r.from })));

/** Words of the fixture, spellings of them, phrases, near misses and nothing at all. */
const WORDS = ['NATO', 'F35B', 'F-35B', 'ACSA', 'ルッテ', '事務総長', '首相', '太平洋', '東京', '事務所', '日本', 'マドリッド', 'ﾙｯﾃ', 'テルヅキ', '"Keen Sword"', '物品役務総合提供協定', '訪日', '防衛相', 'zzq', '、'];
/**
 * A query: one of WORDS, two of them, a piece of one of the records, or a
 * seam: three characters whose two bigrams a record holds apart (AB…BC for
 * ABC), which the bigram index proposes and the text turns down (`cut` makes
 * the last two from the records).
 */
const query = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([a, b]) => `${a} ${b}`),
  fc.record({ which: fc.nat(), at: fc.nat(), len: fc.integer({ min: 1, max: 6 }), seam: fc.boolean() }),
);
function cut(records: readonly DigestRecord[], q: string | { which: number; at: number; len: number; seam: boolean }): string {
  if (typeof q === 'string') return q;
  const r = records[q.which % records.length] as DigestRecord;
  const text = q.which % 3 === 0 ? r.title : r.summary;
  const at = q.at % Math.max(1, text.length);
  if (q.seam) {
    for (let i = at; i + 1 < text.length; i++) {
      const j = text.indexOf(text.charAt(i + 1), i + 2);
      if (j > 0 && j + 1 < text.length) return text.charAt(i) + text.charAt(i + 1) + text.charAt(j + 1);
    }
  }
  return text.slice(at, at + q.len);
}

/** No filter, or one or two of its parts (all four at once rarely keep a record). */
const filter = fc.oneof(
  fc.constant({}),
  fc.record(
    {
      from: fc.constantFrom('2022', '2023-05-11', '2024-01'),
      to: fc.constantFrom('2024', '2025-01-21', '2023-05'),
      sources: fc.subarray(['共同通信', '時事通信', '日経新聞', 'CNN(Yahoo)', 'Reuters', '産経新聞'], { minLength: 1 }),
      years: fc.subarray([2018, '2022', 2023, '2024', '2025'], { minLength: 1 }),
    },
    { requiredKeys: [] },
  ).filter((f) => Object.keys(f).length <= 2),
).map((f): SearchFilter => f);

const options = fc.record(
  {
    match: fc.constantFrom('exact' as const, 'variant' as const, 'partial' as const),
    combineWith: fc.constantFrom('AND' as const, 'OR' as const),
    sort: fc.constantFrom('score' as const, 'date' as const),
    fuzzy: fc.constantFrom(1, 0.3),
    prefix: fc.boolean(),
    filter,
  },
  { requiredKeys: [] },
);

const LONG = 10_000;
const ids = (hits: readonly SearchHit[]): string[] => hits.map((h) => h.id);

/** A facet's counts as searchPage orders them: most first then by value; years and months newest first. */
function counted(name: FacetName, values: readonly string[]): FacetCount[] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  const out = [...m].map(([value, count]) => ({ value, count }));
  const byValue = (a: FacetCount, b: FacetCount): number => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  return name === 'year' || name === 'month' ? out.sort((a, b) => byValue(b, a)) : out.sort((a, b) => b.count - a.count || byValue(a, b));
}

const valueOf = (name: FacetName, r: DigestRecord): string => (name === 'outlet' ? r.outlet : name === 'source' ? r.source : name === 'year' ? r.date.slice(0, 4) : r.date.slice(0, 7));

/** The filter a facet's counts apply: every filter but its own (`sources` for outlet and source, `years` for year). */
function facetFilter(name: FacetName, f: SearchFilter | undefined): SearchFilter {
  if (!f) return {};
  const { sources, years, ...rest } = f;
  if (name === 'outlet' || name === 'source') return years ? { ...rest, years } : rest;
  if (name === 'year') return sources ? { ...rest, sources } : rest;
  return f;
}

describe('searchPage against search and brute force', () => {
  it('hits are the slice of the long list; total and disjunctive facets are its counts', () => {
    fc.assert(
      // Short pages, so that most matches lie beyond the page and are counted, not ranked.
      fc.property(corpus, query, options, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3 }), (records, pick, o, offset, limit) => {
        const q = cut(records, pick);
        const index = buildIndex(records);
        const page = searchPage(index, q, { ...o, offset, limit, facets: FACETS });
        if (q.trim() === '') return;
        const long = search(index, q, { ...o, limit: LONG });
        expect(ids(page.hits), q).toEqual(ids(long.slice(offset, offset + limit)));
        expect(page.hits).toEqual(long.slice(offset, offset + limit));
        // search is searchPage's first page.
        expect(search(index, q, { ...o, limit })).toEqual(searchPage(index, q, { ...o, limit }).hits);
        expect([page.offset, page.limit]).toEqual([offset, limit]);
        if (page.totalExact) expect(page.total, q).toBe(long.length);
        else expect(Math.abs(page.total - long.length), q).toBeLessThanOrEqual(0.1 * long.length);
        // limit 0: the counts alone, all of them from counting (none from the ranking).
        const counts = searchPage(index, q, { ...o, limit: 0, facets: FACETS });
        expect(counts.hits).toEqual([]);
        if (counts.totalExact) {
          expect(counts.total, q).toBe(long.length);
          if (page.totalExact) expect(counts.facets).toEqual(page.facets);
        } else expect(Math.abs(counts.total - long.length), q).toBeLessThanOrEqual(0.1 * long.length);
        if (!page.totalExact) return;
        for (const name of FACETS) {
          const matching = search(index, q, { ...o, filter: facetFilter(name, o.filter), limit: LONG });
          expect(page.facets[name], `${q} ${name}`).toEqual(counted(name, matching.map((h) => valueOf(name, h.record))));
        }
      }),
      { numRuns: 250 },
    );
  });

  it('pages of any size concatenate to the long list, with one total on every page', () => {
    fc.assert(
      fc.property(corpus, query, options, fc.integer({ min: 1, max: 5 }), (records, pick, o, size) => {
        const q = cut(records, pick);
        const index = buildIndex(records);
        const long = ids(search(index, q.trim() === '' ? 'NATO' : q, { ...o, limit: LONG }));
        const pages: string[] = [];
        const totals = new Set<number>();
        for (let offset = 0; offset <= long.length; offset += size) {
          const page = searchPage(index, q.trim() === '' ? 'NATO' : q, { ...o, offset, limit: size });
          totals.add(page.total);
          pages.push(...ids(page.hits));
        }
        expect(pages).toEqual(long);
        expect(totals.size).toBe(1);
      }),
      { numRuns: 120 },
    );
  });

  it('an exact-only count is the number of records whose text holds every term (a scan)', () => {
    fc.assert(
      fc.property(corpus, query, fc.option(filter, { nil: undefined }), (records, pick, f) => {
        const q = cut(records, pick);
        const index = buildIndex(records);
        const terms = queryTerms(q).filter((t) => !t.phrase);
        if (terms.length === 0 || terms.length !== queryTerms(q).length) return;
        const page = searchPage(index, q, { match: 'exact', filter: f ?? {}, facets: ['year'] });
        const keep = (r: DigestRecord, yearsToo: boolean): boolean =>
          (!f?.from || r.date >= f.from) &&
          (!f?.to || r.date.slice(0, f.to.length) <= f.to) &&
          (!f?.sources || f.sources.some((s) => normalizeText(s) === normalizeText(r.source) || normalizeText(s) === normalizeText(r.outlet))) &&
          (!yearsToo || !f?.years || f.years.map(String).includes(r.date.slice(0, 4)));
        const holds = (r: DigestRecord): boolean => {
          const fields = searchableFields(r);
          return terms.every((t) => fields.some((text) => text.includes(t.text)));
        };
        expect(page.totalExact).toBe(true);
        expect(page.total, q).toBe(records.filter((r) => keep(r, true) && holds(r)).length);
        expect(page.facets.year, q).toEqual(counted('year', records.filter((r) => keep(r, false) && holds(r)).map((r) => r.date.slice(0, 4))));
      }),
      { numRuns: 200 },
    );
  });

  it('the empty query lists every record the filter keeps, newest first, with exact counts', () => {
    fc.assert(
      fc.property(corpus, fc.option(filter, { nil: undefined }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 8 }), fc.nat(), (records, f, offset, limit, drop) => {
        const index = buildIndex(records);
        // A removed record is neither listed nor counted.
        const gone = records[drop % records.length] as DigestRecord;
        removeRecords(index, [gone.id]);
        const live = records.filter((r) => r !== gone);
        const opts: SearchPageOptions = { offset, limit, facets: FACETS };
        if (f) opts.filter = f;
        const page = searchPage(index, '  ', opts);
        const keep = (r: DigestRecord, without?: 'sources' | 'years'): boolean =>
          (!f?.from || r.date >= f.from) &&
          (!f?.to || r.date.slice(0, f.to.length) <= f.to) &&
          (without === 'sources' || !f?.sources || f.sources.some((s) => normalizeText(s) === normalizeText(r.source) || normalizeText(s) === normalizeText(r.outlet))) &&
          (without === 'years' || !f?.years || f.years.map(String).includes(r.date.slice(0, 4)));
        const newest = live.filter((r) => keep(r)).sort((a, b) => (a.date !== b.date ? (a.date > b.date ? -1 : 1) : a.id < b.id ? -1 : 1));
        expect(ids(page.hits)).toEqual(newest.slice(offset, offset + limit).map((r) => r.id));
        expect(page.total).toBe(newest.length);
        expect(page.totalExact).toBe(true);
        expect(page.facets.month).toEqual(counted('month', newest.map((r) => r.date.slice(0, 7))));
        expect(page.facets.outlet).toEqual(counted('outlet', live.filter((r) => keep(r, 'sources')).map((r) => r.outlet)));
        expect(page.facets.source).toEqual(counted('source', live.filter((r) => keep(r, 'sources')).map((r) => r.source)));
        expect(page.facets.year).toEqual(counted('year', live.filter((r) => keep(r, 'years')).map((r) => r.date.slice(0, 4))));
      }),
      { numRuns: 200 },
    );
  });
});
