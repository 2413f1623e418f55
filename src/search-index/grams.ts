/**
 * The character-gram index behind substring recall: for every pair of adjacent
 * characters in the searchable text, the sorted list of documents holding it,
 * with per-field counts, and a run-end key for the last character of each
 * run between spaces: a single character's postings are the sum of the keys
 * it begins (see unigram), made when a query asks, where indexing every
 * character would double the build. A query term matches a document
 * when all of its bigrams do; the counts bound its term frequency from above,
 * which is what lets search score only the documents that can reach the top k.
 *
 * Beside it, the bigrams that only the variant fold makes (`variants`).
 * Both are saved as they are in the binary snapshot (see snapshot.ts).
 */

/** Fields counted per posting: title, summary, notes, source (8 bits each). */
export const FIELD_COUNT = 4;

export class Posting {
  docs: Int32Array;
  /** Four saturating 8-bit counts, one per field. */
  tfs: Uint32Array;
  n: number;
  constructor(docs: Int32Array = new Int32Array(2), tfs: Uint32Array = new Uint32Array(2), n = 0) {
    this.docs = docs;
    this.tfs = tfs;
    this.n = n;
  }
}

const SPACE = 32;
const NO_BYTES = new Uint8Array(0);
/** Entries kept decoded per table (see PostingTable.decoded): 8 bytes each. */
const DECODED_MAX = 1 << 18;

/** One posting list as stored: its key and its documents with their counts. */
export interface KeyedList {
  key: number;
  docs: Int32Array;
  tfs: Uint32Array;
  n: number;
}

/**
 * Key → posting, as an open-addressing table over typed arrays: a key is
 * never 0, so 0 marks an empty slot. Several times cheaper per lookup than a
 * Map on the build's hot path (one lookup per character of every record).
 *
 * Two states per posting. While a build adds documents, a posting is a
 * growable `Posting` (capacity doubling). `pack()` then encodes every posting
 * into two byte pools, the form the binary snapshot saves too: document gaps
 * as varints (one byte for almost every entry) and counts as varints
 * (see writeCount: one byte for a single field's count below 32). About 2
 * bytes an entry instead of 8, which is most of the index's memory. A lookup
 * of a packed posting decodes it (a recent few are kept decoded, see
 * `decoded`); adding to it decodes it for good (until the next pack);
 * removing a document re-encodes it in place, never longer than before.
 */
export class PostingTable {
  private keys: Uint32Array;
  private slots: Int32Array;
  private shift: number;
  /** By posting number: the growable posting, or null when it lives in the pools. */
  private list: (Posting | null)[] = [];
  /** By posting number, for packed postings: where its gaps and its counts start in the pools, and its length. */
  private docStart: Uint32Array = new Uint32Array(0);
  private tfStart: Uint32Array = new Uint32Array(0);
  private len: Uint32Array = new Uint32Array(0);
  private docPool: Uint8Array = NO_BYTES;
  private tfPool: Uint8Array = NO_BYTES;
  /** Whether the pools are views into bytes the table does not own (see adopt). */
  private borrowed = false;
  /**
   * Packed postings decoded lately, by posting number: a query decodes the
   * same few common bigrams as the last one. Bounded by entries (DECODED_MAX,
   * 2 MB), dropped whole when full and on any change.
   */
  private readonly decoded = new Map<number, Posting>();
  private decodedEntries = 0;

  constructor(bits: number) {
    this.keys = new Uint32Array(1 << bits);
    this.slots = new Int32Array(1 << bits);
    this.shift = 32 - bits;
  }

  get size(): number {
    return this.list.length;
  }

  /** The posting number of a key, or -1. */
  private find(key: number): number {
    const mask = this.keys.length - 1;
    for (let h = Math.imul(key, 0x9e3779b1) >>> this.shift; ; h = (h + 1) & mask) {
      const k = this.keys[h] ?? 0;
      if (k === key) return this.slots[h] ?? 0;
      if (k === 0) return -1;
    }
  }

  /** A packed posting, decoded into arrays of `capacity` (at least its length). */
  private decode(p: number, capacity = 0): Posting {
    const n = this.len[p] ?? 0;
    const docs = new Int32Array(Math.max(n, capacity));
    const tfs = new Uint32Array(Math.max(n, capacity));
    decodeDocs(this.docPool, this.docStart[p] ?? 0, n, docs);
    decodeCounts(this.tfPool, this.tfStart[p] ?? 0, n, tfs);
    return new Posting(docs, tfs, n);
  }

  private view(p: number): Posting {
    const hit = this.decoded.get(p);
    if (hit) return hit;
    const posting = this.decode(p);
    if (this.decodedEntries + posting.n > DECODED_MAX) this.forget();
    this.decoded.set(p, posting);
    this.decodedEntries += posting.n;
    return posting;
  }

  private forget(): void {
    this.decoded.clear();
    this.decodedEntries = 0;
  }

  /** The posting of a key, if any record ever held it (packed: decoded, not to be changed). */
  get(key: number): Posting | undefined {
    const p = this.find(key);
    if (p < 0) return undefined;
    return this.list[p] ?? this.view(p);
  }

  getOrCreate(key: number): Posting {
    const mask = this.keys.length - 1;
    let h = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (; ; h = (h + 1) & mask) {
      const k = this.keys[h] ?? 0;
      if (k === key) {
        const p = this.slots[h] ?? 0;
        const live = this.list[p];
        if (live) return live;
        // Packed: decoded, with room to grow, until the next pack.
        this.forget();
        const thawed = this.decode(p, Math.max(2, (this.len[p] ?? 0) * 2));
        this.list[p] = thawed;
        return thawed;
      }
      if (k === 0) break;
    }
    const p = new Posting();
    this.insertKey(h, key, this.list.length);
    this.list.push(p);
    return p;
  }

  private insertKey(h: number, key: number, slot: number): void {
    this.keys[h] = key;
    this.slots[h] = slot;
    if ((this.list.length + 1) * 2 > this.keys.length) this.grow();
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
    this.forget();
    if (this.borrowed) {
      // The pools of a loaded index are views into the caller's bytes: copied before the first edit.
      this.docPool = this.docPool.slice();
      this.tfPool = this.tfPool.slice();
      this.borrowed = false;
    }
    for (const key of keys) {
      const num = this.find(key);
      if (num < 0) continue;
      const live = this.list[num];
      const p = live ?? this.decode(num);
      const at = lowerBound(p.docs, p.n, doc);
      if (at >= p.n || p.docs[at] !== doc) continue;
      p.docs.copyWithin(at, at + 1, p.n);
      p.tfs.copyWithin(at, at + 1, p.n);
      p.n--;
      if (live) continue;
      // Re-encoded in place: merging two gaps never takes more bytes than the two did, and one count fewer is shorter.
      encodeDocs(p.docs, p.n, this.docPool, this.docStart[num] ?? 0);
      encodeCounts(p.tfs, p.n, this.tfPool, this.tfStart[num] ?? 0);
      this.len[num] = p.n; // an emptied posting stays in the table and matches nothing
    }
  }

  /**
   * Encodes every posting into the pools (see the class comment). A posting
   * still packed is copied as its bytes, not decoded and encoded again: after
   * records are added to a large index, most postings are untouched.
   */
  pack(): void {
    this.forget();
    const count = this.list.length;
    // Per posting, the bytes of its gaps and of its counts.
    const docLen = new Uint32Array(count);
    const tfLen = new Uint32Array(count);
    let docBytes = 0;
    let tfBytes = 0;
    for (let p = 0; p < count; p++) {
      const q = this.list[p];
      const n = q ? q.n : (this.len[p] ?? 0);
      docLen[p] = q ? docsLength(q.docs, n) : varintsLength(this.docPool, this.docStart[p] ?? 0, n, false);
      tfLen[p] = q ? countsLength(q.tfs, n) : varintsLength(this.tfPool, this.tfStart[p] ?? 0, n, true);
      docBytes += docLen[p] ?? 0;
      tfBytes += tfLen[p] ?? 0;
    }
    const docPool = new Uint8Array(docBytes);
    const tfPool = new Uint8Array(tfBytes);
    const docStart = new Uint32Array(count);
    const tfStart = new Uint32Array(count);
    const len = new Uint32Array(count);
    let d = 0;
    let t = 0;
    for (let p = 0; p < count; p++) {
      const q = this.list[p];
      docStart[p] = d;
      tfStart[p] = t;
      if (q) {
        len[p] = q.n;
        d = encodeDocs(q.docs, q.n, docPool, d);
        t = encodeCounts(q.tfs, q.n, tfPool, t);
        this.list[p] = null;
      } else {
        len[p] = this.len[p] ?? 0;
        const ds = this.docStart[p] ?? 0;
        const ts = this.tfStart[p] ?? 0;
        docPool.set(this.docPool.subarray(ds, ds + (docLen[p] ?? 0)), d);
        tfPool.set(this.tfPool.subarray(ts, ts + (tfLen[p] ?? 0)), t);
        d += docLen[p] ?? 0;
        t += tfLen[p] ?? 0;
      }
    }
    this.docPool = docPool;
    this.tfPool = tfPool;
    this.borrowed = false;
    this.docStart = docStart;
    this.tfStart = tfStart;
    this.len = len;
  }

  /**
   * Calls `visit` with the posting of every key whose first char id is `id`
   * (packed ones decoded for the call, not kept). A pass over the key slots:
   * run once per character and kept by the caller.
   */
  protected eachPostingOf(id: number, visit: (q: Posting) => void): void {
    for (let h = 0; h < this.keys.length; h++) {
      const key = this.keys[h] ?? 0;
      if (key === 0 || Math.floor(key / 65536) !== id) continue;
      const p = this.slots[h] ?? 0;
      visit(this.list[p] ?? this.decode(p));
    }
  }

  /** Bytes the packed postings take (pools and per-posting offsets). */
  get packedBytes(): number {
    return this.docPool.length + this.tfPool.length + 12 * this.len.length;
  }

  /** Entries in postings (documents summed over keys). */
  get entries(): number {
    let total = 0;
    for (let p = 0; p < this.list.length; p++) total += this.list[p]?.n ?? this.len[p] ?? 0;
    return total;
  }

  /** Every posting that holds a document, in ascending key order. */
  sorted(): KeyedList[] {
    const out: KeyedList[] = [];
    for (let h = 0; h < this.keys.length; h++) {
      const key = this.keys[h] ?? 0;
      if (key === 0) continue;
      const p = this.slots[h] ?? 0;
      const q = this.list[p] ?? this.decode(p);
      if (q.n > 0) out.push({ key, docs: q.docs, tfs: q.tfs, n: q.n });
    }
    return out.sort((a, b) => a.key - b.key);
  }

  /**
   * Fills an empty table with packed postings (a loaded snapshot): keys,
   * and for each where its gaps and counts start in the pools and its
   * length. False when a key repeats (found by the insertion's own probe);
   * trusts the rest (the snapshot reader checks it). The pools may be views
   * into the caller's bytes: never written (see removeDoc).
   */
  adopt(keys: ArrayLike<number>, docStart: Uint32Array, tfStart: Uint32Array, len: Uint32Array, docPool: Uint8Array, tfPool: Uint8Array): boolean {
    let bits = 10;
    while (1 << bits < keys.length * 2 + 2) bits++;
    this.keys = new Uint32Array(1 << bits);
    this.slots = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    const mask = this.keys.length - 1;
    for (let p = 0; p < keys.length; p++) {
      const key = keys[p] ?? 0;
      let h = Math.imul(key, 0x9e3779b1) >>> this.shift;
      for (let k = this.keys[h] ?? 0; k !== 0; k = this.keys[h] ?? 0) {
        if (k === key) return false;
        h = (h + 1) & mask;
      }
      this.keys[h] = key;
      this.slots[h] = p;
    }
    this.list = new Array<Posting | null>(keys.length).fill(null);
    this.docStart = docStart;
    this.tfStart = tfStart;
    this.len = len;
    this.docPool = docPool;
    this.tfPool = tfPool;
    this.borrowed = true;
    this.forget();
    return true;
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
  /**
   * Whether every document's run-end keys are in the table: true for a
   * build; false for an index loaded from a snapshot saved before them,
   * whose single characters are then found by reading the text.
   */
  runEnds = true;
  /** One more than the largest document number added (the size unigram's counts need). */
  docLimit = 0;

  constructor() {
    super(16);
  }

  /** Packs both tables (see PostingTable.pack). */
  override pack(): void {
    super.pack();
    this.variants.pack();
  }

  /**
   * Sets the char ids of an empty index (a loaded snapshot): `codes[id]` is
   * the code unit of char id `id`, `codes[0]` unused. False when a code unit
   * repeats or is out of range.
   */
  adoptCodes(codes: readonly number[]): boolean {
    if (this.nextCharId !== 1 || codes.length > 65536) return false;
    for (let id = 1; id < codes.length; id++) {
      const c = codes[id] ?? -1;
      if (!(c >= 0 && c < 65536) || this.charIds[c] !== 0) return false;
      this.charIds[c] = id;
      this.codes.push(c);
    }
    this.nextCharId = codes.length;
    return true;
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

  /**
   * Calls `visit` with the key of every bigram of `text` (pairs never span a
   * space) and, for the last character of each run between spaces, its
   * run-end key (second id 0): then every occurrence of a character is the
   * first of exactly one key, and a character's counts are a sum over keys
   * (see unigram).
   */
  private eachKey(text: string, create: boolean, visit: (key: number) => void): void {
    let prev = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE) {
        if (prev !== 0) visit(prev * 65536);
        prev = 0;
        continue;
      }
      const id = this.charId(c, create);
      if (prev !== 0) visit(prev * 65536 + id);
      prev = id;
    }
    if (prev !== 0) visit(prev * 65536);
  }

  /**
   * The documents holding the character of char id `id`, with its per-field
   * counts (saturating at 255): the sum of the postings of every key it
   * begins, bigram or run end. A loaded index answers a one-character query
   * from its postings, without deriving every record's text. Needs
   * `runEnds`.
   */
  unigram(id: number): Posting {
    const acc = new Uint32Array(this.docLimit);
    const touched: number[] = [];
    this.eachPostingOf(id, (q) => {
      for (let k = 0; k < q.n; k++) {
        const d = q.docs[k] ?? 0;
        const before = acc[d] ?? 0;
        if (before === 0) touched.push(d);
        acc[d] = packedAdd(before, q.tfs[k] ?? 0);
      }
    });
    touched.sort((a, b) => a - b);
    const docs = Int32Array.from(touched);
    const tfs = Uint32Array.from(touched, (d) => acc[d] ?? 0);
    return new Posting(docs, tfs, docs.length);
  }

  /** Adds document `doc` (larger than every document added before) with its searchable fields. */
  add(doc: number, fields: readonly string[]): void {
    if (doc >= this.docLimit) this.docLimit = doc + 1;
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

/** Per-field sum of two packed count words, saturating at 255. */
export function packedAdd(a: number, b: number): number {
  let out = 0;
  for (let s = 0; s < 32; s += 8) out |= Math.min(255, ((a >>> s) & 255) + ((b >>> s) & 255)) << s;
  return out >>> 0;
}

// ---------------------------------------------------------------- the packed form

/** Bytes of `docs[0..n)` as varint gaps (each document less the previous, less one; the first from -1). */
export function docsLength(docs: Int32Array, n: number): number {
  let bytes = 0;
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const d = docs[i] ?? 0;
    bytes += varintLength(d - prev - 1);
    prev = d;
  }
  return bytes;
}

/** Writes `docs[0..n)` as varint gaps at `at`; returns the end. */
export function encodeDocs(docs: Int32Array, n: number, out: Uint8Array, at: number): number {
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const d = docs[i] ?? 0;
    at = writeVarint(out, at, d - prev - 1);
    prev = d;
  }
  return at;
}

/** Reads `n` document gaps at `at` into `docs`. Trusts the pool (a snapshot's is checked when it loads). */
export function decodeDocs(pool: Uint8Array, at: number, n: number, docs: Int32Array): void {
  let d = -1;
  for (let i = 0; i < n; i++) {
    let byte = pool[at++] as number;
    if (byte < 128) {
      d += 1 + byte;
    } else {
      let v = byte & 127;
      let shift = 7;
      do {
        byte = pool[at++] as number;
        v += (byte & 127) * 2 ** shift;
        shift += 7;
      } while (byte >= 128);
      d += 1 + v;
    }
    docs[i] = d;
  }
}

/**
 * A packed count word as a varint value: one field's count c (1–255) of field
 * f as `c × 4 + f` (one byte for c < 32: almost every entry), several fields
 * as 1 followed by the packed word.
 */
function countCode(packed: number): number {
  // Compares, not a loop over fields: the build codes every entry.
  if (packed < 256) return packed * 4;
  if ((packed & 0xff) === 0 && packed < 65536) return (packed >>> 8) * 4 + 1;
  if ((packed & 0xffff) === 0 && packed < 16777216) return (packed >>> 16) * 4 + 2;
  if ((packed & 0xffffff) === 0) return (packed >>> 24) * 4 + 3;
  return 1;
}

export function countsLength(tfs: Uint32Array, n: number): number {
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const packed = tfs[i] ?? 0;
    const code = countCode(packed);
    bytes += code === 1 ? 1 + varintLength(packed) : varintLength(code);
  }
  return bytes;
}

export function encodeCounts(tfs: Uint32Array, n: number, out: Uint8Array, at: number): number {
  for (let i = 0; i < n; i++) {
    const packed = tfs[i] ?? 0;
    const code = countCode(packed);
    at = writeVarint(out, at, code);
    if (code === 1) at = writeVarint(out, at, packed);
  }
  return at;
}

const FIELD_UNIT = [1, 256, 65536, 16777216];

export function decodeCounts(pool: Uint8Array, at: number, n: number, tfs: Uint32Array): void {
  for (let i = 0; i < n; i++) {
    const byte = pool[at++] as number;
    if (byte < 128 && byte !== 1) {
      tfs[i] = (byte >> 2) * (FIELD_UNIT[byte & 3] as number);
      continue;
    }
    let v = byte & 127;
    let shift = 7;
    let b = byte;
    while (b >= 128) {
      b = pool[at++] as number;
      v += (b & 127) * 2 ** shift;
      shift += 7;
    }
    if (v !== 1) {
      tfs[i] = (v >> 2) * (FIELD_UNIT[v & 3] as number);
      continue;
    }
    let packed = 0;
    shift = 0;
    do {
      b = pool[at++] as number;
      packed += (b & 127) * 2 ** shift;
      shift += 7;
    } while (b >= 128);
    tfs[i] = packed;
  }
}

/**
 * Bytes of `n` entries at `at`: varints, or (`counts`) count codes, each
 * followed by a second varint when it is 1 (see encodeCounts).
 */
function varintsLength(pool: Uint8Array, at: number, n: number, counts: boolean): number {
  const from = at;
  for (let i = 0; i < n; i++) {
    // A code of 1 is one byte (a longer varint's first byte has its top bit set), and the packed word follows it.
    const code1 = counts && pool[at] === 1;
    while ((pool[at++] as number) >= 128);
    if (code1) while ((pool[at++] as number) >= 128);
  }
  return at - from;
}

function varintLength(v: number): number {
  return v < 128 ? 1 : v < 16384 ? 2 : v < 2097152 ? 3 : v < 268435456 ? 4 : 5;
}

function writeVarint(out: Uint8Array, at: number, v: number): number {
  while (v >= 128) {
    out[at++] = (v % 128) | 128;
    v = Math.floor(v / 128);
  }
  out[at++] = v;
  return at;
}
