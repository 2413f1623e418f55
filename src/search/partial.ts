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
import { FIELD_COUNT, lowerBound } from '../search-index/grams.js';
import type { DigestIndex } from '../search-index/build.js';
import { expansions, idf } from './match.js';
import type { Alt, DocList, TermMatch } from './match.js';
import { altScore, compareScored, insert, packedBm25 } from './rank.js';
import type { Scored } from './rank.js';
import { classLists, fieldKey, keyGrams, termKeyInScript, variantSpans } from './variant.js';
import type { KeyCache } from './variant.js';

/** The share of the query's weight a partial hit must cover. */
export const PARTIAL_SHARE = 0.5;
/** The weight of a seam bigram no record holds, as a share of the rarest held one's (see partialTier). */
const ABSENT = 0.5;
/** Bigrams a field holds, but not in the term's order, count this much. */
const REORDERED = 0.75;
/**
 * Candidates checked at most, in order of bound: a bound on the work a query
 * costs where thousands of records repeat one text. The same candidates
 * whatever the limit, so that a longer list always begins with a shorter one.
 */
const PARTIAL_EVALUATIONS = 32;
/** The most partial hits one query can have: each is one of the candidates checked. */
export const PARTIAL_MAX = PARTIAL_EVALUATIONS;
/** A bigram in more than 1/COMMON_SHARE of the records is not scattered (see partialTier). */
const COMMON_SHARE = 8;
/** Candidates checked, per way of matching, to tell whether a term occurs anywhere. */
const KNOWN_CHECKS = 16;
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
  /** Average field lengths, computed once per query. */
  avg: number[];
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
  const avg = o.avg;
  const sc = scratch(index);
  const states: TermState[] = o.terms.map((t) => {
    const alts = [...t.exact.alts];
    if (t.variant.docs.length > 0) alts.push(t.variant);
    if (!t.phrase && (o.fuzzy || o.prefix)) for (const a of expansions(index, t.term, { fuzzy: o.fuzzy, prefix: o.prefix })) alts.push(a);
    let known = occursSomewhere(o, t, alts, avg);
    if (!known && !t.phrase) {
      // Typo tolerance for a word that matches nowhere, as Meilisearch has by default.
      const typos = typoBudget(t.term);
      if (typos > 0) for (const a of expansions(index, t.term, { fuzzy: typos })) alts.push(a);
      known = alts.length > t.exact.alts.length + (t.variant.docs.length > 0 ? 1 : 0);
    }
    const df = known ? distinctDocs(alts, sc) : 0;
    const scriptKey = termKeyInScript(t.term);
    const grams = !known && !t.phrase && keyGrams(scriptKey).length >= MIN_OVERLAP_GRAMS ? keyGrams(scriptKey) : null;
    return { t, weight: idf(index, df), known, alts, grams, gramWeights: new Map(), gramTotal: 0 };
  });
  const totalKnown = states.reduce((s, st) => s + (st.known ? st.weight : 0), 0);
  const total = states.reduce((s, st) => s + st.weight, 0);

  // Upper bounds by scattering weights over the postings: known terms fully,
  // long unknown terms by the share of their bigrams a record holds at all.
  const { accKnown, accAll, seen } = sc;
  // With one term counted by overlap (the usual near-miss), its share is
  // bounded per field, as the in-order check counts it: a tighter bound.
  const perField = states.filter((st) => !st.known && st.grams).length === 1 ? sc.perField : null;
  const touched: number[] = [];
  try {
    return rankPartial();
  } finally {
    // The scratch arrays go back clean for the next query.
    for (const d of touched) {
      accKnown[d] = 0;
      accAll[d] = 0;
      seen[d] = 0;
      if (perField) for (let f = 0; f < FIELD_COUNT; f++) perField[d * FIELD_COUNT + f] = 0;
    }
  }

  function rankPartial(): Scored[] {
  /** Added to every record's bound: the share of bigrams too common to scatter. */
  let baseBound = 0;
  for (const st of states) {
    if (st.known) {
      for (const a of st.alts) {
        for (const d of a.docs) {
          if ((seen[d] ?? 0) & 2) continue;
          if (seen[d] === 0) touched.push(d);
          seen[d] = 3;
          accKnown[d] = (accKnown[d] ?? 0) + st.weight;
          accAll[d] = (accAll[d] ?? 0) + st.weight;
        }
      }
      for (const a of st.alts) for (const d of a.docs) seen[d] = 1;
    } else if (st.grams) {
      const { stamp } = sc;
      // Each bigram's postings in every spelling, scattered from the lists
      // themselves (a stamp per record counts it once per bigram): uniting the
      // postings of a common pair first would allocate more than the query needs.
      // Every spelling within the script typed counts, as the in-order check (over the script-keeping key) counts it.
      const lists = [...new Set(st.grams)].map((g) => [g, classLists(index, g, true)] as const);
      const df = new Map<string, number>();
      for (const [g, ls] of lists) {
        const mark = ++sc.stampCounter;
        let count = 0;
        for (const l of ls) {
          for (let k = 0; k < l.n; k++) {
            const d = l.docs[k] ?? 0;
            if (stamp[d] !== mark) {
              stamp[d] = mark;
              count++;
            }
          }
        }
        df.set(g, count);
      }
      const held = (j: number): boolean => (df.get(st.grams?.[j] ?? '') ?? 0) > 0;
      // A bigram weighs its idf. One that no record holds weighs as much as
      // the rarest one that records do: idf would make it ever heavier as the
      // archive grows, while it says nothing about which record is meant. Between
      // two held ones it is most often the seam of two words typed together
      // (蘭の in 日蘭の燃料融通), and weighs half; with no held neighbour (野球
      // in 野球日本代表) it is missing content, and weighs fully.
      let rarest = 0;
      for (const n of df.values()) if (n > 0) rarest = Math.max(rarest, idf(index, n));
      if (rarest === 0) rarest = idf(index, 0);
      for (const [g, n] of df) st.gramWeights.set(g, n > 0 ? idf(index, n) : rarest);
      st.grams.forEach((g, j) => {
        if ((df.get(g) ?? 0) === 0 && held(j - 1) && held(j + 1)) st.gramWeights.set(g, ABSENT * rarest);
      });
      st.gramTotal = st.grams.reduce((sum, g) => sum + (st.gramWeights.get(g) ?? 0), 0);
      // A bigram in most records weighs little and costs much to scatter: its
      // share is added to every record's bound instead (still a bound), unless
      // the common ones alone could make a record qualify.
      const shareOf = (g: string): number => (st.weight * (st.gramWeights.get(g) ?? 0) * (st.grams ?? []).filter((x) => x === g).length) / (st.gramTotal || 1);
      const common = [...df].filter(([, n]) => n * COMMON_SHARE > index.live).map(([g]) => g);
      const commonShare = common.reduce((sum, g) => sum + shareOf(g), 0);
      // All terms' skipped shares together must stay too small to qualify a record alone.
      const skipCommon = baseBound + commonShare < PARTIAL_SHARE * total * 0.5;
      if (skipCommon) baseBound += commonShare;
      for (const [g, ls] of lists) {
        if (skipCommon && common.includes(g)) continue;
        // A repeated bigram counts as often as the term holds it (the in-order check below does the same).
        scatter(ls, shareOf(g), sc, touched, perField);
      }
    }
  }
  const minKnown = o.any ? Number.MIN_VALUE : PARTIAL_SHARE * totalKnown;
  const qualifies = (known: number, all: number): boolean => (totalKnown > 0 && known >= minKnown) || all >= PARTIAL_SHARE * total;

  const cands: number[] = [];
  // qualifies(), inlined for the first test: most touched records fail it.
  const knownNeeded = totalKnown > 0 ? minKnown : Infinity;
  const allNeeded = PARTIAL_SHARE * total;
  for (let t = 0; t < touched.length; t++) {
    const d = touched[t] ?? 0;
    const all = (accAll[d] ?? 0) + baseBound;
    accAll[d] = all;
    if ((accKnown[d] ?? 0) < knownNeeded && all < allNeeded) continue;
    if (perField) {
      let best = 0;
      for (let f = 0; f < FIELD_COUNT; f++) best = Math.max(best, perField[d * FIELD_COUNT + f] ?? 0);
      accAll[d] = (accKnown[d] ?? 0) + best + baseBound;
      if (!qualifies(accKnown[d] ?? 0, accAll[d] ?? 0)) continue;
    }
    if (o.taken.has(d) || !index.isLive(d) || (o.allowed && !o.allowed(d))) continue;
    cands.push(d);
  }
  if (cands.length === 0) return [];
  // Fields that hold none of the overlap term's bigrams need no folding.
  const fieldHas = (d: number, f: number): boolean => perField === null || baseBound > 0 || (perField[d * FIELD_COUNT + f] ?? 0) > 0;
  const chains = new Map<number, Chain>();
  const evaluate = (d: number): Scored | null => score(o, states, d, total, avg, qualifies, false, fieldHas, chains);
  // Marks (what the snippet highlights) only for the hits returned.
  const withMarks = (hits: Scored[]): Scored[] => hits.map((h) => score(o, states, h.doc, total, avg, qualifies, true, fieldHas, chains) ?? h);

  if (o.byDate) {
    const newest = firstOf(cands, PARTIAL_EVALUATIONS, (a, b) => (index.dayKeys[a] ?? 0) > (index.dayKeys[b] ?? 0) || ((index.dayKeys[a] ?? 0) === (index.dayKeys[b] ?? 0) && a < b));
    const out: Scored[] = [];
    let lastDay = -1;
    for (const d of newest) {
      const day = index.dayKeys[d] ?? 0;
      if (out.length >= o.need && day !== lastDay) break;
      const s = evaluate(d);
      if (!s) continue;
      out.push(s);
      lastDay = day;
    }
    out.sort((a, b) => (index.dayKeys[b.doc] ?? 0) - (index.dayKeys[a.doc] ?? 0) || compareScored(index, a, b));
    return withMarks(out.slice(0, o.need));
  }

  // Best bound first, and among equal bounds in the order ties are broken
  // (newer, then smaller ID); stop when no bound can reach the k-th share.
  const after = (d: number, s: Scored): boolean => {
    const a = index.dayKeys[d] ?? 0;
    const b = index.dayKeys[s.doc] ?? 0;
    return a !== b ? a < b : index.idOf(d) > index.idOf(s.doc);
  };
  const before = (a: number, b: number): boolean => {
    const x = accAll[a] ?? 0;
    const y = accAll[b] ?? 0;
    if (x !== y) return x > y;
    const da = index.dayKeys[a] ?? 0;
    const db = index.dayKeys[b] ?? 0;
    if (da !== db) return da > db;
    return index.idOf(a) < index.idOf(b);
  };
  const ordered = firstOf(cands, PARTIAL_EVALUATIONS, before);
  // Without a term known as written, every score is 0: a tie on the share is decided by date and ID alone.
  const noScores = totalKnown === 0;
  const best: Scored[] = [];
  for (const d of ordered) {
    const kth = best.length === o.need ? best[best.length - 1] : undefined;
    const bound = (accAll[d] ?? 0) / (total || 1);
    if (kth) {
      // Keys are rounded to 1e-9: a bound within that of the k-th key may still tie it.
      if (bound + 2e-9 < (kth.key ?? 0)) break;
      // A record that can at best tie the k-th, and loses the tie-break: the newest records of a repeated text are found without checking the rest.
      if (noScores && Math.round(bound * 1e9) / 1e9 <= (kth.key ?? 0) && after(d, kth)) continue;
    }
    const s = evaluate(d);
    if (s) insert(best, s, o.need, index);
  }
  return withMarks(best);
  }
}

/** How many records the alternatives hold between them: a stamp per record, where a Set of thousands cost more than the tier's ranking. */
function distinctDocs(alts: readonly Alt[], sc: Scratch): number {
  const { stamp } = sc;
  const mark = ++sc.stampCounter;
  let count = 0;
  for (const a of alts) {
    const docs = a.docs;
    for (let k = 0; k < docs.length; k++) {
      const d = docs[k] ?? 0;
      if (stamp[d] !== mark) {
        stamp[d] = mark;
        count++;
      }
    }
  }
  return count;
}

/**
 * Adds `share` to the bound of every record in `lists` (the postings of one
 * bigram in every spelling), once per record, and per field when `perField`.
 * A top-level function with plain arguments: the hottest loop of the tier.
 */
function scatter(lists: readonly DocList[], share: number, sc: Scratch, touched: number[], perField: Float64Array | null): void {
  const { stamp, mask, seen, accAll } = sc;
  const mark = ++sc.stampCounter;
  for (const l of lists) {
    const docs = l.docs;
    const tfs = l.tfs;
    for (let k = 0; k < l.n; k++) {
      const d = docs[k] ?? 0;
      if (seen[d] === 0) {
        touched.push(d);
        seen[d] = 1;
      }
      if (stamp[d] !== mark) {
        stamp[d] = mark;
        mask[d] = 0;
        accAll[d] = (accAll[d] ?? 0) + share;
      }
      if (perField !== null) {
        // A field counts once per bigram, whichever spelling it holds.
        const packed = tfs[k] ?? 0;
        for (let f = 0; f < FIELD_COUNT; f++) {
          const bit = 1 << f;
          if ((packed >>> (8 * f)) & 255 && !((mask[d] ?? 0) & bit)) {
            mask[d] = (mask[d] ?? 0) | bit;
            perField[d * FIELD_COUNT + f] = (perField[d * FIELD_COUNT + f] ?? 0) + share;
          }
        }
      }
    }
  }
}

/**
 * The first `k` of `items` in the order `before` defines, sorted: one pass
 * that keeps a sorted list of at most k (most items fail against its last),
 * instead of sorting thousands of candidates to check the first few.
 */
function firstOf(items: readonly number[], k: number, before: (a: number, b: number) => boolean): number[] {
  const out: number[] = [];
  for (const x of items) {
    if (out.length === k && !before(x, out[k - 1] ?? 0)) continue;
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(x, out[mid] ?? 0)) hi = mid;
      else lo = mid + 1;
    }
    out.splice(lo, 0, x);
    if (out.length > k) out.pop();
  }
  return out;
}

interface Scratch {
  /** Stamps are never reused, so `stamp` needs no clearing between bigrams or queries. */
  stampCounter: number;
  /** The last bigram (stamp) that counted each record, and the fields it counted. */
  stamp: Int32Array;
  mask: Uint8Array;
  accKnown: Float64Array;
  accAll: Float64Array;
  /** Per record and field (record × FIELD_COUNT + field). */
  perField: Float64Array;
  /** 1: touched by this query; 2: counted for the current known term. */
  seen: Uint8Array;
}
const scratches = new WeakMap<DigestIndex, Scratch>();

/** Per-index arrays reused by every query (search is synchronous), cleaned after each: no allocation per query. */
function scratch(index: DigestIndex): Scratch {
  const size = index.docCount;
  let sc = scratches.get(index);
  if (sc && sc.stampCounter > 2 ** 30) {
    // Before the counter outgrows the stamp array: start over.
    sc.stampCounter = 0;
    sc.stamp.fill(0);
  }
  if (!sc || sc.seen.length < size) {
    const cap = Math.max(size, 1024);
    sc = { stampCounter: 0, stamp: new Int32Array(cap), mask: new Uint8Array(cap), accKnown: new Float64Array(cap), accAll: new Float64Array(cap), perField: new Float64Array(cap * FIELD_COUNT), seen: new Uint8Array(cap) };
    scratches.set(index, sc);
  }
  return sc;
}

/**
 * Whether a term occurs anywhere (among the records the filter lets through)
 * as written or as a variant, checking its candidates until one holds it: a
 * long term's bigrams can all turn up, scattered, in a long summary, without
 * the term. At most KNOWN_CHECKS candidates are checked per way of matching.
 */
function occursSomewhere(o: PartialOptions, t: PartialTerm, alts: Alt[], avg: number[]): boolean {
  const { index } = o;
  for (const a of alts) {
    if (a.docs.length === 0) continue;
    // A fuzzy or prefix expansion is a word of the vocabulary: some live record holds it.
    if (a !== t.exact.alts[0] && a !== t.variant) return true;
    let checked = 0;
    for (let p = 0; p < a.docs.length && checked < KNOWN_CHECKS; p++) {
      const d = a.docs[p] ?? 0;
      if (!index.isLive(d) || (o.allowed && !o.allowed(d))) continue;
      checked++;
      if (a === t.variant ? variantSpans(index, d, a.text, o.keys, 1, a.tfs[p] ?? 0).length > 0 : altScore(index, a, index.fieldsOf(d) ?? [], d, o.boosts, avg, t.phrase).contiguous) return true;
    }
  }
  return false;
}

/** A candidate's share of the query (the key) and a BM25 score of what it matched; null when it does not qualify. */
function score(
  o: PartialOptions,
  states: TermState[],
  doc: number,
  total: number,
  avg: number[],
  qualifies: (known: number, all: number) => boolean,
  marked: boolean,
  fieldHas: (doc: number, f: number) => boolean,
  chains: Map<number, Chain>,
): Scored | null {
  const { index } = o;
  const fields = index.fieldsOf(doc) ?? [];
  let covered = 0;
  let knownCovered = 0;
  let bm = 0;
  const terms: string[] = [];
  const marks: string[] = [];
  for (const st of states) {
    if (st.known) {
      let matched = false;
      let best = 0;
      for (const a of st.alts) {
        const p = lowerBound(a.docs, a.docs.length, doc);
        if (p >= a.docs.length || a.docs[p] !== doc) continue;
        if (a === st.t.variant) {
          // A variant candidate counts only where the record holds the key.
          const spans = variantSpans(index, doc, a.text, o.keys, marked ? 4 : 1, a.tfs[p] ?? 0);
          if (spans.length === 0) continue;
          if (marked) for (const [f, s, e] of spans) marks.push((fields[f] ?? '').slice(s, e));
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
      // The marked pass (the hits returned) reuses the chain the first pass found.
      const cacheKey = doc * 64 + states.indexOf(st);
      let found = chains.get(cacheKey);
      if (!found) {
        found = inOrder(st, index, doc, o.keys, fieldHas);
        chains.set(cacheKey, found);
      }
      if (found.share > 0) {
        covered += st.weight * found.share;
        terms.push(st.t.term);
        if (marked) {
          for (const [f, ks, ke] of found.runs) {
            const map = fieldKey(index, doc, f, o.keys, true).map();
            marks.push((fields[f] ?? '').slice(map[ks] ?? 0, (map[ke - 1] ?? 0) + 1));
          }
        }
      }
    }
  }
  if (!qualifies(knownCovered, covered) || terms.length === 0) return null;
  return { doc, score: bm, key: Math.round((covered / (total || 1)) * 1e9) / 1e9, terms, marks };
}

/** A term's in-order share of a record, and the runs of its field key the chain covers (field, start, end). */
interface Chain {
  share: number;
  runs: [number, number, number][];
}

/**
 * The largest weight of the term's bigrams that one field holds in the
 * term's order (a weighted longest common subsequence over bigram
 * occurrences), as a share of the term's weight, with the matched runs.
 */
function inOrder(
  st: TermState,
  index: DigestIndex,
  doc: number,
  keys: KeyCache,
  fieldHas: (doc: number, f: number) => boolean,
): Chain {
  const grams = st.grams ?? [];
  let bestShare = 0;
  let bestRuns: [number, number, number][] = [];
  for (let f = 0; f < FIELD_COUNT; f++) {
    if ((index.fieldsOf(doc)?.[f] ?? '') === '' || !fieldHas(doc, f)) continue;
    const fk = fieldKey(index, doc, f, keys, true);
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
    if (occ.length === 0) continue;
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
    if (share <= bestShare) continue;
    bestShare = share;
    // The chain's bigrams, merged into runs of the key (mapped to the field only for the hits returned).
    const pos: [number, number][] = [];
    for (let k = top; k >= 0; k = prev[k] ?? -1) {
      const [at, j] = occ[k] as [number, number];
      pos.push([at, at + (grams[j]?.length ?? 2)]);
    }
    pos.reverse();
    const runs: [number, number, number][] = [];
    let s = -1;
    let e = -1;
    const flush = (): void => {
      if (s >= 0) runs.push([f, s, e]);
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
    bestRuns = runs;
  }
  return { share: Math.min(1, bestShare), runs: bestRuns };
}
