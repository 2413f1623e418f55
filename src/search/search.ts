/**
 * search: query → ranked hits. Every query term must match (a term matches
 * when all its character bigrams occur in the record); the score is BM25 over
 * the fields, with full credit only for contiguous occurrences and a bonus when
 * an occurrence is a TinySegmenter word. Each document's score is bounded from
 * above by its bigram counts, so only documents whose bound can still reach the
 * top k are scored exactly: a common term does not cost a full scan.
 */
import type { DigestRecord } from '../schema.js';
import type { FieldBoosts } from '../search-index/build.js';
import { DigestIndex, FIELDS } from '../search-index/build.js';
import { combineAnd, combineOr, matchTerm } from './match.js';
import type { Candidates } from './match.js';
import { makeFilter, queryTerms } from './query.js';
import { rank } from './rank.js';
import type { SnippetOptions } from './snippet.js';

export interface SearchFilter {
  /** Inclusive ISO date, `2025-01-01`; `2025-01` or `2025` means from its first day. */
  from?: string;
  /** Inclusive ISO date; `2025-01` or `2025` means to its last day. */
  to?: string;
  /** Keep records whose `source` or `outlet` equals one of these (width and case folded). */
  sources?: readonly string[];
}

export interface SearchOptions {
  /** Most hits returned. Default 20, at most 10,000. */
  limit?: number;
  filter?: SearchFilter;
  /** `AND` (default): every term must match. `OR`: any term. */
  combineWith?: 'AND' | 'OR';
  /** Also match words within this edit distance (an integer, or a fraction of the term's length), through MiniSearch. */
  fuzzy?: number | false;
  /** Also match words that start with a term, through MiniSearch. */
  prefix?: boolean;
  /** Field weights for this query, over the index's. */
  boosts?: Partial<FieldBoosts>;
  /** `score` (default): best first. `date`: newest first, the better score first within a day. */
  sort?: 'score' | 'date';
  /** How the snippet marks matches: `[` and `]` by default. */
  snippet?: SnippetOptions;
}

export interface SearchHit {
  id: string;
  score: number;
  record: DigestRecord;
  /** The query terms (normalized; a quoted phrase as its words joined by spaces) this record matched. */
  terms: string[];
  /** A short extract of the summary around the first match, with matches marked. */
  snippet: string;
  /** The whole title with its matches marked the same way (no marks when none matched there). */
  titleSnippet: string;
  /** True when no record matched every term and this hit matched only some (OR fallback). */
  fallback: boolean;
}

/**
 * Searches the index. Never throws on a query: an empty, punctuation-only or
 * unknown query gives `[]`; a very long one is cut to its first 1,000
 * characters and 32 terms.
 */
export function search(index: DigestIndex, query: string, options: SearchOptions = {}): SearchHit[] {
  if (!(index instanceof DigestIndex)) throw new TypeError('ja-digest-search: search expects an index from buildIndex or loadIndex');
  if (typeof query !== 'string') return [];
  const asked = options.limit ?? 20;
  const limit = typeof asked === 'number' && !Number.isNaN(asked) ? Math.max(0, Math.min(10_000, Math.floor(asked))) : 20;
  if (limit === 0 || index.live === 0) return [];
  const terms = queryTerms(query, index.options.stopTerms);
  if (terms.length === 0) return [];
  const boosts = { ...index.options.boosts, ...options.boosts };
  for (const [k, v] of Object.entries(boosts)) {
    // A negative weight would turn the score's upper bound into a lower one.
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new TypeError(`ja-digest-search: boost ${k} must be a finite number >= 0`);
  }
  const fieldBoosts = FIELDS.map((f) => boosts[f]);
  const allowed = makeFilter(index, options.filter);

  const matches = terms.map((t) => matchTerm(index, t.text, t.phrase, options));
  const mode = options.combineWith ?? 'AND';
  const byDate = options.sort === 'date';
  if (options.sort !== undefined && options.sort !== 'score' && !byDate) {
    throw new TypeError(`ja-digest-search: sort must be 'score' or 'date', got ${JSON.stringify(options.sort)}`);
  }
  const run = (cand: Candidates, fallback: boolean): SearchHit[] =>
    rank(index, matches, cand, limit, fieldBoosts, allowed, fallback, byDate, options.snippet);
  if (mode === 'OR' && terms.length > 1) return run(combineOr(matches), false);
  const hits = run(combineAnd(matches), false);
  return hits.length === 0 && terms.length > 1 ? run(combineOr(matches), true) : hits;
}

