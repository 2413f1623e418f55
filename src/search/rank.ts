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
import { firstWritten, makeSnippet } from './snippet.js';
import { TopK } from './top.js';
import type { Prepared, SnippetOptions } from './snippet.js';

const K1 = 1.2;
const B = 0.75;
export const WORD_BONUS = 1.25;
const BOUND_SLACK = 1 + 1e-9;
const DIGIT_GAP = /(?<=\d) (?=\d)/g;

export function bm25(tf: number, len: number, avg: number): number {
  if (tf <= 0) return 0;
  return (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / (avg || 1)));
}

/** How a hit matched the query: see docs/search.md, "Match kinds". */
export type MatchKind = 'exact' | 'variant' | 'partial';

export interface Scored {
  doc: number;
  score: number;
  terms: string[];
  /** Texts of the searchable fields that matched (terms, expansions, variant spellings), for the snippet. */
  marks: string[];
  /** Within a tier, a key compared before the score (the partial tier's share of the query); 0 elsewhere. */
  key?: number;
}

export interface RankOptions {
  index: DigestIndex;
  /** Each query term's ways to match, for the upper bound of a candidate's score. */
  matches: TermMatch[];
  cand: Candidates;
  limit: number;
  boosts: number[];
  allowed: ((doc: number) => boolean) | null;
  byDate: boolean;
  /** Documents an earlier tier returned. */
  taken: ReadonlySet<number>;
  /** Average field lengths (see averages), computed once per query. */
  avg: number[];
  /** The candidate's exact score, or null when it does not belong to this tier. */
  score: (i: number, doc: number) => Scored | null;
}

/** The upper bound of candidate `i`'s score: contiguous, a word, frequency at its bigram bound. */
export function upperBound(index: DigestIndex, matches: TermMatch[], cand: Candidates, boosts: number[], avg: number[], i: number, doc: number): number {
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
      // packedBm25, inlined: this runs for every candidate of a common term.
      const packed = alt.tfs[p] ?? 0;
      let ts = 0;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const tf = (packed >>> (8 * f)) & 255;
        if (tf > 0) ts += (boosts[f] ?? 0) * bm25(tf, index.lengths[doc * FIELD_COUNT + f] ?? 0, avg[f] ?? 1);
      }
      ts *= alt.weight * (alt.wordBonus ? WORD_BONUS : 1);
      if (ts > best) best = ts;
    }
    s += m.idf * best;
  }
  // Rounded in another order than the exact score: a hair of headroom keeps it a bound.
  return s * BOUND_SLACK;
}

/** BM25 over the fields for packed per-field frequencies. */
export function packedBm25(index: DigestIndex, packed: number, doc: number, boosts: number[], avg: number[]): number {
  let ts = 0;
  for (let f = 0; f < FIELD_COUNT; f++) {
    const tf = (packed >>> (8 * f)) & 255;
    if (tf > 0) ts += (boosts[f] ?? 0) * bm25(tf, index.lengths[doc * FIELD_COUNT + f] ?? 0, avg[f] ?? 1);
  }
  return ts;
}

/** Average field lengths over the live records. */
export function averages(index: DigestIndex): number[] {
  return Array.from(index.totals, (t) => t / Math.max(1, index.live));
}

/**
 * The best `limit` candidates of one tier, best first: exact scores in
 * descending order of bound, until no bound can beat the k-th score (or, by
 * date, the newest days first).
 */
export function rank(o: RankOptions): Scored[] {
  const { index, cand, limit, allowed, byDate, taken, matches, boosts, avg } = o;
  const n = cand.docs.length;
  if (n === 0 || limit <= 0) return [];
  const { bound, docsKept, idx } = scratch(index, n);
  const anyTaken = taken.size > 0;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const doc = cand.docs[i] ?? 0;
    if (allowed && !allowed(doc)) continue;
    if (!index.isLive(doc) || (anyTaken && taken.has(doc))) continue;
    // By date, the "bound" is the day itself: the newest records are the top k.
    bound[kept] = byDate ? (index.dayKeys[doc] ?? 0) : upperBound(index, matches, cand, boosts, avg, i, doc);
    docsKept[kept] = doc;
    idx[kept] = i;
    kept++;
  }
  if (kept === 0) return [];

  if (byDate) {
    const newest = (k: number): Scored[] => {
      const order = topByBound(bound, kept, k);
      // Records of the last day that made the cut all compete for its places by score.
      const cut = bound[order[order.length - 1] ?? 0] ?? 0;
      const chosen = new Set(order);
      for (let j = 0; j < kept; j++) if (bound[j] === cut) chosen.add(j);
      const scored = [...chosen].flatMap((j) => {
        const s = o.score(idx[j] ?? 0, docsKept[j] ?? 0);
        return s ? [s] : [];
      });
      scored.sort((a, b) => (index.dayKeys[b.doc] ?? 0) - (index.dayKeys[a.doc] ?? 0) || compareScored(index, a, b));
      return scored.slice(0, limit);
    };
    let best = newest(limit);
    // A candidate can turn out not to belong to the tier: then look further back.
    if (best.length < limit && kept > limit) best = newest(kept);
    return best;
  }

  const order = topByBound(bound, kept, Math.max(limit * 2, 32));
  const best: Scored[] = [];
  let threshold = -Infinity;
  const consider = (j: number): void => {
    const b = bound[j] ?? 0;
    if (b < threshold) return;
    // A candidate that can at best tie the k-th score and would lose the tie
    // (older, or the same day and a larger ID): a text repeated in thousands of
    // records is not checked thousands of times.
    if (best.length === limit && b <= threshold * BOUND_SLACK && losesTie(index, docsKept[j] ?? 0, best[limit - 1] as Scored)) return;
    const s = o.score(idx[j] ?? 0, docsKept[j] ?? 0);
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
  return best;
}

/** Scored results as hits, with snippets. */
export function toHits(index: DigestIndex, best: readonly Scored[], match: MatchKind, snippetOptions: SnippetOptions | undefined): SearchHit[] {
  return best.map((s) => {
    const record = index.recordAt(s.doc) as DigestRecord;
    const title = prepared(index, s.doc, 0);
    const summary = prepared(index, s.doc, 1);
    return {
      id: record.id,
      // A partial hit's score is its share of the query (0 to 1); the BM25 score only breaks ties.
      score: match === 'partial' ? (s.key ?? 0) : s.score,
      record: copyRecord(record),
      terms: s.terms,
      matched: matchedWords(record, s.marks, title, summary),
      match,
      // The stored searchable text and its removed offsets stand in for normalizing again.
      snippet: makeSnippet(record.summary, s.marks, snippetOptions, summary),
      titleSnippet: makeSnippet(record.title, s.marks, { ...snippetOptions, context: Infinity }, title),
    };
  });
}

const RECORD_KEYS = new Set(['id', 'date', 'time', 'source', 'outlet', 'via', 'title', 'summary', 'related', 'notes', 'position']);

/**
 * A hit's own copy of its record: changing it changes neither the index nor
 * what serializeIndex writes. The schema's arrays and objects are copied;
 * an extra field's object is cloned (shared only if it cannot be, a function).
 */
function copyRecord(r: DigestRecord): DigestRecord {
  const copy = { ...r, related: r.related.map((x) => ({ ...x })), notes: [...r.notes], position: { ...r.position } };
  for (const key of Object.keys(r)) {
    if (RECORD_KEYS.has(key)) continue;
    const v = (r as Record<string, unknown>)[key];
    if (v === null || typeof v !== 'object') continue;
    try {
      (copy as Record<string, unknown>)[key] = structuredClone(v);
    } catch {
      // Not cloneable (holds a function): shared, as given.
    }
  }
  return copy;
}

/**
 * The words of the record that matched, as written there (each mark's first
 * occurrence in the title, then in the summary): `ストルテンベルグ` for the
 * query `ストルテンベルク`, while `terms` holds the query's terms.
 */
function matchedWords(record: DigestRecord, marks: readonly string[], title: Prepared | undefined, summary: Prepared | undefined): string[] {
  if (marks.length === 0) return [];
  return firstWritten(record.summary, marks, summary, firstWritten(record.title, marks, title));
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
  const removed = index.removalsOf(doc)?.[field];
  const searchable = index.fieldsOf(doc)?.[field];
  return removed && searchable !== undefined ? { searchable, removed } : undefined;
}

/** Indexes of the `k` largest bounds, largest first. */
function topByBound(bound: Float64Array, n: number, k: number): number[] {
  const top = new TopK(k, (a, b) => (bound[a] ?? 0) > (bound[b] ?? 0));
  for (let i = 0; i < n; i++) top.offer(i);
  return top.sorted();
}

/**
 * The exact-tier score of one candidate: every term (any term with `any`)
 * occurs as written (normalized) in one field; null otherwise.
 */
export function exactScore(index: DigestIndex, matches: TermMatch[], cand: Candidates, i: number, doc: number, boosts: number[], avg: number[], any: boolean): Scored | null {
  const fields = index.fieldsOf(doc) ?? [];
  let score = 0;
  const terms: string[] = [];
  const marks: string[] = [];
  for (let t = 0; t < matches.length; t++) {
    const m = matches[t];
    const ap = cand.pos[t]?.[0];
    const alt = m?.alts[0];
    const p = ap === null ? i : (ap?.[i] ?? -1);
    if (!m || !alt || p < 0) {
      if (any) continue;
      return null;
    }
    const r = altScore(index, alt, fields, doc, boosts, avg, m.phrase);
    if (!r.contiguous) {
      if (any) continue;
      return null;
    }
    for (const w of m.phrase ? alt.text.split(' ') : [alt.text]) marks.push(w);
    terms.push(m.term);
    score += m.idf * alt.weight * r.score;
  }
  return terms.length > 0 ? { doc, score, terms, marks } : null;
}

/** BM25 over the fields from real occurrence counts, with the word rule; `contiguous` false when the text never occurs as written. */
export function altScore(
  index: DigestIndex,
  alt: Alt,
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
  return { score: ts * (word ? WORD_BONUS : 1), contiguous };
}

/**
 * Whether `text` occurs as written in one of the fields: altScore's
 * `contiguous`, without counting or scoring (for counting matches).
 */
export function occursAsWritten(fields: readonly string[], text: string, phrase: boolean): boolean {
  if (!(phrase && text.includes(' '))) {
    for (const f of fields) if (f.includes(text)) return true;
    return false;
  }
  // Compared as altScore compares a phrase of several words.
  const t = text.replace(DIGIT_GAP, '');
  for (const f of fields) if (f.replace(/ {2,}/g, ' ').replace(DIGIT_GAP, '').includes(t)) return true;
  return false;
}

/** Whether `doc` comes after `s` among records of equal score: older, or the same date and a larger ID. */
function losesTie(index: DigestIndex, doc: number, s: Scored): boolean {
  const da = index.dayKeys[doc] ?? 0;
  const db = index.dayKeys[s.doc] ?? 0;
  return da !== db ? da < db : index.idOf(doc) > index.idOf(s.doc);
}

/** Score, then newer date, then smaller id: the order of hits within a tier. */
export function compareScored(index: DigestIndex, a: Scored, b: Scored): number {
  const ka = a.key ?? 0;
  const kb = b.key ?? 0;
  if (ka !== kb) return kb - ka;
  if (a.score !== b.score) return b.score - a.score;
  const da = index.dayKeys[a.doc] ?? 0;
  const db = index.dayKeys[b.doc] ?? 0;
  if (da !== db) return da > db ? -1 : 1;
  const ia = index.idOf(a.doc);
  const ib = index.idOf(b.doc);
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/** Keeps `best` sorted (score desc, then newer date, then id) and at most `limit` long. */
export function insert(best: Scored[], s: Scored, limit: number, index: DigestIndex): void {
  const before = (a: Scored, b: Scored): boolean => compareScored(index, a, b) < 0;
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

