/**
 * Counting the matches of a query: how many records `search` would return
 * with no limit, and their facet counts. The candidates are cheap to list;
 * deciding whether one really matches is what costs, a little for a term as
 * written (a substring test), much for a variant (the record's fields folded).
 * So:
 *
 * - a candidate of a query whose terms are all one or two characters matches
 *   as written by construction (its one bigram is the term);
 * - the variant candidates outside the exact ones come cheaply when no other
 *   spelling of the terms' characters occurs in the index (see
 *   variantCandidates), else from the variant tier's candidate lists;
 * - the other candidates are checked in pools (exact candidates; variant
 *   candidates only; each within the whole filter or only within a facet's
 *   wider one): a whole pool when it is small, otherwise a sample spread
 *   evenly over it, until three standard errors are within a few percent of
 *   the count;
 * - partial hits (at most PARTIAL_MAX) depend on the filter, so each filter
 *   runs the partial tier, when the count is small enough for them to matter
 *   (under PARTIAL_SKIP).
 */
import { classMembers, foldCode } from '../analysis/variants.js';
import { lowerBound } from '../search-index/grams.js';
import { intersect, mergeDocs } from './match.js';
import type { DocList } from './match.js';
import type { Scored } from './rank.js';
import { occursAsWritten } from './rank.js';
import { FacetTally, compileFilter, facetColumns, strata } from './facets.js';
import type { FacetName, Facets } from './facets.js';
import type { CheckedSearchOptions } from './options.js';
import { PARTIAL_MAX } from './partial.js';
import type { FilterParts } from './query.js';
import { partialsOf } from './search.js';
import type { PreparedQuery } from './search.js';
import { termKey, variantSpans } from './variant.js';

/** How a pool is checked: whole up to `all` candidates, else a sample of `min` to `max` until 3 standard errors are within `tolerance` of the count. */
interface Sampling {
  all: number;
  min: number;
  max: number;
  tolerance: number;
}

/** Exact candidates: a check is a substring test, about a microsecond. */
export const EXACT_SAMPLING: Sampling = { all: 200, min: 64, max: 2048, tolerance: 0.05 };
/** Variant candidates: a check folds the record's fields, tens of microseconds. */
export const VARIANT_SAMPLING: Sampling = { all: 32, min: 16, max: 32, tolerance: 0.06 };
/**
 * Partial hits are counted when the other matches are fewer than this: there
 * are at most PARTIAL_MAX of them, so beyond it leaving them out errs by at
 * most 4%, which leaves an estimate's sampling (three standard errors within
 * 5%, 6% for variant candidates) inside the promised 10%.
 */
export const PARTIAL_SKIP = PARTIAL_MAX * 25;
/** Golden-ratio stride: consecutive samples spread evenly over a pool (in record order, so over time too). */
const GOLDEN = 0.6180339887498949;

export interface Counted {
  total: number;
  /** `total` and every facet count are exact. */
  exact: boolean;
  facets: Facets;
}

/** Candidates whose match must be checked, each with its strata, and their facet counts as candidates. */
interface Pool {
  /** Exact candidates (checked as written, then as a variant), or variant candidates only. */
  exact: boolean;
  docs: Int32Array;
  masks: Uint8Array;
  n: number;
  /** Every candidate counted: scaled by the share that matched when the pool is sampled. */
  cands: FacetTally;
}

/**
 * The records outside the exact candidates that may match a term only in
 * another spelling, a superset. When the characters of every term's key have
 * no other spelling in the index (latin, digits, kanji whose old forms no
 * record holds), such a record holds every bigram of a term's key as written
 * or as only the fold makes it (the variant bigram table), probed in the
 * postings for a few seed records: for a term the fold leaves alone, those
 * with a pair only the fold makes (a record outside the exact candidates
 * lacks some bigram as written); for one it changes (F-35B → f35b), those
 * with its key's rarest bigram. Otherwise, the variant tier's candidates
 * (which cost about what the exact tier's do).
 */
function variantCandidates(q: PreparedQuery): Int32Array {
  const { index } = q;
  const { grams } = index;
  // Per term, per bigram of its key: the postings as written and as the fold makes it.
  const perTerm: (DocList | undefined)[][][] = [];
  const seeds: number[] = [];
  for (const t of q.terms) {
    const key = termKey(t.text);
    // No other spelling of the key's characters occurs in the index (總 for 総, か for カ): only the fold makes other pairs.
    let plain = true;
    for (let i = 0; plain && i < key.length; i++) {
      const c = key.charCodeAt(i);
      plain = classMembers(foldCode(c)).every((m) => m === c || grams.idOf(m) === 0);
    }
    if (!plain) return variantDocs(q);
    const lists: (DocList | undefined)[][] = [];
    // The fold leaves the term alone: a record outside its exact candidates lacks a pair as written.
    const same = key === t.text;
    for (const part of key.split(' ')) {
      if (part.length === 1) {
        const id = grams.idOf(part.charCodeAt(0));
        lists.push([id === 0 ? undefined : index.posting(id)]);
      }
      for (let i = 0; i + 1 < part.length; i++) {
        const a = grams.idOf(part.charCodeAt(i));
        const b = grams.idOf(part.charCodeAt(i + 1));
        const v = a === 0 || b === 0 ? undefined : grams.variants.get(a * 65536 + b);
        lists.push([a === 0 || b === 0 ? undefined : grams.get(a * 65536 + b), v]);
        if (v && same) for (let k = 0; k < v.n; k++) seeds.push(v.docs[k] ?? 0);
      }
    }
    if (!same) {
      // The fold changes the term (F-35B → f35b): a match may hold every pair of the key as written, so the
      // seeds are the records holding the key's rarest bigram, one way or the other.
      let rarest: (DocList | undefined)[] = [];
      let size = Infinity;
      for (const ls of lists) {
        const n = ls.reduce((sum, l) => sum + (l?.n ?? 0), 0);
        if (n < size) [rarest, size] = [ls, n];
      }
      for (const l of rarest) if (l) for (let k = 0; k < l.n; k++) seeds.push(l.docs[k] ?? 0);
    }
    perTerm.push(lists);
  }
  const holds = (l: DocList | undefined, doc: number): boolean => {
    if (!l || l.n === 0) return false;
    const at = lowerBound(l.docs, l.n, doc);
    return at < l.n && l.docs[at] === doc;
  };
  // Every bigram of the term, as written or as the fold makes it (in some field: a superset).
  const termHolds = (lists: (DocList | undefined)[][], doc: number): boolean => lists.every((ls) => ls.some((l) => holds(l, doc)));
  const sorted = Int32Array.from(seeds).sort();
  let w = 0;
  for (let i = 0; i < sorted.length; i++) {
    const doc = sorted[i] ?? 0;
    if (i > 0 && doc === sorted[i - 1]) continue;
    if (q.any ? perTerm.some((ls) => termHolds(ls, doc)) : perTerm.every((ls) => termHolds(ls, doc))) sorted[w++] = doc;
  }
  return sorted.subarray(0, w);
}

/**
 * The variant tier's candidates, without the per-candidate positions its
 * ranking needs: the records holding every term (with OR, any term) as
 * written or as a variant key.
 */
function variantDocs(q: PreparedQuery): Int32Array {
  const alts = q.variantAlts();
  // One term: its exact candidates are walked anyway, its variant ones are the rest.
  if (alts.length === 1) return alts[0]?.docs ?? new Int32Array(0);
  const perTerm = q.exact.map((m, t) => mergeDocs(m.docs, alts[t]?.docs ?? new Int32Array(0)));
  let docs = perTerm[0] ?? new Int32Array(0);
  for (let t = 1; t < perTerm.length; t++) docs = q.any ? mergeDocs(docs, perTerm[t] as Int32Array) : intersect(docs, perTerm[t] as Int32Array);
  return docs;
}

/**
 * The count and facets of a query's matches. `partials`: every partial hit
 * under the whole filter, when the caller's ranking found them already.
 */
export function countMatches(q: PreparedQuery, o: CheckedSearchOptions, parts: FilterParts, asked: readonly FacetName[], partials: Scored[] | null): Counted {
  const { index } = q;
  const fc = facetColumns(index);
  const st = strata(index, fc, compileFilter(fc, parts), asked);
  const tally = new FacetTally(fc, st, asked);
  if (q.terms.length === 0) return { total: 0, exact: true, facets: tally.facets() };

  // Matches as written without a look at the text: every term is one bigram (or one character).
  const oneGram = q.terms.every((t) => !t.phrase && t.text.length <= 2);
  // The records found to match (a list: a Set per candidate cost half the count; made a Set only for the partial tier).
  const matched: number[] = [];
  const exactDocs = q.exactCand.docs;
  const others = o.level === 'exact' ? new Int32Array(0) : variantCandidates(q);
  // [exact or variant candidates] × [in the whole filter, only in a wider one].
  const pools: Pool[] = [true, true, false, false].map((exact, i) => {
    // The wider filters' pools only exist when a facet drops a filter of its own.
    const size = i % 2 === 1 && st.count === 1 ? 0 : exact ? exactDocs.length : others.length;
    return { exact, docs: new Int32Array(size), masks: new Uint8Array(size), n: 0, cands: new FacetTally(fc, st, asked) };
  });
  const consider = (doc: number, inExact: boolean): void => {
    const mask = st.mask(doc);
    if (mask === 0) return;
    if (inExact && oneGram) {
      matched.push(doc);
      tally.add(doc, mask);
      return;
    }
    const p = pools[(inExact ? 0 : 2) + (mask & 1 ? 0 : 1)] as Pool;
    p.docs[p.n] = doc;
    p.masks[p.n++] = mask;
    p.cands.add(doc, mask);
  };
  // Both lists are sorted: one merge walk.
  for (let i = 0, j = 0; i < exactDocs.length || j < others.length; ) {
    const a = i < exactDocs.length ? (exactDocs[i] ?? 0) : Infinity;
    const b = j < others.length ? (others[j] ?? 0) : Infinity;
    if (a <= b) consider(exactDocs[i++] ?? 0, true);
    else consider(others[j] ?? 0, false);
    if (a >= b) j++;
  }

  const { terms, any, fieldBoosts } = q;
  const variants = o.level !== 'exact';
  const keys = terms.map((t) => termKey(t.text));
  // Per term, whether the candidate holds it as written: one array for every check.
  const written = new Uint8Array(terms.length);
  const matches = (p: Pool, k: number): boolean => {
    const doc = p.docs[k] ?? 0;
    const fields = index.fieldsOf(doc) ?? [];
    // What exactScore accepts: every term (with OR, any term) occurs as written in a field.
    let held = 0;
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t] as (typeof terms)[number];
      written[t] = occursAsWritten(fields, term.text, term.phrase) ? 1 : 0;
      held += written[t] ?? 0;
    }
    if (p.exact && (any ? held > 0 : held === terms.length)) return true;
    if (!variants) return false;
    // What variantScore accepts: every term (with OR, any) as written or as a variant, at least one only as a variant.
    let variant = 0;
    for (let t = 0; t < terms.length; t++) {
      if (written[t]) continue;
      // A variant counts in a field the query weighs (a score of 0 is no match).
      if (variantSpans(index, doc, keys[t] ?? '', q.keys).some(([f]) => (fieldBoosts[f] ?? 0) > 0)) variant++;
      else if (!any) return false;
    }
    return variant > 0;
  };

  const results: Sampled[] = [];
  let estimate = tally.totals[0] ?? 0;
  for (const p of pools) {
    const s = sample(p, matches, p.exact ? EXACT_SAMPLING : VARIANT_SAMPLING, estimate);
    results.push(s);
    estimate += s.estimate;
    if (s.complete) {
      for (const k of s.hits) {
        matched.push(p.docs[k] ?? 0);
        tally.add(p.docs[k] ?? 0, p.masks[k] ?? 0);
      }
    } else {
      // Every candidate of the pool weighs the share of its sample that matched.
      tally.addScaled(p.cands, s.share);
    }
  }
  const inFilter = (results[0] as Sampled).complete && (results[2] as Sampled).complete;
  let exact = results.every((s) => s.complete);

  // Partial hits, per filter: the partial tier of that filter, its exact and variant matches left out.
  if (o.level === 'partial') {
    // A sampled pool's candidates that were not checked are left out of the partial tier (as if they matched: the
    // pool's estimate counts them by its share), and so are those its sample found to match. Those found not to
    // match stay in, and each partial hit among them stands for its share of the candidates not checked: hiding
    // them all lost most partial hits of a query whose variant candidates rarely match (ルッテ 訪日 at 1,000
    // records: 52 counted for 70).
    let taken: Set<number> | null = null;
    const stands = new Map<number, number>();
    const leftOut = (): Set<number> => {
      const all = new Set(matched);
      pools.forEach((p, i) => {
        const s = results[i] as Sampled;
        if (s.complete) return;
        const missed = new Uint8Array(p.n);
        for (const k of s.checked) missed[k] = 1;
        for (const k of s.hits) missed[k] = 0;
        for (let k = 0; k < p.n; k++) {
          if (missed[k]) stands.set(p.docs[k] ?? 0, p.n / s.checked.length);
          else all.add(p.docs[k] ?? 0);
        }
      });
      return all;
    };
    const run = (bit: number): Scored[] => partialsOf(q, o, (doc) => ((st.mask(doc) >> bit) & 1) === 1, (taken ??= leftOut()), PARTIAL_MAX);
    for (let bit = 0; bit < st.count; bit++) {
      const count = tally.totals[bit] ?? 0;
      if (bit === 0 && partials) {
        for (const s of partials) tally.add(s.doc, 1);
        continue;
      }
      const known = bit === 0 ? inFilter : exact;
      if (count < PARTIAL_SKIP) {
        const found = run(bit);
        // What the hits stand for beyond themselves, scaled so that the partial hits stay at most PARTIAL_MAX.
        const more = found.reduce((sum, h) => sum + (stands.get(h.doc) ?? 1) - 1, 0);
        const scale = more > 0 ? Math.min(1, Math.max(0, PARTIAL_MAX - found.length) / more) : 0;
        for (const h of found) tally.add(h.doc, 1 << bit, 1 + ((stands.get(h.doc) ?? 1) - 1) * scale);
      }
      if (!known || count >= PARTIAL_SKIP) exact = false;
    }
  }
  return { total: Math.round(tally.totals[0] ?? 0), exact, facets: tally.facets() };
}

interface Sampled {
  /** Every candidate was checked: `hits` are the matches. */
  complete: boolean;
  /** Positions in the pool of the candidates found to match. */
  hits: number[];
  /** Positions of the candidates checked, when the pool was sampled (empty when complete). */
  checked: number[];
  /** The share of the candidates checked that matched. */
  share: number;
  /** The pool's number of matches, estimated. */
  estimate: number;
}

/**
 * Checks a pool's candidates: all of them when they are few, otherwise in
 * golden-ratio order (evenly spread, and the same every time, so that every
 * page of a query shows the same total) until three standard errors of the
 * pool's estimate are within the tolerance of the whole count (`known` plus
 * this pool's estimate), or the sample reaches its cap.
 */
function sample(p: Pool, matches: (p: Pool, k: number) => boolean, how: Sampling, known: number): Sampled {
  const n = p.n;
  const hits: number[] = [];
  if (n <= how.all) {
    for (let k = 0; k < n; k++) if (matches(p, k)) hits.push(k);
    return { complete: true, hits, checked: [], share: n === 0 ? 0 : hits.length / n, estimate: hits.length };
  }
  const checked: number[] = [];
  let step = Math.max(1, Math.round(n * GOLDEN));
  while (gcd(step, n) !== 1) step++;
  let pos = 0;
  let m = 0;
  while (m < n && m < how.max) {
    if (matches(p, pos)) hits.push(pos);
    checked.push(pos);
    pos = (pos + step) % n;
    m++;
    if (m < how.min || m % 8 !== 0) continue;
    // Laplace's share for the error: a sample with no match (or no miss) is not taken as certain.
    const pe = (hits.length + 1) / (m + 2);
    const se = n * Math.sqrt(((pe * (1 - pe)) / m) * (1 - m / n));
    if (3 * se <= how.tolerance * (known + (n * hits.length) / m)) break;
  }
  // The stride visits every candidate once in n steps: at m = n the pool was checked whole.
  if (m === n) return { complete: true, hits, checked: [], share: hits.length / n, estimate: hits.length };
  return { complete: false, hits, checked, share: hits.length / m, estimate: (n * hits.length) / m };
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
