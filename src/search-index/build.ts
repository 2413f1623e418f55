/**
 * buildIndex: records → a searchable index. Two structures, one analysis:
 * MiniSearch holds the vocabulary of TinySegmenter words and latin terms (for
 * fuzzy and prefix queries), and the gram index holds every character bigram
 * (for exact substring recall and bounded ranking). The MiniSearch configuration lives
 * here and only here, so that loading can never disagree with building.
 */
import MiniSearch from 'minisearch';
import { normalizeForIndex, normalizeText, toSearchable } from '../analysis/normalize.js';
import { scriptRuns } from '../analysis/tokenize.js';
import { segment } from '../analysis/segmenter.js';
import { storedVariantPairs, variantPairs } from '../analysis/variants.js';
import { isDigestRecord, recordProblem, shown, toRecord } from '../schema.js';
import type { DigestRecord } from '../schema.js';
import { FIELD_COUNT, GramIndex, Posting } from './grams.js';
import type { SnapshotParts, SnapshotSource } from './snapshot.js';
import { OffsetLists } from './offset-lists.js';
import { checkOptions } from '../validate.js';

/** Field boosts; `source` covers both `source` and `outlet`. */
export interface FieldBoosts {
  title: number;
  summary: number;
  notes: number;
  source: number;
}

export interface IndexOptions {
  /** Field weights. Default `{ title: 3, summary: 1, notes: 0.7, source: 0.5 }`. */
  boosts?: Partial<FieldBoosts>;
  /**
   * Terms never searched: dropped from queries (after normalization) and not
   * indexed as words. Default: none, so any text a record holds can be found.
   */
  stopTerms?: readonly string[];
}

export interface ResolvedIndexOptions {
  boosts: FieldBoosts;
  stopTerms: string[];
}

export const DEFAULT_BOOSTS: Readonly<FieldBoosts> = { title: 3, summary: 1, notes: 0.7, source: 0.5 };
export const FIELDS = ['title', 'summary', 'notes', 'source'] as const;

export function resolveIndexOptions(options: IndexOptions = {}): ResolvedIndexOptions {
  if (options === null || typeof options !== 'object') throw new TypeError(`ja-digest-search: options must be an object, got ${shown(options)}`);
  if (options.stopTerms !== undefined && !Array.isArray(options.stopTerms)) throw new TypeError(`ja-digest-search: options.stopTerms must be an array of strings, got ${shown(options.stopTerms)}`);
  const boosts = { ...DEFAULT_BOOSTS, ...options.boosts };
  for (const [k, v] of Object.entries(boosts)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new TypeError(`ja-digest-search: boost ${k} must be a finite number >= 0`);
  }
  const stopTerms = [...new Set((options.stopTerms ?? []).map((t) => normalizeText(String(t)).trim()).filter((t) => t !== ''))];
  return { boosts, stopTerms };
}

/** One distinct word of the records: MiniSearch indexes the vocabulary, not the records. */
interface VocabDoc {
  id: number;
  term: string;
}

/**
 * TinySegmenter words of Japanese runs and latin runs whole (the vocabulary),
 * and the offsets where a word starts or ends, marked in `bits` from `base`.
 */
export function wordTerms(searchable: string, bits?: Uint8Array, base = 0): string[] {
  const out: string[] = [];
  const mark = (i: number): void => {
    if (bits) bits[(base + i) >> 3] = (bits[(base + i) >> 3] ?? 0) | (1 << ((base + i) & 7));
  };
  for (const run of scriptRuns(searchable)) {
    mark(run.start);
    if (!run.japanese) out.push(run.text);
    else {
      let pos = run.start;
      for (const w of segment(run.text)) {
        pos += w.length;
        mark(pos);
        out.push(w);
      }
    }
    mark(run.start + run.text.length);
  }
  return out;
}

/**
 * MiniSearch holds the vocabulary (every distinct segmenter word and latin
 * term of the records, one document each) and answers fuzzy and prefix
 * lookups over it; the gram index then finds the records. Indexing every word
 * occurrence of every record in MiniSearch took two thirds of the build time
 * (see docs/benchmarks.md) for the same fuzzy and prefix results.
 */
export function miniSearchOptions(resolved: ResolvedIndexOptions) {
  const stop = new Set(resolved.stopTerms);
  const processTerm = (term: string): string | null => (stop.has(term) ? null : term);
  return {
    idField: 'id',
    fields: ['term'],
    storeFields: [] as string[],
    // Terms arrive normalized; a query term is one vocabulary lookup.
    tokenize: (text: string) => [text],
    processTerm,
    searchOptions: { tokenize: (text: string) => [text], processTerm },
  };
}

/** The searchable form of one record's fields, in FIELDS order. */
export function searchableFields(r: DigestRecord): string[] {
  return analyzeFields(r).fields;
}

/**
 * The searchable fields, and for title and summary the offsets normalization
 * removed (see removedOffsets), from one normalization of each field.
 */
function analyzeFields(r: DigestRecord): { fields: string[]; normalized: string[]; removals: [Int32Array | null, Int32Array | null] } {
  const title = normalizeForIndex(r.title);
  const summary = normalizeForIndex(r.summary);
  const normalized = [title.normalized, summary.normalized, normalizeText(r.notes.join(' ')), normalizeText(sourceText(r))];
  return { fields: normalized.map(toSearchable), normalized, removals: [shared(title.removed), shared(summary.removed)] };
}

/** Most fields lose no offsets: one empty array for all of them, not an object per record (a tenth of the index's memory). */
const NO_OFFSETS = new Int32Array(0);
const shared = (offsets: Int32Array | null): Int32Array | null => (offsets !== null && offsets.length === 0 ? NO_OFFSETS : offsets);

/**
 * The dropped separators of each normalized field (see variantPairs), null
 * when none; `pair` visits the variant bigrams as it goes (the build indexes
 * them, a loaded index has them saved).
 */
function droppedSeparators(normalized: readonly string[], pair: ((f: number, a: number, b: number) => void) | null): (Int32Array | null)[] | null {
  let dropped: (Int32Array | null)[] | null = null;
  const at: number[] = [];
  for (let f = 0; f < FIELD_COUNT; f++) {
    at.length = 0;
    variantPairs(normalized[f] ?? '', pair === null ? NO_PAIR : (a, b) => pair(f, a, b), at);
    if (at.length > 0) (dropped ??= [null, null, null, null])[f] = Int32Array.from(at);
  }
  return dropped;
}

const NO_PAIR = (): void => {};

const RECORD_DECODER = new TextDecoder();

/** A date as a number (2025-06-26 → 20250626), by character codes: a regex per record was a tenth of a load. */
function dayKey(date: string): number {
  let n = 0;
  for (let i = 0; i < date.length; i++) {
    const c = date.charCodeAt(i) - 48;
    if (c >= 0 && c <= 9) n = n * 10 + c;
  }
  return n;
}

/** Source and outlet as one field (once when they are the same). */
function sourceText(r: DigestRecord): string {
  return r.source === r.outlet ? r.source : `${r.source} ${r.outlet}`;
}


/**
 * Records are checked with the schema a saved index is loaded with, so that
 * every index built can be loaded again: the first invalid record throws a
 * TypeError naming it and its field. `first`: the number of records[0] in the
 * caller's array.
 */
function checkRecords(records: readonly DigestRecord[], fn: string, first: number): void {
  for (let i = 0; i < records.length; i++) {
    const r: unknown = records[i];
    if (isDigestRecord(r)) continue;
    const problem = recordProblem(r);
    if (problem === null) continue;
    const id = r !== null && typeof r === 'object' ? (r as { id?: unknown }).id : undefined;
    const name = `records[${first + i}]${typeof id === 'string' ? ` (id ${JSON.stringify(id)})` : ''}`;
    const sep = problem.startsWith('expected') ? ': ' : '.';
    throw new TypeError(`ja-digest-search: ${fn}: ${name}${sep}${problem} (not a DigestRecord; toRecord fills the optional fields)`);
  }
}

function nonSpaceLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== 32) n++;
  return n;
}

/** An index over digest records. Build with `buildIndex`, query with `search`. */
export class DigestIndex {
  readonly options: ResolvedIndexOptions;
  /**
   * Records by internal number: null once removed, undefined until first
   * used in a loaded index (see recordAt: a snapshot keeps each record's JSON
   * and decodes it when a hit needs it; decoding them all was most of a load).
   */
  private readonly recs: (DigestRecord | null | undefined)[] = [];
  /** The saved records of a loaded index: their JSON, record `doc` from byte `at[doc]` to `at[doc + 1]`. */
  private saved: { bytes: Uint8Array; at: Uint32Array; positions: Float64Array } | null = null;
  /** What filters, facets and ties read of every record, without decoding it: ID (null once removed), date, source, outlet. */
  private readonly ids: (string | null)[] = [];
  private readonly dates: string[] = [];
  private readonly sources: string[] = [];
  private readonly outlets: string[] = [];
  /**
   * Searchable fields by internal number, for verification and exact counts:
   * null once removed, undefined until first used in a loaded index (see
   * fieldsOf; a snapshot does not save them, they are cheaper to derive than
   * to decode).
   */
  private readonly fields: (string[] | null | undefined)[] = [];
  /** Field lengths by internal number, FIELD_COUNT per document. */
  /** @internal */
  lengths = new Float64Array(0);
  /** @internal */
  readonly totals = new Float64Array(FIELD_COUNT);
  /** @internal */
  readonly byId = new Map<string, number>();
  /** Normalized source and outlet per internal number, for the `sources` filter. */
  /** @internal */
  readonly sourceKeys: string[][] = [];
  /**
   * Per document, a bit for every offset of its fields (each field one
   * longer, in FIELDS order) where a segmenter word starts or ends: one pool
   * for all documents (a typed array per document costs more than its bits),
   * `edgeFrom[doc]` its first byte, `edgeSize[doc]` its bytes.
   */
  private edgePool: Uint8Array = new Uint8Array(1 << 12);
  private edgeUsed = 0;
  private readonly edgeFrom: number[] = [];
  private readonly edgeSize: number[] = [];
  /** Per document, for title and summary (slots 2·doc and 2·doc+1): the offsets normalization removed, or null when it does not map one to one (see removedOffsets); derived with the fields. */
  private readonly removals = new OffsetLists();
  /** Per document and field (slot 4·doc+f), the spaces of the searchable text that were dots or dashes (see variantPairs), or null; derived with the fields. */
  private readonly dropped = new OffsetLists();
  /** Per document, its date as a number (20250626), for sorting by date. */
  /** @internal */
  readonly dayKeys: number[] = [];
  /** @internal */
  readonly grams = new GramIndex();
  /** MiniSearch over the vocabulary, made at the first fuzzy or prefix query (see `words`). */
  private vocabSearch: MiniSearch<VocabDoc> | null = null;
  /** The vocabulary in MiniSearch id order ('' once no live record holds a word), and its reverse. */
  /** @internal */
  readonly vocabulary: string[] = [];
  private readonly vocabIds = new Map<string, number>();
  /** Occurrences of each vocabulary word among the live records; a word at 0 leaves the vocabulary. */
  private vocabCounts = new Int32Array(1024);
  private readonly dupList: string[] = [];
  private liveCount = 0;

  /**
   * Made by buildIndex, buildIndexAsync, loadIndex and loadIndexAsync, not
   * by `new` (which throws a TypeError saying so).
   * @internal
   */
  constructor(options: ResolvedIndexOptions) {
    if (options === null || typeof options !== 'object' || !Array.isArray((options as Partial<ResolvedIndexOptions>).stopTerms)) {
      throw new TypeError('ja-digest-search: DigestIndex is made by buildIndex or loadIndex, not by new DigestIndex()');
    }
    this.options = options;
  }

  /** How many records the index holds (removed ones not counted). */
  get size(): number {
    return this.liveCount;
  }

  /** IDs skipped because a record with the same ID was already in the index (the first one wins; see upsertRecords to replace). */
  get duplicates(): readonly string[] {
    return this.dupList;
  }

  /** Changes at every add, removal and load: caches of query work compare it. @internal */
  generation = 0;

  /** @internal */
  get live(): number {
    return this.liveCount;
  }

  /** Adds to the duplicates list (a loaded index's saved list). @internal */
  noteDuplicates(ids: readonly string[]): void {
    // One by one: spreading 100,000 IDs into push() would overflow the stack.
    for (const id of ids) this.dupList.push(id);
  }

  /** Internal numbers in use, removed records included (numbers run from 0 to docCount − 1). */
  /** @internal */
  get docCount(): number {
    return this.ids.length;
  }

  /** Whether `doc` is a record of the index (not removed). */
  /** @internal */
  isLive(doc: number): boolean {
    return (this.ids[doc] ?? null) !== null;
  }

  /** @internal */
  idOf(doc: number): string {
    return this.ids[doc] ?? '';
  }

  /** @internal */
  dateOf(doc: number): string {
    return this.dates[doc] ?? '';
  }

  /** @internal */
  sourceOf(doc: number): string {
    return this.sources[doc] ?? '';
  }

  /** @internal */
  outletOf(doc: number): string {
    return this.outlets[doc] ?? '';
  }

  /** The record numbered `doc`, or null once removed (a loaded index decodes it here, once). */
  /** @internal */
  recordAt(doc: number): DigestRecord | null {
    const r = this.recs[doc];
    if (r !== undefined) return r;
    return this.decodeRecord(doc);
  }

  /** Every record by internal number, null where removed (a loaded index decodes them all). */
  /** @internal */
  get records(): readonly (DigestRecord | null)[] {
    for (let doc = 0; doc < this.recs.length; doc++) if (this.recs[doc] === undefined) this.decodeRecord(doc);
    return this.recs as (DigestRecord | null)[];
  }

  private decodeRecord(doc: number): DigestRecord | null {
    const id = this.ids[doc] ?? null;
    if (id === null || this.saved === null) return null;
    const { bytes, at, positions } = this.saved;
    let record: unknown = null;
    try {
      record = JSON.parse(RECORD_DECODER.decode(bytes.subarray(at[doc] ?? 0, at[doc + 1] ?? 0)));
    } catch {
      record = null;
    }
    // The saved JSON holds 0 for what the columns hold (see recordStub in snapshot.ts): filled in place, keys in their order.
    if (record !== null && typeof record === 'object' && !Array.isArray(record)) {
      const r = record as Record<string, unknown>;
      if (r.id === 0) r.id = id;
      if (r.date === 0) r.date = this.dateOf(doc);
      if (r.source === 0) r.source = this.sourceOf(doc);
      if (r.outlet === 0) r.outlet = this.outletOf(doc);
      if (r.position === 0) r.position = { start: positions[2 * doc] ?? 0, end: positions[2 * doc + 1] ?? 0 };
    }
    // The checksum vouches for the bytes; a record that is still not one (a forged checksum) is answered with what the columns hold.
    const ok = isDigestRecord(record) && record.id === id ? record : toRecord({ id, date: this.dateOf(doc), source: this.sourceOf(doc), outlet: this.outletOf(doc) });
    this.recs[doc] = ok;
    return ok;
  }

  /** The searchable fields of a document (FIELDS order), or null once removed. */
  /** @internal */
  fieldsOf(doc: number): string[] | null {
    const f = this.fields[doc];
    if (f !== undefined) return f;
    return this.derive(doc);
  }

  /** For title and summary, the offsets normalization removed (see removedOffsets). */
  /** @internal */
  removalsOf(doc: number): [Int32Array | null, Int32Array | null] {
    if (this.fields[doc] === undefined) this.derive(doc);
    return [this.removals.get(2 * doc), this.removals.get(2 * doc + 1)];
  }

  /** The spaces of field `f`'s searchable text that were dots or dashes, or null when none. */
  /** @internal */
  droppedAt(doc: number, f: number): Int32Array | null {
    if (this.fields[doc] === undefined) this.derive(doc);
    return this.dropped.get(FIELD_COUNT * doc + f);
  }

  /**
   * The fields, removals and dropped separators of a loaded document, from
   * its record: the same analysis the build ran, less segmentation and
   * postings (saved). About 12 µs a record, paid at its first use.
   */
  private derive(doc: number): string[] | null {
    const record = this.recordAt(doc);
    if (!record) return null;
    const { fields, normalized, removals } = analyzeFields(record);
    this.keepDerived(doc, fields, removals, droppedSeparators(normalized, null));
    return fields;
  }

  private keepDerived(doc: number, fields: string[], removals: [Int32Array | null, Int32Array | null], dropped: (Int32Array | null)[] | null): void {
    this.fields[doc] = fields;
    this.removals.set(2 * doc, removals[0]);
    this.removals.set(2 * doc + 1, removals[1]);
    for (let f = 0; f < FIELD_COUNT; f++) this.dropped.set(FIELD_COUNT * doc + f, dropped?.[f] ?? null);
  }

  /**
   * MiniSearch over the vocabulary, for fuzzy and prefix queries only: made
   * from the vocabulary at the first such query, so that neither a build nor
   * a load pays for it (a third of the build's memory at 1,000 records), then
   * kept up to date by addRecords and removeRecords. Made from the live words
   * only, it is the one a fresh build of the live records would make.
   */
  /** @internal */
  get words(): MiniSearch<VocabDoc> {
    if (this.vocabSearch === null) {
      const ms = new MiniSearch<VocabDoc>(miniSearchOptions(this.options));
      const docs: VocabDoc[] = [];
      this.vocabulary.forEach((term, id) => {
        if (term !== '') docs.push({ id, term });
      });
      ms.addAll(docs);
      this.vocabSearch = ms;
    }
    return this.vocabSearch;
  }

  /** Records added since the last pack (see pack). */
  private unpacked = 0;

  /**
   * Moves the postings into their compact form (see PostingTable.pack) and
   * trims the per-record arrays: after a build, a load, and an addRecords
   * that added enough records to be worth it (amortized: at least an eighth of
   * the index, or 1,000 records).
   */
  /** @internal */
  pack(force = true): void {
    if (!force && this.unpacked < Math.max(1000, this.liveCount / 8)) return;
    this.grams.pack();
    const need = this.ids.length * FIELD_COUNT;
    if (this.lengths.length !== need) this.lengths = this.lengths.slice(0, need);
    this.unpacked = 0;
  }

  /** Single-character postings, made on demand from the bigram postings (or, for an index saved before run-end keys, the text) and dropped on any change. */
  private readonly unigrams = new Map<number, Posting>();

  /** The posting of a gram key: a bigram from the gram index, a single character (key < 65536) on demand. */
  /** @internal */
  posting(key: number): Posting | undefined {
    if (key >= 65536) return this.grams.get(key);
    let p = this.unigrams.get(key);
    if (p === undefined) {
      p = this.grams.runEnds ? this.grams.unigram(key) : this.scanFor(String.fromCharCode(this.grams.codes[key] ?? 0));
      this.unigrams.set(key, p);
    }
    return p;
  }

  /**
   * Documents holding `ch`, with per-field counts, by one pass over the
   * stored text: for an index loaded from a snapshot without run-end keys
   * (it derives every record's text once).
   */
  private scanFor(ch: string): Posting {
    const p = new Posting();
    const docs: number[] = [];
    const tfs: number[] = [];
    for (let doc = 0; doc < this.ids.length; doc++) {
      const fields = this.fieldsOf(doc);
      if (!fields) continue;
      let packed = 0;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const text = fields[f] ?? '';
        let count = 0;
        for (let at = text.indexOf(ch); at >= 0 && count < 255; at = text.indexOf(ch, at + 1)) count++;
        packed += count * (1 << (8 * f));
      }
      if (packed !== 0) {
        docs.push(doc);
        tfs.push(packed);
      }
    }
    p.docs = Int32Array.from(docs);
    p.tfs = Uint32Array.from(tfs);
    p.n = docs.length;
    return p;
  }

  /** The columns of a record added by a build (see ids). */
  private pushColumns(record: DigestRecord): void {
    this.ids.push(record.id);
    this.dates.push(record.date);
    this.dayKeys.push(dayKey(record.date));
    this.sources.push(record.source);
    this.outlets.push(record.outlet);
    this.sourceKeys.push([this.normalizedSource(record.source), this.normalizedSource(record.outlet)]);
  }

  /** Sources repeat across thousands of records: normalize each spelling once. */
  private readonly sourceCache = new Map<string, string>();
  private normalizedSource(source: string): string {
    let n = this.sourceCache.get(source);
    if (n === undefined) {
      n = normalizeText(source);
      this.sourceCache.set(source, n);
    }
    return n;
  }

  /** Whether a segmenter word starts at `at` and one ends at `at + len` in field `f` of `doc`. */
  /** @internal */
  isWordAt(doc: number, f: number, at: number, len: number): boolean {
    const fields = this.fieldsOf(doc);
    if (!fields) return false;
    const base = this.edgeFrom[doc] ?? 0;
    const end = base + (this.edgeSize[doc] ?? 0);
    let bitBase = 0;
    for (let k = 0; k < f; k++) bitBase += (fields[k]?.length ?? 0) + 1;
    const pool = this.edgePool;
    const bit = (i: number): boolean => {
      const byte = base + ((bitBase + i) >> 3);
      return byte < end && (((pool[byte] ?? 0) >> ((bitBase + i) & 7)) & 1) === 1;
    };
    return bit(at) && bit(at + len);
  }

  /** Appends a document's word-edge bits to the pool. */
  private pushEdges(edges: Uint8Array): void {
    if (this.edgeUsed + edges.length > this.edgePool.length) {
      const grown = new Uint8Array(Math.max(this.edgeUsed + edges.length, this.edgePool.length * 2));
      grown.set(this.edgePool.subarray(0, this.edgeUsed));
      this.edgePool = grown;
    }
    this.edgePool.set(edges, this.edgeUsed);
    this.edgeFrom.push(this.edgeUsed);
    this.edgeSize.push(edges.length);
    this.edgeUsed += edges.length;
  }

  /** Counts one occurrence of `term`; a word seen for the first time is queued for MiniSearch. */
  private countWord(term: string, fresh: VocabDoc[]): void {
    let id = this.vocabIds.get(term);
    if (id === undefined) {
      id = this.vocabulary.length;
      this.vocabulary.push(term);
      this.vocabIds.set(term, id);
      fresh.push({ id, term });
      if (id >= this.vocabCounts.length) {
        const grown = new Int32Array(this.vocabCounts.length * 2);
        grown.set(this.vocabCounts);
        this.vocabCounts = grown;
      }
    }
    this.vocabCounts[id] = (this.vocabCounts[id] ?? 0) + 1;
  }

  /** Uncounts the words of removed fields; a word no live record holds leaves MiniSearch too. */
  private uncountWords(fields: readonly string[]): void {
    for (const f of fields) {
      for (const term of wordTerms(f)) {
        const id = this.vocabIds.get(term);
        if (id === undefined) continue;
        const left = (this.vocabCounts[id] ?? 0) - 1;
        this.vocabCounts[id] = left;
        if (left > 0) continue;
        // A fresh build would not know the word: neither may fuzzy or prefix search.
        this.vocabSearch?.discard(id);
        this.vocabIds.delete(term);
        this.vocabulary[id] = '';
      }
    }
  }


  /**
   * Adds records; returns the IDs skipped as duplicates. Checks them all
   * first (see checkRecords), unless `check` is null (records loading already validated).
   */
  /** Checks records as add does, without adding them. @internal */
  check(records: readonly DigestRecord[], fn: string): void {
    checkRecords(records, fn, 0);
  }

  /** @internal */
  add(records: readonly DigestRecord[], check: { fn: string; first: number } | null = { fn: 'addRecords', first: 0 }): string[] {
    if (check) checkRecords(records, check.fn, check.first);
    const skipped: string[] = [];
    const fresh: VocabDoc[] = [];
    this.unigrams.clear();
    const need = (this.ids.length + records.length) * FIELD_COUNT;
    if (this.lengths.length < need) {
      const grown = new Float64Array(Math.max(need, this.lengths.length * 2));
      grown.set(this.lengths);
      this.lengths = grown;
    }
    for (const record of records) {
      if (this.byId.has(record.id)) {
        skipped.push(record.id);
        continue;
      }
      const doc = this.ids.length;
      const { fields, normalized, removals } = analyzeFields(record);
      this.recs.push(record);
      this.pushColumns(record);
      this.byId.set(record.id, doc);
      for (let f = 0; f < FIELD_COUNT; f++) {
        const len = nonSpaceLength(fields[f] ?? '');
        this.lengths[doc * FIELD_COUNT + f] = len;
        this.totals[f] = (this.totals[f] ?? 0) + len;
      }
      this.grams.add(doc, fields);
      this.keepDerived(doc, fields, removals, droppedSeparators(normalized, (f, a, b) => this.grams.addVariant(doc, f, a, b)));
      const edges = new Uint8Array((fields.reduce((n, f) => n + f.length + 1, 0) >> 3) + 1);
      let base = 0;
      for (const f of fields) {
        for (const w of wordTerms(f, edges, base)) this.countWord(w, fresh);
        base += f.length + 1;
      }
      this.pushEdges(edges);
      this.liveCount++;
      this.unpacked++;
    }
    this.generation++;
    if (fresh.length > 0) this.vocabSearch?.addAll(fresh);
    this.noteDuplicates(skipped);
    return skipped;
  }

  /**
   * What the binary snapshot saves (see snapshot.ts): the live records
   * renumbered 0…n-1 in order (`remap`: old number → new, -1 for a removed
   * one), their field lengths and word edges, both posting tables, the live
   * vocabulary. Not the searchable fields: a loaded index derives them.
   */
  /** @internal */
  snapshotParts(): SnapshotSource {
    const remap = new Int32Array(this.ids.length).fill(-1);
    const live: number[] = [];
    for (let doc = 0; doc < this.ids.length; doc++) {
      if (this.isLive(doc)) {
        remap[doc] = live.length;
        live.push(doc);
      }
    }
    const words: string[] = [];
    const counts: number[] = [];
    this.vocabulary.forEach((w, id) => {
      if (w !== '' && (this.vocabCounts[id] ?? 0) > 0) {
        words.push(w);
        counts.push(this.vocabCounts[id] ?? 0);
      }
    });
    const lengths = new Uint32Array(live.length * FIELD_COUNT);
    const edgeSizes = new Uint32Array(live.length);
    let edgeBytes = 0;
    live.forEach((d, i) => {
      for (let f = 0; f < FIELD_COUNT; f++) lengths[i * FIELD_COUNT + f] = this.lengths[d * FIELD_COUNT + f] ?? 0;
      edgeSizes[i] = this.edgeSize[d] ?? 0;
      edgeBytes += edgeSizes[i] ?? 0;
    });
    const edges = new Uint8Array(edgeBytes);
    let at = 0;
    for (const d of live) {
      const from = this.edgeFrom[d] ?? 0;
      edges.set(this.edgePool.subarray(from, from + (this.edgeSize[d] ?? 0)), at);
      at += this.edgeSize[d] ?? 0;
    }
    return {
      options: this.options,
      duplicates: [...this.dupList],
      records: live.map((d) => this.recordAt(d) as DigestRecord),
      lengths,
      edgeSizes,
      edges,
      codes: this.grams.codes,
      runEnds: this.grams.runEnds,
      grams: this.grams.sorted(),
      variants: this.grams.variants.sorted(),
      words,
      counts: Int32Array.from(counts),
      remap,
    };
  }

  /**
   * Fills an empty index from a decoded snapshot: no analysis; the
   * searchable fields are derived per record at first use (see fieldsOf).
   * Returns a problem (a repeated ID, a repeated character) or null.
   */
  /** @internal */
  adopt(p: SnapshotParts): string | null {
    if (this.ids.length > 0) return 'the index is not empty';
    this.generation++;
    if (!this.grams.adoptCodes(p.codes)) return 'the CHARS section repeats a character';
    const n = p.ids.length;
    this.lengths = new Float64Array(n * FIELD_COUNT);
    this.saved = { bytes: p.recordBytes, at: p.recordAt, positions: p.positions };
    const interned = new Map<string, string>();
    const intern = (text: string): string => {
      const known = interned.get(text);
      if (known !== undefined) return known;
      interned.set(text, text);
      return text;
    };
    let edgeAt = 0;
    for (let doc = 0; doc < n; doc++) {
      const id = p.ids[doc] as string;
      if (this.byId.has(id)) return `the index repeats record IDs (${id})`;
      this.byId.set(id, doc);
      this.recs.push(undefined);
      this.ids.push(id);
      const date = intern(p.dates[doc] as string);
      this.dates.push(date);
      this.dayKeys.push(dayKey(date));
      const source = intern(p.sources[doc] as string);
      const outlet = intern(p.outlets[doc] as string);
      this.sources.push(source);
      this.outlets.push(outlet);
      this.sourceKeys.push([this.normalizedSource(source), this.normalizedSource(outlet)]);
      this.fields.push(undefined);
      this.edgeFrom.push(edgeAt);
      const size = p.edgeSizes[doc] ?? 0;
      this.edgeSize.push(size);
      edgeAt += size;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const len = p.lengths[doc * FIELD_COUNT + f] ?? 0;
        this.lengths[doc * FIELD_COUNT + f] = len;
        this.totals[f] = (this.totals[f] ?? 0) + len;
      }
    }
    this.edgePool = p.edges;
    this.edgeUsed = p.edges.length;
    this.liveCount = n;
    this.noteDuplicates(p.duplicates);
    const g = p.grams;
    if (!this.grams.adopt(g.keys, g.docStart, g.tfStart, g.len, g.docPool, g.tfPool)) return 'the GRAMS section repeats a key';
    this.grams.runEnds = p.runEnds;
    this.grams.docLimit = n;
    const v = p.variants;
    if (!this.grams.variants.adopt(v.keys, v.docStart, v.tfStart, v.len, v.docPool, v.tfPool)) return 'the VARIANTS section repeats a key';
    this.vocabCounts = new Int32Array(Math.max(1024, p.words.length));
    for (let id = 0; id < p.words.length; id++) {
      const w = p.words[id] as string;
      if (this.vocabIds.has(w)) return 'the VOCAB section repeats a word';
      this.vocabIds.set(w, id);
      this.vocabulary.push(w);
      this.vocabCounts[id] = p.counts[id] ?? 0;
    }
    return null;
  }

  /** Removes records by ID; returns the IDs that were not in the index. */
  /** @internal */
  remove(ids: readonly string[]): string[] {
    this.generation++;
    const missing: string[] = [];
    this.unigrams.clear();
    for (const id of ids) {
      const doc = this.byId.get(id);
      const fields = doc === undefined ? null : this.fieldsOf(doc);
      if (doc === undefined || !fields) {
        missing.push(id);
        continue;
      }
      const pairs: [number, number][] = [];
      fields.forEach((text, f) => storedVariantPairs(text, this.droppedAt(doc, f), (a, b) => pairs.push([a, b])));
      this.grams.remove(doc, fields, pairs);
      this.uncountWords(fields);
      for (let f = 0; f < FIELD_COUNT; f++) this.totals[f] = (this.totals[f] ?? 0) - (this.lengths[doc * FIELD_COUNT + f] ?? 0);
      this.recs[doc] = null;
      this.ids[doc] = null;
      this.fields[doc] = null;
      this.removals.set(2 * doc, null);
      this.removals.set(2 * doc + 1, null);
      for (let f = 0; f < FIELD_COUNT; f++) this.dropped.set(FIELD_COUNT * doc + f, null);
      this.edgeSize[doc] = 0;
      this.byId.delete(id);
      this.liveCount--;
    }
    return missing;
  }
}

/**
 * Builds an index. A record whose ID is already in the index is skipped (the
 * first one wins) and listed in `index.duplicates`. A record that is not a
 * whole DigestRecord (see toRecord) throws a TypeError naming it and its
 * field: loading the saved index would refuse it.
 */
export function buildIndex(records: readonly DigestRecord[], options: IndexOptions = {}): DigestIndex {
  if (!Array.isArray(records)) throw new TypeError(`ja-digest-search: buildIndex expects an array of records, got ${shown(records)}`);
  checkOptions('buildIndex', options);
  const index = new DigestIndex(resolveIndexOptions(options));
  index.add(records, { fn: 'buildIndex', first: 0 });
  index.pack();
  return index;
}

/** Adds records to an index in place; returns the IDs skipped as duplicates. */
export function addRecords(index: DigestIndex, records: readonly DigestRecord[]): string[] {
  if (!(index instanceof DigestIndex)) throw new TypeError('ja-digest-search: addRecords expects an index from buildIndex or loadIndex');
  if (!Array.isArray(records)) throw new TypeError('ja-digest-search: addRecords expects an array of records');
  const skipped = index.add(records, { fn: 'addRecords', first: 0 });
  index.pack(false);
  return skipped;
}

/**
 * Removes records by ID in place (one ID, or a list); returns the IDs that
 * were not in the index.
 */
export function removeRecords(index: DigestIndex, ids: string | readonly string[]): string[] {
  if (!(index instanceof DigestIndex)) throw new TypeError('ja-digest-search: removeRecords expects an index from buildIndex or loadIndex');
  const list = typeof ids === 'string' ? [ids] : ids;
  if (!Array.isArray(list) || !list.every((id) => typeof id === 'string')) {
    throw new TypeError(`ja-digest-search: removeRecords: ids must be an ID or an array of IDs (strings), got ${shown(ids)}`);
  }
  return index.remove(list);
}

/** What upsertRecords did: IDs new to the index, and IDs whose record it replaced. */
export interface UpsertResult {
  added: string[];
  replaced: string[];
}

/**
 * Adds records, replacing any record that has the same ID (addRecords keeps
 * the first and skips the new one). Within `records`, the last record of an
 * ID wins. The index then answers as a fresh build of its records would.
 */
export function upsertRecords(index: DigestIndex, records: readonly DigestRecord[]): UpsertResult {
  if (!(index instanceof DigestIndex)) throw new TypeError('ja-digest-search: upsertRecords expects an index from buildIndex or loadIndex');
  if (!Array.isArray(records)) throw new TypeError(`ja-digest-search: upsertRecords expects an array of records, got ${shown(records)}`);
  // Checked whole before anything changes: a bad record leaves the index as it was.
  index.check(records, 'upsertRecords');
  const last = new Map<string, DigestRecord>();
  for (const r of records) {
    last.delete(r.id);
    last.set(r.id, r);
  }
  const ids = [...last.keys()];
  const missing = new Set(index.remove(ids));
  index.add([...last.values()], null);
  index.pack(false);
  return { added: ids.filter((id) => missing.has(id)), replaced: ids.filter((id) => !missing.has(id)) };
}

export interface BuildProgress {
  /** Records processed so far (duplicates included). */
  done: number;
  total: number;
}

export interface AsyncIndexOptions extends IndexOptions {
  /** Records per chunk between yields to the event loop: a whole number >= 1. Default 500. */
  chunkSize?: number;
  /** Called after each chunk, and once at the start with `done: 0`. */
  onProgress?: (progress: BuildProgress) => void;
  /** Stops the build between chunks; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Lets the event loop run: timers exist in Node and in browsers alike. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * `buildIndex` in chunks that yield to the event loop between them, so a page
 * or a server stays responsive while tens of thousands of records are indexed.
 * The result is the same index as `buildIndex` gives.
 */
export async function buildIndexAsync(records: readonly DigestRecord[], options: AsyncIndexOptions = {}): Promise<DigestIndex> {
  if (!Array.isArray(records)) throw new TypeError('ja-digest-search: buildIndexAsync expects an array of records');
  checkOptions('buildIndexAsync', options);
  checkChunkOptions('buildIndexAsync', options);
  const { chunkSize, onProgress, signal, ...indexOptions } = options;
  const index = new DigestIndex(resolveIndexOptions(indexOptions));
  await addInChunks(index, records, { chunkSize, onProgress, signal }, 'buildIndexAsync');
  index.pack();
  return index;
}

export interface ChunkOptions {
  /** Records per chunk between yields to the event loop: a whole number >= 1. Default 500. */
  chunkSize?: number | undefined;
  onProgress?: ((progress: BuildProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Throws a TypeError naming the option when `chunkSize`, `onProgress` or
 * `signal` is not what ChunkOptions says: a NaN chunk size once made an
 * empty index without a word.
 */
export function checkChunkOptions(fn: string, options: ChunkOptions): void {
  if (options === null || typeof options !== 'object') throw new TypeError(`ja-digest-search: ${fn}: options must be an object, got ${shown(options)}`);
  const { chunkSize, onProgress, signal } = options;
  if (chunkSize !== undefined && !(Number.isSafeInteger(chunkSize) && chunkSize >= 1)) {
    throw new TypeError(`ja-digest-search: ${fn}: options.chunkSize must be a whole number >= 1, got ${shown(chunkSize)}`);
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError(`ja-digest-search: ${fn}: options.onProgress must be a function, got ${shown(onProgress)}`);
  if (signal !== undefined && typeof (signal as { throwIfAborted?: unknown } | null)?.throwIfAborted !== 'function') {
    throw new TypeError(`ja-digest-search: ${fn}: options.signal must be an AbortSignal, got ${shown(signal)}`);
  }
}

/**
 * Adds records chunk by chunk, yielding between chunks; returns the IDs
 * skipped as duplicates. Options are checked by the caller (checkChunkOptions).
 * `fn` names the caller in record errors; null: the records are validated already.
 */
export async function addInChunks(index: DigestIndex, records: readonly DigestRecord[], options: ChunkOptions, fn: string | null): Promise<string[]> {
  const size = options.chunkSize ?? 500;
  const skipped: string[] = [];
  options.onProgress?.({ done: 0, total: records.length });
  for (let i = 0; i < records.length; i += size) {
    options.signal?.throwIfAborted();
    for (const id of index.add(records.slice(i, i + size), fn === null ? null : { fn, first: i })) skipped.push(id);
    options.onProgress?.({ done: Math.min(records.length, i + size), total: records.length });
    if (i + size < records.length) await yieldToEventLoop();
  }
  return skipped;
}
