/**
 * search: query → ranked hits, in three tiers. Exact: every term occurs as
 * written (its bigrams give the candidates, its text decides). Variant: every
 * term occurs, some in an equivalent spelling (see analysis/variants.ts).
 * Partial: most of the query (see partial.ts). Within a tier the score is BM25
 * over the fields, with a bonus when an occurrence is a TinySegmenter word, and
 * each candidate's score is bounded from above by its bigram counts, so only
 * candidates whose bound can still reach the top k are scored exactly.
 */
import { shown } from '../schema.js';
import type { DigestRecord } from '../schema.js';
import type { FieldBoosts } from '../search-index/build.js';
import { DigestIndex, FIELDS } from '../search-index/build.js';
import { FIELD_COUNT } from '../search-index/grams.js';
import { combineAnd, combineOr, exactMatch, withIdf } from './match.js';
import type { Alt, Candidates, TermMatch } from './match.js';
import { partialTier } from './partial.js';
import { checkSearchOptions } from './options.js';
import { makeFilter, queryTerms } from './query.js';
import { altScore, averages, bm25, exactScore, rank, toHits } from './rank.js';
import type { MatchKind, Scored } from './rank.js';
import type { SnippetOptions } from './snippet.js';
import { termKey, variantAlt, variantSpans } from './variant.js';
import type { KeyCache } from './variant.js';

export type { MatchKind };

export interface SearchFilter {
  /** Inclusive ISO date, `2025-01-01`; `2025-01` or `2025` means from its first day. */
  from?: string;
  /** Inclusive ISO date; `2025-01` or `2025` means to its last day. */
  to?: string;
  /** Keep records whose `source` or `outlet` equals one of these (width and case folded). */
  sources?: readonly string[];
}

export interface SearchOptions {
  /** Most hits returned: a whole number from 0 to 10,000. Default 20. */
  limit?: number;
  filter?: SearchFilter;
  /** `AND` (default): every term must match. `OR`: any term. */
  combineWith?: 'AND' | 'OR';
  /**
   * Also match words within this edit distance, through MiniSearch; such hits
   * are `partial`. A whole number from 0 to 6, or a fraction of the term's
   * length between 0 and 1 (the distance then rounded, at most 6).
   */
  fuzzy?: number | false;
  /** Also match words that start with a term, through MiniSearch; such hits are `partial`. */
  prefix?: boolean;
  /**
   * The loosest match kind returned: `exact` (only records holding every term
   * as written), `variant` (also equivalent spellings), `partial` (default:
   * also records that match most of the query, when fewer than `limit` match
   * all of it).
   */
  match?: MatchKind;
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
  /**
   * How the record matched: `exact` (every term occurs as written, after
   * normalization), `variant` (every term occurs, some in an equivalent
   * spelling), `partial` (part of the query: some terms, most of a long term's
   * bigrams, or a fuzzy or prefix expansion). Exact hits come first, then
   * variant, then partial; `score` orders hits within a kind.
   */
  match: MatchKind;
  /** A short extract of the summary around the first match, with matches marked. */
  snippet: string;
  /** The whole title with its matches marked the same way (no marks when none matched there). */
  titleSnippet: string;
}

/** An alternative that matches nothing: keeps a variant alternative at index 1. */
const NEVER: Alt = { text: '', weight: 0, wordBonus: true, docs: new Int32Array(0), tfs: new Uint32Array(0) };
/** A variant occurrence scores this share of an occurrence as written. */
const VARIANT_WEIGHT = 0.8;

/**
 * Searches the index: the records where every term occurs as written first,
 * then those where every term occurs in an equivalent spelling, then (when
 * fewer than `limit` did) those that match most of the query. Never throws on
 * a query: an empty, punctuation-only or unknown query gives `[]`; a very long
 * one is cut to its first 1,000 characters and 32 terms. An option outside its
 * range (see SearchOptions) throws a TypeError that names it.
 */
export function search(index: DigestIndex, query: string, options: SearchOptions = {}): SearchHit[] {
  if (!(index instanceof DigestIndex)) throw new TypeError('ja-digest-search: search expects an index from buildIndex or loadIndex');
  const { limit, level, byDate, any: anyTerm, fuzzy, prefix, snippet } = checkSearchOptions(options);
  const boosts = { ...index.options.boosts, ...options.boosts };
  for (const [k, v] of Object.entries(boosts)) {
    // A negative weight would turn the score's upper bound into a lower one.
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new TypeError(`ja-digest-search: search: options.boosts.${k} must be a finite number >= 0, got ${shown(v)}`);
  }
  const allowed = makeFilter(index, options.filter);
  if (typeof query !== 'string' || limit === 0 || index.live === 0) return [];
  const terms = queryTerms(query, index.options.stopTerms);
  if (terms.length === 0) return [];
  const fieldBoosts = FIELDS.map((f) => boosts[f]);
  const any = anyTerm && terms.length > 1;
  const combine = any ? combineOr : combineAnd;
  const avg = averages(index);
  const taken = new Set<number>();
  const hits: SearchHit[] = [];
  const base = { index, boosts: fieldBoosts, allowed, byDate, taken, avg };
  const keep = (scored: Scored[], kind: MatchKind): void => {
    for (const s of scored) taken.add(s.doc);
    for (const h of toHits(index, scored, kind, snippet)) hits.push(h);
  };

  // 1. Every term as written.
  const exact = terms.map((t) => exactMatch(index, t.text, t.phrase));
  const exactCand = combine(exact);
  keep(rank({ ...base, matches: exact, cand: exactCand, limit, score: (i, doc) => exactScore(index, exact, exactCand, i, doc, fieldBoosts, avg, any) }), 'exact');
  if (hits.length >= limit || level === 'exact') return hits;

  // 2. Every term as written or in an equivalent spelling.
  const keys: KeyCache = new Map();
  const variantAlts = terms.map((t) => variantAlt(index, termKey(t.text), VARIANT_WEIGHT));
  // A lone term's exact hits are all taken already: its variant candidates alone can make new hits.
  const both = exact.map((m, t) => withIdf(index, m.term, m.phrase, terms.length === 1 ? [NEVER, variantAlts[t] as Alt] : [m.alts[0] as Alt, variantAlts[t] as Alt]));
  const bothCand = combine(both);
  const scoreVariant = (i: number, doc: number): Scored | null => variantScore(index, both, bothCand, i, doc, fieldBoosts, avg, any, keys);
  keep(rank({ ...base, matches: both, cand: bothCand, limit: limit - hits.length, score: scoreVariant }), 'variant');
  if (hits.length >= limit || level === 'variant') return hits;

  // 3. Most of the query.
  const partial = partialTier({
    ...base,
    terms: terms.map((t, k) => ({ term: t.text, phrase: t.phrase, exact: exact[k] as TermMatch, variant: variantAlts[k] as Alt })),
    need: limit - hits.length,
    any,
    keys,
    fuzzy,
    prefix,
  });
  keep(partial, 'partial');
  return hits;
}

/**
 * The variant-tier score of one candidate: every term (any term with `any`)
 * occurs as written or as a variant, and at least one only as a variant; null
 * otherwise.
 */
function variantScore(index: DigestIndex, matches: TermMatch[], cand: Candidates, i: number, doc: number, boosts: number[], avg: number[], any: boolean, cache: KeyCache): Scored | null {
  const fields = index.fields[doc] ?? [];
  let score = 0;
  let variants = 0;
  const terms: string[] = [];
  const marks: string[] = [];
  for (let t = 0; t < matches.length; t++) {
    const m = matches[t];
    if (!m) continue;
    const at = (a: number): number => {
      const ap = cand.pos[t]?.[a];
      return ap === null ? i : (ap?.[i] ?? -1);
    };
    const written = m.alts[0];
    if (written && at(0) >= 0) {
      const r = altScore(index, written, fields, doc, boosts, avg, m.phrase);
      if (r.contiguous) {
        for (const w of m.phrase ? written.text.split(' ') : [written.text]) marks.push(w);
        terms.push(m.term);
        score += m.idf * r.score;
        continue;
      }
    }
    const variant = m.alts[1];
    let ts = 0;
    if (variant && at(1) >= 0) {
      const counts = new Array<number>(FIELD_COUNT).fill(0);
      for (const [f, start, end] of variantSpans(index, doc, variant.text, cache, 255, variant.tfs[at(1)] ?? 0)) {
        if ((counts[f] = (counts[f] ?? 0) + 1) <= 8) marks.push((fields[f] ?? '').slice(start, end));
      }
      counts.forEach((n, f) => {
        if (n > 0) ts += (boosts[f] ?? 0) * bm25(n, index.lengths[doc * FIELD_COUNT + f] ?? 0, avg[f] ?? 1);
      });
    }
    if (ts === 0) {
      if (any) continue;
      return null;
    }
    variants++;
    terms.push(m.term);
    score += m.idf * variant!.weight * ts;
  }
  return variants > 0 ? { doc, score, terms, marks } : null;
}
