/**
 * The partial tier: records that match most of the query, when fewer than
 * `limit` match all of it. Each query term weighs its idf, so a rare term
 * counts more than a common one (Meilisearch's `last` strategy drops terms
 * from the end instead). A term that matches nowhere, in any spelling, and is
 * long enough (three bigrams or more: a headline with a word dropped or a
 * particle added, a kanji typo) counts by the share of its bigrams a field
 * holds in order, each bigram weighing its own idf. A record qualifies when
 * the terms it matches carry at least half the weight of the terms that match
 * somewhere, or when it covers at least half the weight of the whole query:
 * a query about something no record mentions finds nothing.
 */
import { lowerBound } from '../search-index/grams.js';
import type { DigestIndex } from '../search-index/build.js';
import { expansions, idf } from './match.js';
import type { Alt, TermMatch } from './match.js';
import { altScore, averages, compareScored, insert, packedBm25 } from './rank.js';
import type { Scored } from './rank.js';
import { classPosting, fieldKeys, keyGrams, variantSpans } from './variant.js';
import type { FieldKey, KeyCache } from './variant.js';

/** The share of the query's weight a partial hit must cover. */
export const PARTIAL_SHARE = 0.5;
/** The weight of a seam bigram no record holds, as a share of the rarest held one's. */
const ABSENT = 0.5;
/** Bigrams a field holds, but not in the term's order, count this much. */
const REORDERED = 0.75;
/** A term needs this many bigrams to match by bigram overlap. */
export const MIN_OVERLAP_GRAMS = 3;

/** One query term as the partial tier sees it. */
export interface PartialTerm {
  term: string;
  phrase: boolean;
  /** The term as written (alternative 0) and its fuzzy and prefix expansions. */
  exact: TermMatch;
  /** The term's variant key and its candidates. */
  variant: Alt;
}

export interface PartialOptions {
  index: DigestIndex;
  terms: PartialTerm[];
  need: number;
  boosts: number[];
  allowed: ((doc: number) => boolean) | null;
  taken: ReadonlySet<number>;
  byDate: boolean;
  /** OR: a record matching any known term qualifies. */
  any: boolean;
  keys: KeyCache;
  fuzzy: number | false | undefined;
  prefix: boolean | undefined;
}

interface TermState {
  t: PartialTerm;
  weight: number;
  known: boolean;
  /** Every way the term matches: as written (and scattered), as a variant, by expansion. */
  alts: Alt[];
  /** Bigram overlap, for a long term that matches nowhere. */
  grams: string[] | null;
  gramWeights: Map<string, number>;
  gramTotal: number;
}

/** Meilisearch's typo budget: one edit from 5 characters, two from 9; latin words only (the vocabulary is words). */
function typoBudget(term: string): number {
  if (!/^[a-z0-9][a-z0-9\-'.&_/+#@]*$/.test(term)) return 0;
  return term.length >= 9 ? 2 : term.length >= 5 ? 1 : 0;
}

export function partialTier(o: PartialOptions): Scored[] {
  const { index } = o;
  if (o.need <= 0 || o.terms.length === 0) return [];
  const states: TermState[] = o.terms.map((t) => {
    const alts = [...t.exact.alts];
    if (t.variant.docs.length > 0) alts.push(t.variant);
    if (!t.phrase && (o.fuzzy || o.prefix)) for (const a of expansions(index, t.term, { fuzzy: o.fuzzy, prefix: o.prefix })) alts.push(a);
    let known = alts.some((a) => a.docs.length > 0);
    if (!known && !t.phrase) {
      // Typo tolerance for a word that matches nowhere, as Meilisearch has by default.
      const typos = typoBudget(t.term);
      if (typos > 0) for (const a of expansions(index, t.term, { fuzzy: typos })) alts.push(a);
      known = alts.some((a) => a.docs.length > 0);
    }
    const df = known ? new Set(alts.flatMap((a) => Array.from(a.docs))).size : 0;
    const grams = !known && !t.phrase && keyGrams(t.variant.text).length >= MIN_OVERLAP_GRAMS ? keyGrams(t.variant.text) : null;
    return { t, weight: idf(index, df), known, alts, grams, gramWeights: new Map(), gramTotal: 0 };
  });
  const totalKnown = states.reduce((s, st) => s + (st.known ? st.weight : 0), 0);
  const total = states.reduce((s, st) => s + st.weight, 0);

  // Upper bounds by scattering weights over the postings: known terms fully,
  // long unknown terms by the share of their bigrams a record holds at all.
  const size = index.records.length;
  const accKnown = new Float64Array(size);
  const accAll = new Float64Array(size);
  const touched: number[] = [];
  const touch = (d: number): void => {
    if (accKnown[d] === 0 && accAll[d] === 0) touched.push(d);
  };
  for (const st of states) {
    if (st.known) {
      const seen = new Set<number>();
      for (const a of st.alts) {
        for (const d of a.docs) {
          if (seen.has(d)) continue;
          seen.add(d);
          touch(d);
          accKnown[d] = (accKnown[d] ?? 0) + st.weight;
          accAll[d] = (accAll[d] ?? 0) + st.weight;
        }
      }
    } else if (st.grams) {
      const lists = [...new Set(st.grams)].map((g) => [g, classPosting(index, g)] as const);
      const df = new Map(lists.map(([g, l]) => [g, l.n]));
      const held = (j: number): boolean => (df.get(st.grams?.[j] ?? '') ?? 0) > 0;
      for (const [g, l] of lists) st.gramWeights.set(g, idf(index, l.n));
      // A bigram no record holds, between two that records do, is most often
      // the seam of two words typed together (蘭の in 日蘭の燃料融通): it weighs
      // half. One with no held neighbour (野球 in 野球日本代表) weighs fully.
      st.grams.forEach((g, j) => {
        if ((df.get(g) ?? 0) === 0 && held(j - 1) && held(j + 1)) st.gramWeights.set(g, ABSENT * idf(index, 1));
      });
      st.gramTotal = st.grams.reduce((s, g) => s + (st.gramWeights.get(g) ?? 0), 0);
      for (const [g, l] of lists) {
        // A repeated bigram counts as often as the term holds it (the in-order check below does the same).
        const share = (st.weight * (st.gramWeights.get(g) ?? 0) * st.grams.filter((x) => x === g).length) / (st.gramTotal || 1);
        for (let k = 0; k < l.n; k++) {
          const d = l.docs[k] ?? 0;
          touch(d);
          accAll[d] = (accAll[d] ?? 0) + share;
        }
      }
    }
  }
  const minKnown = o.any ? Number.MIN_VALUE : PARTIAL_SHARE * totalKnown;
  const qualifies = (known: number, all: number): boolean => (totalKnown > 0 && known >= minKnown) || all >= PARTIAL_SHARE * total;

  const cands: number[] = [];
  for (const d of touched) {
    if (o.taken.has(d) || !index.records[d] || (o.allowed && !o.allowed(d))) continue;
    if (qualifies(accKnown[d] ?? 0, accAll[d] ?? 0)) cands.push(d);
  }
  if (cands.length === 0) return [];
  const avg = averages(index);
  const evaluate = (d: number): Scored | null => score(o, states, d, total, avg, qualifies);

  if (o.byDate) {
    cands.sort((a, b) => (index.dayKeys[b] ?? 0) - (index.dayKeys[a] ?? 0));
    const out: Scored[] = [];
    let lastDay = -1;
    for (const d of cands) {
      const day = index.dayKeys[d] ?? 0;
      if (out.length >= o.need && day !== lastDay) break;
      const s = evaluate(d);
      if (!s) continue;
      out.push(s);
      lastDay = day;
    }
    out.sort((a, b) => (index.dayKeys[b.doc] ?? 0) - (index.dayKeys[a.doc] ?? 0) || compareScored(index, a, b));
    return out.slice(0, o.need);
  }

  // Best share first; stop when no upper bound can reach the k-th share.
  cands.sort((a, b) => (accAll[b] ?? 0) - (accAll[a] ?? 0) || a - b);
  const best: Scored[] = [];
  for (const d of cands) {
    const kth = best.length === o.need ? (best[best.length - 1]?.key ?? 0) : -Infinity;
    // Keys are rounded to 1e-9: a bound within that of the k-th key may still tie it.
    if ((accAll[d] ?? 0) / (total || 1) + 2e-9 < kth) break;
    const s = evaluate(d);
    if (s) insert(best, s, o.need, index);
  }
  return best;
}

/** A candidate's share of the query (the key) and a BM25 score of what it matched; null when it does not qualify. */
function score(
  o: PartialOptions,
  states: TermState[],
  doc: number,
  total: number,
  avg: number[],
  qualifies: (known: number, all: number) => boolean,
): Scored | null {
  const { index } = o;
  const fields = index.fields[doc] ?? [];
  let covered = 0;
  let knownCovered = 0;
  let bm = 0;
  const terms: string[] = [];
  const marks: string[] = [];
  let keys: FieldKey[] | null = null;
  const keysOf = (): FieldKey[] => (keys ??= fieldKeys(index, doc, o.keys));
  for (const st of states) {
    if (st.known) {
      let matched = false;
      let best = 0;
      for (const a of st.alts) {
        const p = lowerBound(a.docs, a.docs.length, doc);
        if (p >= a.docs.length || a.docs[p] !== doc) continue;
        if (a === st.t.variant) {
          // A variant candidate counts only where the record holds the key.
          const spans = variantSpans(index, doc, a.text, o.keys, 4);
          if (spans.length === 0) continue;
          for (const [f, s, e] of spans) marks.push((fields[f] ?? '').slice(s, e));
        } else if (altScore(index, a, fields, doc, o.boosts, avg, st.t.phrase).contiguous) {
          for (const w of st.t.phrase ? a.text.split(' ') : [a.text]) marks.push(w);
        } else if (st.t.phrase) continue; // a phrase counts only as written
        matched = true;
        const ts = packedBm25(index, a.tfs[p] ?? 0, doc, o.boosts, avg) * a.weight;
        if (ts > best) best = ts;
      }
      if (matched) {
        terms.push(st.t.term);
        covered += st.weight;
        knownCovered += st.weight;
        bm += st.weight * best;
      }
    } else if (st.grams) {
      const { share, spans } = inOrder(st, keysOf());
      if (share > 0) {
        covered += st.weight * share;
        terms.push(st.t.term);
        for (const [f, s, e] of spans) marks.push((fields[f] ?? '').slice(s, e));
      }
    }
  }
  if (!qualifies(knownCovered, covered) || terms.length === 0) return null;
  return { doc, score: bm, key: Math.round((covered / (total || 1)) * 1e9) / 1e9, terms, marks };
}

/**
 * The largest weight of the term's bigrams that one field holds in the
 * term's order (a weighted longest common subsequence over bigram
 * occurrences), as a share of the term's weight, with the matched runs.
 */
function inOrder(st: TermState, keys: FieldKey[]): { share: number; spans: [number, number, number][] } {
  const grams = st.grams ?? [];
  let bestShare = 0;
  let bestSpans: [number, number, number][] = [];
  keys.forEach((fk, f) => {
    // Occurrences (position in the key, index in the term), by position, later term index first.
    const occ: [number, number][] = [];
    let present = 0;
    grams.forEach((g, j) => {
      let count = 0;
      for (let at = fk.key.indexOf(g); at >= 0 && count < 16; at = fk.key.indexOf(g, at + 1)) {
        occ.push([at, j]);
        count++;
      }
      if (count > 0) present += st.gramWeights.get(g) ?? 0;
    });
    if (occ.length === 0) return;
    occ.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    // dp over occurrences: best chain ending here with strictly increasing position and term index.
    const m = grams.length;
    const dp = new Float64Array(occ.length);
    const prev = new Int32Array(occ.length).fill(-1);
    // Fenwick over term index for prefix maxima, with the occurrence that gives it.
    const tree = new Float64Array(m + 1);
    const arg = new Int32Array(m + 1).fill(-1);
    let top = -1;
    let topVal = 0;
    for (let k = 0; k < occ.length; k++) {
      const [, j] = occ[k] as [number, number];
      let q = 0;
      let qa = -1;
      for (let x = j; x > 0; x -= x & -x) if ((tree[x] ?? 0) > q) { q = tree[x] ?? 0; qa = arg[x] ?? -1; }
      const w = st.gramWeights.get(grams[j] as string) ?? 0;
      dp[k] = q + w;
      prev[k] = qa;
      for (let x = j + 1; x <= m; x += x & -x) if ((dp[k] ?? 0) > (tree[x] ?? 0)) { tree[x] = dp[k] ?? 0; arg[x] = k; }
      if ((dp[k] ?? 0) > topVal) { topVal = dp[k] ?? 0; top = k; }
    }
    // In order counts fully; the same bigrams in another order (words typed in
    // another order) count at a discount.
    const share = Math.max(topVal, REORDERED * present) / (st.gramTotal || 1);
    if (share <= bestShare) return;
    bestShare = share;
    // The chain's bigrams, merged into runs of the key, mapped to the searchable field.
    const pos: [number, number][] = [];
    for (let k = top; k >= 0; k = prev[k] ?? -1) {
      const [at, j] = occ[k] as [number, number];
      pos.push([at, at + (grams[j]?.length ?? 2)]);
    }
    pos.reverse();
    const spans: [number, number, number][] = [];
    let s = -1;
    let e = -1;
    const flush = (): void => {
      if (s >= 0) spans.push([f, fk.map[s] ?? 0, (fk.map[e - 1] ?? 0) + 1]);
    };
    for (const [ps, pe] of pos) {
      if (s >= 0 && ps <= e) e = Math.max(e, pe);
      else {
        flush();
        s = ps;
        e = pe;
      }
    }
    flush();
    bestSpans = spans;
  });
  return { share: Math.min(1, bestShare), spans: bestSpans };
}
