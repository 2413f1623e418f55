import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addRecords, buildIndex, loadIndex, parseDigest, removeRecords, search, searchPage, serializeIndex, toRecord } from '../src/index.js';
import type { SearchPageOptions } from '../src/index.js';
// @ts-expect-error: a plain ES module of the benchmark, without types
import { NEAR_MISS_QUERIES, QUERIES } from '../bench/queries.mjs';
import { syntheticDigest } from '../bench/synthetic.mjs';

const seed = readFileSync(new URL('../fixtures/seed-digest.txt', import.meta.url), 'utf8');
const { records } = parseDigest(seed);
const index = buildIndex(records);

describe('searchPage on the fixture', () => {
  it('gives search’s hits with the total and facets over every match', () => {
    const page = searchPage(index, 'ルッテ', { facets: ['outlet', 'year'] });
    expect(page.hits).toEqual(search(index, 'ルッテ'));
    expect(page).toMatchObject({ total: 4, totalExact: true, offset: 0, limit: 20 });
    expect(page.facets).toEqual({
      outlet: [
        { value: 'Reuters', count: 1 },
        { value: '共同通信', count: 1 },
        { value: '時事通信', count: 1 },
        { value: '朝日新聞', count: 1 },
      ],
      year: [{ value: '2025', count: 4 }],
    });
    // Only the facets asked for.
    expect(searchPage(index, 'ルッテ').facets).toEqual({});
  });

  it('counts the matches beyond the page', () => {
    const all = search(index, 'NATO', { limit: 10_000 });
    expect(all.length).toBeGreaterThan(20);
    const page = searchPage(index, 'NATO', { limit: 2, facets: ['month'] });
    expect(page.hits).toHaveLength(2);
    expect(page.total).toBe(all.length);
    expect(page.facets.month?.reduce((n, m) => n + m.count, 0)).toBe(all.length);
    // limit 0: the counts alone.
    expect(searchPage(index, 'NATO', { limit: 0 })).toMatchObject({ hits: [], total: all.length, totalExact: true });
  });

  it('pages: the second continues the first', () => {
    const long = search(index, 'NATO', { limit: 12 });
    const first = searchPage(index, 'NATO', { limit: 6 });
    const second = searchPage(index, 'NATO', { limit: 6, offset: 6 });
    expect([...first.hits, ...second.hits]).toEqual(long);
    expect(second.total).toBe(first.total);
    // Past the end: no hits, the same total.
    expect(searchPage(index, 'NATO', { offset: 9000 })).toMatchObject({ hits: [], total: first.total });
  });

  it('facet counts are disjunctive: the outlet counts leave out the outlet filter, the year counts the year filter', () => {
    const none = searchPage(index, 'NATO', { facets: ['outlet', 'year'] });
    const one = searchPage(index, 'NATO', { filter: { sources: ['時事通信'] }, facets: ['outlet', 'year'] });
    expect(one.hits.every((h) => h.record.outlet === '時事通信')).toBe(true);
    expect(one.total).toBe(none.facets.outlet?.find((o) => o.value === '時事通信')?.count);
    // The other outlets keep their counts, so that a reader can switch.
    expect(one.facets.outlet).toEqual(none.facets.outlet);
    // The year counts apply the outlet filter.
    expect(one.facets.year?.reduce((n, y) => n + y.count, 0)).toBe(one.total);

    const both = searchPage(index, 'NATO', { filter: { sources: ['時事通信'], years: [2024] }, facets: ['outlet', 'year'] });
    expect(both.hits.every((h) => h.record.outlet === '時事通信' && h.record.date.startsWith('2024'))).toBe(true);
    expect(both.facets.year).toEqual(one.facets.year);
    expect(both.facets.outlet?.find((o) => o.value === '時事通信')?.count).toBe(both.total);
    expect(both.facets.outlet?.reduce((n, o) => n + o.count, 0)).toBe(none.facets.year?.find((y) => y.value === '2024')?.count);
  });

  it('filter.years narrows search too, and takes numbers or four-digit strings', () => {
    const hits = search(index, 'NATO', { filter: { years: [2023, '2018'] }, limit: 100 });
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((h) => h.record.date.slice(0, 4)))).toEqual(new Set(['2023', '2018']));
    expect(search(index, 'NATO', { filter: { years: [] }, limit: 100 })).toEqual(search(index, 'NATO', { limit: 100 }));
  });

  it('an empty query lists the newest records, with exact counts', () => {
    const page = searchPage(index, '', { limit: 3, facets: ['year'] });
    const newest = [...records].sort((a, b) => (a.date !== b.date ? (a.date > b.date ? -1 : 1) : a.id < b.id ? -1 : 1));
    expect(page.hits.map((h) => h.id)).toEqual(newest.slice(0, 3).map((r) => r.id));
    expect(page).toMatchObject({ total: records.length, totalExact: true });
    expect(page.hits[0]).toMatchObject({ score: 0, terms: [], match: 'exact' });
    expect(page.hits[0]?.snippet).toBe(`${(page.hits[0]?.record.summary ?? '').slice(0, 80)}…`);
    const y2024 = searchPage(index, ' ', { filter: { years: ['2024'] }, facets: ['year'] });
    expect(y2024.total).toBe(records.filter((r) => r.date.startsWith('2024')).length);
    expect(y2024.facets.year).toEqual(page.facets.year);
    // search itself still returns nothing for an empty query.
    expect(search(index, '')).toEqual([]);
  });

  it('a query of punctuation only, or not a string, matches nothing (it does not browse)', () => {
    expect(searchPage(index, '、。', { facets: ['year'] })).toEqual({ hits: [], total: 0, totalExact: true, facets: { year: [] }, offset: 0, limit: 20 });
    expect(searchPage(index, 42 as unknown as string).total).toBe(0);
  });

  it('throws a TypeError naming searchPage and the option', () => {
    const bad: [SearchPageOptions, RegExp][] = [
      [{ offset: -1 }, /^ja-digest-search: searchPage: options\.offset must be a whole number >= 0, with offset \+ limit at most 10000 \(limit is 20\), got -1$/],
      [{ offset: 1.5 }, /options\.offset must be .* got 1\.5/],
      [{ offset: '2' as unknown as number }, /options\.offset must be .* got "2"/],
      [{ offset: 9990, limit: 20 }, /options\.offset must be .* got 9990/],
      [{ facets: ['outlets' as 'outlet'] }, /^ja-digest-search: searchPage: options\.facets\[0\] must be 'outlet', 'year', 'month' or 'source', got "outlets"$/],
      [{ facets: 'outlet' as unknown as ['outlet'] }, /options\.facets must be an array/],
      [{ filter: { years: ['25'] } }, /^ja-digest-search: searchPage: options\.filter\.years\[0\] must be a year \(2025 or '2025'\), got "25"$/],
      [{ filter: { years: 2025 as unknown as number[] } }, /options\.filter\.years must be an array/],
      [{ limit: 10_001 }, /^ja-digest-search: searchPage: options\.limit must be a whole number from 0 to 10000, got 10001$/],
      [{ boosts: { title: -1 } }, /searchPage: options\.boosts\.title must be/],
    ];
    for (const [options, message] of bad) expect(() => searchPage(index, 'NATO', options)).toThrow(message);
    // Also for an empty query, which browses.
    expect(() => searchPage(index, '', { offset: -1 })).toThrow(TypeError);
    expect(() => search(index, 'NATO', { filter: { years: [20251] } })).toThrow(/^ja-digest-search: search: options\.filter\.years/);
    expect(() => searchPage({} as typeof index, 'NATO')).toThrow(/searchPage expects an index/);
  });

  it('counts the records in other spellings beyond the page', () => {
    const rec = (i: number, title: string) => toRecord({ id: `v${String(i).padStart(3, '0')}`, date: `2024-0${1 + (i % 9)}-1${i % 10}`, source: i % 2 ? '共同通信' : '時事通信', title });
    const rs = [
      // More of each spelling than the partial tier's 32 places: a variant left out of the count would show.
      ...Array.from({ length: 45 }, (_, i) => rec(i, `F35B の配備 ${i}`)),
      ...Array.from({ length: 5 }, (_, i) => rec(45 + i, `F-35B の調達 ${i}`)),
      ...Array.from({ length: 48 }, (_, i) => rec(50 + i, i % 4 ? `總理の訪問 ${i}` : `総理の会見 ${i}`)),
      ...Array.from({ length: 40 }, (_, i) => rec(98 + i, `日 NATO 協議 ${i}`)),
    ];
    const idx = buildIndex(rs);
    for (const q of ['F-35B', 'F35B', '総理', '總理', '日NATO', 'F35B 調達']) {
      const long = search(idx, q, { limit: 10_000 });
      expect(long.some((h) => h.match === 'variant'), q).toBe(true);
      const page = searchPage(idx, q, { limit: 2, facets: ['outlet', 'month'] });
      expect(page.hits, q).toEqual(long.slice(0, 2));
      // Over 32 candidates in another spelling are sampled, not all checked: then within 10%.
      if (page.totalExact) expect(page.total, q).toBe(long.length);
      else expect(Math.abs(page.total - long.length), q).toBeLessThanOrEqual(0.1 * long.length);
      expect(Math.abs((page.facets.month?.reduce((n, m) => n + m.count, 0) ?? 0) - page.total), q).toBeLessThanOrEqual(page.facets.month?.length ?? 0);
    }
  });

  it('follows the index as records are added and removed, and a loaded index gives the same page', () => {
    const copy = buildIndex(records);
    const before = searchPage(copy, '', { facets: ['outlet'] });
    const added = toRecord({ id: 'x-1', date: '2026-01-02', source: '北國新聞', title: 'NATO 新しい記事', summary: 'NATO の話。' });
    addRecords(copy, [added]);
    const after = searchPage(copy, '', { facets: ['outlet'], limit: 1 });
    expect(after.total).toBe(before.total + 1);
    expect(after.hits[0]?.id).toBe('x-1');
    expect(after.facets.outlet).toContainEqual({ value: '北國新聞', count: 1 });
    removeRecords(copy, ['x-1', '2505-040917']);
    const gone = searchPage(copy, 'ルッテ', { facets: ['outlet'] });
    expect(gone.total).toBe(3);
    expect(gone.facets.outlet?.some((o) => o.value === 'Reuters')).toBe(false);
    expect(searchPage(copy, '', {}).total).toBe(before.total - 1);

    const loaded = loadIndex(serializeIndex(index, { format: 'binary' }));
    for (const q of ['', 'NATO', 'ルッテ', 'マドリッド', 'NATO 東京 事務所']) {
      const o: SearchPageOptions = { limit: 5, offset: 1, facets: ['outlet', 'year', 'month', 'source'] };
      expect(searchPage(loaded, q, o)).toEqual(searchPage(index, q, o));
    }
  });
});

describe.each([
  { size: 1000, least: 10 },
  { size: 6000, least: 15 },
])('searchPage on $size records: estimates where counting would cost more than the page', ({ size, least }) => {
  const big = buildIndex(parseDigest(syntheticDigest(size)).records);
  const queries = [...(QUERIES as string[]), ...(NEAR_MISS_QUERIES as string[])];

  it('an estimated total is within 10% of the real count, and the same on every page', () => {
    let estimated = 0;
    for (const q of queries) {
      const page = searchPage(big, q, { facets: ['year'] });
      const real = search(big, q, { limit: 10_000 }).length;
      if (page.totalExact) {
        expect(page.total, q).toBe(real);
        continue;
      }
      estimated++;
      expect(Math.abs(page.total - real), `${q}: ${page.total} for ${real}`).toBeLessThanOrEqual(0.1 * real);
      // The facet estimates add up to the total, up to rounding.
      const sum = page.facets.year?.reduce((n, y) => n + y.count, 0) ?? 0;
      expect(Math.abs(sum - page.total), q).toBeLessThanOrEqual(page.facets.year?.length ?? 0);
      expect(searchPage(big, q, { offset: 20 }).total, q).toBe(page.total);
    }
    // The common queries are estimated (else this test checks nothing).
    expect(estimated).toBeGreaterThan(least);
  });

  it('within one outlet too, where a sampled pool of variant candidates hides partial hits unless its misses stay in', () => {
    // ルッテ 訪日 at 1,000 records: 38 records hold both words and 32 more match in part; the 33 variant candidates
    // were sampled (none of those checked matched), and leaving all of them out of the partial tier counted 52 for 70.
    const filter = { sources: ['共同通信'] };
    for (const q of [...queries, 'ルッテ 訪日', 'ストルテンベルグ 来日', 'ウクライナ 首脳']) {
      const page = searchPage(big, q, { filter, facets: ['outlet', 'year'], limit: 5 });
      const real = search(big, q, { filter, limit: 10_000 }).length;
      if (page.totalExact) expect(page.total, q).toBe(real);
      else expect(Math.abs(page.total - real), `${q}: ${page.total} for ${real}`).toBeLessThanOrEqual(0.1 * real);
    }
  });
});
