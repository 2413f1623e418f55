/**
 * Matching: which records each query term can match. A term is a candidate
 * for a record when one of its fields holds all the term's character bigrams
 * (the gram index gives the candidates, with per-field upper bounds of the
 * term's frequency); fuzzy and prefix options add vocabulary words found by
 * MiniSearch. Ranking then checks each candidate's text.
 */
import type { DigestIndex } from '../search-index/build.js';
import { lowerBound, packedAdd, packedMin } from '../search-index/grams.js';
import { MAX_FUZZY } from './options.js';

const FUZZY_WEIGHT = 0.5;
const PREFIX_WEIGHT = 0.7;
const MAX_EXPANSIONS = 20;

/** One way a term can match: the term itself, or a fuzzy or prefix expansion of it. */
export interface Alt {
  text: string;
  weight: number;
  /**
   * False when an occurrence can never earn the segmenter-word bonus (a
   * variant key): a tighter bound. Every Alt has it, in this field order, so
   * that the ranking loops see one object shape.
   */
  wordBonus: boolean;
  docs: Int32Array;
  /** Packed per-field upper bounds of the text's frequency. */
  tfs: Uint32Array;
}

export interface TermMatch {
  term: string;
  /** A quoted phrase: only contiguous occurrences count. */
  phrase: boolean;
  alts: Alt[];
  /** Sorted union of the alternatives' documents. */
  docs: Int32Array;
  idf: number;
}

/** A posting or a merged view of several: sorted documents with packed per-field counts. */
export interface DocList {
  docs: Int32Array;
  tfs: Uint32Array;
  n: number;
}

/** Documents holding every bigram of `text`, with per-field frequency bounds. */
export function gramMatch(index: DigestIndex, text: string, weight: number): Alt {
  const keys = index.grams.keysOf(text);
  if (keys === null) return { text, weight, wordBonus: true, docs: new Int32Array(0), tfs: new Uint32Array(0) };
  const lists: (DocList | undefined)[] = keys.map((k) => index.posting(k));
  const { docs, tfs } = intersectLists(lists);
  return { text, weight, wordBonus: true, docs, tfs };
}

/**
 * The documents in every list, with the per-field minimum of their counts,
 * where one field holds all of them (a zero minimum in every field means the
 * keys were spread over several fields).
 */
export function intersectLists(input: (DocList | undefined)[]): { docs: Int32Array; tfs: Uint32Array } {
  const none = { docs: new Int32Array(0), tfs: new Uint32Array(0) };
  for (const l of input) if (l === undefined || l.n === 0) return none;
  if (input.length === 0) return none;
  // Sorted in place: every caller passes a list of its own.
  const lists = input as DocList[];
  lists.sort((a, b) => a.n - b.n);
  const first = lists[0];
  if (!first) return none;
  // One key (a one- or two-character term): the posting itself, without a copy.
  if (lists.length === 1) return { docs: first.docs.subarray(0, first.n), tfs: first.tfs.subarray(0, first.n) };
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
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if ((tfs[i] ?? 0) === 0) continue;
    docs[kept] = docs[i] ?? 0;
    tfs[kept] = tfs[i] ?? 0;
    kept++;
  }
  return { docs: docs.subarray(0, kept), tfs: tfs.subarray(0, kept) };
}

/** The sorted union of several lists, counts added per field (saturating at 255). */
export function unionLists(lists: readonly DocList[]): DocList {
  const live = lists.filter((l) => l.n > 0);
  if (live.length === 0) return { docs: new Int32Array(0), tfs: new Uint32Array(0), n: 0 };
  if (live.length === 1) return live[0] as DocList;
  let acc: DocList = live[0] as DocList;
  for (let k = 1; k < live.length; k++) acc = merge2(acc, live[k] as DocList);
  return acc;
}

function merge2(a: DocList, b: DocList): DocList {
  const docs = new Int32Array(a.n + b.n);
  const tfs = new Uint32Array(a.n + b.n);
  let i = 0;
  let j = 0;
  let w = 0;
  while (i < a.n || j < b.n) {
    const da = i < a.n ? (a.docs[i] ?? 0) : Infinity;
    const db = j < b.n ? (b.docs[j] ?? 0) : Infinity;
    if (da === db) {
      docs[w] = da;
      tfs[w++] = packedAdd(a.tfs[i++] ?? 0, b.tfs[j++] ?? 0);
    } else if (da < db) {
      docs[w] = da;
      tfs[w++] = a.tfs[i++] ?? 0;
    } else {
      docs[w] = db;
      tfs[w++] = b.tfs[j++] ?? 0;
    }
  }
  return { docs, tfs, n: w };
}

/** A term matched by its own text only: what the exact tier ranks. */
export function exactMatch(index: DigestIndex, term: string, phrase: boolean): TermMatch {
  return withIdf(index, term, phrase, [gramMatch(index, term, 1)]);
}

/** The fuzzy and prefix expansions of a term (MiniSearch over the vocabulary), each with the records holding it. */
export function expansions(index: DigestIndex, term: string, options: { fuzzy?: number | false | undefined; prefix?: boolean | undefined }): Alt[] {
  const alts: Alt[] = [];
  if (!options.fuzzy && !options.prefix) return alts;
  // MiniSearch finds the vocabulary words near the term; the gram index finds their records.
  // The distance is capped (search checks it too): MiniSearch caps only a fractional one.
  const fuzzy = typeof options.fuzzy === 'number' && options.fuzzy >= 1 ? Math.min(MAX_FUZZY, options.fuzzy) : (options.fuzzy ?? false);
  const found = index.words.search(term, { fuzzy, maxFuzzy: MAX_FUZZY, prefix: options.prefix ?? false });
  // Score, then the word itself: an order that does not depend on how the vocabulary grew.
  const words = found
    .map((r) => ({ word: index.vocabulary[r.id as number] ?? '', score: r.score }))
    .sort((a, b) => b.score - a.score || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  for (const { word } of words) {
    if (alts.length >= MAX_EXPANSIONS) break;
    if (word === '' || word === term) continue;
    // A word no live record holds any more (after removeRecords) takes no slot.
    const alt = gramMatch(index, word, options.prefix && word.startsWith(term) ? PREFIX_WEIGHT : FUZZY_WEIGHT);
    if (alt.docs.length > 0) alts.push(alt);
  }
  return alts;
}

/** A TermMatch over the given alternatives: their union of documents, and its idf. */
export function withIdf(index: DigestIndex, term: string, phrase: boolean, alts: Alt[]): TermMatch {
  const nonEmpty = alts.filter((a) => a.docs.length > 0);
  let docs = nonEmpty[0]?.docs ?? new Int32Array(0);
  for (let k = 1; k < nonEmpty.length; k++) docs = mergeDocs(docs, (nonEmpty[k] as Alt).docs);
  const df = docs.length;
  return { term, phrase, alts, docs, idf: idf(index, df) };
}

/** The sorted union of two sorted document lists. */
export function mergeDocs(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let w = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] ?? 0) : Infinity;
    const y = j < b.length ? (b[j] ?? 0) : Infinity;
    out[w++] = x <= y ? x : y;
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return out.subarray(0, w);
}

/** BM25's idf for a document frequency. */
export function idf(index: DigestIndex, df: number): number {
  return Math.log(1 + (index.live - df + 0.5) / (df + 0.5));
}

export interface Candidates {
  docs: Int32Array;
  /** `pos[t][a][i]`: index of docs[i] in term t's alternative a, or -1; null when it is i itself. */
  pos: (Int32Array | null)[][];
}

/** The sorted intersection of two sorted document lists (galloping through the longer when it is much longer). */
export function intersect(a: Int32Array, b: Int32Array): Int32Array {
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

export function combineAnd(matches: TermMatch[]): Candidates {
  const only = matches.length === 1 ? matches[0] : undefined;
  // One term matched only by itself: its documents are the candidates, in place.
  if (only && only.alts.length === 1) return { docs: only.docs, pos: [[null]] };
  const sorted = [...matches].sort((a, b) => a.docs.length - b.docs.length);
  let docs = sorted[0]?.docs ?? new Int32Array(0);
  for (let k = 1; k < sorted.length && docs.length > 0; k++) docs = intersect(docs, sorted[k]?.docs ?? new Int32Array(0));
  return { docs, pos: matches.map((m) => m.alts.map((a) => positions(a.docs, docs))) };
}

export function combineOr(matches: TermMatch[]): Candidates {
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

