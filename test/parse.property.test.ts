import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDigest } from '../src/index.js';
import { bestOf } from './timing.js';

const seed = readFileSync(new URL('../fixtures/seed-digest.txt', import.meta.url), 'utf8');

// Pieces that exercise the grammar: real record parts, separators and hostile fragments.
const pieces = [
  ...seed.slice(0, 3000).split(' '),
  '2025.06.26', '2023.05:13', '00:00', '25:99', '<2507-062601>', '&lt;2507-062601&gt;', '【関連記事:2306-050317 (時事 2023.05.03)】',
  '【註】', '【', '】', '(Yahoo)', '/td>', '<td>', '</tr>', '&amp;', '\n', '\r\n', '\r', ' ', '\t', '\u3000', '\ufeff',
  '\ud800', '\udfff', '\u0000', '年 月 日 出 典 標 題 要 旨', '。',
];
const digestish = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 80 }).map((a) => a.join(fc.sample(fc.constantFrom(' ', ''), 1)[0] ?? ' '));
const anyText = fc.oneof(digestish, fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 }));

/** Offsets of characters that no record span and no diagnostic span covers. */
function uncovered(text: string): number[] {
  const { records, diagnostics } = parseDigest(text);
  const covered = new Uint8Array(text.length);
  for (const s of [...records.map((r) => r.position), ...diagnostics]) covered.fill(1, s.start, s.end);
  const out: number[] = [];
  covered.forEach((c, i) => {
    if (!c) out.push(i);
  });
  return out;
}

describe('parseDigest properties', () => {
  it('never throws on any string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        parseDigest(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('accounts for every character: each lies in a record or a diagnostic', () => {
    expect(uncovered(seed)).toEqual([]);
    fc.assert(
      fc.property(anyText, (text) => {
        expect(uncovered(text)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives positions that are ordered, inside the input, and line/column that match the offset', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { records, diagnostics } = parseDigest(text);
        let last = 0;
        for (const r of records) {
          expect(r.position.start).toBeGreaterThanOrEqual(last);
          expect(r.position.end).toBeLessThanOrEqual(text.length);
          last = r.position.end;
        }
        for (const d of diagnostics) {
          expect(d.start).toBeLessThanOrEqual(d.end);
          const before = text.slice(0, d.start);
          const lines = before.split(/\r\n|\n|\r/);
          expect(d.line).toBe(lines.length);
          expect(d.column).toBe((lines[lines.length - 1] ?? '').length + 1);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reads the seed the same after any record is repeated, with a duplicate-id warning', () => {
    const { records } = parseDigest(seed);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: records.length - 1 }), (i) => {
        const r = records[i];
        if (!r) return;
        const text = seed.slice(r.position.start, r.position.end);
        const again = parseDigest(`${text.trimEnd()}\n${text}`);
        expect(again.records.map((x) => x.id)).toEqual([r.id, r.id]);
        expect(again.diagnostics.some((d) => d.code === 'duplicate-id')).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('parses 1 MB of hostile text within a small multiple of the time for 1 MB of real digest', () => {
    const mb = 1 << 20;
    const fill = (unit: string): string => unit.repeat(Math.ceil(mb / unit.length)).slice(0, mb);
    const timeOf = (text: string): number => bestOf(1, () => parseDigest(text));
    const hostile = {
      dates: fill('2025.06.26 '),
      datesAndTimes: fill('2025.06.26 00:00 x '),
      ids: fill('<2507-062601>'),
      idRecords: fill('2025.06.26 x <2507-062601> '),
      brackets: fill('【関連記事:【'),
      closers: fill('】'),
      html: fill('<td>&amp;/td>'),
      surrogates: fill('\ud800\udc00\ud800'),
      newlines: fill('2025.06.26 00:00 日経新聞 a <2507-062601> b\n'),
      junk: fill('\u0000\uffff<>&;'),
    };
    const realText = fill(`${seed.replace(/\n[^]*$/, '')} `);
    for (const [name, text] of Object.entries(hostile)) {
      // Interleaved best-of runs, so that load from other test files hits both sides alike.
      let real = Infinity;
      let t = Infinity;
      for (let k = 0; k < 3; k++) {
        real = Math.min(real, timeOf(realText));
        t = Math.min(t, timeOf(text));
      }
      // Inputs made of thousands of tiny records cost more per byte (a record and its
      // diagnostics each), so the bound is generous; a quadratic path would be 1000x.
      expect(t / real, name).toBeLessThan(40);
    }
    // Four times the input must take about four times as long: a quadratic path would take 16.
    for (const text of [hostile.ids, hostile.brackets, hostile.surrogates, hostile.html]) {
      const big = text.repeat(4);
      let small = Infinity;
      let large = Infinity;
      for (let k = 0; k < 5; k++) {
        small = Math.min(small, timeOf(text));
        large = Math.min(large, timeOf(big));
      }
      expect(large / small).toBeLessThan(9);
    }
  });
});
