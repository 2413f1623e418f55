/**
 * Variant matching (see analysis/variants.ts): a term matches a record as a
 * variant when its key C(F(term)) occurs in the key of one of the record's
 * fields. Candidates come from the gram index: every bigram of F(term), looked
 * up for every member of its characters' classes, in the bigrams as written
 * and in the bigrams only the fold makes. Then the record's own keys decide.
 */
import { classMembers, foldChars, foldCode, variantFold } from '../analysis/variants.js';
import { normalizedFields } from '../search-index/build.js';
import type { DigestIndex } from '../search-index/build.js';
import { intersectLists, unionLists } from './match.js';
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
 * The records that may hold a canonical bigram (or single character) in any
 * spelling of its class, with per-field count bounds: the union of the
 * postings of every member pair, as written and as folded.
 */
export function classPosting(index: DigestIndex, gram: string): DocList {
  const lists: DocList[] = [];
  const grams = index.grams;
  const as = classMembers(foldCode(gram.charCodeAt(0)));
  if (gram.length === 1) {
    for (const a of as) {
      const id = grams.idOf(a);
      const p = id === 0 ? undefined : index.posting(id);
      if (p && p.n > 0) lists.push(p);
    }
    return unionLists(lists);
  }
  const bs = classMembers(foldCode(gram.charCodeAt(1)));
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
  return unionLists(lists);
}

/** The candidates for a term's variant key: records holding every bigram of it in some spelling. */
export function variantAlt(index: DigestIndex, key: string, weight: number): Alt {
  const grams = [...new Set(keyGrams(key))];
  if (grams.length === 0) return { text: key, weight, docs: new Int32Array(0), tfs: new Uint32Array(0) };
  return { text: key, weight, ...intersectLists(grams.map((g) => classPosting(index, g))) };
}

/** One field's key and, for each of its characters, the offset in the searchable field it came from. */
export interface FieldKey {
  key: string;
  map: Int32Array;
}

/** Fields' keys by document, made on demand during one query. */
export type KeyCache = Map<number, FieldKey[]>;

/** The keys of a record's fields (title, summary, notes, source), with space runs as one space. */
export function fieldKeys(index: DigestIndex, doc: number, cache: KeyCache): FieldKey[] {
  let keys = cache.get(doc);
  if (keys) return keys;
  const record = index.records[doc];
  keys = record ? normalizedFields(record).map(fieldKey) : [];
  cache.set(doc, keys);
  return keys;
}

function fieldKey(normalized: string): FieldKey {
  const f = variantFold(normalized);
  const key = foldChars(f.text);
  // One space for a run, as phrases are compared.
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < key.length; i++) {
    if (key.charCodeAt(i) === 32 && out.charCodeAt(out.length - 1) === 32) continue;
    out += key.charAt(i);
    map.push(f.map[i] ?? 0);
  }
  return { key: out, map: Int32Array.from(map) };
}

/** Where `needle` occurs in a field key: the searchable-text spans, at most `max`. */
export function occurrences(field: FieldKey, needle: string, max = 255): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (needle === '') return out;
  for (let at = field.key.indexOf(needle); at >= 0 && out.length < max; at = field.key.indexOf(needle, at + needle.length)) {
    out.push({ start: field.map[at] ?? 0, end: (field.map[at + needle.length - 1] ?? 0) + 1 });
  }
  return out;
}

/** A variant key this short matches only a whole segmenter word: ルッテ's key ルテ must not match inside ストルテンベルグ. */
export const SHORT_KEY = 3;

/**
 * The spans of the searchable fields (field, start, end) where a term's
 * variant key occurs in a record, at most `max` per field.
 */
export function variantSpans(index: DigestIndex, doc: number, key: string, cache: KeyCache, max = 255): [number, number, number][] {
  const out: [number, number, number][] = [];
  if (key === '') return out;
  fieldKeys(index, doc, cache).forEach((fk, f) => {
    for (const { start, end } of occurrences(fk, key, max)) {
      if (key.length <= SHORT_KEY && !index.isWordAt(doc, f, start, end - start)) continue;
      out.push([f, start, end]);
    }
  });
  return out;
}
