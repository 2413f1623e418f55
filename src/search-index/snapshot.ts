/**
 * The binary snapshot of a built index: every structure that searching uses,
 * saved as built, so that loading decodes and never analyses text again.
 *
 * Layout (all integers little-endian; see docs/architecture.md, "The binary
 * snapshot"):
 *
 *   0   4  magic "JDSX"
 *   4   2  format version (SNAPSHOT_VERSION)
 *   6   2  header length in bytes: 24 + 8 × sections
 *   8   4  flags (0; a reader refuses any flag it does not know)
 *   12  4  body length: the bytes after the header
 *   16  4  CRC-32 (IEEE) of the body
 *   20  4  number of sections
 *   24     per section: u32 id, u32 length; the body is the sections in order
 *
 * Sections, in this order: META (JSON: options, duplicates, record count),
 * RECORDS (JSON array of the live records, renumbered 0…n-1 in order),
 * FIELDS (JSON array of the four searchable fields of each record), EDGES (the
 * word-edge bits of each record, concatenated), NORM (per record, the offsets
 * normalization removed from title and summary, and the dropped separators),
 * CHARS (the code unit of each char id), GRAMS and VARIANTS (the two posting
 * tables: keys delta-coded, documents delta-coded, counts, all as varints),
 * VOCAB (JSON array of the vocabulary's live words) and COUNTS (their
 * occurrence counts, varints).
 *
 * The reader checks magic, version, flags and every length against the size
 * of the input before it allocates anything, then the checksum, then decodes
 * with a bound check on every read; whatever does not hold throws a
 * DigestIndexError saying which check failed.
 */
import type { DigestRecord } from '../schema.js';
import { isDigestRecord, recordProblem } from '../schema.js';
import { FIELD_COUNT } from './grams.js';
import type { KeyedList } from './grams.js';
import { DigestIndexError } from './errors.js';
import type { ResolvedIndexOptions } from './build.js';

export const SNAPSHOT_MAGIC = 'JDSX';
export const SNAPSHOT_VERSION = 1;
const HEADER = 24;
const SECTIONS = ['META', 'RECORDS', 'FIELDS', 'EDGES', 'NORM', 'CHARS', 'GRAMS', 'VARIANTS', 'VOCAB', 'COUNTS'] as const;
const NONE = new Int32Array(0);

/** What a snapshot holds: the index's structures over its live records, numbered 0…n-1. */
export interface SnapshotParts {
  options: ResolvedIndexOptions;
  duplicates: string[];
  records: DigestRecord[];
  /** The searchable fields, FIELD_COUNT per record. */
  fields: string[][];
  edges: Uint8Array[];
  removals: [Int32Array | null, Int32Array | null][];
  dropped: ((Int32Array | null)[] | null)[];
  /** The code unit of each char id; codes[0] unused. */
  codes: number[];
  grams: PackedTable;
  variants: PackedTable;
  words: string[];
  counts: Int32Array;
}

/** A posting table as saved: distinct keys, each with its slice of the pools. */
export interface PackedTable {
  keys: Uint32Array;
  start: Uint32Array;
  len: Uint32Array;
  docs: Int32Array;
  tfs: Uint32Array;
}

// ---------------------------------------------------------------- checksum

const CRC_TABLES = (() => {
  const t = new Uint32Array(4 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n] ?? 0;
    for (let k = 1; k < 4; k++) {
      c = (t[c & 255] ?? 0) ^ (c >>> 8);
      t[k * 256 + n] = c >>> 0;
    }
  }
  return t;
})();

/** CRC-32 (IEEE, as zlib and PNG), four bytes a step. */
export function crc32(bytes: Uint8Array, from = 0, to = bytes.length): number {
  const t = CRC_TABLES;
  let c = 0xffffffff;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    c ^= (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24);
    c = (t[768 + (c & 255)] ?? 0) ^ (t[512 + ((c >>> 8) & 255)] ?? 0) ^ (t[256 + ((c >>> 16) & 255)] ?? 0) ^ (t[c >>> 24] ?? 0);
  }
  for (; i < to; i++) c = (t[(c ^ (bytes[i] ?? 0)) & 255] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------- writing

class Writer {
  buf = new Uint8Array(1 << 16);
  pos = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }

  /** An unsigned integer below 2^32, 7 bits a byte. */
  varint(n: number): void {
    this.ensure(5);
    const b = this.buf;
    let v = n >>> 0;
    while (v >= 128) {
      b[this.pos++] = (v & 127) | 128;
      v >>>= 7;
    }
    b[this.pos++] = v;
  }

  bytes(data: Uint8Array): void {
    this.ensure(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  done(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * A packed count word as a varint value: one field's count c (1–255) of field
 * f as `c × 4 + f` (one byte for c < 32: almost every entry), several fields
 * as 1 followed by the packed word.
 */
function writeCount(w: Writer, packed: number): void {
  for (let f = 0; f < FIELD_COUNT; f++) {
    const c = (packed >>> (8 * f)) & 255;
    if (c !== 0 && packed >>> 0 === c * 2 ** (8 * f)) return w.varint(c * 4 + f);
  }
  w.varint(1);
  w.varint(packed);
}

/** A posting table: its size and entry total, then per posting the key's gap, the length, the document gaps, the counts. */
function writeTable(w: Writer, lists: KeyedList[], remap: Int32Array): void {
  w.varint(lists.length);
  w.varint(lists.reduce((n, l) => n + l.n, 0));
  let prevKey = 0;
  for (const l of lists) {
    w.varint(l.key - prevKey);
    prevKey = l.key;
    w.varint(l.n);
    let prev = -1;
    for (let i = 0; i < l.n; i++) {
      const d = remap[l.docs[i] ?? 0] ?? 0;
      w.varint(d - prev - 1);
      prev = d;
    }
    for (let i = 0; i < l.n; i++) writeCount(w, l.tfs[i] ?? 0);
  }
}

/** The snapshot's bytes. `remap`: each internal record number's number in the snapshot (removed ones: -1). */
export function encodeSnapshot(p: Omit<SnapshotParts, 'grams' | 'variants'> & { grams: KeyedList[]; variants: KeyedList[]; remap: Int32Array }): Uint8Array {
  const sections: Uint8Array[] = [];
  sections.push(utf8(JSON.stringify({ options: p.options, duplicates: p.duplicates, records: p.records.length })));
  sections.push(utf8(JSON.stringify(p.records)));
  sections.push(utf8(JSON.stringify(p.fields.flat())));
  let edgeBytes = 0;
  for (const e of p.edges) edgeBytes += e.length;
  const edges = new Uint8Array(edgeBytes);
  let at = 0;
  for (const e of p.edges) {
    edges.set(e, at);
    at += e.length;
  }
  sections.push(edges);
  const norm = new Writer();
  const offsets = (list: Int32Array | null): void => {
    if (list === null) return norm.varint(0);
    norm.varint(list.length + 1);
    let prev = -1;
    for (const o of list) {
      norm.varint(o - prev - 1);
      prev = o;
    }
  };
  for (let d = 0; d < p.records.length; d++) {
    const [title, summary] = p.removals[d] ?? [null, null];
    offsets(title);
    offsets(summary);
    const dropped = p.dropped[d] ?? null;
    let mask = 0;
    if (dropped) for (let f = 0; f < FIELD_COUNT; f++) if (dropped[f]) mask |= 1 << f;
    norm.varint(mask);
    if (dropped) for (let f = 0; f < FIELD_COUNT; f++) if (dropped[f]) offsets(dropped[f] ?? null);
  }
  sections.push(norm.done());
  const chars = new Writer();
  chars.varint(p.codes.length);
  for (let id = 1; id < p.codes.length; id++) chars.varint(p.codes[id] ?? 0);
  sections.push(chars.done());
  for (const table of [p.grams, p.variants]) {
    const w = new Writer();
    writeTable(w, table, p.remap);
    sections.push(w.done());
  }
  sections.push(utf8(JSON.stringify(p.words)));
  const counts = new Writer();
  for (const c of p.counts) counts.varint(c);
  sections.push(counts.done());

  const headerLength = HEADER + 8 * sections.length;
  const bodyLength = sections.reduce((n, s) => n + s.length, 0);
  const out = new Uint8Array(headerLength + bodyLength);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = SNAPSHOT_MAGIC.charCodeAt(i);
  view.setUint16(4, SNAPSHOT_VERSION, true);
  view.setUint16(6, headerLength, true);
  view.setUint32(8, 0, true);
  view.setUint32(12, bodyLength, true);
  view.setUint32(20, sections.length, true);
  let pos = headerLength;
  sections.forEach((s, k) => {
    view.setUint32(HEADER + 8 * k, k + 1, true);
    view.setUint32(HEADER + 8 * k + 4, s.length, true);
    out.set(s, pos);
    pos += s.length;
  });
  view.setUint32(16, crc32(out, headerLength), true);
  return out;
}

// ---------------------------------------------------------------- reading

const fail = (reason: 'foreign' | 'version' | 'truncated' | 'checksum' | 'corrupt', message: string): never => {
  throw new DigestIndexError(`ja-digest-search: ${message}`, reason);
};

/** A bounded cursor over one section: every read checks the section's end. */
class Reader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    from: number,
    readonly end: number,
    readonly name: string,
  ) {
    this.pos = from;
  }

  get left(): number {
    return this.end - this.pos;
  }

  varint(): number {
    const b = this.bytes;
    let v = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) return fail('corrupt', `the ${this.name} section ends inside a number`);
      const byte = b[this.pos++] ?? 0;
      if (shift === 28 && byte > 15) return fail('corrupt', `a number in the ${this.name} section is too large`);
      v += (byte & 127) * 2 ** shift;
      if (byte < 128) return v;
      shift += 7;
    }
  }

  /** A count of items that take at least `min` bytes each: never more than the bytes left can hold. */
  count(min: number, what: string): number {
    const n = this.varint();
    if (n * min > this.left) fail('corrupt', `the ${this.name} section claims ${n} ${what}, more than its ${this.left} bytes can hold`);
    return n;
  }

  finish(): void {
    if (this.pos !== this.end) fail('corrupt', `the ${this.name} section has ${this.end - this.pos} bytes left over`);
  }
}

function parseJson(bytes: Uint8Array, from: number, to: number, name: string): unknown {
  let text: string;
  try {
    // Not fatal: the checksum has vouched for the bytes, and a fatal decoder is twice as slow.
    text = new TextDecoder('utf-8').decode(bytes.subarray(from, to));
  } catch {
    return fail('corrupt', `the ${name} section is not UTF-8`);
  }
  try {
    return JSON.parse(text);
  } catch {
    return fail('corrupt', `the ${name} section is not JSON`);
  }
}

function readOffsets(r: Reader, limit: number): Int32Array | null {
  const tag = r.varint();
  if (tag === 0) return null;
  const n = tag - 1;
  if (n > r.left) fail('corrupt', `the ${r.name} section claims ${n} offsets, more than its ${r.left} bytes can hold`);
  if (n === 0) return NONE;
  const out = new Int32Array(n);
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const o = prev + 1 + r.varint();
    if (o >= limit) fail('corrupt', `an offset in the ${r.name} section is past the end of its text`);
    out[i] = o;
    prev = o;
  }
  return out;
}

const FIELD_UNIT = [1, 256, 65536, 16777216];

function readTable(r: Reader, records: number, chars: number): PackedTable {
  // A posting takes at least 2 bytes (key gap, length), an entry 2 more (a document gap, a count).
  const count = r.count(2, 'postings');
  const total = r.count(2, 'entries');
  if (count * 2 + total * 2 > r.left) fail('corrupt', `the ${r.name} section claims more postings than its bytes can hold`);
  const keys = new Uint32Array(count);
  const start = new Uint32Array(count);
  const len = new Uint32Array(count);
  const docs = new Int32Array(total);
  const tfs = new Uint32Array(total);
  const bytes = r.bytes;
  const end = r.end;
  // The hot loops read one-byte numbers inline and call r.varint() for longer ones.
  const next = (): number => r.varint();
  let pos = r.pos;
  let at = 0;
  let key = 0;
  for (let p = 0; p < count; p++) {
    r.pos = pos;
    const gap = next();
    if (p > 0 && gap === 0) fail('corrupt', `the ${r.name} section repeats a key`);
    key += gap;
    const a = Math.floor(key / 65536);
    const b = key % 65536;
    if (a < 1 || a >= chars || b < 1 || b >= chars) fail('corrupt', `a key in the ${r.name} section names an unknown character`);
    keys[p] = key;
    const n = next();
    pos = r.pos;
    if (n > total - at) fail('corrupt', `the postings of the ${r.name} section hold more entries than it claims`);
    start[p] = at;
    len[p] = n;
    let d = -1;
    for (let i = at; i < at + n; i++) {
      const byte = pos < end ? (bytes[pos] as number) : 255;
      if (byte < 128) {
        pos++;
        d += 1 + byte;
      } else {
        r.pos = pos;
        d += 1 + next();
        pos = r.pos;
      }
      docs[i] = d;
    }
    if (d >= records) fail('corrupt', `a posting in the ${r.name} section names record ${d} of ${records}`);
    for (let i = at; i < at + n; i++) {
      const byte = pos < end ? (bytes[pos] as number) : 255;
      let v: number;
      if (byte < 128) {
        pos++;
        v = byte;
      } else {
        r.pos = pos;
        v = next();
        pos = r.pos;
      }
      if (v >= 4) {
        const c = v >> 2;
        if (c > 255) fail('corrupt', `a count in the ${r.name} section is above 255`);
        tfs[i] = c * (FIELD_UNIT[v & 3] as number);
      } else if (v === 1) {
        r.pos = pos;
        const packed = next();
        pos = r.pos;
        if (packed === 0) fail('corrupt', `a posting in the ${r.name} section counts nothing`);
        tfs[i] = packed;
      } else fail('corrupt', `a posting in the ${r.name} section counts nothing`);
    }
    at += n;
  }
  if (at !== total) fail('corrupt', `the postings of the ${r.name} section hold fewer entries than it claims`);
  r.pos = pos;
  r.finish();
  return { keys, start, len, docs, tfs };
}

/** What a record's word edges take: a bit per offset of each field and one past it. */
export function edgeBytes(fields: readonly string[]): number {
  let bits = 0;
  for (const f of fields) bits += f.length + 1;
  return (bits >> 3) + 1;
}

/** Whether `bytes` begin with the snapshot's magic. */
export function isSnapshot(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x4a && bytes[1] === 0x44 && bytes[2] === 0x53 && bytes[3] === 0x58;
}

/** Decodes a snapshot; throws DigestIndexError naming the check that failed. */
export function decodeSnapshot(bytes: Uint8Array, checkOptions: (options: unknown) => ResolvedIndexOptions): SnapshotParts {
  if (bytes.length < 4 || !isSnapshot(bytes)) fail('foreign', 'not a ja-digest-search index (no JDSX magic at the start)');
  if (bytes.length < HEADER) fail('truncated', `the index is truncated (${bytes.length} bytes, shorter than its header)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== SNAPSHOT_VERSION) fail('version', `the index is format version ${version}; this library reads version ${SNAPSHOT_VERSION}`);
  const headerLength = view.getUint16(6, true);
  const flags = view.getUint32(8, true);
  const bodyLength = view.getUint32(12, true);
  const checksum = view.getUint32(16, true);
  const sectionCount = view.getUint32(20, true);
  if (sectionCount !== SECTIONS.length || headerLength !== HEADER + 8 * sectionCount) fail('corrupt', `the header is damaged (${sectionCount} sections, header of ${headerLength} bytes)`);
  if (bytes.length < headerLength) fail('truncated', `the index is truncated (${bytes.length} bytes, shorter than its header)`);
  if (bytes.length < headerLength + bodyLength) fail('truncated', `the index is truncated (${bytes.length} of ${headerLength + bodyLength} bytes)`);
  if (bytes.length > headerLength + bodyLength) fail('corrupt', `the index has ${bytes.length - headerLength - bodyLength} bytes after its end`);
  if (crc32(bytes, headerLength) !== checksum) fail('checksum', 'the index is damaged (its checksum does not match its contents)');
  if (flags !== 0) fail('version', `the index uses flags this library does not know (${flags})`);
  const bounds: [number, number][] = [];
  let pos = headerLength;
  for (let k = 0; k < sectionCount; k++) {
    const id = view.getUint32(HEADER + 8 * k, true);
    const length = view.getUint32(HEADER + 8 * k + 4, true);
    if (id !== k + 1) fail('corrupt', `section ${k + 1} has id ${id}`);
    if (length > headerLength + bodyLength - pos) fail('corrupt', `section ${SECTIONS[k]} runs past the end of the index`);
    bounds.push([pos, pos + length]);
    pos += length;
  }
  if (pos !== headerLength + bodyLength) fail('corrupt', 'the sections do not fill the index');
  const section = (k: number): [number, number] => bounds[k] as [number, number];

  const meta = parseJson(bytes, ...section(0), 'META') as { options?: unknown; duplicates?: unknown; records?: unknown } | null;
  if (meta === null || typeof meta !== 'object') return fail('corrupt', 'the META section is not an object');
  const n = meta.records;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) return fail('corrupt', 'the META section has no record count');
  const duplicates = meta.duplicates;
  if (!Array.isArray(duplicates) || !duplicates.every((d) => typeof d === 'string')) return fail('corrupt', 'the META section has no list of duplicates');
  let options: ResolvedIndexOptions;
  try {
    options = checkOptions(meta.options);
  } catch (e) {
    return fail('corrupt', `the index options are invalid (${(e as Error).message})`);
  }

  const records = parseJson(bytes, ...section(1), 'RECORDS');
  if (!Array.isArray(records) || records.length !== n) return fail('corrupt', `the RECORDS section does not hold ${n} records`);
  for (let i = 0; i < n; i++) {
    if (!isDigestRecord(records[i])) fail('corrupt', `record ${i} is not a DigestRecord (${recordProblem(records[i]) ?? 'invalid'})`);
  }
  const flat = parseJson(bytes, ...section(2), 'FIELDS');
  if (!Array.isArray(flat) || flat.length !== n * FIELD_COUNT || !flat.every((f) => typeof f === 'string')) return fail('corrupt', `the FIELDS section does not hold ${FIELD_COUNT} strings per record`);
  const fields: string[][] = [];
  for (let d = 0; d < n; d++) fields.push(flat.slice(d * FIELD_COUNT, (d + 1) * FIELD_COUNT) as string[]);

  const [edgeFrom, edgeTo] = section(3);
  const edges: Uint8Array[] = [];
  // One copy of the section; each record's bits are a view into it.
  const allEdges = bytes.slice(edgeFrom, edgeTo);
  let e = 0;
  for (let d = 0; d < n; d++) {
    const size = edgeBytes(fields[d] ?? []);
    if (e + size > allEdges.length) fail('corrupt', 'the EDGES section is shorter than the fields need');
    edges.push(allEdges.subarray(e, e + size));
    e += size;
  }
  if (e !== allEdges.length) fail('corrupt', 'the EDGES section is longer than the fields need');

  const norm = new Reader(bytes, ...section(4), 'NORM');
  const removals: [Int32Array | null, Int32Array | null][] = [];
  const dropped: ((Int32Array | null)[] | null)[] = [];
  for (let d = 0; d < n; d++) {
    const r = records[d] as DigestRecord;
    removals.push([readOffsets(norm, r.title.length), readOffsets(norm, r.summary.length)]);
    const mask = norm.varint();
    if (mask >= 1 << FIELD_COUNT) fail('corrupt', 'the NORM section has an unknown field mask');
    if (mask === 0) {
      dropped.push(null);
      continue;
    }
    const per: (Int32Array | null)[] = [null, null, null, null];
    for (let f = 0; f < FIELD_COUNT; f++) if (mask & (1 << f)) per[f] = readOffsets(norm, fields[d]?.[f]?.length ?? 0);
    dropped.push(per);
  }
  norm.finish();

  const charReader = new Reader(bytes, ...section(5), 'CHARS');
  const charCount = charReader.count(0, 'characters');
  if (charCount < 1 || charCount > 65536 || charCount - 1 > charReader.left) fail('corrupt', `the CHARS section claims ${charCount} characters`);
  const codes = [0];
  for (let id = 1; id < charCount; id++) {
    const c = charReader.varint();
    if (c >= 65536) fail('corrupt', 'the CHARS section holds a code unit above 0xFFFF');
    codes.push(c);
  }
  charReader.finish();

  const grams = readTable(new Reader(bytes, ...section(6), 'GRAMS'), n, charCount);
  const variants = readTable(new Reader(bytes, ...section(7), 'VARIANTS'), n, charCount);

  const words = parseJson(bytes, ...section(8), 'VOCAB');
  if (!Array.isArray(words) || !words.every((w) => typeof w === 'string' && w !== '')) return fail('corrupt', 'the VOCAB section is not a list of words');
  const countReader = new Reader(bytes, ...section(9), 'COUNTS');
  if (words.length > countReader.left) fail('corrupt', 'the COUNTS section is shorter than the vocabulary');
  const counts = new Int32Array(words.length);
  for (let i = 0; i < words.length; i++) {
    const c = countReader.varint();
    if (c < 1 || c > 0x7fffffff) fail('corrupt', 'the COUNTS section holds a count out of range');
    counts[i] = c;
  }
  countReader.finish();

  return { options, duplicates: duplicates as string[], records: records as DigestRecord[], fields, edges, removals, dropped, codes, grams, variants, words: words as string[], counts };
}
