/**
 * Variant matching (see analysis/variants.ts): a term matches a record as a
 * variant when its key C(F(term)) occurs in the key of one of the record's
 * fields. Candidates come from the gram index: every bigram of F(term), looked
 * up for every member of its characters' classes, in the bigrams as written
 * and in the bigrams only the fold makes. Then the record's own keys decide.
 */
import { classMembers, foldChars, foldCode, foldCodeInScript, variantFold, variantKey } from '../analysis/variants.js';
import type { DigestIndex } from '../search-index/build.js';
import { FIELD_COUNT, lowerBound, packedAdd, packedMin } from '../search-index/grams.js';
import { unionLists } from './match.js';
import type { Alt, DocList } from './match.js';

/** A term's variant key, C(F(term)): what a field's key must contain. */
export function termKey(term: string): string {
  return foldChars(variantFold(term).text).trim();
}

/** The canonical bigrams of a key, in order (a part of one character gives that character); pairs never span a space. */
export function keyGrams(key: string): string[] {
  const out: string[] = [];
  for (const part of key.split(' ')) {
    if (part.length === 1) out.push(part);
    for (let i = 0; i + 1 < part.length; i++) out.push(part.slice(i, i + 2));
  }
  return out;
}

/**
 * The postings that may hold a canonical bigram (or single character) in any
 * spelling of its class, with per-field count bounds: those of every member
 * pair, as written and as folded. `inScript`: `gram` is a script-keeping key's
 * (see foldCodeInScript), and only members of its script count.
 */
export function classLists(index: DigestIndex, gram: string, inScript = false): DocList[] {
  const lists: DocList[] = [];
  const grams = index.grams;
  const members = (k: number): readonly number[] => {
    const all = classMembers(foldCode(gram.charCodeAt(k)));
    // Within the script: the members whose script-keeping fold is the gram's own character.
    return inScript ? all.filter((c) => foldCodeInScript(c) === gram.charCodeAt(k)) : all;
  };
  const as = members(0);
  if (gram.length === 1) {
    for (const a of as) {
      const id = grams.idOf(a);
      const p = id === 0 ? undefined : index.posting(id);
      if (p && p.n > 0) lists.push(p);
    }
    return lists;
  }
  const bs = members(1);
  for (const a of as) {
    const ia = grams.idOf(a);
    if (ia === 0) continue;
    for (const b of bs) {
      const ib = grams.idOf(b);
      if (ib === 0) continue;
      const key = ia * 65536 + ib;
      const p = grams.get(key);
      if (p && p.n > 0) lists.push(p);
      const v = grams.variants.get(key);
      if (v && v.n > 0) lists.push(v);
    }
  }
  return lists;
}

/**
 * The records holding every gram in some spelling, with per-field count
 * bounds (see intersectLists): the gram with the fewest postings is united,
 * and each other gram's postings are only probed for its records. Uniting the
 * postings of a common kana pair in every spelling (て, で, テ, デ…) first would
 * cost more than the whole query.
 */
function intersectClasses(perGram: DocList[][]): { docs: Int32Array; tfs: Uint32Array } {
  const none = { docs: new Int32Array(0), tfs: new Uint32Array(0) };
  if (perGram.length === 0 || perGram.some((lists) => lists.length === 0)) return none;
  const size = (lists: DocList[]): number => lists.reduce((n, l) => n + l.n, 0);
  const order = [...perGram].sort((a, b) => size(a) - size(b));
  const first = unionLists(order[0] as DocList[]);
  const docs = first.docs.slice(0, first.n);
  const tfs = first.tfs.slice(0, first.n);
  let n = first.n;
  for (let g = 1; g < order.length && n > 0; g++) {
    const lists = order[g] as DocList[];
    const cursors = new Int32Array(lists.length);
    let w = 0;
    for (let i = 0; i < n; i++) {
      const d = docs[i] ?? 0;
      let tf = 0;
      for (let k = 0; k < lists.length; k++) {
        const l = lists[k] as DocList;
        let j = cursors[k] ?? 0;
        // Records come in order: walk a list about as long as ours, jump through a much longer one.
        if (l.n - j > 16 * (n - i)) j = lowerBound(l.docs, l.n, d, j);
        else while (j < l.n && (l.docs[j] ?? 0) < d) j++;
        cursors[k] = j;
        if (j < l.n && l.docs[j] === d) tf = packedAdd(tf, l.tfs[j] ?? 0);
      }
      if (tf === 0) continue;
      docs[w] = d;
      tfs[w++] = packedMin(tfs[i] ?? 0, tf);
    }
    n = w;
  }
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if ((tfs[i] ?? 0) === 0) continue;
    docs[kept] = docs[i] ?? 0;
    tfs[kept++] = tfs[i] ?? 0;
  }
  return { docs: docs.subarray(0, kept), tfs: tfs.subarray(0, kept) };
}



/**
 * Variant alternatives made lately, per index: a page 2, a facet click or a
 * count asks for the same term's spellings again, and intersecting every
 * spelling's postings is most of what a kana query costs (ルッテ: 2 ms of a
 * 2.4 ms page at 10,000 records). Dropped whole when the index changes (its
 * generation) or when they hold RECENT_ALT_ENTRIES entries (2 MB).
 */
const recentAlts = new WeakMap<DigestIndex, { generation: number; entries: number; alts: Map<string, Alt> }>();
const RECENT_ALT_ENTRIES = 1 << 18;

/** Alts are shared between queries: no caller changes one. */
export function variantAlt(index: DigestIndex, key: string, weight: number): Alt {
  let cache = recentAlts.get(index);
  if (!cache || cache.generation !== index.generation) {
    cache = { generation: index.generation, entries: 0, alts: new Map() };
    recentAlts.set(index, cache);
  }
  const id = `${weight} ${key}`;
  const known = cache.alts.get(id);
  if (known) return known;
  const alt = makeVariantAlt(index, key, weight);
  if (cache.entries + alt.docs.length > RECENT_ALT_ENTRIES) {
    cache.alts.clear();
    cache.entries = 0;
  }
  cache.alts.set(id, alt);
  cache.entries += alt.docs.length;
  return alt;
}

/** The candidates for a term's variant key: records holding every bigram of it in some spelling. */
function makeVariantAlt(index: DigestIndex, key: string, weight: number): Alt {
  const grams = [...new Set(keyGrams(key))];
  if (grams.length === 0) return { text: key, weight, wordBonus: false, docs: new Int32Array(0), tfs: new Uint32Array(0) };
  const { docs, tfs } = intersectClasses(grams.map((g) => classLists(index, g)));
  return { text: key, weight, wordBonus: false, docs, tfs };
}

/** One field's key and, for each of its characters, the offset in the searchable field it came from. */
export interface FieldKey {
  key: string;
  /** For each character of `key`, the offset in the searchable field it came from: folded again when first asked (most fields verified hold no match). */
  map: () => Int32Array;
  /** For each character of `key`, 1 when F rewrote it (ら致 → 拉致), likewise on demand. */
  rewritten: () => Uint8Array;
}

/** Fields' keys by document, each made on demand during one query (the script-keeping ones after the four others). */
export type KeyCache = Map<number, (FieldKey | undefined)[]>;

/**
 * The key of one field of a record, with space runs as one space: made once
 * per query, and only when asked. `inScript`: the key with hiragana kept apart
 * from katakana, for the partial tier (see foldCodeInScript).
 */
export function fieldKey(index: DigestIndex, doc: number, f: number, cache: KeyCache, inScript = false): FieldKey {
  let keys = cache.get(doc);
  if (!keys) cache.set(doc, (keys = []));
  const slot = inScript ? f + FIELD_COUNT : f;
  let k = keys[slot];
  if (!k) {
    const text = index.fieldsOf(doc)?.[f] ?? '';
    const dropped = index.droppedAt(doc, f);
    const recent = recentKey(index, doc * 2 * FIELD_COUNT + slot, text, dropped, inScript);
    // The map is folded again only when asked, and then kept with the key for the next query.
    const fold = (): { map: Int32Array; rewritten: Uint8Array } => (recent.full ??= variantKey(text, dropped, true, inScript));
    k = { key: recent.key, map: () => fold().map, rewritten: () => fold().rewritten };
    keys[slot] = k;
  }
  return k;
}

/** A folded field key, with what it was folded from: valid while the record holds that very text. */
interface RecentKey {
  text: string;
  dropped: Int32Array | null;
  key: string;
  /** The fold with its map, once a query asked for it (a match to mark or to check for a whole word). */
  full: { map: Int32Array; rewritten: Uint8Array } | null;
}

/** Keys folded by recent queries, per index: the next keystroke of a search-as-you-type box asks for mostly the same records. */
const recentKeys = new WeakMap<DigestIndex, Map<number, RecentKey>>();
/** About 4,096 fields of a few hundred characters, with the maps asked for: a few MB at most. */
const RECENT_KEYS = 4096;

function recentKey(index: DigestIndex, slot: number, text: string, dropped: Int32Array | null, inScript: boolean): RecentKey {
  let cache = recentKeys.get(index);
  if (!cache) recentKeys.set(index, (cache = new Map()));
  const hit = cache.get(slot);
  // Slots are not reused today; the text itself must match all the same, so a change to that never serves a stale key.
  // The dropped offsets are compared by value: the index hands out a fresh view of them each time.
  if (hit && hit.text === text && sameOffsets(hit.dropped, dropped)) return hit;
  const entry: RecentKey = { text, dropped, key: variantKey(text, dropped, false, inScript).key, full: null };
  if (hit) cache.delete(slot);
  else if (cache.size >= RECENT_KEYS) cache.delete(cache.keys().next().value as number);
  cache.set(slot, entry);
  return entry;
}

function sameOffsets(a: Int32Array | null, b: Int32Array | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A term's key with hiragana kept apart from katakana (see foldCodeInScript). */
export function termKeyInScript(term: string): string {
  return variantKey(term, null, false, true).key.trim();
}

/** Where `needle` occurs in a field key: the searchable-text spans, at most `max`. */
export function occurrences(field: FieldKey, needle: string, max = 255): { start: number; end: number; at: number }[] {
  const out: { start: number; end: number; at: number }[] = [];
  if (needle === '') return out;
  for (let at = field.key.indexOf(needle); at >= 0 && out.length < max; at = field.key.indexOf(needle, at + needle.length)) {
    const map = field.map();
    out.push({ start: map[at] ?? 0, end: (map[at + needle.length - 1] ?? 0) + 1, at });
  }
  return out;
}

/** A variant key this short matches only a whole segmenter word: ルッテ's key ルテ must not match inside ストルテンベルグ. */
export const SHORT_KEY = 3;

/**
 * The spans of the searchable fields (field, start, end) where a term's
 * variant key occurs in a record, at most `max` per field.
 */
export function variantSpans(index: DigestIndex, doc: number, key: string, cache: KeyCache, max = 255, packed = 0xffffffff): [number, number, number][] {
  const out: [number, number, number][] = [];
  if (key === '') return out;
  for (let f = 0; f < FIELD_COUNT; f++) {
    // A field whose bigram counts bound the key's frequency to zero cannot hold it.
    if (((packed >>> (8 * f)) & 255) === 0) continue;
    const fk = fieldKey(index, doc, f, cache);
    for (const { start, end, at } of occurrences(fk, key, max)) {
      // A short key must be a whole word, unless it is a word F wrote (子ども → 子供).
      if (key.length <= SHORT_KEY && !index.isWordAt(doc, f, start, end - start) && !fk.rewritten().subarray(at, at + key.length).includes(1)) continue;
      out.push([f, start, end]);
    }
  }
  return out;
}
