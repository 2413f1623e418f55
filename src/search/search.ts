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
import { PARTIAL_MAX, partialTier } from './partial.js';
import { checkSearchOptions } from './options.js';
import type { CheckedSearchOptions } from './options.js';
import { makeFilter, queryTerms } from './query.js';
import type { QueryTerm } from './query.js';
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
  /** Keep records of these years (2025 or '2025'); an empty list keeps every year. */
  years?: readonly (number | string)[];
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
  /** The hit's own copy of the record: changing it changes nothing in the index. */
  record: DigestRecord;
  /** The query terms (normalized; a quoted phrase as its words joined by spaces) this record matched. */
  terms: string[];
  /**
   * The words of the record that matched, as written there (each matched
   * term's first occurrence in the title, then in the summary): for a
   * variant or fuzzy match, the record's spelling (`ストルテンベルグ`), not the
   * query's. Empty when the match is in the notes or the source only, and
   * for a browse.
   */
  matched: string[];
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

/** The variant tier's inputs for a query: made only when a tier or a count needs them. */
export interface VariantPart {
  /** Each term's variant key and its candidates. */
  alts: Alt[];
  /** Each term as written or as a variant. */
  both: TermMatch[];
  cand: Candidates;
}

/**
 * A query analysed once against one index: its terms, the exact tier's
 * candidates and, on demand, the variant tier's. `search` ranks from it, and
 * `searchPage` counts from the same one.
 */
export interface PreparedQuery {
  index: DigestIndex;
  terms: QueryTerm[];
  /** OR over several terms. */
  any: boolean;
  fieldBoosts: number[];
  avg: number[];
  exact: TermMatch[];
  exactCand: Candidates;
  /** Variant folds of the fields, made once per query (see fieldKey). */
  keys: KeyCache;
  /** Each term's variant key and its candidates (what the partial tier needs of the variant tier). */
  variantAlts: () => Alt[];
  variant: () => VariantPart;
}

/** The checked boosts of one query: the index's, overridden by the options'. */
export function queryBoosts(index: DigestIndex, options: SearchOptions, fn: string): number[] {
  const boosts = { ...index.options.boosts, ...options.boosts };
  for (const [k, v] of Object.entries(boosts)) {
    // A negative weight would turn the score's upper bound into a lower one.
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new TypeError(`ja-digest-search: ${fn}: options.boosts.${k} must be a finite number >= 0, got ${shown(v)}`);
  }
  return FIELDS.map((f) => boosts[f]);
}

export function prepareQuery(index: DigestIndex, terms: QueryTerm[], fieldBoosts: number[], anyTerm: boolean): PreparedQuery {
  const any = anyTerm && terms.length > 1;
  const combine = any ? combineOr : combineAnd;
  const exact = terms.map((t) => exactMatch(index, t.text, t.phrase));
  let alts: Alt[] | null = null;
  let variant: VariantPart | null = null;
  const variantAlts = (): Alt[] => (alts ??= terms.map((t) => variantAlt(index, termKey(t.text), VARIANT_WEIGHT)));
  return {
    index,
    terms,
    any,
    fieldBoosts,
    avg: averages(index),
    exact,
    exactCand: combine(exact),
    keys: new Map(),
    variantAlts,
    variant: () => {
      if (variant) return variant;
      const alts = variantAlts();
      // A lone term's exact hits are all taken already: its variant candidates alone can make new hits.
      const both = exact.map((m, t) => withIdf(index, m.term, m.phrase, terms.length === 1 ? [NEVER, alts[t] as Alt] : [m.alts[0] as Alt, alts[t] as Alt]));
      variant = { alts, both, cand: combine(both) };
      return variant;
    },
  };
}

/** The exact-tier score of candidate `i` (document `doc`), or null when it does not hold every term as written. */
export function scoreExact(q: PreparedQuery, i: number, doc: number): Scored | null {
  return exactScore(q.index, q.exact, q.exactCand, i, doc, q.fieldBoosts, q.avg, q.any);
}

/** The variant-tier score of candidate `i` of the variant candidates, or null. */
export function scoreVariant(q: PreparedQuery, i: number, doc: number): Scored | null {
  const v = q.variant();
  return variantScore(q.index, v.both, v.cand, i, doc, q.fieldBoosts, q.avg, q.any, q.keys);
}

/** A tier's results, best first, with the kind they have. */
export interface Ranked {
  kind: MatchKind;
  scored: Scored[];
}

export interface Collected {
  /** The tiers' results in order: the first `limit` records of the long list. */
  ranked: Ranked[];
  /** How many records `ranked` holds. */
  count: number;
  /**
   * Every partial hit (at most PARTIAL_MAX) when the partial tier ran and
   * `allPartials` was asked: the rest of the long list is known.
   */
  partials: Scored[] | null;
}

/**
 * The first `limit` records of the long list, tier by tier, each tier only
 * if the ones before left places. `allPartials`: the partial tier returns all
 * its hits (the first ones are those a smaller need returns), for a count.
 */
export function collect(q: PreparedQuery, o: CheckedSearchOptions, allowed: ((doc: number) => boolean) | null, allPartials = false): Collected {
  const { index, terms, exact, exactCand, fieldBoosts: boosts, avg } = q;
  const { limit, level, byDate } = o;
  const taken = new Set<number>();
  const ranked: Ranked[] = [];
  let count = 0;
  const keep = (scored: Scored[], kind: MatchKind): void => {
    for (const s of scored) taken.add(s.doc);
    if (scored.length > 0) ranked.push({ kind, scored });
    count += scored.length;
  };
  const done = { ranked, count: 0, partials: null };
  if (limit === 0 || terms.length === 0) return done;
  const base = { index, boosts, allowed, byDate, taken, avg };

  // 1. Every term as written.
  keep(rank({ ...base, matches: exact, cand: exactCand, limit, score: (i, doc) => scoreExact(q, i, doc) }), 'exact');
  if (count >= limit || level === 'exact') return { ranked, count, partials: null };

  // 2. Every term as written or in an equivalent spelling.
  const v = q.variant();
  keep(rank({ ...base, matches: v.both, cand: v.cand, limit: limit - count, score: (i, doc) => scoreVariant(q, i, doc) }), 'variant');
  if (count >= limit || level === 'variant') return { ranked, count, partials: null };

  // 3. Most of the query.
  const need = limit - count;
  const partial = partialsOf(q, o, allowed, taken, allPartials ? Math.max(need, PARTIAL_MAX) : need);
  keep(partial.slice(0, need), 'partial');
  return { ranked, count, partials: allPartials ? partial : null };
}

/**
 * The partial tier's best `need` hits under `allowed`, the records in
 * `taken` (the exact and variant hits) left out; with `need` at PARTIAL_MAX,
 * every partial hit.
 */
export function partialsOf(q: PreparedQuery, o: CheckedSearchOptions, allowed: ((doc: number) => boolean) | null, taken: ReadonlySet<number>, need: number): Scored[] {
  const alts = q.variantAlts();
  return partialTier({
    index: q.index,
    boosts: q.fieldBoosts,
    allowed,
    byDate: o.byDate,
    taken,
    avg: q.avg,
    terms: q.terms.map((t, k) => ({ term: t.text, phrase: t.phrase, exact: q.exact[k] as TermMatch, variant: alts[k] as Alt })),
    need,
    any: q.any,
    keys: q.keys,
    fuzzy: o.fuzzy,
    prefix: o.prefix,
  });
}

/** Hits for records `from` to `to` of the ranked list, with snippets (made only for those). */
export function hitsOf(index: DigestIndex, ranked: readonly Ranked[], from: number, to: number, snippet: SnippetOptions | undefined): SearchHit[] {
  const hits: SearchHit[] = [];
  let at = 0;
  for (const { kind, scored } of ranked) {
    const lo = Math.max(from - at, 0);
    const hi = Math.min(to - at, scored.length);
    if (lo < hi) for (const h of toHits(index, scored.slice(lo, hi), kind, snippet)) hits.push(h);
    at += scored.length;
  }
  return hits;
}

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
  const checked = checkSearchOptions(options);
  const fieldBoosts = queryBoosts(index, options, 'search');
  const allowed = makeFilter(index, options.filter);
  if (typeof query !== 'string' || checked.limit === 0 || index.live === 0) return [];
  const terms = queryTerms(query, index.options.stopTerms);
  if (terms.length === 0) return [];
  const { ranked, count } = collect(prepareQuery(index, terms, fieldBoosts, checked.any), checked, allowed);
  return hitsOf(index, ranked, 0, count, checked.snippet);
}

/**
 * The variant-tier score of one candidate: every term (any term with `any`)
 * occurs as written or as a variant, and at least one only as a variant; null
 * otherwise.
 */
function variantScore(index: DigestIndex, matches: TermMatch[], cand: Candidates, i: number, doc: number, boosts: number[], avg: number[], any: boolean, cache: KeyCache): Scored | null {
  const fields = index.fieldsOf(doc) ?? [];
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
