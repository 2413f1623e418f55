/**
 * The options of `search`, checked once per call at the edge: a value outside
 * its documented range (docs/search.md) throws a TypeError naming the option,
 * and the inner code trusts what it gets. Plain checks rather than a zod parse:
 * search is the hot path, and these cost nanoseconds.
 */
import { shown } from '../schema.js';
import { checkOptions } from '../validate.js';
import type { MatchKind } from './rank.js';
import type { SearchOptions } from './search.js';
import type { SnippetOptions } from './snippet.js';

/** Most hits one search returns. */
export const MAX_LIMIT = 10_000;
export const DEFAULT_LIMIT = 20;
/**
 * Largest fuzzy edit distance (MiniSearch's `maxFuzzy` default): beyond it
 * every short word matches, and MiniSearch's work grows with the distance
 * (1e9 made it allocate an 8 GB matrix).
 */
export const MAX_FUZZY = 6;

const MATCH_LEVELS: readonly MatchKind[] = ['exact', 'variant', 'partial'];

export interface CheckedSearchOptions {
  limit: number;
  level: MatchKind;
  byDate: boolean;
  any: boolean;
  fuzzy: number | false;
  prefix: boolean;
  snippet: SnippetOptions | undefined;
}

/** Throws the TypeError that names the function and the option. */
export function failWith(fn: string, name: string, expected: string, value: unknown): never {
  throw new TypeError(`ja-digest-search: ${fn}: options.${name} must be ${expected}, got ${shown(value)}`);
}

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * The options with their defaults, or a TypeError naming the first one out of
 * range; `fn` is the function named in the message (search, searchPage).
 */
export function checkSearchOptions(options: SearchOptions, fn = 'search'): CheckedSearchOptions {
  // Types and unknown keys (zod, see validate.ts); ranges that depend on each other below.
  checkOptions(fn, options);
  function fail(name: string, expected: string, value: unknown): never {
    return failWith(fn, name, expected, value);
  }
  const { limit = DEFAULT_LIMIT, match = 'partial', sort, combineWith, fuzzy = false, prefix = false, snippet } = options;
  if (!isWhole(limit) || limit < 0 || limit > MAX_LIMIT) fail('limit', `a whole number from 0 to ${MAX_LIMIT}`, limit);
  if (!MATCH_LEVELS.includes(match)) fail('match', "'exact', 'variant' or 'partial'", match);
  if (sort !== undefined && sort !== 'score' && sort !== 'date') fail('sort', "'score' or 'date'", sort);
  if (combineWith !== undefined && combineWith !== 'AND' && combineWith !== 'OR') fail('combineWith', "'AND' or 'OR'", combineWith);
  if (fuzzy !== false && !(typeof fuzzy === 'number' && ((isWhole(fuzzy) && fuzzy >= 0 && fuzzy <= MAX_FUZZY) || (fuzzy > 0 && fuzzy < 1)))) {
    fail('fuzzy', `false, a whole number of edits from 0 to ${MAX_FUZZY}, or a fraction of the term's length between 0 and 1`, fuzzy);
  }
  if (typeof prefix !== 'boolean') fail('prefix', 'true or false', prefix);
  if (snippet !== undefined) {
    if (snippet === null || typeof snippet !== 'object') fail('snippet', 'an object', snippet);
    const { before, after, context, escape } = snippet;
    if (before !== undefined && typeof before !== 'string') fail('snippet.before', 'a string', before);
    if (after !== undefined && typeof after !== 'string') fail('snippet.after', 'a string', after);
    if (context !== undefined && !((isWhole(context) && context >= 0) || context === Infinity)) fail('snippet.context', 'a whole number >= 0, or Infinity', context);
    if (escape !== undefined && typeof escape !== 'function') fail('snippet.escape', 'a function', escape);
  }
  return { limit, level: match, byDate: sort === 'date', any: combineWith === 'OR', fuzzy, prefix, snippet };
}
