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
 *   8   4  flags (bit 0: GRAMS holds run-end keys; a reader refuses any flag it does not know)
 *   12  4  body length: the bytes after the header
 *   16  4  checksum of the body (see checksum)
 *   20  4  number of sections
 *   24     per section: u32 id, u32 length; the body is the sections in order
 *
 * Sections, in this order: META (JSON: options, duplicates, record count),
 * COLUMNS (JSON array: the IDs of the live records, renumbered 0…n-1 in
 * order, then their dates, their sources, their outlets), RECORDS (each record's JSON, concatenated, with 0
 * for what the columns and DOCS hold: a loaded index decodes a record when
 * a hit needs it), DOCS (varints: each
 * record's JSON length, then each record's title length, … then each
 * record's word-edge size, then each record's position), EDGES (the word-edge bits of each record, concatenated), CHARS
 * (the code unit of each char id), GRAMS and VARIANTS (the two posting
 * tables, in the packed form the index keeps in memory: per posting its two
 * char ids and its length, then every posting's document gaps, then every
 * posting's counts, all varints; see writeTable for the order), VOCAB (JSON
 * array of the vocabulary's live words) and COUNTS (their occurrence counts,
 * varints). The searchable fields are not
 * saved: the loaded index derives each record's at its first use, which costs
 * less than decoding them would.
 *
 * The reader checks magic, version, flags and every length against the size
 * of the input before it allocates anything, then the checksum, then decodes
 * with a bound check on every read; whatever does not hold throws a
 * DigestIndexError saying which check failed.
 */
import type { DigestRecord } from '../schema.js';
import { FIELD_COUNT, countsLength, docsLength, encodeCounts, encodeDocs } from './grams.js';
import type { KeyedList } from './grams.js';
import { DigestIndexError } from './errors.js';
import type { ResolvedIndexOptions } from './build.js';

export const SNAPSHOT_MAGIC = 'JDSX';
export const SNAPSHOT_VERSION = 2;
/** Flag bit: GRAMS holds every run-end key (second char id 0), so single characters come from the postings (see GramIndex.unigram). */
const RUN_ENDS = 1;
const HEADER = 24;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SECTIONS = ['META', 'COLUMNS', 'RECORDS', 'DOCS', 'EDGES', 'CHARS', 'GRAMS', 'VARIANTS', 'VOCAB', 'COUNTS'] as const;

/** What a snapshot holds: the index's structures over its live records, numbered 0…n-1. */
export interface SnapshotParts {
  options: ResolvedIndexOptions;
  duplicates: string[];
  /** Per record: ID, date, source, outlet. */
  ids: string[];
  dates: string[];
  sources: string[];
  outlets: string[];
  /** Each record's JSON, record d from byte recordAt[d] to recordAt[d + 1] (see recordStub). */
  recordBytes: Uint8Array;
  recordAt: Uint32Array;
  /** Each record's position (start, end), where its JSON holds 0 for it. */
  positions: Float64Array;
  /** Non-space length of each searchable field, FIELD_COUNT per record. */
  lengths: Uint32Array;
  /** Bytes of word edges per record, and all of them concatenated. */
  edgeSizes: Uint32Array;
  edges: Uint8Array;
  /** The code unit of each char id; codes[0] unused. */
  codes: number[];
  /** GRAMS holds every run-end key: false for a snapshot saved before them. */
  runEnds: boolean;
  grams: PackedTable;
  variants: PackedTable;
  words: string[];
  counts: Int32Array;
}

/** What an index gives the writer: the same, with the posting lists as lists and the renumbering. */
export type SnapshotSource = Omit<SnapshotParts, 'grams' | 'variants' | 'ids' | 'dates' | 'sources' | 'outlets' | 'recordBytes' | 'recordAt' | 'positions'> & {
  records: DigestRecord[];
  grams: KeyedList[];
  variants: KeyedList[];
  remap: Int32Array;
};

/** A posting table in its packed form (see PostingTable): distinct keys, each with where it starts in the two pools and its length. */
export interface PackedTable {
  keys: Uint32Array;
  docStart: Uint32Array;
  tfStart: Uint32Array;
  len: Uint32Array;
  docPool: Uint8Array;
  tfPool: Uint8Array;
}

// ---------------------------------------------------------------- checksum

/**
 * The body's checksum: FNV-1a over little-endian 32-bit words (then the last
 * bytes one by one), with the length mixed in. Four times faster than CRC-32
 * in JavaScript, which mattered: the checksum was a sixth of the load. Each
 * step is a bijection of the state for a given word, so any change confined
 * to one word always changes the result; other damage escapes with odds of
 * one in 2^32.
 */
export function checksum(bytes: Uint8Array, from = 0, to = bytes.length): number {
  const words = (to - from) >>> 2;
  const start = bytes.byteOffset + from;
  const view = start % 4 === 0 ? new Uint32Array(bytes.buffer, start, words) : new Uint32Array(bytes.slice(from, from + words * 4).buffer, 0, words);
  let h = 0x811c9dc5 ^ (to - from);
  if (LITTLE_ENDIAN) {
    for (let i = 0; i < words; i++) h = Math.imul(h ^ (view[i] as number), 0x01000193);
  } else {
    for (let i = 0, at = from; i < words; i++, at += 4) h = Math.imul(h ^ ((bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16) | ((bytes[at + 3] as number) << 24)), 0x01000193);
  }
  for (let at = from + words * 4; at < to; at++) h = Math.imul(h ^ (bytes[at] as number), 0x01000193);
  return h >>> 0;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

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
 * A posting table: its size and entry total, per posting its key (two char
 * ids) and its length, then all document gaps, then all counts. Postings go
 * in the order of their document lists (shortest first, then by documents),
 * not of their keys: bigrams of the same phrase have the same lists, and so
 * written side by side they repeat byte for byte, which gzip then stores
 * once (a third off the table's gzipped size).
 */
function writeTable(w: Writer, lists: KeyedList[], remap: Int32Array): void {
  const renumbered = lists.map((l) => {
    const docs = new Int32Array(l.n);
    for (let i = 0; i < l.n; i++) docs[i] = remap[l.docs[i] ?? 0] ?? 0;
    return { key: l.key, docs, tfs: l.tfs, n: l.n };
  });
  renumbered.sort((a, b) => {
    if (a.n !== b.n) return a.n - b.n;
    for (let i = 0; i < a.n; i++) if (a.docs[i] !== b.docs[i]) return (a.docs[i] ?? 0) - (b.docs[i] ?? 0);
    return a.key - b.key;
  });
  w.varint(renumbered.length);
  w.varint(renumbered.reduce((n, l) => n + l.n, 0));
  let docBytes = 0;
  let tfBytes = 0;
  for (const l of renumbered) {
    w.varint(Math.floor(l.key / 65536));
    w.varint(l.key % 65536);
    w.varint(l.n);
    docBytes += docsLength(l.docs, l.n);
    tfBytes += countsLength(l.tfs, l.n);
  }
  const docPool = new Uint8Array(docBytes);
  let at = 0;
  for (const l of renumbered) at = encodeDocs(l.docs, l.n, docPool, at);
  w.bytes(docPool);
  const tfPool = new Uint8Array(tfBytes);
  at = 0;
  for (const l of renumbered) at = encodeCounts(l.tfs, l.n, tfPool, at);
  w.bytes(tfPool);
}

/**
 * A record as its JSON is saved: what the columns hold (ID, date, source,
 * outlet) and a position of two whole numbers (saved as numbers in DOCS) are
 * 0, in their places, so that the record decodes with its keys in their
 * order. Repeated in every record, they were a quarter of the records'
 * gzipped size.
 */
function recordStub(r: DigestRecord): Record<string, unknown> {
  return { ...r, id: 0, date: 0, source: 0, outlet: 0, position: plainPosition(r.position) ? 0 : r.position };
}

/** Whether a position is `{ start, end }` and nothing else, both below 2^30 (their zigzag deltas fit a u32 varint): the ones DOCS saves. */
function plainPosition(p: DigestRecord['position']): boolean {
  const keys = Object.keys(p);
  return keys.length === 2 && keys[0] === 'start' && keys[1] === 'end' && p.start < 2 ** 30 && p.end < 2 ** 30;
}

const zigzag = (v: number): number => (v >= 0 ? v * 2 : -v * 2 - 1);
const unzigzag = (v: number): number => (v % 2 === 0 ? v / 2 : -(v + 1) / 2);

/** The snapshot's bytes. `remap`: each internal record number's number in the snapshot (removed ones: -1). */
export function encodeSnapshot(p: SnapshotSource): Uint8Array {
  const sections: Uint8Array[] = [];
  sections.push(utf8(JSON.stringify({ options: p.options, duplicates: p.duplicates, records: p.records.length })));
  // Column by column (all IDs, then all dates…): like values side by side compress better.
  sections.push(utf8(JSON.stringify([...p.records.map((r) => r.id), ...p.records.map((r) => r.date), ...p.records.map((r) => r.source), ...p.records.map((r) => r.outlet)])));
  const json = p.records.map((r) => utf8(JSON.stringify(recordStub(r))));
  const recordBytes = new Uint8Array(json.reduce((n, j) => n + j.length, 0));
  let at = 0;
  for (const j of json) {
    recordBytes.set(j, at);
    at += j.length;
  }
  sections.push(recordBytes);
  const docs = new Writer();
  // Column by column too: every JSON length, then every title length, … then every edge size.
  for (let d = 0; d < p.records.length; d++) docs.varint(json[d]?.length ?? 0);
  for (let f = 0; f < FIELD_COUNT; f++) for (let d = 0; d < p.records.length; d++) docs.varint(p.lengths[d * FIELD_COUNT + f] ?? 0);
  for (let d = 0; d < p.records.length; d++) docs.varint(p.edgeSizes[d] ?? 0);
  // Positions, where the stub holds 0: each start from the one before, each end from its start (zigzag: either may go down).
  let prevStart = 0;
  for (const r of p.records) {
    const plain = plainPosition(r.position);
    const start = plain ? r.position.start : prevStart;
    const end = plain ? r.position.end : start;
    docs.varint(zigzag(start - prevStart));
    docs.varint(zigzag(end - start));
    prevStart = start;
  }
  sections.push(docs.done());
  sections.push(p.edges);
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
  view.setUint32(8, p.runEnds ? RUN_ENDS : 0, true);
  view.setUint32(12, bodyLength, true);
  view.setUint32(20, sections.length, true);
  let pos = headerLength;
  sections.forEach((s, k) => {
    view.setUint32(HEADER + 8 * k, k + 1, true);
    view.setUint32(HEADER + 8 * k + 4, s.length, true);
    out.set(s, pos);
    pos += s.length;
  });
  view.setUint32(16, checksum(out, headerLength), true);
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

/**
 * A posting table, checked entry by entry without decoding into arrays:
 * every gap and count within its pool, every document below `records`, every
 * count word non-zero and below 256 per field. The pools are views into the
 * caller's bytes, kept as they are (the index searches them in this form,
 * and copies them before its first edit): the caller must not change them.
 */
/** `allowRunEnds`: keys with second id 0 are allowed (GRAMS). */
function readTable(r: Reader, records: number, chars: number, allowRunEnds: boolean): PackedTable {
  // A posting takes at least 3 bytes (two char ids, a length), an entry 2 more (a document gap, a count).
  const count = r.count(3, 'postings');
  const total = r.count(2, 'entries');
  if (count * 3 + total * 2 > r.left) fail('corrupt', `the ${r.name} section claims more postings than its bytes can hold`);
  const keys = new Uint32Array(count);
  const len = new Uint32Array(count);
  let sum = 0;
  for (let p = 0; p < count; p++) {
    const a = r.varint();
    const b = r.varint();
    // A run-end key has second id 0 (see GramIndex.eachKey): an index saved without the flag may hold some too (records added after a load).
    if (a < 1 || a >= chars || b < (allowRunEnds ? 0 : 1) || b >= chars) fail('corrupt', `a key in the ${r.name} section names an unknown character`);
    // A repeated key is found when the index adopts the table (its hash probe meets it).
    keys[p] = a * 65536 + b;
    const n = r.varint();
    sum += n;
    if (sum > total) fail('corrupt', `the postings of the ${r.name} section hold more entries than it claims`);
    len[p] = n;
  }
  if (sum !== total) fail('corrupt', `the postings of the ${r.name} section hold fewer entries than it claims`);
  const bytes = r.bytes;
  const end = r.end;
  const docStart = new Uint32Array(count);
  let pos = r.pos;
  // Tight loops: the one-byte case inline, since this check reads every entry of the index.
  for (let p = 0; p < count; p++) {
    docStart[p] = pos;
    let d = -1;
    const n = len[p] ?? 0;
    for (let i = 0; i < n; i++) {
      const byte = pos < end ? (bytes[pos] as number) : 256;
      if (byte < 128) {
        pos++;
        d += 1 + byte;
        continue;
      }
      r.pos = pos;
      d += 1 + r.varint();
      pos = r.pos;
    }
    if (d >= records) fail('corrupt', `a posting in the ${r.name} section names record ${d} of ${records}`);
  }
  const docEnd = pos;
  const tfStart = new Uint32Array(count);
  for (let p = 0; p < count; p++) {
    tfStart[p] = pos;
    const n = len[p] ?? 0;
    for (let i = 0; i < n; i++) {
      const byte = pos < end ? (bytes[pos] as number) : 256;
      // One byte: a single field's count c < 32 as c × 4 + f (c ≥ 1, so byte ≥ 4).
      if (byte < 128 && byte >= 4) {
        pos++;
        continue;
      }
      r.pos = pos;
      const code = r.varint();
      if (code === 1) {
        const packed = r.varint();
        if (packed === 0) fail('corrupt', `a posting in the ${r.name} section counts nothing`);
      } else if (code < 4 || code >> 2 > 255) fail('corrupt', `a count in the ${r.name} section is out of range`);
      pos = r.pos;
    }
  }
  r.pos = pos;
  r.finish();
  const from = docStart[0] ?? docEnd;
  const docPool = bytes.subarray(from, docEnd);
  const tfPool = bytes.subarray(docEnd, pos);
  for (let p = 0; p < count; p++) {
    docStart[p] = (docStart[p] ?? 0) - from;
    tfStart[p] = (tfStart[p] ?? 0) - docEnd;
  }
  return { keys, docStart, tfStart, len, docPool, tfPool };
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
  if (version !== SNAPSHOT_VERSION) fail('version', `the index is format version ${version}; this library reads version ${SNAPSHOT_VERSION} (build the index again from its records and save it with serializeIndex)`);
  const headerLength = view.getUint16(6, true);
  const flags = view.getUint32(8, true);
  const bodyLength = view.getUint32(12, true);
  const sum = view.getUint32(16, true);
  const sectionCount = view.getUint32(20, true);
  if (sectionCount !== SECTIONS.length || headerLength !== HEADER + 8 * sectionCount) fail('corrupt', `the header is damaged (${sectionCount} sections, header of ${headerLength} bytes)`);
  if (bytes.length < headerLength) fail('truncated', `the index is truncated (${bytes.length} bytes, shorter than its header)`);
  if (bytes.length < headerLength + bodyLength) fail('truncated', `the index is truncated (${bytes.length} of ${headerLength + bodyLength} bytes)`);
  if (bytes.length > headerLength + bodyLength) fail('corrupt', `the index has ${bytes.length - headerLength - bodyLength} bytes after its end`);
  if (checksum(bytes, headerLength) !== sum) fail('checksum', 'the index is damaged (its checksum does not match its contents)');
  if ((flags & ~RUN_ENDS) !== 0) fail('version', `the index uses flags this library does not know (${flags})`);
  const runEnds = (flags & RUN_ENDS) !== 0;
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

  const columns = parseJson(bytes, ...section(1), 'COLUMNS');
  if (!Array.isArray(columns) || columns.length !== 4 * n) return fail('corrupt', `the COLUMNS section does not hold 4 strings for each of ${n} records`);
  const ids: string[] = [];
  const dates: string[] = [];
  const sources: string[] = [];
  const outlets: string[] = [];
  // The previous record's date, already checked (most records share it); null before the first.
  let lastDate: string | null = null;
  for (let d = 0; d < n; d++) {
    const id: unknown = columns[d];
    const date: unknown = columns[n + d];
    const source: unknown = columns[2 * n + d];
    const outlet: unknown = columns[3 * n + d];
    if (typeof id !== 'string' || id === '' || typeof date !== 'string' || (date !== lastDate && !DATE.test(date)) || typeof source !== 'string' || typeof outlet !== 'string') {
      return fail('corrupt', `the COLUMNS section's record ${d} is not an ID, a date, a source and an outlet`);
    }
    lastDate = date;
    ids.push(id);
    dates.push(date);
    sources.push(source);
    outlets.push(outlet);
  }
  const [recordFrom, recordTo] = section(2);

  const docs = new Reader(bytes, ...section(3), 'DOCS');
  if (n * (FIELD_COUNT + 2) > docs.left) fail('corrupt', `the DOCS section is too short for ${n} records`);
  const lengths = new Uint32Array(n * FIELD_COUNT);
  const edgeSizes = new Uint32Array(n);
  const recordAt = new Uint32Array(n + 1);
  let edgeTotal = 0;
  // One-byte numbers inline: six numbers a record.
  const small = (): number => {
    const byte = docs.pos < docs.end ? (bytes[docs.pos] as number) : 256;
    if (byte < 128) {
      docs.pos++;
      return byte;
    }
    return docs.varint();
  };
  for (let d = 0; d < n; d++) recordAt[d + 1] = (recordAt[d] ?? 0) + docs.varint();
  for (let f = 0; f < FIELD_COUNT; f++) for (let d = 0; d < n; d++) lengths[d * FIELD_COUNT + f] = small();
  for (let d = 0; d < n; d++) {
    const size = small();
    edgeSizes[d] = size;
    edgeTotal += size;
  }
  const positions = new Float64Array(2 * n);
  let start = 0;
  for (let d = 0; d < n; d++) {
    start += unzigzag(docs.varint());
    positions[2 * d] = start;
    positions[2 * d + 1] = start + unzigzag(docs.varint());
  }
  docs.finish();
  if (recordAt[n] !== recordTo - recordFrom) fail('corrupt', `the RECORDS section holds ${recordTo - recordFrom} bytes, the DOCS section says ${recordAt[n] ?? 0}`);
  const recordBytes = bytes.subarray(recordFrom, recordTo);
  const [edgeFrom, edgeTo] = section(4);
  if (edgeTotal !== edgeTo - edgeFrom) fail('corrupt', `the EDGES section holds ${edgeTo - edgeFrom} bytes, the DOCS section says ${edgeTotal}`);
  const edges = bytes.subarray(edgeFrom, edgeTo);

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

  const grams = readTable(new Reader(bytes, ...section(6), 'GRAMS'), n, charCount, true);
  const variants = readTable(new Reader(bytes, ...section(7), 'VARIANTS'), n, charCount, false);

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

  return { options, duplicates: duplicates as string[], ids, dates, sources, outlets, recordBytes, recordAt, positions, lengths, edgeSizes, edges, codes, runEnds, grams, variants, words: words as string[], counts };
}
