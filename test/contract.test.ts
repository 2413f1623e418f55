/**
 * Every export called with every wrong type of every option (and of its
 * other arguments): a TypeError that names the function and the option,
 * never silence and never an error from inside. The values each option
 * accepts are listed here so that the wrong ones are everything else.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

const { records } = api.parseDigest(readFileSync(new URL('../fixtures/seed-digest.txt', import.meta.url), 'utf8'));
const index = api.buildIndex(records.slice(0, 8));

/** Values of every type, and some edge values of the right types. */
const SAMPLES: unknown[] = [null, 'x', '', '5', 0, -1, 1.5, NaN, Infinity, true, false, {}, [], ['x'], [1], [null], () => 0, new Date(0), Symbol('s')];

type Accepts = (v: unknown) => boolean;
const isBool: Accepts = (v) => typeof v === 'boolean';
const isFn: Accepts = (v) => typeof v === 'function';
const wholeFrom = (min: number, max = Infinity): Accepts => (v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isStringArray: Accepts = (v) => Array.isArray(v) && v.every((x) => typeof x === 'string');
const oneOf = (...xs: unknown[]): Accepts => (v) => xs.includes(v);
const boostsOk: Accepts = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
const fuzzyOk: Accepts = (v) => v === false || (typeof v === 'number' && ((Number.isInteger(v) && v >= 0 && v <= 6) || (v > 0 && v < 1)));
const dateOk: Accepts = (v) => v === null || v === '';
const yearsOk: Accepts = (v) => Array.isArray(v) && v.every((y) => wholeFrom(0, 9999)(y) || (typeof y === 'string' && /^\d{4}$/.test(y)));
const snippetOk: Accepts = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && Object.keys(v).length === 0;
const filterOk = snippetOk;

const SEARCH_OPTIONS: Record<string, Accepts> = {
  limit: wholeFrom(0, 10_000),
  combineWith: oneOf('AND', 'OR'),
  fuzzy: fuzzyOk,
  prefix: isBool,
  match: oneOf('exact', 'variant', 'partial'),
  sort: oneOf('score', 'date'),
  boosts: boostsOk,
  snippet: snippetOk,
  filter: filterOk,
  'filter.from': dateOk,
  'filter.to': dateOk,
  'filter.sources': isStringArray,
  'filter.years': yearsOk,
  'boosts.title': (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  'snippet.before': (v) => typeof v === 'string',
  'snippet.after': (v) => typeof v === 'string',
  'snippet.context': (v) => wholeFrom(0)(v) || v === Infinity,
  'snippet.escape': isFn,
};

/** Each export: how to call it with options `o`, and what each option accepts. */
const CALLS: { name: string; call: (o: unknown) => unknown; options: Record<string, Accepts> }[] = [
  { name: 'parseDigest', call: (o) => api.parseDigest('2025.01.21 時事 見出し <2502-012113> 本文。', o as api.ParseOptions), options: { strict: isBool, sources: isStringArray } },
  { name: 'buildIndex', call: (o) => api.buildIndex(records.slice(0, 2), o as api.IndexOptions), options: { boosts: boostsOk, stopTerms: isStringArray, 'boosts.summary': (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 } },
  { name: 'buildIndexAsync', call: (o) => api.buildIndexAsync(records.slice(0, 2), o as api.AsyncIndexOptions), options: { chunkSize: wholeFrom(1), onProgress: isFn, stopTerms: isStringArray } },
  { name: 'search', call: (o) => api.search(index, 'NATO', o as api.SearchOptions), options: SEARCH_OPTIONS },
  { name: 'searchPage', call: (o) => api.searchPage(index, 'NATO', o as api.SearchPageOptions), options: { ...SEARCH_OPTIONS, limit: wholeFrom(0, 10_000), offset: wholeFrom(0, 9980), facets: (v) => Array.isArray(v) && v.length === 0 } },
  { name: 'serializeIndex', call: (o) => api.serializeIndex(index, o as { format: 'binary' }), options: { format: oneOf('json', 'binary') } },
  { name: 'loadIndexAsync', call: (o) => api.loadIndexAsync(api.serializeIndex(index), o as api.ChunkOptions), options: { chunkSize: wholeFrom(1), onProgress: isFn } },
  { name: 'tokenize', call: (o) => api.tokenize('日本', o as api.TokenizeOptions), options: { bigrams: isBool, words: isBool } },
];

/** `{ a: { b: v } }` for the path `a.b`. */
function at(path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  let o: unknown = value;
  for (const k of keys.reverse()) o = { [k]: o };
  return o as Record<string, unknown>;
}

async function outcome(f: () => unknown): Promise<unknown> {
  try {
    await f();
    return null;
  } catch (e) {
    return e;
  }
}

describe('every export refuses every wrong type of every option, naming it', () => {
  for (const { name, call, options } of CALLS) {
    it(name, async () => {
      for (const [path, accepts] of Object.entries(options)) {
        for (const value of SAMPLES) {
          if (accepts(value)) continue;
          const e = await outcome(() => call(at(path, value)));
          const what = `${name}({ ${path}: ${String(typeof value === 'symbol' ? 'Symbol' : JSON.stringify(value) ?? value)} })`;
          expect(e, what).toBeInstanceOf(TypeError);
          const message = (e as Error).message;
          expect(message, what).toMatch(new RegExp(`^ja-digest-search: ${name}\\b`));
          expect(message, what).toContain(path.split('.').pop() as string);
        }
      }
      // Options that are not an object, and an unknown key with the closest known one.
      for (const value of [null, 'x', 5, [], () => 0]) {
        const e = await outcome(() => call(value));
        expect(e, `${name}(${String(value)})`).toBeInstanceOf(TypeError);
        expect((e as Error).message).toMatch(new RegExp(`^ja-digest-search: ${name}: options must be an object`));
      }
      const first = Object.keys(options)[0] as string;
      const typo = `${first.slice(0, -1)}${first.slice(-1) === 'x' ? 'y' : 'x'}`;
      const e = await outcome(() => call({ [typo]: 1 }));
      expect(e, `${name}({ ${typo} })`).toBeInstanceOf(TypeError);
      expect((e as Error).message).toContain(`unknown option ${typo} (did you mean ${first}?)`);
    });
  }
});

describe('the calls the review found', () => {
  it('are refused with a message that points the way', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => api.search(index, 'NATO', { combineWith: 'or' as 'OR' }), /search: options\.combineWith must be 'AND' or 'OR', got "or"/],
      [() => api.search(index, 'NATO', { combineWith: 'xor' as 'OR' }), /combineWith/],
      [() => api.search(index, 'NATO', { filter: { sources: '日経新聞' as unknown as string[] } }), /options\.filter\.sources must be an array/],
      [() => api.search(index, 'NATO', { filter: ((d: unknown) => d) as unknown as api.SearchFilter }), /options\.filter must be/],
      [() => api.search(index, 'NATO', { boost: { title: 2 } } as unknown as api.SearchOptions), /unknown option boost \(did you mean boosts\?\)/],
      [() => api.search(index, 'NATO', { boosts: { titel: 2 } } as unknown as api.SearchOptions), /unknown option boosts\.titel \(did you mean boosts\.title\?\)/],
      [() => api.search(index, 'NATO', { limit: '5' as unknown as number }), /options\.limit must be a whole number from 0 to 10000, got "5"/],
      [() => api.search(index, 'NATO', { filter: { from: '2025-02-30' } }), /options\.filter\.from must be a date: 2025-01-01 \(a day that exists\)/],
      [() => api.search(index, 'NATO', null as unknown as api.SearchOptions), /search: options must be an object, got null/],
      [() => api.search(index, 'NATO', { snippet: null as unknown as api.SnippetOptions }), /options\.snippet must be/],
      [() => api.parseDigest('x', null as unknown as api.ParseOptions), /parseDigest: options must be an object, got null/],
      [() => api.parseDigest('x', { sources: 'Foo' as unknown as string[] }), /parseDigest: options\.sources must be an array/],
      [() => api.parseDigest('x', { sources: [null as unknown as string] }), /parseDigest: options\.sources\[0\] must be/],
      [() => api.buildIndex(records, { stopTerms: 'x' as unknown as string[] }), /buildIndex: options\.stopTerms must be an array of strings, got "x"/],
      [() => new (api.DigestIndex as unknown as new () => unknown)(), /made by buildIndex or loadIndex/],
      [() => api.normalizeText(null as unknown as string), /normalizeText expects a string, got null/],
      [() => api.segment(5 as unknown as string), /segment expects a string, got 5/],
    ];
    for (const [f, message] of cases) expect(f, String(message)).toThrow(message);
    // Accepted as documented: a month or a year as a bound, a single ID to remove.
    expect(() => api.search(index, 'NATO', { filter: { from: '2025-02', to: '2025' } })).not.toThrow();
    expect(api.search(index, 'NATO', { filter: { from: '2024-02-29' } })).toBeInstanceOf(Array);
  });
});
