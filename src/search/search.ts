/**
 * search: query → ranked hits. Every query term must match (a term matches
 * when all its character bigrams occur in the record); the score is BM25 over
 * the fields, with full credit only for contiguous occurrences and a bonus when
 * an occurrence is a TinySegmenter word. Each document's score is bounded from
 * above by its bigram counts, so only documents whose bound can still reach the
 * top k are scored exactly: a common term does not cost a full scan.
 */
import { normalizeText, toSearchable } from '../analysis/normalize.js';
import { segment } from '../analysis/segmenter.js';
import type { DigestRecord } from '../schema.js';
import type { DigestIndex, FieldBoosts } from '../search-index/build.js';
import { FIELDS } from '../search-index/build.js';
import { FIELD_COUNT, lowerBound, packedMin } from '../search-index/grams.js';
import { makeSnippet } from './snippet.js';
import type { SnippetOptions } from './snippet.js';

export interface SearchFilter {
  /** Inclusive ISO date, `2025-01-01`. */
  from?: string;
  /** Inclusive ISO date. */
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
  /** True when no record matched every term and this hit matched only some (OR fallback). */
  fallback: boolean;
}

const MAX_QUERY = 1000;
const MAX_TERMS = 32;
const K1 = 1.2;
const B = 0.75;
const NON_CONTIGUOUS = 0.2;
const WORD_BONUS = 1.25;
const FUZZY_WEIGHT = 0.5;

interface TermMatch {
  term: string;
  docs: Int32Array;
  /** Packed per-field upper bounds of the term's frequency. */
  tfs: Uint32Array;
  n: number;
  idf: number;
  /** Documents matched only through MiniSearch (fuzzy or prefix), with their scores. */
  extra: Map<number, number>;
}

/** Splits a query into normalized terms: spaces and punctuation separate, latin joiners stay. */
export function queryTerms(query: string, stopTerms: readonly string[] = []): string[] {
  const text = query.length > MAX_QUERY ? query.slice(0, MAX_QUERY) : query;
  // Terms are split before normalization so that a space the user typed always separates.
  const out: string[] = [];
  for (const part of text.split(/\s+/)) {
    for (const t of toSearchable(normalizeText(part)).split(' ')) {
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
  const limit = Math.max(0, Math.min(10_000, Math.floor(options.limit ?? 20)));
  if (limit === 0 || index.live === 0) return [];
  const terms = queryTerms(query, index.options.stopTerms);
  if (terms.length === 0) return [];
  const boosts = { ...index.options.boosts, ...options.boosts };
  const fieldBoosts = FIELDS.map((f) => boosts[f]);
  const allowed = makeFilter(index, options.filter);

  const matches = terms.map((t) => matchTerm(index, t, options));
  const mode = options.combineWith ?? 'AND';
  let hits: SearchHit[] = [];
  if (mode === 'AND' || terms.length === 1) {
    hits = rank(index, matches, combineAnd(matches), limit, fieldBoosts, allowed, false, options.snippet);
    if (hits.length === 0 && terms.length > 1 && mode === 'AND') {
      hits = rank(index, matches, combineOr(matches), limit, fieldBoosts, allowed, true, options.snippet);
    }
  } else {
    hits = rank(index, matches, combineOr(matches), limit, fieldBoosts, allowed, false, options.snippet);
  }
  return hits;
}

function makeFilter(index: DigestIndex, filter: SearchFilter | undefined): ((doc: number) => boolean) | null {
  if (!filter) return null;
  const from = typeof filter.from === 'string' && filter.from !== '' ? filter.from : null;
  const to = typeof filter.to === 'string' && filter.to !== '' ? filter.to : null;
  const sources = Array.isArray(filter.sources) && filter.sources.length > 0 ? new Set(filter.sources.map((s) => normalizeText(String(s)).trim())) : null;
  if (from === null && to === null && sources === null) return null;
  return (doc) => {
    const r = index.records[doc];
    if (!r) return false;
    if (from !== null && r.date < from) return false;
    if (to !== null && r.date > to) return false;
    if (sources !== null) {
      const keys = index.sourceKeys[doc] ?? [];
      if (!keys.some((k) => sources.has(k))) return false;
    }
    return true;
  };
}

/** Documents holding every bigram of `term`, with per-field frequency bounds. */
function matchTerm(index: DigestIndex, term: string, options: SearchOptions): TermMatch {
  const empty: TermMatch = { term, docs: new Int32Array(0), tfs: new Uint32Array(0), n: 0, idf: 0, extra: new Map() };
  const keys = index.grams.keysOf(term);
  let match = empty;
  if (keys !== null) {
    const lists = keys.map((k) => index.grams.postings.get(k));
    if (lists.every((l) => l !== undefined && l.n > 0)) {
      const sorted = lists.sort((a, b) => (a?.n ?? 0) - (b?.n ?? 0));
      const first = sorted[0];
      if (first) {
        let docs = first.docs.slice(0, first.n);
        let tfs = first.tfs.slice(0, first.n);
        let n = first.n;
        for (let li = 1; li < sorted.length && n > 0; li++) {
          const list = sorted[li];
          if (!list) continue;
          let w = 0;
          if (n * 16 < list.n) {
            // Few candidates against a long list: binary search each.
            let from = 0;
            for (let i = 0; i < n; i++) {
              const d = docs[i] ?? 0;
              const at = lowerBound(list.docs, list.n, d, from);
              from = at;
              if (at < list.n && list.docs[at] === d) {
                docs[w] = d;
                tfs[w] = packedMin(tfs[i] ?? 0, list.tfs[at] ?? 0);
                w++;
              }
            }
          } else {
            // Comparable lengths: one merge walk.
            let j = 0;
            for (let i = 0; i < n; i++) {
              const d = docs[i] ?? 0;
              while (j < list.n && (list.docs[j] ?? 0) < d) j++;
              if (j < list.n && list.docs[j] === d) {
                docs[w] = d;
                tfs[w] = packedMin(tfs[i] ?? 0, list.tfs[j] ?? 0);
                w++;
              }
            }
          }
          n = w;
        }
        docs = docs.subarray(0, n);
        tfs = tfs.subarray(0, n);
        match = { term, docs, tfs, n, idf: 0, extra: new Map() };
      }
    }
  }
  if (options.fuzzy || options.prefix) {
    const found = index.words.search(term, {
      fuzzy: options.fuzzy ?? false,
      prefix: options.prefix ?? false,
      combineWith: 'AND',
    });
    const extra = new Map<number, number>();
    for (const r of found) {
      const doc = r.id as number;
      if (lowerBound(match.docs, match.n, doc) < match.n && match.docs[lowerBound(match.docs, match.n, doc)] === doc) continue;
      extra.set(doc, r.score * FUZZY_WEIGHT);
    }
    match = { ...match, extra };
  }
  const df = match.n + match.extra.size;
  match.idf = Math.log(1 + (index.live - df + 0.5) / (df + 0.5));
  return match;
}

interface Candidates {
  docs: Int32Array;
  /** `pos[t][i]`: index of docs[i] in matches[t], or -1 when the term does not match it. */
  pos: Int32Array[];
}

function combineAnd(matches: TermMatch[]): Candidates {
  // Fuzzy/prefix-only matches take part through a sorted union per term.
  const sets = matches.map(termDocs);
  const order = sets.map((_, i) => i).sort((a, b) => (sets[a]?.length ?? 0) - (sets[b]?.length ?? 0));
  let docs = sets[order[0] ?? 0] ?? new Int32Array(0);
  for (let k = 1; k < order.length; k++) {
    const other = sets[order[k] ?? 0] ?? new Int32Array(0);
    const out = new Int32Array(Math.min(docs.length, other.length));
    let w = 0;
    let j = 0;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i] ?? 0;
      j = other.length > docs.length * 16 ? lowerBound(other, other.length, d, j) : j;
      while (j < other.length && (other[j] ?? 0) < d) j++;
      if (j < other.length && other[j] === d) out[w++] = d;
    }
    docs = out.subarray(0, w);
  }
  return { docs, pos: matches.map((m) => positions(m, docs)) };
}

function combineOr(matches: TermMatch[]): Candidates {
  const all = new Set<number>();
  for (const m of matches) for (const d of termDocs(m)) all.add(d);
  const docs = Int32Array.from(all).sort();
  return { docs, pos: matches.map((m) => positions(m, docs)) };
}

function termDocs(m: TermMatch): Int32Array {
  if (m.extra.size === 0) return m.docs.subarray(0, m.n);
  const all = new Int32Array(m.n + m.extra.size);
  all.set(m.docs.subarray(0, m.n));
  let i = m.n;
  for (const d of m.extra.keys()) all[i++] = d;
  return all.sort();
}

function positions(m: TermMatch, docs: Int32Array): Int32Array {
  const pos = new Int32Array(docs.length).fill(-1);
  let j = 0;
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i] ?? 0;
    while (j < m.n && (m.docs[j] ?? 0) < d) j++;
    if (j < m.n && m.docs[j] === d) pos[i] = j;
    else if (m.extra.has(d)) pos[i] = -2;
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
}

function rank(
  index: DigestIndex,
  matches: TermMatch[],
  cand: Candidates,
  limit: number,
  boosts: number[],
  allowed: ((doc: number) => boolean) | null,
  fallback: boolean,
  snippetOptions: SnippetOptions | undefined,
): SearchHit[] {
  const n = cand.docs.length;
  if (n === 0) return [];
  const avg = Array.from(index.totals, (t) => t / Math.max(1, index.live));

  // Upper bound of each candidate's score: contiguous, a word, frequency at its bigram bound.
  const bound = new Float64Array(n);
  const upper = (i: number, doc: number): number => {
    let s = 0;
    for (let t = 0; t < matches.length; t++) {
      const m = matches[t];
      const p = cand.pos[t]?.[i] ?? -1;
      if (!m || p === -1) continue;
      if (p === -2) {
        s += m.extra.get(doc) ?? 0;
        continue;
      }
      const packed = m.tfs[p] ?? 0;
      let ts = 0;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const tf = (packed >>> (8 * f)) & 255;
        if (tf > 0) ts += (boosts[f] ?? 0) * bm25(tf, index.lengths[doc * FIELD_COUNT + f] ?? 0, avg[f] ?? 1);
      }
      s += m.idf * ts * WORD_BONUS;
    }
    return s;
  };
  let kept = 0;
  const docsKept = new Int32Array(n);
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const doc = cand.docs[i] ?? 0;
    if (allowed && !allowed(doc)) continue;
    if (!index.records[doc]) continue;
    bound[kept] = upper(i, doc);
    docsKept[kept] = doc;
    idx[kept] = i;
    kept++;
  }
  if (kept === 0) return [];

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
  const visited = new Uint8Array(kept);
  for (const j of order) {
    visited[j] = 1;
    consider(j);
  }
  if (order.length < kept) {
    for (let j = 0; j < kept; j++) if (!visited[j] && (bound[j] ?? 0) >= threshold) consider(j);
  }

  return best.map((s) => {
    const record = index.records[s.doc] as DigestRecord;
    return {
      id: record.id,
      score: s.score,
      record,
      terms: s.terms,
      snippet: makeSnippet(record.summary, s.terms, snippetOptions),
      fallback,
    };
  });
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
  for (let t = 0; t < matches.length; t++) {
    const m = matches[t];
    const p = cand.pos[t]?.[i] ?? -1;
    if (!m || p === -1) continue;
    terms.push(m.term);
    if (p === -2) {
      score += m.extra.get(doc) ?? 0;
      continue;
    }
    let ts = 0;
    let contiguous = false;
    let word = false;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const text = fields[f] ?? '';
      let count = 0;
      let at = text.indexOf(m.term);
      if (at >= 0 && !word) word = isWordAt(text, at, m.term.length);
      while (at >= 0 && count < 255) {
        count++;
        at = text.indexOf(m.term, at + m.term.length);
      }
      if (count > 0) {
        contiguous = true;
        ts += (boosts[f] ?? 0) * bm25(count, index.lengths[doc * FIELD_COUNT + f] ?? 0, avg[f] ?? 1);
      }
    }
    if (!contiguous) {
      // Every bigram is there but never in a row: a weak match.
      const packed = m.tfs[p] ?? 0;
      for (let f = 0; f < FIELD_COUNT; f++) {
        if ((packed >>> (8 * f)) & 255) ts += NON_CONTIGUOUS * (boosts[f] ?? 0) * bm25(1, index.lengths[doc * FIELD_COUNT + f] ?? 0, avg[f] ?? 1);
      }
    }
    score += m.idf * ts * (word ? WORD_BONUS : 1);
  }
  return { doc, score, terms };
}

/** Whether TinySegmenter cuts the text at both ends of the occurrence (judged on a window around it). */
function isWordAt(text: string, at: number, len: number): boolean {
  const from = Math.max(0, at - 8);
  const to = Math.min(text.length, at + len + 8);
  let pos = from;
  let startOk = at === from;
  for (const w of segment(text.slice(from, to))) {
    if (pos === at) startOk = true;
    pos += w.length;
    if (pos === at + len) return startOk;
    if (pos > at + len) return false;
  }
  return false;
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
  let at = best.length;
  while (at > 0 && before(s, best[at - 1] as Scored)) at--;
  if (at >= limit) return;
  best.splice(at, 0, s);
  if (best.length > limit) best.pop();
}

