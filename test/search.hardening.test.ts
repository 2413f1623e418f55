/**
 * Issue 10 ("Hardening"), the search and index part: one regression test per
 * repro, named after it, and the option and record checks at the edge.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addRecords,
  buildIndex,
  buildIndexAsync,
  loadIndex,
  loadIndexAsync,
  normalizeText,
  parseDigest,
  search,
  serializeIndex,
  toRecord,
  tokenize,
} from '../src/index.js';
import type { DigestRecord, RecordInput, SearchHit, SearchOptions } from '../src/index.js';
import { toSearchable } from '../src/analysis/normalize.js';
import { bestOf } from './timing.js';

const seed = readFileSync(new URL('../fixtures/seed-digest.txt', import.meta.url), 'utf8');
const base = parseDigest(seed).records;
const index = buildIndex(base);
const mk = (id: string, summary: string, extra: Partial<RecordInput> = {}): DigestRecord => toRecord({ id, date: '2025-01-01', title: 't', summary, ...extra });
const view = (hits: SearchHit[]) => hits.map((h) => ({ id: h.id, score: h.score, terms: h.terms, match: h.match, snippet: h.snippet, titleSnippet: h.titleSnippet, record: h.record }));

describe('repro 3: quadratic search (a summary of "あ ".repeat(n), each query for あ)', () => {
  it('takes time linear in n: 4x the text, well under 10x the time (was 0.15 s at 10,000, 2.5 s at 40,000)', () => {
    const small = buildIndex([mk('a', 'あ '.repeat(10_000))]);
    const large = buildIndex([mk('a', 'あ '.repeat(40_000))]);
    search(small, 'あ');
    search(large, 'あ');
    let ts = Infinity;
    let tl = Infinity;
    for (let k = 0; k < 3; k++) {
      ts = Math.min(ts, bestOf(1, () => search(small, 'あ')));
      tl = Math.min(tl, bestOf(1, () => search(large, 'あ')));
    }
    expect(tl / Math.max(ts, 1)).toBeLessThan(10);
    expect(tl).toBeLessThan(500);
    expect(search(large, 'あ')[0]?.snippet.startsWith('[あ] [あ] ')).toBe(true);
  });

  it('maps marks right when normalization removed many characters (spaces inside Japanese)', () => {
    const text = `${'あ '.repeat(50)}事務 総長 と 会談`;
    const [hit] = search(buildIndex([mk('a', text)]), '事務総長');
    expect(hit?.snippet.endsWith('あ [事務 総長] と 会談')).toBe(true);
  });
});

describe('repro 5: unbounded work (fuzzy: 1e9 threw RangeError, 2e8 took 2.6 s)', () => {
  it('fuzzy beyond 6 edits throws a TypeError naming options.fuzzy, before any work', () => {
    for (const fuzzy of [1e9, 2e8, 7, -1, 1.5, Number.NaN, Infinity]) {
      expect(() => search(index, 'natoxyz', { fuzzy }), String(fuzzy)).toThrow(/options\.fuzzy must be false, a whole number of edits from 0 to 6/);
    }
    expect(() => search(index, 'natoxyz', { fuzzy: true as unknown as number })).toThrow(TypeError);
  });

  it('the largest fuzzy allowed (6, or a fraction near 1) stays quick', () => {
    for (const fuzzy of [0, 1, 6, 0.2, 0.99]) expect(() => search(index, 'ストルテンベルク', { fuzzy })).not.toThrow();
    expect(bestOf(2, () => search(index, 'natoxyz', { fuzzy: 6 }))).toBeLessThan(1000);
    expect(search(index, 'ストルテンベルク', { fuzzy: 6 }).length).toBeGreaterThan(0);
  });
});

describe('repro 6: empty index from a bad option (chunkSize: NaN resolved to an empty index)', () => {
  const json = serializeIndex(buildIndex(base.slice(0, 5)));
  for (const chunkSize of [Number.NaN, 'abc', {}, 0, -1, 1.5, Infinity]) {
    it(`buildIndexAsync and loadIndexAsync reject chunkSize ${String(JSON.stringify(chunkSize) ?? chunkSize)} with a TypeError naming it`, async () => {
      const opts = { chunkSize: chunkSize as number };
      await expect(buildIndexAsync(base, opts)).rejects.toThrow(TypeError);
      await expect(buildIndexAsync(base, opts)).rejects.toThrow(/buildIndexAsync: options\.chunkSize must be a whole number >= 1/);
      await expect(loadIndexAsync(json, opts)).rejects.toThrow(/loadIndexAsync: options\.chunkSize must be a whole number >= 1/);
    });
  }

  it('a whole chunk size builds the whole index; onProgress and signal are checked too', async () => {
    expect((await buildIndexAsync(base, { chunkSize: 1 })).size).toBe(base.length);
    expect((await loadIndexAsync(json, { chunkSize: 2 })).size).toBe(5);
    await expect(buildIndexAsync(base, { onProgress: 'x' as unknown as () => void })).rejects.toThrow(/options\.onProgress must be a function/);
    await expect(buildIndexAsync(base, { signal: {} as AbortSignal })).rejects.toThrow(/options\.signal must be an AbortSignal/);
  });
});

describe('repro 9: a saved index that cannot be loaded (buildIndex accepted what loadIndex refuses)', () => {
  const good = base.slice(0, 3);
  const withBad = (bad: Record<string, unknown>, drop?: keyof DigestRecord): DigestRecord[] => {
    const r: Record<string, unknown> = { ...(base[3] as DigestRecord), id: 'x', ...bad };
    if (drop) delete r[drop];
    return [...good, r as unknown as DigestRecord];
  };
  const cases: [string, DigestRecord[], string][] = [
    ["date: '2025-1-5'", withBad({ date: '2025-1-5' }), 'records[3] (id "x").date: expected YYYY-MM-DD, got "2025-1-5"'],
    ["time: '9:05'", withBad({ time: '9:05' }), 'records[3] (id "x").time: expected HH:MM or null, got "9:05"'],
    ["id: ''", withBad({ id: '' }), 'records[3] (id "").id: expected a non-empty string, got ""'],
    ['no position', withBad({}, 'position'), 'records[3] (id "x").position: expected { start, end }, got undefined'],
    ['no related', withBad({}, 'related'), 'records[3] (id "x").related: expected an array of { id, source?, date? }, got undefined'],
    ['a note that is not a string', withBad({ notes: ['a', 3] }), 'records[3] (id "x").notes[1]: expected a string, got 3'],
  ];
  for (const [name, records, message] of cases) {
    it(`buildIndex throws a TypeError naming the record and field: ${name}`, () => {
      expect(() => buildIndex(records)).toThrow(TypeError);
      expect(() => buildIndex(records)).toThrow(`ja-digest-search: buildIndex: ${message}`);
    });
  }

  it('addRecords checks the whole batch before adding any; buildIndexAsync counts records across chunks', async () => {
    const idx = buildIndex(good);
    expect(() => addRecords(idx, [base[4] as DigestRecord, ...withBad({ date: '2025-1-5' }).slice(3)])).toThrow('ja-digest-search: addRecords: records[1] (id "x").date');
    expect(idx.size).toBe(3);
    const many = [...base, ...base.map((r, i) => ({ ...r, id: `copy${i}` }))];
    many[40] = { ...(many[40] as DigestRecord), date: '2025-1-5' };
    await expect(buildIndexAsync(many, { chunkSize: 16 })).rejects.toThrow(`buildIndexAsync: records[40] (id "${many[40]?.id}").date`);
    expect(() => buildIndex([null as unknown as DigestRecord])).toThrow('buildIndex: records[0]: expected an object, got null');
  });

  it('toRecord fills the optional fields with documented defaults, and validates', () => {
    expect(toRecord({ id: 'a', date: '2025-01-05' })).toEqual({
      id: 'a',
      date: '2025-01-05',
      time: null,
      source: '',
      outlet: '',
      via: null,
      title: '',
      summary: '',
      related: [],
      notes: [],
      position: { start: 0, end: 0 },
    });
    expect(toRecord({ id: 'a', date: '2025-01-05', source: '共同通信' }).outlet).toBe('共同通信');
    expect(() => toRecord({ id: 'a', date: '2025-1-5' })).toThrow('ja-digest-search: toRecord: date: expected YYYY-MM-DD, got "2025-1-5"');
    expect(() => toRecord({ id: '', date: '2025-01-05' })).toThrow(TypeError);
    expect(() => toRecord(null as unknown as RecordInput)).toThrow(TypeError);
  });

  // Records a caller may make: every field arbitrary within the schema, the optional ones present or not.
  const text = fc.string({ unit: fc.constantFrom('a', 'N', ' ', 'あ', 'ア', '事', '、', '㌀', 'ﾊﾟ', '\u1100', '\u1161', '👍', '\u200d', '\ufe0f', '\ud800', '"'), maxLength: 12 });
  const input: fc.Arbitrary<RecordInput> = fc.record(
    {
      id: fc.string({ minLength: 1, maxLength: 6 }),
      date: fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
      title: text,
      summary: text,
      source: text,
      outlet: text,
      time: fc.option(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)),
      via: fc.option(text),
      related: fc.array(fc.record({ id: text, source: text, date: text }, { requiredKeys: ['id'] }), { maxLength: 2 }),
      notes: fc.array(text, { maxLength: 2 }),
      position: fc.tuple(fc.nat(1000), fc.nat(1000)).map(([start, end]) => ({ start, end })),
    },
    { requiredKeys: ['id', 'date'] },
  );

  it('any index buildIndex accepts round-trips through serializeIndex and loadIndex (records and results alike)', () => {
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 6 }), fc.constantFrom('a', 'あ', 'ア', 'パ', '가', 'n', '事'), (inputs, q) => {
        const records = inputs.map((r) => toRecord(r));
        const built = buildIndex(records);
        const loaded = loadIndex(serializeIndex(built));
        expect(loaded.records).toEqual(built.records);
        expect(view(search(loaded, q, { limit: 50 }))).toEqual(view(search(built, q, { limit: 50 })));
      }),
      { numRuns: 200 },
    );
  });
});

describe('options validated at the edge (search)', () => {
  const bad: [SearchOptions, RegExp][] = [
    [{ limit: '5' as unknown as number }, /^ja-digest-search: search: options\.limit must be a whole number from 0 to 10000, got "5"$/],
    [{ limit: -1 }, /options\.limit/],
    [{ limit: 10_001 }, /options\.limit/],
    [{ limit: 2.5 }, /options\.limit/],
    [{ snippet: { context: -1 } }, /options\.snippet\.context must be a whole number >= 0, or Infinity, got -1/],
    [{ snippet: { context: Number.NaN } }, /options\.snippet\.context/],
    [{ snippet: { context: 1.5 } }, /options\.snippet\.context/],
    [{ snippet: { context: '40' as unknown as number } }, /options\.snippet\.context/],
    [{ snippet: { before: 1 as unknown as string } }, /options\.snippet\.before/],
    [{ snippet: { escape: 'x' as unknown as (s: string) => string } }, /options\.snippet\.escape/],
    [{ combineWith: 'or' as 'OR' }, /options\.combineWith/],
    [{ prefix: 'yes' as unknown as boolean }, /options\.prefix/],
    [{ match: 'fuzzy' as 'exact' }, /options\.match/],
    [{ sort: 'newest' as 'date' }, /options\.sort/],
    [{ boosts: { title: -1 } }, /options\.boosts\.title/],
  ];
  for (const [options, message] of bad) {
    it(`throws a TypeError naming the option: ${JSON.stringify(options)}`, () => {
      expect(() => search(index, 'NATO', options)).toThrow(TypeError);
      expect(() => search(index, 'NATO', options)).toThrow(message);
      // Checked whatever the query: an empty one too.
      expect(() => search(index, '', options)).toThrow(TypeError);
    });
  }

  it('accepts every value in range', () => {
    for (const options of [{ limit: 0 }, { limit: 10_000 }, { snippet: { context: 0 } }, { snippet: { context: Infinity } }, { fuzzy: false as const }, { prefix: false }, { combineWith: 'AND' as const }]) {
      expect(() => search(index, 'NATO', options), JSON.stringify(options)).not.toThrow();
    }
    expect(search(index, 'NATO', { limit: 0 })).toEqual([]);
  });

  it('buildIndex checks its options as well', () => {
    expect(() => buildIndex(base, { stopTerms: 'です' as unknown as string[] })).toThrow(/options\.stopTerms must be an array/);
  });
});

describe('repro 11: emoji parts match on their own', () => {
  const idx = buildIndex([mk('flag', '旗🏳️‍🌈です'), mk('smile', '顔☺️です'), mk('keycap', '番号1️⃣です'), mk('tag', '旗🏴󠁧󠁢󠁳󠁣󠁴󠁿です'), mk('ivs', '葛󠄀飾区の話')]);

  it("'👨‍👩‍👧' no longer matches 🏳️‍🌈 through the joiner, nor '❤️' ☺️ through the variation selector", () => {
    expect(search(idx, '👨‍👩‍👧')).toEqual([]);
    expect(search(idx, '❤️')).toEqual([]);
    for (const part of ['\u200d', '\ufe0f', '\u20e3', '\u{e0067}', '\u{e007f}', '\u{1f3fd}', '\u{e0100}']) expect(search(idx, part), JSON.stringify(part)).toEqual([]);
  });

  it('joiners, variation selectors, tags and keycaps are never terms or bigram characters', () => {
    for (const text of ['👨‍👩‍👧', '🏳️‍🌈', '❤️', '☺️', '1️⃣', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '👍🏽', 'a👍🏽b', 'あ‍い']) {
      for (const t of tokenize(text)) expect(t, JSON.stringify(text)).not.toMatch(/[\u200d\ufe00-\ufe0f\u20e3\u{e0020}-\u{e007f}\u{e0100}-\u{e01ef}\u{1f3fb}-\u{1f3ff}]/u);
    }
    expect(tokenize('👨‍👩‍👧')).toEqual([]);
    expect(tokenize('1️⃣')).toEqual(['1']);
  });

  it('a variation selector on a kanji is presentation only: 葛󠄀飾 is 葛飾, marked whole', () => {
    expect(normalizeText('葛󠄀飾')).toBe('葛飾');
    const [hit] = search(idx, '葛飾');
    expect(hit?.id).toBe('ivs');
    expect(hit?.snippet).toBe('[葛󠄀飾]区の話');
  });
});

describe("repro 12: marks land in the wrong place ('㌀NATO' + Hangul jamo)", () => {
  const summary = '㌀NATO\u1100\u1161\u1100\u1161\u1100\u1161の会議';
  const idx = buildIndex([mk('a', summary)]);

  it('searching NATO marks NATO', () => {
    expect(search(idx, 'NATO')[0]?.snippet).toBe('㌀[NATO]\u1100\u1161\u1100\u1161\u1100\u1161の会議');
  });

  it('a match inside what one character expands to marks that character; a composed syllable marks its jamo', () => {
    expect(search(idx, 'パート')[0]?.snippet).toBe('[㌀]NATO\u1100\u1161\u1100\u1161\u1100\u1161の会議');
    expect(search(idx, '가の')[0]?.snippet).toBe('㌀NATO\u1100\u1161\u1100\u1161[\u1100\u1161の]会議');
    expect(search(idx, '会議')[0]?.snippet).toBe('㌀NATO\u1100\u1161\u1100\u1161\u1100\u1161の[会議]');
  });
});

describe('normalizeText: the hand-written removals equal the regex definition', () => {
  const JA = '[\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Han}ー々〆ヵヶ]';
  const reference = (text: string): string => {
    const lower = text
      .replace(/[\u200d\ufe00-\ufe0f\u{e0020}-\u{e007f}\u{e0100}-\u{e01ef}]/gu, '')
      .normalize('NFKC')
      .toLowerCase()
      .normalize('NFKC')
      .replace(/ς/g, 'σ');
    return lower.replace(new RegExp(`(?<=${JA})\\s+(?=${JA})`, 'gu'), '').replace(/(?<=\d),(?=\d{3}(?!\d))/g, '');
  };
  it('for random text of spaces, commas, digits, kana, kanji and astral kanji', () => {
    const unit = fc.constantFrom(' ', '\u3000', '\t', '\u00a0', ',', '，', '1', '2', '３', 'a', 'あ', 'ア', 'ｱ', '事', '𠮷', '\ud842', 'ー', '、', '\u200d', '\ufe0f', 'Σ');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 24 }), (units) => {
        const text = units.join('');
        expect(normalizeText(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('toSearchable, a table walk now, equals the regex replace it was (enclosing marks added)', () => {
    const reference = (n: string): string =>
      n.replace(/[\p{P}\p{S}\p{Me}\s]/gu, (ch: string, i: number) => {
        if (ch === ' ') return ch;
        if (/[-'.&_/+#@]/.test(ch) && /[a-z0-9]/.test(n.charAt(i - 1)) && /[a-z0-9]/.test(n.charAt(i + ch.length))) return ch;
        return ch.length === 1 ? ' ' : '  ';
      });
    const unit = fc.constantFrom('a', '1', '-', '.', "'", '#', '、', '「', ' ', '\t', 'あ', '😀', '𠮷', '\ud800', '\udc00', '\u20e3', '\u0301', '$', '＄', 'z');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 24 }), (units) => {
        const text = units.join('');
        expect(toSearchable(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });
});
