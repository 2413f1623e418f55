import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import TinySegmenter from 'tiny-segmenter';
import { describe, expect, it } from 'vitest';
import { segment } from '../src/analysis/segmenter.js';

// The package is the oracle: every assertion compares against it directly.
const reference = new TinySegmenter();
const expected = (text: string): string[] => reference.segment(text);
const check = (text: string): void => {
  expect(segment(text)).toEqual(expected(text));
};

const seedText = readFileSync(new URL('../fixtures/seed-digest.txt', import.meta.url), 'utf8');

const fromCodes = (codes: readonly number[]): string => codes.map((cu) => String.fromCharCode(cu)).join('');
const range = (min: number, max: number): fc.Arbitrary<string> =>
  fc.integer({ min, max }).map((cu) => String.fromCharCode(cu));

// Pieces of the package's own word-feature keys (plus marker look-alikes), so
// random strings actually hit the bigram / trigram features, not just unigrams.
const modelKeys: string[] = (() => {
  const tables = reference as unknown as Record<string, unknown>;
  const keys = new Set<string>(['B1', 'B2', 'B3', 'E1', 'E2', 'E3', 'Ｂ１', 'Ｅ１', 'Ｅ２']);
  for (const [name, table] of Object.entries(tables)) {
    if (/^[UBT]W\d__$/.test(name) && table && typeof table === 'object') {
      for (const key of Object.keys(table)) keys.add(key);
    }
  }
  return [...keys];
})();

const unit = {
  hiragana: range(0x3041, 0x3096),
  katakana: range(0x30a1, 0x30fc),
  kanji: range(0x4e00, 0x9fff),
  kanjiSpecial: fc.constantFrom(...'一二三四五六七八九十百千万億兆々〆ヵヶ龠'),
  halfKana: range(0xff61, 0xff9f),
  fullLatin: range(0xff01, 0xff5e),
  ascii: range(0x20, 0x7e),
  punct: fc.constantFrom(...'。、「」『』・ー―…（）()！？!?,.:：/<>-−〇〓 　\n\r\t'),
  loneSurrogate: range(0xd800, 0xdfff),
  anyCodeUnit: range(0, 0xffff),
  astral: fc.integer({ min: 0x10000, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
  modelKey: fc.constantFrom(...modelKeys),
};

const mixed = fc.oneof(
  { arbitrary: unit.hiragana, weight: 5 },
  { arbitrary: unit.katakana, weight: 3 },
  { arbitrary: unit.kanji, weight: 3 },
  { arbitrary: unit.kanjiSpecial, weight: 2 },
  { arbitrary: unit.halfKana, weight: 2 },
  { arbitrary: unit.fullLatin, weight: 2 },
  { arbitrary: unit.ascii, weight: 2 },
  { arbitrary: unit.punct, weight: 2 },
  { arbitrary: unit.loneSurrogate, weight: 1 },
  { arbitrary: unit.anyCodeUnit, weight: 1 },
  { arbitrary: unit.astral, weight: 1 },
  { arbitrary: unit.modelKey, weight: 4 },
);

describe('segment (fixed examples)', () => {
  it.each([
    'インド太平洋地域への関心を高める',
    'ルッテNATO事務総長',
    '2025年',
    '',
    ' ',
    '  ',
    '\n',
    'ﾙｯﾃ',
    'ｸﾞﾙｰﾌﾟ',
    'あ',
    'ab',
    '私の名前は中野です',
    '東京都について一二三',
    '十二月のもので、ているという。',
    'B1あE1E2',
    'Ｂ１同',
    '市',
    '\ud800',
    '\udc00\ud800',
    '😀東京😀',
    'ＡＢＣ１２３ａｂｃ',
    '々〆ヵヶ',
  ])('%j', (text) => {
    check(text);
  });

  it('returns [] for the empty string and a single token for one code unit', () => {
    expect(segment('')).toEqual([]);
    expect(segment('x')).toEqual(['x']);
  });

  it('splits astral characters by UTF-16 code unit, like the package', () => {
    const out = segment('𠮷野家𠮷');
    expect(out).toEqual(expected('𠮷野家𠮷'));
    expect(out.join('')).toBe('𠮷野家𠮷');
  });
});

describe('segment (every code unit)', () => {
  // Long strings touching all 65536 code units in several contexts exercise
  // the char-type and char-id tables as a whole.
  const all = Array.from({ length: 65536 }, (_, cu) => cu);
  it.each([
    ['in order', fromCodes(all)],
    ['in varied contexts', fromCodes(all.flatMap((cu) => [[0x306e, 0x30ab, 0x31, 0x61, 0x6f22][cu % 5] ?? 0, cu]))],
  ])('%s', (_name, text) => {
    check(text);
  });
});

describe('segment (property: identical to tiny-segmenter)', () => {
  it('mixed Japanese / latin / symbols / surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: mixed, maxLength: 40 }), (text) => {
        expect(segment(text)).toEqual(expected(text));
      }),
      { numRuns: 2500 },
    );
  });

  it('strings over few alphabets (long runs of one char type)', () => {
    const alphabets = Object.values(unit);
    fc.assert(
      fc.property(
        fc.subarray(alphabets, { minLength: 1, maxLength: 3 }).chain((us) =>
          fc.string({ unit: fc.oneof(...us), maxLength: 30 }),
        ),
        (text) => {
          expect(segment(text)).toEqual(expected(text));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('arbitrary binary / full-unicode strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 30 }),
          fc.string({ unit: 'grapheme', maxLength: 20 }),
          fc.string({ unit: unit.anyCodeUnit, maxLength: 30 }),
        ),
        (text) => {
          expect(segment(text)).toEqual(expected(text));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('random slices of real text', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: seedText.length - 1 }),
        fc.integer({ min: 0, max: 200 }),
        (start, length) => {
          const text = seedText.slice(start, start + length);
          expect(segment(text)).toEqual(expected(text));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('segment (real text)', () => {
  it('matches on every line of the seed digest', () => {
    const lines = seedText.split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) check(line);
  });

  it('matches on every 。-terminated sentence of the seed digest', () => {
    for (const sentence of seedText.split(/(?<=。)/)) check(sentence);
  });

  it('matches on the whole seed digest', () => {
    const out = segment(seedText);
    expect(out).toEqual(expected(seedText));
    expect(out.join('')).toBe(seedText);
  });

  it('gives the same result on repeated calls (scratch buffer reuse)', () => {
    const long = seedText.repeat(3);
    const short = 'インド太平洋地域';
    const a = segment(long);
    expect(segment(short)).toEqual(expected(short));
    expect(segment(long)).toEqual(a);
  });
});
