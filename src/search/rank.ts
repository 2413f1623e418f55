/**
 * Ranking: BM25 over the fields, full credit only for contiguous occurrences,
 * a bonus for segmenter words. Each candidate's score is bounded from above by
 * its bigram counts, and only candidates whose bound can still reach the top k
 * are scored exactly: a common term does not cost a full scoring pass.
 */
import type { DigestRecord } from '../schema.js';
import type { DigestIndex } from '../search-index/build.js';
import { FIELD_COUNT } from '../search-index/grams.js';
import type { Alt, Candidates, TermMatch } from './match.js';
import type { SearchHit } from './search.js';
import { makeSnippet } from './snippet.js';
import type { Prepared, SnippetOptions } from './snippet.js';

const K1 = 1.2;
const B = 0.75;
const NON_CONTIGUOUS = 0.2;
const WORD_BONUS = 1.25;
const BOUND_SLACK = 1 + 1e-9;
const DIGIT_GAP = /(?<=\d) (?=\d)/g;

function bm25(tf: number, len: number, avg: number): number {
  if (tf <= 0) return 0;
  return (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / (avg || 1)));
}

interface Scored {
  doc: number;
  score: number;
  terms: string[];
  /** The texts that matched (terms and their expansions), for the snippet. */
  marks: string[];
}

export function rank(
  index: DigestIndex,
  matches: TermMatch[],
  cand: Candidates,
  limit: number,
  boosts: number[],
  allowed: ((doc: number) => boolean) | null,
  fallback: boolean,
  byDate: boolean,
  snippetOptions: SnippetOptions | undefined,
): SearchHit[] {
  const n = cand.docs.length;
  if (n === 0) return [];
  const avg = Array.from(index.totals, (t) => t / Math.max(1, index.live));

  // Upper bound of each candidate's score: contiguous, a word, frequency at its bigram bound.
  const { bound, docsKept, idx } = scratch(index, n);
  const upper = (i: number, doc: number): number => {
    let s = 0;
    for (let t = 0; t < matches.length; t++) {
      const m = matches[t];
      const altPos = cand.pos[t];
      if (!m || !altPos) continue;
      let best = 0;
      for (let a = 0; a < m.alts.length; a++) {
        const ap = altPos[a];
        const p = ap === null ? i : (ap?.[i] ?? -1);
        const alt = m.alts[a];
        if (p < 0 || !alt) continue;
        const packed = alt.tfs[p] ?? 0;
        let ts = 0;
        for (let f = 0; f < FIELD_COUNT; f++) {
          const tf = (packed >>> (8 * f)) & 255;
          if (tf > 0) ts += (boosts[f] ?? 0) * bm25(tf, index.lengths[doc * FIELD_COUNT + f] ?? 0, avg[f] ?? 1);
        }
        if (ts * alt.weight > best) best = ts * alt.weight;
      }
      s += m.idf * best * WORD_BONUS;
    }
    // Rounded in another order than the exact score: a hair of headroom keeps it a bound.
    return s * BOUND_SLACK;
  };
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const doc = cand.docs[i] ?? 0;
    if (allowed && !allowed(doc)) continue;
    if (!index.records[doc]) continue;
    // By date, the "bound" is the day itself: the newest records are the top k.
    bound[kept] = byDate ? (index.dayKeys[doc] ?? 0) : upper(i, doc);
    docsKept[kept] = doc;
    idx[kept] = i;
    kept++;
  }
  if (kept === 0) return [];
  const toHits = (best: Scored[]): SearchHit[] =>
    best.map((s) => {
      const record = index.records[s.doc] as DigestRecord;
      return {
        id: record.id,
        score: s.score,
        record,
        terms: s.terms,
        // The stored searchable text and its removed offsets stand in for normalizing again.
        snippet: makeSnippet(record.summary, s.marks, snippetOptions, prepared(index, s.doc, 1)),
        titleSnippet: makeSnippet(record.title, s.marks, { ...snippetOptions, context: Infinity }, prepared(index, s.doc, 0)),
        fallback,
      };
    });

  if (byDate) {
    const newest = (k: number): Scored[] => {
      const order = topByBound(bound, kept, k);
      // Records of the last day that made the cut all compete for its places by score.
      const cut = bound[order[order.length - 1] ?? 0] ?? 0;
      const chosen = new Set(order);
      for (let j = 0; j < kept; j++) if (bound[j] === cut) chosen.add(j);
      const scored = [...chosen].flatMap((j) => {
        const s = exact(index, matches, cand, idx[j] ?? 0, docsKept[j] ?? 0, boosts, avg);
        return s ? [{ day: bound[j] ?? 0, s }] : [];
      });
      scored.sort((a, b) => b.day - a.day || b.s.score - a.s.score || ((index.records[a.s.doc]?.id ?? '') < (index.records[b.s.doc]?.id ?? '') ? -1 : 1));
      return scored.slice(0, limit).map((x) => x.s);
    };
    let best = newest(limit);
    // A phrase can turn candidates down: then look further back.
    if (best.length < limit && kept > limit) best = newest(kept);
    return toHits(best);
  }

  // Exact scores in descending order of bound, until no bound can beat the k-th score.
  const order = topByBound(bound, kept, Math.max(limit * 2, 32));
  const best: Scored[] = [];
  let threshold = -Infinity;
  const consider = (j: number): void => {
    const doc = docsKept[j] ?? 0;
    if ((bound[j] ?? 0) < threshold) return;
    const s = exact(index, matches, cand, idx[j] ?? 0, doc, boosts, avg);
    if (s) insert(best, s, limit, index);
    if (best.length === limit) threshold = best[best.length - 1]?.score ?? -Infinity;
  };
  for (const j of order) {
    consider(j);
    bound[j] = -1; // considered: bounds are otherwise >= 0
  }
  if (order.length < kept) {
    for (let j = 0; j < kept; j++) if ((bound[j] ?? 0) >= 0 && (bound[j] ?? 0) >= threshold) consider(j);
  }

  return toHits(best);
}

const scratchByIndex = new WeakMap<DigestIndex, { bound: Float64Array; docsKept: Int32Array; idx: Int32Array }>();

/** Per-index buffers reused across queries: search is synchronous, so one set suffices. */
function scratch(index: DigestIndex, n: number): { bound: Float64Array; docsKept: Int32Array; idx: Int32Array } {
  let s = scratchByIndex.get(index);
  if (!s || s.bound.length < n) {
    const cap = Math.max(n, 1024);
    s = { bound: new Float64Array(cap), docsKept: new Int32Array(cap), idx: new Int32Array(cap) };
    scratchByIndex.set(index, s);
  }
  return s;
}

function prepared(index: DigestIndex, doc: number, field: 0 | 1): Prepared | undefined {
  const removed = index.removals[doc]?.[field];
  const searchable = index.fields[doc]?.[field];
  return removed && searchable !== undefined ? { searchable, removed } : undefined;
}

/** Indexes of the `k` largest bounds, largest first: a size-k min-heap, so O(n) for most inputs. */
function topByBound(bound: Float64Array, n: number, k: number): number[] {
  const heap: number[] = [];
  const less = (a: number, b: number): boolean => (bound[a] ?? 0) < (bound[b] ?? 0);
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l] ?? 0, heap[m] ?? 0)) m = l;
      if (r < heap.length && less(heap[r] ?? 0, heap[m] ?? 0)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] ?? 0, heap[i] ?? 0];
      i = m;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      for (let c = heap.length - 1; c > 0; ) {
        const p = (c - 1) >> 1;
        if (!less(heap[c] ?? 0, heap[p] ?? 0)) break;
        [heap[c], heap[p]] = [heap[p] ?? 0, heap[c] ?? 0];
        c = p;
      }
    } else if ((bound[i] ?? 0) > (bound[heap[0] ?? 0] ?? 0)) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort((a, b) => (bound[b] ?? 0) - (bound[a] ?? 0));
}

/** The exact score of one candidate; null when a quoted phrase does not occur in it as written. */
function exact(index: DigestIndex, matches: TermMatch[], cand: Candidates, i: number, doc: number, boosts: number[], avg: number[]): Scored | null {
  const fields = index.fields[doc] ?? [];
  let score = 0;
  const terms: string[] = [];
  const marks: string[] = [];
  for (let t = 0; t < matches.length; t++) {
    const m = matches[t];
    const altPos = cand.pos[t];
    if (!m || !altPos) continue;
    let best = 0;
    let matched = false;
    for (let a = 0; a < m.alts.length; a++) {
      const ap = altPos[a];
      const p = ap === null ? i : (ap?.[i] ?? -1);
      const alt = m.alts[a];
      if (p < 0 || !alt) continue;
      const r = altScore(index, alt, p, fields, doc, boosts, avg, m.phrase);
      if (m.phrase && !r.contiguous) continue;
      matched = true;
      for (const w of m.phrase ? alt.text.split(' ') : [alt.text]) marks.push(w);
      if (alt.weight * r.score > best) best = alt.weight * r.score;
    }
    if (!matched) {
      // A phrase that every bigram matched but that never occurs as written: not a match.
      if (m.phrase && altPos.some((ap) => (ap === null ? i : (ap[i] ?? -1)) >= 0)) return null;
      continue;
    }
    terms.push(m.term);
    score += m.idf * best;
  }
  return { doc, score, terms, marks };
}

/** BM25 over the fields from real occurrence counts, with the contiguity and word rules. */
function altScore(
  index: DigestIndex,
  alt: Alt,
  p: number,
  fields: string[],
  doc: number,
  boosts: number[],
  avg: number[],
  phrase: boolean,
): { score: number; contiguous: boolean } {
  // A phrase of several words is compared with single spaces (punctuation can
  // leave two in the text) and without spaces between digits on either side:
  // a phrase cut from `7,961` reads `7 9`, where the text folded `7961`.
  const spaced = phrase && alt.text.includes(' ');
  const text = spaced ? alt.text.replace(DIGIT_GAP, '') : alt.text;
  let ts = 0;
  let contiguous = false;
  let word = false;
  for (let f = 0; f < FIELD_COUNT; f++) {
    const field = spaced ? (fields[f] ?? '').replace(/ {2,}/g, ' ').replace(DIGIT_GAP, '') : (fields[f] ?? '');
    let count = 0;
    let at = field.indexOf(text);
    while (at >= 0 && count < 255) {
      if (!word && !spaced) word = index.isWordAt(doc, f, at, text.length);
      count++;
      at = field.indexOf(text, at + text.length);
    }
    if (count > 0) {
      contiguous = true;
      ts += (boosts[f] ?? 0) * bm25(count, index.lengths[doc * FIELD_COUNT + f] ?? 0, avg[f] ?? 1);
    }
  }
  if (!contiguous) {
    // Every bigram is there but never in a row: a weak match.
    const packed = alt.tfs[p] ?? 0;
    for (let f = 0; f < FIELD_COUNT; f++) {
      if ((packed >>> (8 * f)) & 255) ts += NON_CONTIGUOUS * (boosts[f] ?? 0) * bm25(1, index.lengths[doc * FIELD_COUNT + f] ?? 0, avg[f] ?? 1);
    }
  }
  return { score: ts * (word ? WORD_BONUS : 1), contiguous };
}

/** Keeps `best` sorted (score desc, then newer date, then id) and at most `limit` long. */
function insert(best: Scored[], s: Scored, limit: number, index: DigestIndex): void {
  const before = (a: Scored, b: Scored): boolean => {
    if (a.score !== b.score) return a.score > b.score;
    const ra = index.records[a.doc];
    const rb = index.records[b.doc];
    if (ra && rb && ra.date !== rb.date) return ra.date > rb.date;
    return (ra?.id ?? '') < (rb?.id ?? '');
  };
  // Binary search for the place: with a limit in the thousands, a linear walk per insert would dominate.
  let lo = 0;
  let hi = best.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(s, best[mid] as Scored)) hi = mid;
    else lo = mid + 1;
  }
  const at = lo;
  if (at >= limit) return;
  best.splice(at, 0, s);
  if (best.length > limit) best.pop();
}

