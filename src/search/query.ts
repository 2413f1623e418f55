/**
 * Query analysis: the query cut into normalized terms (split where the user
 * typed a space, then at punctuation), and the filter as a predicate.
 */
import { normalizeQuery, normalizeText, toSearchable } from '../analysis/normalize.js';
import { shown } from '../schema.js';
import type { DigestIndex } from '../search-index/build.js';
import type { SearchFilter } from './search.js';

const MAX_QUERY = 1000;
const MAX_TERMS = 32;

/** A query term: a word, or a quoted phrase that must occur as written (normalized). */
export interface QueryTerm {
  text: string;
  phrase: boolean;
}

/**
 * Splits a query into normalized terms: spaces and punctuation separate,
 * latin joiners stay, and `"…"` (or an unclosed `"` to the end) is one phrase,
 * its words joined by single spaces.
 */
export function queryTerms(query: string, stopTerms: readonly string[] = []): QueryTerm[] {
  // NFKC first only to see full-width quotes (＂) as quotes; normalizing again later changes nothing.
  const text = (query.length > MAX_QUERY ? query.slice(0, MAX_QUERY) : query).normalize('NFKC');
  const out: QueryTerm[] = [];
  const push = (t: QueryTerm): void => {
    if (t.text !== '' && !stopTerms.includes(t.text) && !out.some((o) => o.text === t.text && o.phrase === t.phrase)) out.push(t);
  };
  text.split('"').forEach((segment, i) => {
    if (i % 2 === 1) {
      // Between quotes: normalized as documents are (a space inside Japanese goes), one phrase.
      const words = toSearchable(normalizeQuery(segment)).split(' ').filter((w) => w !== '');
      push({ text: words.join(' '), phrase: true });
      return;
    }
    // Terms are split before normalization so that a space the user typed always separates.
    for (const part of segment.split(/\s+/)) {
      for (const w of toSearchable(normalizeQuery(part)).split(' ')) if (w !== '') push({ text: w, phrase: false });
    }
  });
  return out.slice(0, MAX_TERMS);
}

const DATE_PREFIX = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;

/**
 * Whether `value` is a date bound as `filter.from`/`filter.to` and the CLI's
 * `--from`/`--to` take it: a day that exists (`2024-02-29`, not
 * `2025-02-30`), a month (`2025-02`) or a year (`2025`). One grammar for the
 * API, the CLI and the docs.
 */
export function isDateBound(value: string): boolean {
  if (!DATE_PREFIX.test(value)) return false;
  if (value.length < 10) return true;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

function datePrefix(fn: string, name: string, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !isDateBound(value)) {
    throw new TypeError(`ja-digest-search: ${fn}: options.filter.${name} must be a date: 2025-01-01 (a day that exists), 2025-01 or 2025, got ${shown(value)}`);
  }
  return value;
}

/** A filter checked once: date bounds as given, sources normalized, years as four-digit strings; null where absent. */
export interface FilterParts {
  from: string | null;
  to: string | null;
  sources: Set<string> | null;
  years: Set<string> | null;
}

/** `filter.years`: a list of years, each a whole number (2025) or four digits ('2025'); empty means no year filter. */
function yearSet(fn: string, value: unknown): Set<string> | null {
  if (value === undefined || value === null) return null;
  const bad = (): never => {
    throw new TypeError(`ja-digest-search: ${fn}: options.filter.years must be an array of years (2025 or '2025'), got ${shown(value)}`);
  };
  if (!Array.isArray(value)) return bad();
  const years = new Set<string>();
  for (const y of value as unknown[]) {
    if (typeof y === 'number' && Number.isInteger(y) && y >= 0 && y <= 9999) years.add(String(y).padStart(4, '0'));
    else if (typeof y === 'string' && /^\d{4}$/.test(y)) years.add(y);
    else bad();
  }
  return years.size > 0 ? years : null;
}

/** The filter's parts, checked (a bad date or year throws a TypeError naming it). */
export function filterParts(filter: SearchFilter | undefined, fn = 'search'): FilterParts {
  if (!filter) return { from: null, to: null, sources: null, years: null };
  const from = datePrefix(fn, 'from', filter.from);
  const to = datePrefix(fn, 'to', filter.to);
  const sources = Array.isArray(filter.sources) && filter.sources.length > 0 ? new Set(filter.sources.map((s) => normalizeText(String(s)).trim())) : null;
  return { from, to, sources, years: yearSet(fn, filter.years) };
}

/** The filter as a predicate; dates may be whole (`2025-01-01`) or a month or year, inclusive. */
export function makeFilter(index: DigestIndex, filter: SearchFilter | undefined, fn = 'search'): ((doc: number) => boolean) | null {
  return partsFilter(index, filterParts(filter, fn));
}

/** The predicate of checked filter parts, or null when they keep every record. */
export function partsFilter(index: DigestIndex, parts: FilterParts): ((doc: number) => boolean) | null {
  const { from, to, sources, years } = parts;
  if (from === null && to === null && sources === null && years === null) return null;
  return (doc) => {
    if (!index.isLive(doc)) return false;
    const date = index.dateOf(doc);
    if (from !== null && date < from) return false;
    if (to !== null && date.slice(0, to.length) > to) return false;
    if (years !== null && !years.has(date.slice(0, 4))) return false;
    if (sources !== null) {
      const keys = index.sourceKeys[doc] ?? [];
      if (!keys.some((k) => sources.has(k))) return false;
    }
    return true;
  };
}
