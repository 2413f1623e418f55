/**
 * parseDigest: digest text → typed records and positioned diagnostics.
 *
 * One forward pass finds the places where a record can start (a date at a word
 * boundary); each is accepted on evidence (a line start, a time, an ID before
 * the next candidate, or a recognised source); the text between two accepted
 * starts is one record, and whatever a record does not claim is reported.
 * Every step is a global regex pass or a walk with monotone pointers, so the
 * whole parse is linear in the input.
 */
import { DIAGNOSTIC_CODES, DigestParseError, lineColumn, lineStarts } from '../diagnostics.js';
import type { Diagnostic, DiagnosticCode } from '../diagnostics.js';
import type { DigestRecord } from '../schema.js';
import { isoDate, pad2 } from './date.js';
import { choosePad, cleanHtml, htmlToWorking, looksLikeHtmlTable } from './html.js';
import { SourceResolver } from './source.js';
import type { OutletSpec } from './source.js';
import { splitSummary } from './summary.js';
import type { BracketReport } from './summary.js';
import { COLLAPSE, collapse } from './text.js';

export interface ParseOptions {
  /** Throw `DigestParseError` when any diagnostic is an error. Default false. */
  strict?: boolean;
  /**
   * Extra outlets, checked before the built-in list: a name as written
   * (`'北國新聞'`), or `{ outlet, aliases }` to group several spellings.
   */
  sources?: readonly (string | OutletSpec)[];
}

export interface ParseResult {
  records: DigestRecord[];
  diagnostics: Diagnostic[];
}

interface RawDiagnostic {
  code: DiagnosticCode;
  message: string;
  start: number;
  end: number;
  recordId?: string;
}

/** What every record reader of one parse shares. */
interface Context {
  work: string;
  resolver: SourceResolver;
  raw: RawDiagnostic[];
  /** IDs given so far (real and generated) → the date of the first record with it. */
  seen: Map<string, string>;
  /** Generated ID → the suffix its next copy gets, so that n copies cost n steps, not n². */
  nextSuffix: Map<string, number>;
  remnantMessages: Map<string, string>;
  /** Pads decoded entities (`cleanHtml`); null: entities are left as written. */
  pad: string | null;
}

/** Every `<YYMM-MMDDNN>` as two arrays of offsets: numbers, not an object per ID (a text can hold a million). */
interface IdSpans {
  start: number[];
  end: number[];
}

interface IdMark {
  start: number;
  end: number;
  digits: string; // YYMMMMDDNN
}

const DATE_AT = /(?<![^\s>\x1f])\d{4}[.:/\-]\d{1,2}[.:/\-]\d{1,2}(?=[ \t\u3000\x1f])/g;
// Spaces, then maybe a time and its spaces: no two runs of spaces can trade characters.
const AFTER_DATE = /[ \t\u3000\x1f]+(?:(\d{1,2})[:：](\d{2})[ \t\u3000\x1f]+)?/y;
const DATE_HERE = /\d{4}[.:/\-]\d{1,2}[.:/\-]\d{1,2}/y;
const ID_ALL = /(?:[<＜]|&lt;)[ \u3000]{0,3}(\d{4})-(\d{6})[ \u3000]{0,3}(?:[>＞]|&gt;)/g;
const ID_AT = new RegExp(ID_ALL.source, 'y');
const HEADER_ROW = /年[\s\x1f]*月[\s\x1f]*日[\s\x1f]*出[\s\x1f]*典[\s\x1f]*標[\s\x1f]*題[\s\x1f]*要[\s\x1f]*旨/g;
const SENTENCE_END = /[。．！？!?]/;
const WS = /[\s\x1f\ufeff]/;
const BLANK = /^[\s\x1f\ufeff]*$/;


/**
 * Parses a digest. Never throws on bad text: every oddity becomes a diagnostic
 * with its offset, line and column. Throws `TypeError` when `text` is not a
 * string, and `DigestParseError` with `{ strict: true }` when there are errors.
 */
export function parseDigest(text: string, options: ParseOptions = {}): ParseResult {
  if (typeof text !== 'string') {
    throw new TypeError(`ja-digest-search: parseDigest expects a string, got ${text === null ? 'null' : typeof text}`);
  }
  const raw: RawDiagnostic[] = [];
  const records: DigestRecord[] = [];
  if (text.length === 0) {
    raw.push({ code: 'empty-input', message: 'The input is empty.', start: 0, end: 0 });
    return finish(text, null, records, raw, options);
  }

  let work = text;
  let map: Int32Array | null = null;
  if (looksLikeHtmlTable(text)) {
    ({ text: work, map } = htmlToWorking(text));
    raw.push({ code: 'html-input', message: 'Read as an HTML table: rows are records, cells are fields.', start: 0, end: 0 });
  }
  let begin = 0;
  if (work.charCodeAt(0) === 0xfeff) {
    raw.push({ code: 'bom', message: 'A byte-order mark was skipped.', start: 0, end: 1 });
    begin = 1;
  }

  const resolver = new SourceResolver(options.sources ?? []);
  const ids = findIds(work);
  const breaks = findBreaks(work);
  const starts = acceptStarts(work, begin, ids, breaks, resolver);

  const ctx: Context = { work, resolver, raw, seen: new Map(), nextSuffix: new Map(), remnantMessages: new Map(), pad: choosePad(work) };
  let idPtr = 0;
  let brPtr = 0;
  let gapStart = begin;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i] ?? 0;
    const limit = starts[i + 1] ?? work.length;
    const reported = coverGap(work, gapStart, start, raw, i === 0);

    // The record runs to the end of its line, and on over lines that continue a
    // sentence; a line after a finished sentence is stray text, not summary.
    while (brPtr < breaks.length && (breaks[brPtr] ?? 0) < start) brPtr++;
    let end = Math.min(breaks[brPtr] ?? work.length, limit);
    while (end < limit) {
      let k = end - 1;
      while (k > start && WS.test(work.charAt(k))) k--;
      if (SENTENCE_END.test(work.charAt(k))) break;
      const next = work.charCodeAt(end) === 13 && work.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
      while (brPtr < breaks.length && (breaks[brPtr] ?? 0) < next) brPtr++;
      const nextEnd = Math.min(breaks[brPtr] ?? work.length, limit);
      if (BLANK.test(work.slice(next, nextEnd))) break; // cell separators count as blank too
      end = nextEnd;
    }

    while (idPtr < ids.start.length && (ids.start[idPtr] ?? 0) < start) idPtr++;
    const idMark = (ids.end[idPtr] ?? Infinity) <= end ? idAt(work, ids.start[idPtr] ?? 0) : undefined;
    const record = readRecord(ctx, start, end, idMark);

    // Trailing whitespace belongs to the record; anything else up to the next record is reported.
    let tail = end;
    while (tail < limit && WS.test(work.charAt(tail))) tail++;
    record.position = { start: i === 0 && !reported ? begin : start, end: tail };
    gapStart = tail;
    if (tail < limit) {
      coverGap(work, tail, limit, raw, false);
      gapStart = limit;
    }
    records.push(record);
  }
  if (starts.length === 0) {
    coverGap(work, begin, work.length, raw, true);
    raw.push({
      code: 'no-records',
      message: 'No record was found: a record starts with a date such as 2025.06.26.',
      start: 0,
      end: work.length,
    });
  } else if (gapStart < work.length) {
    coverGap(work, gapStart, work.length, raw, false);
  }
  return finish(text, map, records, raw, options);
}

/** Every `<YYMM-MMDDNN>`, in order. */
function findIds(work: string): IdSpans {
  const out: IdSpans = { start: [], end: [] };
  ID_ALL.lastIndex = 0;
  for (let m = ID_ALL.exec(work); m !== null; m = ID_ALL.exec(work)) {
    out.start.push(m.index);
    out.end.push(m.index + m[0].length);
  }
  return out;
}

/** The ID that `findIds` found at `start`. */
function idAt(work: string, start: number): IdMark | undefined {
  ID_AT.lastIndex = start;
  const m = ID_AT.exec(work);
  return m ? { start, end: start + m[0].length, digits: `${m[1]}${m[2]}` } : undefined;
}

/** Offsets of line breaks (`\n`, or `\r` not followed by `\n`; `\r\n` counts at its `\r`). */
function findBreaks(work: string): number[] {
  const out: number[] = [];
  for (let i = work.indexOf('\n'), j = work.indexOf('\r'); i >= 0 || j >= 0; ) {
    if (j >= 0 && (i < 0 || j < i)) {
      out.push(j);
      if (work.charCodeAt(j + 1) === 10) i = work.indexOf('\n', j + 2);
      j = work.indexOf('\r', j + 1);
    } else {
      out.push(i);
      i = work.indexOf('\n', i + 1);
    }
  }
  return out;
}

/** Candidate record starts that have enough evidence to be one. */
function acceptStarts(work: string, begin: number, ids: IdSpans, breaks: number[], resolver: SourceResolver): number[] {
  const cands: number[] = [];
  DATE_AT.lastIndex = begin;
  let m: RegExpExecArray | null;
  while ((m = DATE_AT.exec(work)) !== null) cands.push(m.index);

  const accepted: number[] = [];
  let idPtr = 0;
  let brPtr = 0;
  for (let c = 0; c < cands.length; c++) {
    const p = cands[c] ?? 0;
    DATE_HERE.lastIndex = p;
    const dm = DATE_HERE.exec(work);
    if (!dm) continue;
    AFTER_DATE.lastIndex = p + dm[0].length;
    const am = AFTER_DATE.exec(work);
    if (!am) continue;
    const r = p + dm[0].length + am[0].length;
    const next = work.charCodeAt(r);
    // A date followed by nothing, a line break or another date is not a record header.
    if (Number.isNaN(next) || next === 10 || next === 13) continue;
    DATE_HERE.lastIndex = r;
    if (DATE_HERE.test(work)) continue;

    while (brPtr < breaks.length && (breaks[brPtr] ?? 0) < p) brPtr++;
    const lineEnd = breaks[brPtr] ?? work.length;
    const bound = Math.min(lineEnd, cands[c + 1] ?? work.length);
    while (idPtr < ids.start.length && (ids.start[idPtr] ?? 0) < r) idPtr++;
    const idAhead = (ids.start[idPtr] ?? Infinity) < bound;

    // An ID before the next candidate, or a line start, is enough. A time or a
    // known source is not, mid-text: `前回は 2023.05.03 時事通信 の報道。` is a
    // summary mentioning a date, so those also need a sentence to have ended.
    let ok = idAhead || atLineStart(work, p, begin);
    if (!ok && afterBoundary(work, p, begin)) {
      ok = am[1] !== undefined || resolver.split(work.slice(r, Math.min(bound, r + 120))).recognised;
    }
    if (ok) accepted.push(p);
  }
  return accepted;
}

const BOUNDARY_CHAR = /[。．！？!?」』）)>\]】]/;
const HEADER_BEFORE = /年[\s\x1f]*月[\s\x1f]*日[\s\x1f]*出[\s\x1f]*典[\s\x1f]*標[\s\x1f]*題[\s\x1f]*要[\s\x1f]*旨[\s\x1f]*$/;

/** Whether the text before `p` ends a sentence, a tag (`/td>`) or the header row. */
function afterBoundary(work: string, p: number, begin: number): boolean {
  let k = p - 1;
  while (k >= begin && WS.test(work.charAt(k))) k--;
  if (k < begin) return true;
  return BOUNDARY_CHAR.test(work.charAt(k)) || HEADER_BEFORE.test(work.slice(Math.max(begin, k - 40), k + 1));
}

function atLineStart(work: string, p: number, begin: number): boolean {
  let k = p - 1;
  while (k >= begin) {
    const c = work.charCodeAt(k);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9 && c !== 0x3000 && c !== 0x1f && c !== 0xfeff) return false;
    k--;
  }
  return true;
}

/**
 * Text outside records. A header row is noted, other text is stray; whitespace
 * is absorbed by its neighbours so that the spans tile the input. Returns
 * whether anything was reported.
 */
function coverGap(work: string, from: number, to: number, raw: RawDiagnostic[], leading: boolean): boolean {
  if (from >= to) return false;
  const gap = work.slice(from, to);
  const items: { code: 'header-row' | 'stray-text'; start: number; end: number }[] = [];
  const addStray = (a: number, b: number): void => {
    let x = a;
    while (x < b && WS.test(gap.charAt(x))) x++;
    if (x < b) items.push({ code: 'stray-text', start: x, end: b });
  };
  HEADER_ROW.lastIndex = 0;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = HEADER_ROW.exec(gap)) !== null) {
    addStray(pos, m.index);
    items.push({ code: 'header-row', start: m.index, end: m.index + m[0].length });
    pos = m.index + m[0].length;
  }
  addStray(pos, gap.length);
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (!it) continue;
    const s = i === 0 ? 0 : it.start;
    const e = items[i + 1]?.start ?? gap.length;
    if (it.code === 'header-row') {
      raw.push({ code: 'header-row', message: 'The column header row was skipped.', start: from + s, end: from + e });
    } else {
      let b = it.end;
      while (b > it.start && WS.test(gap.charAt(b - 1))) b--;
      const preview = gap.slice(it.start, Math.min(b, it.start + 40)).replace(COLLAPSE, ' ');
      raw.push({
        code: 'stray-text',
        message: `${leading ? 'Text before the first record' : 'Text outside any record'} was not read as a record: "${preview}${b - it.start > 40 ? '…' : ''}"`,
        start: from + s,
        end: from + e,
      });
    }
  }
  return items.length > 0;
}

function readRecord(ctx: Context, start: number, end: number, idMark: IdMark | undefined): DigestRecord {
  const { work, resolver, raw, seen, nextSuffix, pad } = ctx;
  const unpad = (t: string, remnants: readonly unknown[]): string => (pad !== null && remnants.length > 0 ? t.replaceAll(pad, '') : t);
  DATE_HERE.lastIndex = start;
  const dateText = DATE_HERE.exec(work)?.[0] ?? '';
  const dateEnd = start + dateText.length;
  AFTER_DATE.lastIndex = dateEnd;
  const am = AFTER_DATE.exec(work);
  const headStart = dateEnd + (am ? am[0].length : 0);
  const date = isoDate(dateText);
  // Pushed straight into `raw` (no copies: a record may have a million), named once the ID is known.
  const ownFrom = raw.length;
  const report = (code: DiagnosticCode, message: string, s: number, e: number): void => {
    raw.push({ code, message, start: s, end: e, recordId: '' });
  };

  if (date && date.oddSeparator) {
    report('date-separator', `The date "${dateText}" uses an unusual separator; read as ${date.iso}.`, start, dateEnd);
  }
  if (date && !date.valid) report('invalid-date', `The date "${dateText}" does not exist.`, start, dateEnd);

  let time: string | null = null;
  if (am?.[1] !== undefined) {
    const h = Number(am[1]);
    const min = Number(am[2]);
    const timeStart = dateEnd + am[0].indexOf(am[1]);
    if (h <= 23 && min <= 59) time = `${pad2(h)}:${am[2]}`;
    else report('invalid-time', `The time "${am[1]}:${am[2]}" is out of range; time set to null.`, timeStart, timeStart + am[1].length + 3);
  } else {
    report('missing-time', 'The record has a date but no time; time is null.', start, dateEnd);
  }

  let headEnd: number;
  let bodyStart: number;
  let id: string;
  if (idMark) {
    headEnd = idMark.start;
    bodyStart = idMark.end;
    const d = idMark.digits;
    id = `${d.slice(0, 4)}-${d.slice(4)}`;
    if (date && date.valid && d.slice(4, 8) !== `${pad2(date.month)}${pad2(date.day)}`) {
      report('id-date-mismatch', `The ID <${id}> gives the day ${d.slice(4, 6)}-${d.slice(6, 8)} but the date is ${date.iso}.`, idMark.start, idMark.end);
    }
    // Only against a real month: for 2023.13.40 `invalid-date` already says it all.
    if (date && date.month >= 1 && date.month <= 12) {
      const yy = Number(d.slice(0, 2));
      const mm = Number(d.slice(2, 4));
      let diff = (Math.floor(date.year / 100) * 100 + yy - date.year) * 12 + (mm - date.month);
      if (diff < -600) diff += 1200;
      if (mm < 1 || mm > 12 || diff < 0 || diff > 2) {
        report('id-digest-month', `The ID <${id}> names digest month ${d.slice(0, 4)}, which does not follow the record's month ${date.iso.slice(0, 7)}.`, idMark.start, idMark.end);
      }
    }
    const first = seen.get(id);
    if (first !== undefined) {
      report('duplicate-id', `The ID <${id}> was already used by an earlier record dated ${first}. The parser keeps both; buildIndex keeps the first.`, idMark.start, idMark.end);
    } else {
      seen.set(id, date ? date.iso : dateText);
    }
  } else {
    // Without an ID the title ends where the first sentence begins.
    const rest = work.slice(headStart, end);
    const stop = rest.indexOf('。');
    let cut = rest.length;
    if (stop >= 0) {
      const sp = rest.slice(0, stop).search(/[ \t\u3000\x1f][^ \t\u3000\x1f]*$/);
      cut = sp >= 0 ? sp : 0;
    }
    headEnd = headStart + cut;
    bodyStart = headEnd;
    id = '';
    report('missing-id', 'The record has no <YYMM-MMDDNN> ID; it was kept under a generated id.', start, end);
  }

  const head = cleanHtml(work.slice(headStart, headEnd), pad);
  for (const r of head.remnants) report('html-remnant', remnantMessage(ctx, r.text), headStart + r.start, headStart + r.end);
  const split = resolver.split(unpad(head.text, head.remnants));
  if (!split.recognised && split.source !== '') {
    const shown = split.source.length > 40 ? `${split.source.slice(0, 40)}…` : split.source;
    report('unknown-source', `The source "${shown}" is not a known outlet; it was taken as the first word. Add it with options.sources.`, headStart, headEnd);
  }
  if (split.title === '') report('missing-title', 'The record has no title.', headStart, Math.max(headStart, headEnd));

  const body = cleanHtml(work.slice(bodyStart, end), pad);
  for (const r of body.remnants) report('html-remnant', remnantMessage(ctx, r.text), bodyStart + r.start, bodyStart + r.end);
  const parts = splitSummary(body.text, pad);
  for (const r of parts.reports) report(r.code, bracketMessage(r, pad), bodyStart + r.start, bodyStart + r.end);
  const summary = collapse(unpad(parts.body, body.remnants));
  // A 【註】 note runs to the end of the record, which in HTML mode ends with a
  // cell separator (\x1f) that splitSummary's \s-collapse does not remove.
  const notes = parts.notes.map((n) => collapse(unpad(n, body.remnants)));
  if (summary === '' && parts.notes.length === 0) report('empty-summary', 'The record has no summary.', bodyStart, end);

  if (id === '') {
    // A record without an ID is named by its whole content, so the name is the
    // same in any file and at any offset; a second record with the same content
    // (or, against odds of 2^-64, the same hash) gets -2, -3… in input order.
    const related = parts.related.map((r) => r.raw ?? r.id);
    const content = [time ?? '', split.source, split.title, summary, notes.join('\u0001'), related.join('\u0001')].join('\u0000');
    const base = `noid-${date ? date.iso : '0000-00-00'}-${contentHash(content)}`;
    id = base;
    if (seen.has(base)) {
      let n = nextSuffix.get(base) ?? 2;
      while (seen.has(`${base}-${n}`)) n++;
      id = `${base}-${n}`;
      nextSuffix.set(base, n + 1);
      report('duplicate-id', `The record has no ID and the same content as an earlier one dated ${seen.get(base) ?? dateText}; it was kept as ${id}.`, start, end);
    }
    seen.set(id, date ? date.iso : dateText);
  }
  for (let k = ownFrom; k < raw.length; k++) (raw[k] as RawDiagnostic).recordId = id;
  return {
    id,
    date: date ? date.iso : '0000-00-00',
    time,
    source: split.source,
    outlet: split.outlet,
    via: split.via,
    title: split.title,
    summary,
    related: parts.related,
    notes,
    position: { start, end },
  };
}

/** One message string per distinct remnant: a text can hold a million `&nbsp;`. */
function remnantMessage(ctx: Context, remnant: string): string {
  let m = ctx.remnantMessages.get(remnant);
  if (m === undefined) {
    m = `The HTML remnant "${remnant}" was removed.`;
    ctx.remnantMessages.set(remnant, m);
  }
  return m;
}

function bracketMessage(r: BracketReport, pad: string | null): string {
  const shown = (t: string): string => {
    // Cut before cleaning: the label can be the rest of a megabyte-long record.
    const s = collapse(pad === null ? t.slice(0, 400) : t.slice(0, 400).replaceAll(pad, ''));
    return s.length > 40 || t.length > 400 ? `${s.slice(0, 40)}…` : s;
  };
  switch (r.code) {
    case 'unknown-bracket':
      return `The bracket 【${shown(r.label)}】 is not one the parser reads; it was left in the summary.`;
    case 'unclosed-bracket':
      return 'A 【 bracket is never closed; its text was left in the summary.';
    case 'malformed-related':
      return `The cross-reference 【${shown(r.label)}:…】 names no ID; it was left in the summary.`;
    case 'related-text':
      return `The text "${shown(r.label)}" in a cross-reference is not a reference; it was kept in the summary.`;
    case 'invalid-date':
      return `The cross-reference date "${shown(r.label)}" does not exist; it was kept.`;
  }
}

/**
 * 64 bits in 14 base-36 digits: FNV-1a and a murmur3-style mix, two independent
 * 32-bit hashes of the same text (FNV-1a alone collided on real records).
 */
function contentHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    let k = Math.imul(c, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    b ^= k;
    b = (Math.imul((b << 13) | (b >>> 19), 5) + 0xe6546b64) | 0;
  }
  b ^= text.length;
  b = Math.imul(b ^ (b >>> 16), 0x85ebca6b);
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b ^= b >>> 16;
  return (a >>> 0).toString(36).padStart(7, '0') + (b >>> 0).toString(36).padStart(7, '0');
}

/** Maps working offsets back to the input, adds line and column, sorts, and applies `strict`. */
function finish(text: string, map: Int32Array | null, records: DigestRecord[], raw: RawDiagnostic[], options: ParseOptions): ParseResult {
  // Offset 0 stays 0: tags before the first working character (`<table>`) then
  // fall inside the first span, and `html-input` points at the input's start.
  const back = (o: number): number => (map && o > 0 ? (map[Math.min(o, map.length - 1)] ?? text.length) : o);
  if (map) {
    for (const r of records) r.position = { start: back(r.position.start), end: back(r.position.end) };
  }
  const starts = raw.length > 0 ? lineStarts(text) : [];
  const diagnostics: Diagnostic[] = raw.map((d) => {
    const start = back(d.start);
    const end = Math.max(start, back(d.end));
    const { line, column } = lineColumn(starts, start);
    const severity = DIAGNOSTIC_CODES[d.code];
    // One object literal per shape, not a property added later (a million diagnostics are possible).
    return d.recordId === undefined
      ? { code: d.code, severity, message: d.message, start, end, line, column }
      : { code: d.code, severity, message: d.message, start, end, line, column, recordId: d.recordId };
  });
  diagnostics.sort((a, b) => a.start - b.start || a.end - b.end);
  if (options.strict && diagnostics.some((d) => d.severity === 'error')) throw new DigestParseError(diagnostics);
  return { records, diagnostics };
}
