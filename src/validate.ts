/**
 * The options of every export, checked at the public boundary with zod
 * schemas: a wrong call throws a TypeError that names the function, the
 * option, what it got and what it accepts; an unknown key is an error, with
 * the closest known key when there is one (`boosts.titel → title`). The inner
 * code trusts what passes. zod's own messages are not for users, so each
 * schema comes with what it accepts, in words, by path.
 */
import * as z from 'zod/mini';
import { shown } from './schema.js';

/** A zod schema and, by option path (`boosts.title`, `sources[]`), what it accepts in words. */
export interface OptionsSpec {
  schema: z.ZodMiniType;
  accepts: Readonly<Record<string, string>>;
}

const finite = z.number().check(z.refine((v) => Number.isFinite(v)));
const whole = (min: number) => z.int().check(z.gte(min));
const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function');
const signal = z.custom<AbortSignal>((v) => v !== null && typeof v === 'object' && typeof (v as AbortSignal).aborted === 'boolean' && typeof (v as AbortSignal).addEventListener === 'function');

const BOOSTS = z.strictObject({
  title: z.optional(finite.check(z.gte(0))),
  summary: z.optional(finite.check(z.gte(0))),
  notes: z.optional(finite.check(z.gte(0))),
  source: z.optional(finite.check(z.gte(0))),
});
const BOOSTS_ACCEPTS = {
  boosts: 'an object of field weights { title?, summary?, notes?, source? }',
  'boosts.title': 'a finite number >= 0',
  'boosts.summary': 'a finite number >= 0',
  'boosts.notes': 'a finite number >= 0',
  'boosts.source': 'a finite number >= 0',
};

const INDEX_SHAPE = {
  boosts: z.optional(BOOSTS),
  stopTerms: z.optional(z.array(z.string())),
};
const INDEX_ACCEPTS = { ...BOOSTS_ACCEPTS, stopTerms: 'an array of strings', 'stopTerms[]': 'a string' };

const CHUNK_SHAPE = {
  chunkSize: z.optional(whole(1)),
  onProgress: z.optional(fn),
  signal: z.optional(signal),
};
const CHUNK_ACCEPTS = { chunkSize: 'a whole number >= 1', onProgress: 'a function', signal: 'an AbortSignal' };

const OUTLET_SPEC = z.strictObject({ outlet: z.string().check(z.minLength(1)), aliases: z.optional(z.array(z.string())) });

const SNIPPET = z.strictObject({
  before: z.optional(z.string()),
  after: z.optional(z.string()),
  context: z.optional(z.union([whole(0), z.literal(Infinity)])),
  escape: z.optional(fn),
});
const FILTER = z.strictObject({
  from: z.optional(z.nullable(z.string())),
  to: z.optional(z.nullable(z.string())),
  sources: z.optional(z.array(z.string())),
  years: z.optional(z.array(z.union([whole(0).check(z.lte(9999)), z.string().check(z.regex(/^\d{4}$/))]))),
});
const SEARCH_SHAPE = {
  limit: z.optional(whole(0).check(z.lte(10_000))),
  filter: z.optional(FILTER),
  combineWith: z.optional(z.enum(['AND', 'OR'])),
  fuzzy: z.optional(z.union([z.literal(false), finite.check(z.gte(0))])),
  prefix: z.optional(z.boolean()),
  match: z.optional(z.enum(['exact', 'variant', 'partial'])),
  boosts: z.optional(BOOSTS),
  sort: z.optional(z.enum(['score', 'date'])),
  snippet: z.optional(SNIPPET),
};
const SEARCH_ACCEPTS = {
  limit: 'a whole number from 0 to 10000',
  filter: '{ from?, to?, sources?, years? }',
  'filter.from': 'a date: 2025-01-01, 2025-01 or 2025',
  'filter.to': 'a date: 2025-01-31, 2025-01 or 2025',
  'filter.sources': "an array of outlet or source names (['時事通信'])",
  'filter.sources[]': 'a string',
  'filter.years': 'an array of years (2025 or \'2025\')',
  'filter.years[]': "a year (2025 or '2025')",
  combineWith: "'AND' or 'OR'",
  fuzzy: "false, a whole number of edits from 0 to 6, or a fraction of the term's length between 0 and 1",
  prefix: 'true or false',
  match: "'exact', 'variant' or 'partial'",
  ...BOOSTS_ACCEPTS,
  sort: "'score' or 'date'",
  snippet: '{ before?, after?, context?, escape? }',
  'snippet.before': 'a string',
  'snippet.after': 'a string',
  'snippet.context': 'a whole number >= 0, or Infinity',
  'snippet.escape': 'a function',
};

/** The options objects of the exports, by function name. */
export const OPTIONS: Readonly<Record<string, OptionsSpec>> = {
  parseDigest: {
    schema: z.strictObject({ strict: z.optional(z.boolean()), sources: z.optional(z.array(z.union([z.string().check(z.minLength(1)), OUTLET_SPEC]))) }),
    accepts: {
      strict: 'true or false',
      sources: "an array of outlet names, or of { outlet, aliases } (['北國新聞'])",
      'sources[]': "an outlet name (a non-empty string) or { outlet, aliases }",
      'sources[].outlet': 'a non-empty string',
      'sources[].aliases': 'an array of strings',
      'sources[].aliases[]': 'a string',
    },
  },
  buildIndex: { schema: z.strictObject(INDEX_SHAPE), accepts: INDEX_ACCEPTS },
  buildIndexAsync: { schema: z.strictObject({ ...INDEX_SHAPE, ...CHUNK_SHAPE }), accepts: { ...INDEX_ACCEPTS, ...CHUNK_ACCEPTS } },
  loadIndexAsync: { schema: z.strictObject(CHUNK_SHAPE), accepts: CHUNK_ACCEPTS },
  search: { schema: z.strictObject(SEARCH_SHAPE), accepts: SEARCH_ACCEPTS },
  searchPage: {
    schema: z.strictObject({ ...SEARCH_SHAPE, offset: z.optional(z.number()), facets: z.optional(z.array(z.enum(['outlet', 'year', 'month', 'source']))) }),
    accepts: { ...SEARCH_ACCEPTS, offset: 'a whole number >= 0 (offset + limit at most 10000)', facets: "an array of 'outlet', 'year', 'month', 'source'", 'facets[]': "'outlet', 'year', 'month' or 'source'" },
  },
  tokenize: { schema: z.strictObject({ bigrams: z.optional(z.boolean()), words: z.optional(z.boolean()) }), accepts: { bigrams: 'true or false', words: 'true or false' } },
  serializeIndex: { schema: z.strictObject({ format: z.optional(z.enum(['json', 'binary'])) }), accepts: { format: "'json' or 'binary'" } },
};

/**
 * Checks `options` of export `name` (undefined: none given) against its
 * spec; throws the TypeError described above. Returns the options.
 */
export function checkOptions<T>(name: string, options: T, spec: OptionsSpec = OPTIONS[name] as OptionsSpec): T {
  if (options === undefined) return options;
  if (options === null || typeof options !== 'object' || Array.isArray(options) || !plain_(options)) {
    throw new TypeError(`ja-digest-search: ${name}: options must be an object, got ${shown(options)}`);
  }
  const odd = notPlain(options, []);
  if (odd !== null) throw new TypeError(`ja-digest-search: ${name}: ${describeIssue({ code: 'custom', path: odd, message: '', input: undefined } as unknown as Issue, options, spec.accepts)}`);
  const result = spec.schema.safeParse(options);
  if (result.success) return options;
  throw new TypeError(`ja-digest-search: ${name}: ${describeIssue(result.error.issues[0], options, spec.accepts)}`);
}

/**
 * The path of a nested option that is an object but not a plain one (a Date,
 * a Map, a class instance), or null: zod's object schemas take those, with
 * their own keys only, so `{ snippet: new Date() }` would pass as `{}`.
 * An AbortSignal is the one object option.
 */
function notPlain(value: object, path: string[]): string[] | null {
  for (const [k, v] of Object.entries(value)) {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || k === 'signal') continue;
    if (!plain_(v)) return [...path, k];
    const inner = path.length < 2 ? notPlain(v, [...path, k]) : null;
    if (inner) return inner;
  }
  return null;
}

function plain_(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

type Issue = z.core.$ZodIssue;

/** One zod issue in words: the option's path, what it got, what it accepts; an unknown key with its closest known one. */
export function describeIssue(issue: Issue | undefined, input: unknown, accepts: Readonly<Record<string, string>>): string {
  if (!issue) return 'invalid options';
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = optionPath(path);
  if (issue.code === 'unrecognized_keys') {
    // The keys known at this level: `accepts` paths one step below it.
    const prefix = where === '' ? '' : `${generic(path)}.`;
    const known = Object.keys(accepts)
      .filter((k) => k.startsWith(prefix) && !/[.[]/.test(k.slice(prefix.length)))
      .map((k) => k.slice(prefix.length));
    const key = issue.keys[0] ?? '';
    const near = closest(key, known);
    const full = where === '' ? key : `${where}.${key}`;
    return `unknown option ${full}${near ? ` (did you mean ${where === '' ? near : `${where}.${near}`}?)` : ''}; known: ${known.join(', ') || 'none'}`;
  }
  const expected = accepts[generic(path)] ?? 'a valid value';
  return `options.${where} must be ${expected}, got ${shown(valueAt(input, path))}`;
}

/** `['boosts', 'title']` → `boosts.title`; `['sources', 2]` → `sources[2]`. */
function optionPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The path as `accepts` keys it: array indexes as `[]`. */
function generic(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? '[]' : i === 0 ? p : `.${p}`)).join('');
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let v = input;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

/** The known key within two edits of `key` (case aside), or null: `titel` → `title`, `boost` → `boosts`. */
export function closest(key: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = row;
  }
  return prev[b.length] ?? 3;
}

/** Throws the TypeError for a text argument that is not a string (one typeof: these run on hot paths too). */
export function checkText(name: string, value: unknown): void {
  if (typeof value !== 'string') throw new TypeError(`ja-digest-search: ${name} expects a string, got ${shown(value)}`);
}
