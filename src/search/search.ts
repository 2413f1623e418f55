/**
 * search: query → ranked hits. Every query term must match (a term matches
 * when all its character bigrams occur in the record); the score is BM25 over
 * the fields, with full credit only for contiguous occurrences and a bonus when
 * an occurrence is a TinySegmenter word. Each document's score is bounded from
 * above by its bigram counts, so only documents whose bound can still reach the
 * top k are scored exactly: a common term does not cost a full scan.
 */
import { normalizeQuery, normalizeText, toSearchable } from '../analysis/normalize.js';
import type { DigestRecord } from '../schema.js';
import type { DigestIndex, FieldBoosts } from '../search-index/build.js';
import { FIELDS } from '../search-index/build.js';
import { FIELD_COUNT, lowerBound, packedMin } from '../search-index/grams.js';
import { makeSnippet } from './snippet.js';
import type { Prepared, SnippetOptions } from './snippet.js';

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
  /** The query terms (normalized) this record matched. */
  terms: string[];
  /** A short extract of the summary around the first match, with matches marked. */
  snippet: string;
  /** The whole title with its matches marked the same way (no marks when none matched there). */
  titleSnippet: string;
  /** True when no record matched every term and this hit matched only some (OR fallback). */
  fallback: boolean;
}

const MAX_QUERY = 1000;
const MAX_TERMS = 32;
const K1 = 1.2;
const B = 0.75;
const NON_CONTIGUOUS = 0.2;
const WORD_BONUS = 1.25;
const BOUND_SLACK = 1 + 1e-9;
const FUZZY_WEIGHT = 0.5;
const PREFIX_WEIGHT = 0.7;
const MAX_EXPANSIONS = 20;

/** One way a term can match: the term itself, or a fuzzy or prefix expansion of it. */
interface Alt {
  text: string;
  weight: number;
  docs: Int32Array;
  /** Packed per-field upper bounds of the text's frequency. */
  tfs: Uint32Array;
}

interface TermMatch {
  term: string;
  alts: Alt[];
  /** Sorted union of the alternatives' documents. */
  docs: Int32Array;
  idf: number;
}

/** Splits a query into normalized terms: spaces and punctuation separate, latin joiners stay. */
export function queryTerms(query: string, stopTerms: readonly string[] = []): string[] {
  const text = query.length > MAX_QUERY ? query.slice(0, MAX_QUERY) : query;
  // Terms are split before normalization so that a space the user typed always separates.
  const out: string[] = [];
  for (const part of text.split(/\s+/)) {
    for (const t of toSearchable(normalizeQuery(part)).split(' ')) {
      if (t !== '' && !stopTerms.includes(t) && !out.includes(t)) out.push(t);
    }
  }
  return out.slice(0, MAX_TERMS);
}

/**
 * Searches the index. Never throws on a query: an empty, punctuation-only or
 * unknown query gives `[]`; a very long one is cut to its first 1,000
 * characters and 32 terms.
 */
export function search(index: DigestIndex, query: string, options: SearchOptions = {}): SearchHit[] {
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

  const matches = terms.map((t) => matchTerm(index, t, options));
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

const DATE_PREFIX = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;

function datePrefix(name: string, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !DATE_PREFIX.test(value)) {
    throw new TypeError(`ja-digest-search: filter.${name} must be an ISO date like 2025-01-01 (or 2025-01, 2025), got ${JSON.stringify(value)}`);
  }
  return value;
}

/** The filter as a predicate; dates may be whole (`2025-01-01`) or a month or year, inclusive. */
function makeFilter(index: DigestIndex, filter: SearchFilter | undefined): ((doc: number) => boolean) | null {
  if (!filter) return null;
  const from = datePrefix('from', filter.from);
  const to = datePrefix('to', filter.to);
  const sources = Array.isArray(filter.sources) && filter.sources.length > 0 ? new Set(filter.sources.map((s) => normalizeText(String(s)).trim())) : null;
  if (from === null && to === null && sources === null) return null;
  return (doc) => {
    const r = index.records[doc];
    if (!r) return false;
    if (from !== null && r.date < from) return false;
    if (to !== null && r.date.slice(0, to.length) > to) return false;
    if (sources !== null) {
      const keys = index.sourceKeys[doc] ?? [];
      if (!keys.some((k) => sources.has(k))) return false;
    }
    return true;
  };
}

/** Documents holding every bigram of `text`, with per-field frequency bounds. */
function gramMatch(index: DigestIndex, text: string, weight: number): Alt {
  const none: Alt = { text, weight, docs: new Int32Array(0), tfs: new Uint32Array(0) };
  const keys = index.grams.keysOf(text);
  if (keys === null) return none;
  const lists = keys.map((k) => index.posting(k));
  if (!lists.every((l) => l !== undefined && l.n > 0)) return none;
  lists.sort((a, b) => (a?.n ?? 0) - (b?.n ?? 0));
  const first = lists[0];
  if (!first) return none;
  // One key (a one- or two-character term): the posting itself, without a copy.
  if (lists.length === 1) return { text, weight, docs: first.docs.subarray(0, first.n), tfs: first.tfs.subarray(0, first.n) };
  const docs = first.docs.slice(0, first.n);
  const tfs = first.tfs.slice(0, first.n);
  let n = first.n;
  for (let li = 1; li < lists.length && n > 0; li++) {
    const list = lists[li];
    if (!list) continue;
    let w = 0;
    let j = 0;
    // Few candidates against a long list: binary search; comparable lengths: one merge walk.
    const gallop = n * 16 < list.n;
    for (let i = 0; i < n; i++) {
      const d = docs[i] ?? 0;
      if (gallop) j = lowerBound(list.docs, list.n, d, j);
      else while (j < list.n && (list.docs[j] ?? 0) < d) j++;
      if (j < list.n && list.docs[j] === d) {
        docs[w] = d;
        tfs[w] = packedMin(tfs[i] ?? 0, list.tfs[j] ?? 0);
        w++;
      }
    }
    n = w;
  }
  // A term matches where one field holds all its bigrams: a zero minimum in
  // every field means they were spread over several fields.
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if ((tfs[i] ?? 0) === 0) continue;
    docs[kept] = docs[i] ?? 0;
    tfs[kept] = tfs[i] ?? 0;
    kept++;
  }
  return { text, weight, docs: docs.subarray(0, kept), tfs: tfs.subarray(0, kept) };
}

function matchTerm(index: DigestIndex, term: string, options: SearchOptions): TermMatch {
  const alts = [gramMatch(index, term, 1)];
  if (options.fuzzy || options.prefix) {
    // MiniSearch finds the vocabulary words near the term; the gram index finds their records.
    const found = index.words.search(term, { fuzzy: options.fuzzy ?? false, prefix: options.prefix ?? false });
    // Score, then the word itself: an order that does not depend on how the vocabulary grew.
    const words = found
      .map((r) => ({ word: index.vocabulary[r.id as number] ?? '', score: r.score }))
      .sort((a, b) => b.score - a.score || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
    for (const { word } of words) {
      if (alts.length > MAX_EXPANSIONS) break;
      if (word === '' || word === term) continue;
      // A word no live record holds any more (after removeRecords) takes no slot.
      const alt = gramMatch(index, word, options.prefix && word.startsWith(term) ? PREFIX_WEIGHT : FUZZY_WEIGHT);
      if (alt.docs.length > 0) alts.push(alt);
    }
  }
  let docs = alts[0]?.docs ?? new Int32Array(0);
  if (alts.length > 1) {
    const all = new Set<number>();
    for (const a of alts) for (const d of a.docs) all.add(d);
    docs = Int32Array.from(all).sort();
  }
  const df = docs.length;
  return { term, alts, docs, idf: Math.log(1 + (index.live - df + 0.5) / (df + 0.5)) };
}

interface Candidates {
  docs: Int32Array;
  /** `pos[t][a][i]`: index of docs[i] in term t's alternative a, or -1; null when it is i itself. */
  pos: (Int32Array | null)[][];
}

function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const out = new Int32Array(small.length);
  let w = 0;
  let j = 0;
  const gallop = small.length * 16 < large.length;
  for (let i = 0; i < small.length; i++) {
    const d = small[i] ?? 0;
    if (gallop) j = lowerBound(large, large.length, d, j);
    else while (j < large.length && (large[j] ?? 0) < d) j++;
    if (j < large.length && large[j] === d) out[w++] = d;
  }
  return out.subarray(0, w);
}

function combineAnd(matches: TermMatch[]): Candidates {
  const only = matches.length === 1 ? matches[0] : undefined;
  // One term matched only by itself: its documents are the candidates, in place.
  if (only && only.alts.length === 1) return { docs: only.docs, pos: [[null]] };
  const sorted = [...matches].sort((a, b) => a.docs.length - b.docs.length);
  let docs = sorted[0]?.docs ?? new Int32Array(0);
  for (let k = 1; k < sorted.length && docs.length > 0; k++) docs = intersect(docs, sorted[k]?.docs ?? new Int32Array(0));
  return { docs, pos: matches.map((m) => m.alts.map((a) => positions(a.docs, docs))) };
}

function combineOr(matches: TermMatch[]): Candidates {
  const all = new Set<number>();
  for (const m of matches) for (const d of m.docs) all.add(d);
  const docs = Int32Array.from(all).sort();
  return { docs, pos: matches.map((m) => m.alts.map((a) => positions(a.docs, docs))) };
}

/** For each candidate, its index in `list`, or -1. */
function positions(list: Int32Array, docs: Int32Array): Int32Array {
  const pos = new Int32Array(docs.length).fill(-1);
  const gallop = docs.length * 16 < list.length;
  let j = 0;
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i] ?? 0;
    if (gallop) j = lowerBound(list, list.length, d, j);
    else while (j < list.length && (list[j] ?? 0) < d) j++;
    if (j < list.length && list[j] === d) pos[i] = j;
  }
  return pos;
}

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

function rank(
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
    const order = topByBound(bound, kept, limit);
    // Records of the last day that made the cut all compete for its places by score.
    const cut = bound[order[order.length - 1] ?? 0] ?? 0;
    const chosen = new Set(order);
    for (let j = 0; j < kept; j++) if (bound[j] === cut) chosen.add(j);
    const scored = [...chosen].map((j) => ({ day: bound[j] ?? 0, s: exact(index, matches, cand, idx[j] ?? 0, docsKept[j] ?? 0, boosts, avg) }));
    scored.sort((a, b) => b.day - a.day || b.s.score - a.s.score || ((index.records[a.s.doc]?.id ?? '') < (index.records[b.s.doc]?.id ?? '') ? -1 : 1));
    return toHits(scored.slice(0, limit).map((x) => x.s));
  }

  // Exact scores in descending order of bound, until no bound can beat the k-th score.
  const order = topByBound(bound, kept, Math.max(limit * 2, 32));
  const best: Scored[] = [];
  let threshold = -Infinity;
  const consider = (j: number): void => {
    const doc = docsKept[j] ?? 0;
    if ((bound[j] ?? 0) < threshold) return;
    const s = exact(index, matches, cand, idx[j] ?? 0, doc, boosts, avg);
    insert(best, s, limit, index);
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

function exact(index: DigestIndex, matches: TermMatch[], cand: Candidates, i: number, doc: number, boosts: number[], avg: number[]): Scored {
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
      matched = true;
      marks.push(alt.text);
      const s = alt.weight * altScore(index, alt, p, fields, doc, boosts, avg);
      if (s > best) best = s;
    }
    if (!matched) continue;
    terms.push(m.term);
    score += m.idf * best;
  }
  return { doc, score, terms, marks };
}

/** BM25 over the fields from real occurrence counts, with the contiguity and word rules. */
function altScore(index: DigestIndex, alt: Alt, p: number, fields: string[], doc: number, boosts: number[], avg: number[]): number {
  const text = alt.text;
  let ts = 0;
  let contiguous = false;
  let word = false;
  for (let f = 0; f < FIELD_COUNT; f++) {
    const field = fields[f] ?? '';
    let count = 0;
    let at = field.indexOf(text);
    while (at >= 0 && count < 255) {
      if (!word) word = index.isWordAt(doc, f, at, text.length);
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
  return ts * (word ? WORD_BONUS : 1);
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

