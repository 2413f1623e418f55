/**
 * Search and build take time linear in a record's length, on hostile text
 * (issue 10): one record whose summary is 100 KB, 400 KB and 1.6 MB of one
 * repeated pattern. Each step is 4x the text; linear time is about 4x the
 * time, quadratic 16x, and the bound is 10x. Sizes are timed interleaved and
 * the best run of each kept, so that a slow moment of a busy machine does not
 * land on one size alone.
 */
import { describe, expect, it } from 'vitest';
import { buildIndex, search, toRecord } from '../src/index.js';
import type { DigestIndex, SearchOptions } from '../src/index.js';

const SIZES = [100_000, 400_000, 1_600_000];
const BOUND = 10;
/** Times below these (ms) are timer and GC noise: they count as these. */
const BUILD_FLOOR = 10;
const SEARCH_FLOOR = 1;

interface Case {
  name: string;
  unit: string;
  query: string;
  options?: SearchOptions;
}

const CASES: Case[] = [
  // Every space is removed (between kana), every あ a match: the original repro 3.
  { name: "'あ ' (a removal and a match every two characters)", unit: 'あ ', query: 'あ' },
  { name: "'NATO ' (a latin word every five)", unit: 'NATO ', query: 'NATO' },
  { name: 'emoji ZWJ sequences between words', unit: 'NATO👨‍👩‍👧‍👦🏳️‍🌈 ', query: 'nato' },
  { name: '㌀ (NFKC makes four characters of one; matches chain)', unit: '㌀', query: 'パート' },
  { name: 'Hangul jamo (NFKC makes one of two)', unit: '\u1100\u1161', query: '가' },
  { name: 'all of them, with a partial match', unit: '㌀NATO\u1100\u1161の会議 ', query: 'NATOの会議室' },
  { name: 'variants (ヴァ, ・), matched in hiragana', unit: 'ヴァイオリン・', query: 'ばいおりん' },
];

const time = (fn: () => void): number => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};

/** Whether each 4x step of the text costs less than BOUND times the step before (times under `floor` ms count as `floor`). */
const linear = (times: number[], floor: number): boolean => times.every((t, k) => k === 0 || t / Math.max(times[k - 1] ?? 0, floor) < BOUND);

/**
 * Best times per size over `rounds` interleaved rounds, and up to four more
 * while the times do not look linear: another process can slow one size for a
 * while, a quadratic cost slows it every time.
 */
function bestTimes(rounds: number, floor: number, fn: (k: number) => void): number[] {
  const best = SIZES.map(() => Infinity);
  const round = (): void => SIZES.forEach((_, k) => (best[k] = Math.min(best[k] ?? Infinity, time(() => fn(k)))));
  for (let r = 0; r < rounds; r++) round();
  for (let extra = 0; extra < 4 && !linear(best, floor); extra++) round();
  return best;
}

describe('time against record length', () => {
  for (const c of CASES) {
    it(`build and search are linear: ${c.name}`, { timeout: 60_000 }, () => {
      const texts = SIZES.map((size) => c.unit.repeat(Math.ceil(size / c.unit.length)).slice(0, size));
      const indexes: DigestIndex[] = [];
      const build = bestTimes(2, BUILD_FLOOR, (k) => {
        indexes[k] = buildIndex([toRecord({ id: 'big', date: '2025-01-01', title: '見出し', summary: texts[k] ?? '' }), toRecord({ id: 'small', date: '2025-01-02', title: 'NATO', summary: '会議' })]);
      });
      let found = 0;
      const query = bestTimes(3, SEARCH_FLOOR, (k) => {
        found = search(indexes[k] as DigestIndex, c.query, c.options).filter((h) => h.id === 'big').length;
      });
      expect(found, 'the long record is a hit').toBe(1);
      const show = (times: number[]): string => `${times.map((t) => t.toFixed(1)).join(' / ')} ms`;
      expect(linear(build, BUILD_FLOOR), `build: ${show(build)}`).toBe(true);
      expect(linear(query, SEARCH_FLOOR), `search: ${show(query)}`).toBe(true);
    });
  }
});
