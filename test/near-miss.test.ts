import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildIndex, parseDigest, search } from '../src/index.js';
import type { SearchHit } from '../src/index.js';
import { NEAR_MISSES, NONSENSE } from './near-miss.cases.js';

const seed = readFileSync(new URL('../fixtures/seed-digest.txt', import.meta.url), 'utf8');
const index = buildIndex(parseDigest(seed).records);
const KINDS = ['exact', 'variant', 'partial'];

/** Hits come exact first, then variant, then partial. */
function tiered(hits: SearchHit[]): boolean {
  return hits.every((h, i) => i === 0 || KINDS.indexOf((hits[i - 1] as SearchHit).match) <= KINDS.indexOf(h.match));
}

describe('near-miss queries find the record meant, first', () => {
  for (const c of NEAR_MISSES) {
    it(`${c.query} (${c.kind})`, () => {
      const hits = search(index, c.query, { limit: 10 });
      expect(hits[0]?.id, JSON.stringify(hits.map((h) => [h.id, h.match]))).toSatisfy((id: string) => c.meant.includes(id));
      expect(hits[0]?.match).not.toBe('exact');
      expect(tiered(hits)).toBe(true);
    });
  }

  it('NATO 東京 事務所: the three records that hold every word, then the one without 東京', () => {
    const hits = search(index, 'NATO 東京 事務所', { limit: 10 });
    expect(hits.slice(0, 3).map((h) => h.match)).toEqual(['exact', 'exact', 'exact']);
    expect(hits.slice(0, 3).map((h) => h.id).sort()).toEqual(['2306-051019', '2306-051105', '2408-071212']);
    expect(hits[3]).toMatchObject({ id: '2507-062438', match: 'partial' });
    expect(hits[3]?.terms).toEqual(['nato', '事務所']);
  });

  it('the mean reciprocal rank over all cases is at least 0.95, with no case left without its record in the top 10', () => {
    let mrr = 0;
    for (const c of NEAR_MISSES) {
      const rank = search(index, c.query, { limit: 10 }).findIndex((h) => c.meant.includes(h.id));
      expect(rank, c.query).toBeGreaterThanOrEqual(0);
      mrr += 1 / (rank + 1);
    }
    expect(mrr / NEAR_MISSES.length).toBeGreaterThanOrEqual(0.95);
  });
});

describe('no confident nonsense', () => {
  for (const q of NONSENSE) {
    it(`${q}: no exact or variant hit, and no partial hit that covers less than half of it`, () => {
      const hits = search(index, q);
      expect(hits.every((h) => h.match === 'partial' && h.score >= 0.5)).toBe(true);
      expect(hits).toEqual([]);
    });
  }
});

describe('match levels', () => {
  it('match: exact gives exact hits only; variant adds variants but no partial hits', () => {
    expect(search(index, 'マドリッド', { match: 'exact' })).toEqual([]);
    expect(search(index, 'マドリッド', { match: 'variant' }).map((h) => [h.id, h.match])).toEqual([['2207-063001', 'variant']]);
    expect(search(index, '物品役務総合提供協定', { match: 'variant' })).toEqual([]);
    expect(search(index, '物品役務総合提供協定')[0]).toMatchObject({ id: '2507-062601', match: 'partial' });
    const exact = search(index, 'NATO 東京 事務所', { match: 'exact', limit: 10 });
    expect(exact.map((h) => h.match)).toEqual(['exact', 'exact', 'exact']);
  });

  it('the default finds exact hits first, as exact-only search does', () => {
    for (const q of ['ルッテ', '太平洋', 'NATO 事務所', 'EU 首脳', '事務総長']) {
      const all = search(index, q, { limit: 100 });
      const exact = search(index, q, { limit: 100, match: 'exact' });
      expect(all.slice(0, exact.length)).toEqual(exact);
      expect(tiered(all)).toBe(true);
    }
  });

  it('rejects an unknown level', () => {
    expect(() => search(index, 'NATO', { match: 'fuzzy' as 'exact' })).toThrow(TypeError);
  });

  it('marks fuzzy expansions as partial (a prefix search still finds the term as written: exact)', () => {
    const hits = search(index, 'kinaliade', { fuzzy: 1 });
    expect(hits.map((h) => [h.id, h.match])).toEqual([['2407-061215', 'partial']]);
    expect(search(index, 'kinaliade', { fuzzy: 1, match: 'variant' })).toEqual([]);
    expect(search(index, 'ストルテンベルク', { fuzzy: 1, match: 'exact' })).toEqual([]);
    expect(search(index, 'misw', { prefix: true }).map((h) => [h.id, h.match])).toEqual([['2307-062718', 'exact']]);
  });

  it('finds a typo in a latin word, as Meilisearch does by default', () => {
    const hits = search(index, 'Shivalk');
    expect(hits[0]).toMatchObject({ id: '2407-061215', match: 'partial' });
  });

  it('OR: a record matching any term as written is exact', () => {
    const hits = search(index, 'ルッテ マドリッド', { combineWith: 'OR', limit: 50 });
    expect(hits.filter((h) => h.match === 'exact').every((h) => h.terms.includes('ルッテ'))).toBe(true);
    expect(hits.find((h) => h.id === '2207-063001')?.match).toBe('variant');
    expect(tiered(hits)).toBe(true);
  });

  it('sorts each kind by date with sort: date, kinds still in order', () => {
    const hits = search(index, 'ストルテンベルグ 事務総長', { sort: 'date', limit: 50 });
    expect(tiered(hits)).toBe(true);
    for (let i = 1; i < hits.length; i++) {
      const [a, b] = [hits[i - 1] as SearchHit, hits[i] as SearchHit];
      if (a.match === b.match) expect(a.record.date >= b.record.date).toBe(true);
    }
  });
});
