/**
 * The character-gram index behind substring recall: for every pair of adjacent
 * characters in the searchable text, the sorted list of documents holding it,
 * with per-field counts. (Single characters are looked up on demand by the
 * index, from the stored text: they are rare as queries, and indexing them
 * would double the build.) A query term matches a document
 * when all of its bigrams do; the counts bound its term frequency from above,
 * which is what lets search score only the documents that can reach the top k.
 *
 * Beside it, the bigrams that only the variant fold makes (`variants`).
 * Both are rebuilt from the records on load, so they are never serialized.
 */

/** Fields counted per posting: title, summary, notes, source (8 bits each). */
export const FIELD_COUNT = 4;

export class Posting {
  docs: Int32Array;
  /** Four saturating 8-bit counts, one per field. */
  tfs: Uint32Array;
  n = 0;
  constructor() {
    this.docs = new Int32Array(2);
    this.tfs = new Uint32Array(2);
  }
}

const SPACE = 32;

/**
 * Key → posting, as an open-addressing table over typed arrays: a key is
 * never 0, so 0 marks an empty slot. Several times cheaper per lookup than a
 * Map on the build's hot path (one lookup per character of every record).
 */
export class PostingTable {
  private keys: Uint32Array;
  private slots: Int32Array;
  private shift: number;
  private readonly list: Posting[] = [];

  constructor(bits: number) {
    this.keys = new Uint32Array(1 << bits);
    this.slots = new Int32Array(1 << bits);
    this.shift = 32 - bits;
  }

  get size(): number {
    return this.list.length;
  }

  /** The posting of a key, if any record ever held it. */
  get(key: number): Posting | undefined {
    const mask = this.keys.length - 1;
    for (let h = Math.imul(key, 0x9e3779b1) >>> this.shift; ; h = (h + 1) & mask) {
      const k = this.keys[h] ?? 0;
      if (k === key) return this.list[this.slots[h] ?? 0];
      if (k === 0) return undefined;
    }
  }

  getOrCreate(key: number): Posting {
    const mask = this.keys.length - 1;
    let h = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (; ; h = (h + 1) & mask) {
      const k = this.keys[h] ?? 0;
      if (k === key) return this.list[this.slots[h] ?? 0] as Posting;
      if (k === 0) break;
    }
    const p = new Posting();
    this.keys[h] = key;
    this.slots[h] = this.list.length;
    this.list.push(p);
    if (this.list.length * 2 > this.keys.length) this.grow();
    return p;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    this.keys = new Uint32Array(oldKeys.length * 2);
    this.slots = new Int32Array(oldKeys.length * 2);
    this.shift--;
    const mask = this.keys.length - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i] ?? 0;
      if (key === 0) continue;
      let h = Math.imul(key, 0x9e3779b1) >>> this.shift;
      while ((this.keys[h] ?? 0) !== 0) h = (h + 1) & mask;
      this.keys[h] = key;
      this.slots[h] = oldSlots[i] ?? 0;
    }
  }

  /** Counts one occurrence of `key` in field unit `unit` (mask: that field's 8 bits) of `doc`, the newest document. */
  bump(key: number, doc: number, unit: number, mask: number): void {
    const p = this.getOrCreate(key);
    const last = p.n - 1;
    if (last >= 0 && p.docs[last] === doc) {
      const tf = p.tfs[last] ?? 0;
      if ((tf & mask) !== mask) p.tfs[last] = tf + unit;
      return;
    }
    if (p.n === p.docs.length) {
      const docs = new Int32Array(p.n * 2);
      docs.set(p.docs);
      p.docs = docs;
      const tfs = new Uint32Array(p.n * 2);
      tfs.set(p.tfs);
      p.tfs = tfs;
    }
    p.docs[p.n] = doc;
    p.tfs[p.n] = unit;
    p.n++;
  }

  /** Removes `doc` from the postings of `keys`. */
  removeDoc(doc: number, keys: Iterable<number>): void {
    for (const key of keys) {
      const p = this.get(key);
      if (!p) continue;
      const at = lowerBound(p.docs, p.n, doc);
      if (at >= p.n || p.docs[at] !== doc) continue;
      p.docs.copyWithin(at, at + 1, p.n);
      p.tfs.copyWithin(at, at + 1, p.n);
      p.n--; // an emptied posting stays in the table and matches nothing
    }
  }
}

/** The bigrams of the searchable text as written: the table this class extends. */
export class GramIndex extends PostingTable {
  /** Dense ids for UTF-16 code units (0 = never seen), so most keys stay small integers. */
  private readonly charIds = new Uint16Array(65536);
  private nextCharId = 1;
  /** The code unit of each char id, for looking single characters up. */
  readonly codes: number[] = [0];
  /**
   * The bigrams that only the variant fold makes (see variantPairs): a drop
   * joins two characters, or a rewrite makes new ones. Small: most text
   * folds to itself.
   */
  readonly variants = new PostingTable(10);

  constructor() {
    super(16);
  }

  /** The char id of a code unit, 0 when no record ever held it. */
  idOf(code: number): number {
    return this.charIds[code] ?? 0;
  }

  private charId(c: number, create: boolean): number {
    let id = this.charIds[c] ?? 0;
    if (id === 0 && create) {
      if (this.nextCharId >= 65536) return 0;
      id = this.nextCharId++;
      this.charIds[c] = id;
      this.codes.push(c);
    }
    return id;
  }

  /**
   * Keys of a query term: the bigrams of each of its space-separated parts (a
   * phrase has several), or the character itself for a one-character part;
   * null when a character never occurs.
   */
  keysOf(term: string): number[] | null {
    const keys: number[] = [];
    const seen = new Set<number>();
    const add = (key: number): void => {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    };
    for (const part of term.split(' ')) {
      if (part === '') continue;
      if (part.length === 1) {
        const id = this.charId(part.charCodeAt(0), false);
        if (id === 0) return null;
        add(id);
        continue;
      }
      for (let i = 0; i + 1 < part.length; i++) {
        const a = this.charId(part.charCodeAt(i), false);
        const b = this.charId(part.charCodeAt(i + 1), false);
        if (a === 0 || b === 0) return null;
        add(a * 65536 + b);
      }
    }
    return keys.length > 0 ? keys : null;
  }

  /** Calls `visit` with the key of every bigram of `text`; pairs never span a space. */
  private eachKey(text: string, create: boolean, visit: (key: number) => void): void {
    let prev = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE) {
        prev = 0;
        continue;
      }
      const id = this.charId(c, create);
      if (prev !== 0) visit(prev * 65536 + id);
      prev = id;
    }
  }

  /** Adds document `doc` (larger than every document added before) with its searchable fields. */
  add(doc: number, fields: readonly string[]): void {
    for (let f = 0; f < fields.length; f++) {
      const unit = 1 << (8 * f);
      const mask = 255 * unit;
      this.eachKey(fields[f] ?? '', true, (key) => this.bump(key, doc, unit, mask));
    }
  }

  /** Counts a variant bigram (two code units) of field `f` of `doc`, the newest document. */
  addVariant(doc: number, f: number, a: number, b: number): void {
    const ka = this.charId(a, true);
    const kb = this.charId(b, true);
    if (ka === 0 || kb === 0) return;
    const unit = 1 << (8 * f);
    this.variants.bump(ka * 65536 + kb, doc, unit, 255 * unit);
  }

  /** Removes `doc` from the postings of the keys its fields hold, and of its variant pairs. */
  remove(doc: number, fields: readonly string[], variantPairs: Iterable<[number, number]> = []): void {
    const keys = new Set<number>();
    for (const text of fields) this.eachKey(text, false, (key) => keys.add(key));
    this.removeDoc(doc, keys);
    const vkeys = new Set<number>();
    for (const [a, b] of variantPairs) {
      const ka = this.idOf(a);
      const kb = this.idOf(b);
      if (ka !== 0 && kb !== 0) vkeys.add(ka * 65536 + kb);
    }
    this.variants.removeDoc(doc, vkeys);
  }
}

/** First index in `arr[0..n)` whose value is >= `x`. */
export function lowerBound(arr: Int32Array, n: number, x: number, from = 0): number {
  let lo = from;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Per-field minimum of two packed count words. */
export function packedMin(a: number, b: number): number {
  let out = 0;
  for (let s = 0; s < 32; s += 8) {
    const x = (a >>> s) & 255;
    const y = (b >>> s) & 255;
    out |= (x < y ? x : y) << s;
  }
  return out >>> 0;
}
