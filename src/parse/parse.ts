/**
 * parseDigest: digest text → typed records and positioned diagnostics.
 *
 * The layout is recognised first (plain text, an HTML table, CSV, a Markdown
 * table) and turned into a working text with a map back to the input; full-
 * width digits are folded in place. One forward pass then finds the places
 * where a record can start (a date at a word boundary, in any form the parser
 * reads); each is accepted on evidence (a line start, a time, an ID before the
 * next candidate, or a recognised source); a record runs to the next accepted
 * start, over the lines that continue it, and whatever no record claims is
 * reported. Every step is a global regex pass or a walk with monotone
 * pointers, so the whole parse is linear in the input.
 */
import { DIAGNOSTIC_CODES, DigestParseError, lineColumn, lineStarts } from '../diagnostics.js';
import type { Diagnostic, DiagnosticCode } from '../diagnostics.js';
import type { DigestRecord } from '../schema.js';
import { DATE_SOURCE, TIME, WEEKDAY, WEEKDAY_NAMES, isoDate, pad2, readTime, weekdayNamed, weekdayOf } from './date.js';
import { choosePad, cleanHtml } from './html.js';
import type { Remnant } from './html.js';
import { readLayout } from './layout.js';
import type { LayoutRead } from './layout.js';
import { SourceResolver } from './source.js';
import type { OutletSpec } from './source.js';
import { splitSummary } from './summary.js';
import { checkOptions } from '../validate.js';
import type { BracketReport } from './summary.js';
import { COLLAPSE, collapse } from './text.js';
import { SENTENCE_END, isHeaderRow, isJapanese, joinsWithoutSpace } from './working.js';

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
  /** Offsets are already the input's (a reader's report), not the working text's. */
  input?: true;
}

/** The first place a form was met, and how many times. */
interface FormSeen {
  start: number;
  end: number;
  count: number;
  example: string;
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
  /** Pads decoded entities (`cleanHtml`) and joined line breaks; null: entities are left as written, breaks read as spaces. */
  pad: string | null;
  /** Date and time forms met, reported once each. */
  forms: Partial<Record<'japanese-date' | 'japanese-time' | 'weekday', FormSeen>>;
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

/** A record's header as written: date, maybe a weekday and a time, then where the head starts. */
interface HeaderScan {
  dateText: string;
  dateEnd: number;
  weekday: RegExpExecArray | null;
  weekdayStart: number;
  time: RegExpExecArray | null;
  timeStart: number;
  headStart: number;
  /** A line break lies between the date and the head. */
  crossed: boolean;
}

/** Where a record starts: `start` (its date, or an ID cell before it) and its date. */
interface Starts {
  start: number[];
  date: number[];
}

// A date at a word boundary: after whitespace, a tag's `>`, a cell separator or a sentence end.
const DATE_AT = new RegExp(`(?<![^\\s>\\x1f。．！？」』）】])${DATE_SOURCE}`, 'g');
const DATE_HERE = new RegExp(DATE_SOURCE, 'y');
/**
 * `<YYMM-MMDDNN>`, or, in a table, a cell that holds only `YYMM-MMDDNN` (an ID
 * column as spreadsheets keep it): after a cell boundary or a line start and
 * up to three spaces, before spaces and a cell boundary.
 */
const ID_ALL = /(?:[<＜]|&lt;)[ \u3000]{0,3}(\d{4})-(\d{6})[ \u3000]{0,3}(?:[>＞]|&gt;)|(?<=(?:^|[\x1f\n\r])[ \t\u3000]{0,3})(\d{4})-(\d{6})(?=[ \t\u3000]{0,3}\x1f)/g;
const ID_AT = new RegExp(ID_ALL.source, 'y');
const HEADER_ROW = /年[\s\x1f]*月[\s\x1f]*日[\s\x1f]*出[\s\x1f]*典[\s\x1f]*標[\s\x1f]*題[\s\x1f]*要[\s\x1f]*旨/g;
const HEADER_ROW_AT = new RegExp(HEADER_ROW.source, 'y');
/** A line that starts with something date-like, in a form the parser may not read (`2025/6/26`, `26.06.2025`): not a sentence going on. */
const DATE_LIKE = /(?:\d{1,4}[.:/\-．／－年]\d{1,2}[.:/\-．／－月]\d{1,4}|令和|平成|昭和)/y;
const WS = /[\s\x1f\ufeff]/;
const BLANK = /^[\s\x1f\ufeff]*$/;
/** Brackets that can enclose a whole trailer line: `(Yahoo)`, `「見出し」`. */
const ENCLOSING: Readonly<Record<string, string>> = {
  '(': ')', '（': '）', '「': '」', '『': '』', '[': ']', '［': '］', '〔': '〕', '《': '》', '〈': '〉', '"': '"', '“': '”', '＂': '＂',
};

const isSpaceCode = (c: number): boolean => c === 32 || c === 9 || c === 0x3000 || c === 0x1f;
function skipSpace(work: string, k: number): number {
  while (k < work.length && isSpaceCode(work.charCodeAt(k))) k++;
  return k;
}
/** Length of the line break at `k` (2 for `\r\n`), 0 when there is none. */
function breakLen(work: string, k: number): number {
  const c = work.charCodeAt(k);
  if (c === 13) return work.charCodeAt(k + 1) === 10 ? 2 : 1;
  return c === 10 ? 1 : 0;
}

/**
 * Parses a digest. Never throws on bad text: every oddity becomes a diagnostic
 * with its offset, line and column. Throws `TypeError` when `text` is not a
 * string, and `DigestParseError` with `{ strict: true }` when there are errors.
 */
export function parseDigest(text: string, options: ParseOptions = {}): ParseResult {
  if (typeof text !== 'string') {
    throw new TypeError(`ja-digest-search: parseDigest expects a string, got ${text === null ? 'null' : typeof text}`);
  }
  checkOptions('parseDigest', options);
  const raw: RawDiagnostic[] = [];
  const records: DigestRecord[] = [];
  if (text.length === 0) {
    raw.push({ code: 'empty-input', message: 'The input is empty.', start: 0, end: 0 });
    return finish(text, null, records, raw, options);
  }

  const read = readLayout(text);
  const { work, map } = read;
  reportLayout(read, raw);
  let begin = 0;
  if (work.charCodeAt(0) === 0xfeff) {
    // Every layout keeps the mark as the working text's first character: input offsets 0–1.
    raw.push({ code: 'bom', message: 'A byte-order mark was skipped.', start: 0, end: 1, input: true });
    begin = 1;
  }

  const resolver = new SourceResolver(options.sources ?? []);
  const ids = findIds(work);
  const breaks = findBreaks(work);
  const found = acceptStarts(work, read.unfolded, begin, ids, breaks, resolver);
  const ctx: Context = { work, resolver, raw, seen: new Map(), nextSuffix: new Map(), remnantMessages: new Map(), pad: choosePad(work), forms: {} };
  const rowsAreLines = read.layout === 'csv' || read.layout === 'markdown';
  const toInput = (o: number): number => (map ? (map[Math.min(o, map.length - 1)] ?? text.length) : o);

  // Pass 1: where each record ends, and the line breaks inside it.
  const n = found.start.length;
  const heads: HeaderScan[] = [];
  const ends: number[] = [];
  const tails: number[] = [];
  const idMarks: (IdMark | undefined)[] = [];
  const joinAt: number[] = [];
  const joinLen: number[] = [];
  const joinFrom: number[] = [];
  let headBreak = false;
  let idPtr = 0;
  let idLine = 0;
  let brPtr = 0;
  let gapStart = begin;
  let strayBefore = false;
  for (let i = 0; i < n; i++) {
    const start = found.start[i] ?? 0;
    const limit = found.start[i + 1] ?? work.length;
    const reported = coverGap(work, gapStart, start, raw, i === 0);
    if (i === 0) strayBefore = reported;
    const h = scanHeader(work, found.date[i] ?? start) as HeaderScan; // accepted starts always scan
    heads.push(h);
    if (h.crossed) headBreak = true;

    // The record runs to the end of the line its head starts on, then on over
    // the lines that continue it (see `docs/format.md`, "Where a record ends").
    while (brPtr < breaks.length && (breaks[brPtr] ?? 0) < h.headStart) brPtr++;
    let end = Math.min(breaks[brPtr] ?? work.length, limit);
    while (idPtr < ids.start.length && (ids.start[idPtr] ?? 0) < start) idPtr++;
    joinFrom.push(joinAt.length);
    let clearUntil = -1;
    while (end < limit) {
      let k = end - 1;
      let cellEnd = false;
      while (k > start && WS.test(work.charAt(k))) {
        if (work.charCodeAt(k) === 0x1f) cellEnd = true;
        k--;
      }
      // A CSV or Markdown row is one line: what follows it is not the record's.
      if (cellEnd && rowsAreLines) break;
      const finished = SENTENCE_END.test(work.charAt(k));
      const next = end + breakLen(work, end);
      while (brPtr < breaks.length && (breaks[brPtr] ?? 0) < next) brPtr++;
      const nextEnd = Math.min(breaks[brPtr] ?? work.length, limit);
      if (BLANK.test(work.slice(next, nextEnd))) break; // cell separators count as blank too
      const first = skipSpace(work, next);
      if (startsHeaderRow(work, first, nextEnd)) break;
      // A second ID: the line belongs to a record the parser could not start.
      while (idLine < ids.start.length && (ids.start[idLine] ?? 0) < next) idLine++;
      if ((ids.end[idPtr] ?? Infinity) <= end && (ids.start[idLine] ?? Infinity) < nextEnd) break;
      if (finished) {
        DATE_LIKE.lastIndex = first;
        if (DATE_LIKE.test(work)) break;
        if (next >= clearUntil && isFragment(work, first, nextEnd, resolver)) {
          // `(Yahoo)` / `「見出し」` after the last record: a trailer, unless a sentence follows.
          const clear = sentenceAhead(work, next, limit, breaks, brPtr);
          if (clear < 0) break;
          clearUntil = clear;
        }
      }
      joinAt.push(end);
      joinLen.push(next - end);
      end = nextEnd;
    }
    const idMark = (ids.end[idPtr] ?? Infinity) <= end ? idAt(work, ids.start[idPtr] ?? 0) : undefined;
    if (idMark && (joinAt[joinFrom[i] ?? 0] ?? Infinity) < idMark.start) headBreak = true;
    idMarks.push(idMark);
    ends.push(end);

    // Trailing whitespace belongs to the record; anything else up to the next record is reported.
    let tail = end;
    while (tail < limit && WS.test(work.charAt(tail))) tail++;
    tails.push(tail);
    gapStart = tail;
    if (tail < limit) {
      coverGap(work, tail, limit, raw, false);
      gapStart = limit;
    }
  }
  joinFrom.push(joinAt.length);
  if (n === 0) {
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

  // Pass 2: read each record, its wrapped lines joined. Two or more line
  // breaks inside records, or one inside a title, show a wrapped text; a single
  // break in a summary may be the writer's own and reads as a space.
  const wrapped = joinAt.length >= 2 || headBreak;
  // Cut at a fixed width whatever falls there, Latin words too: no break is a space.
  const hard = wrapped && hardWrapped(text, work, read.unfolded, joinAt, joinLen, toInput);
  // A header row the reader left out, before the first record: the record starts where the header ends.
  const header = read.skipped[0];
  const headerFirst = header !== undefined && n > 0 && header.start <= toInput(found.start[0] ?? 0);
  let joined = 0;
  for (let i = 0; i < n; i++) {
    const start = found.start[i] ?? 0;
    const end = ends[i] ?? start;
    const seg = joinLines(work, read.unfolded, start, end, joinAt, joinLen, joinFrom[i] ?? 0, joinFrom[i + 1] ?? 0, wrapped ? ctx.pad : null, hard);
    joined += seg.joined;
    const record = readRecord(ctx, seg.text, start, heads[i] as HeaderScan, end, idMarks[i], seg.padded > 0);
    record.position = { start: i === 0 && !strayBefore && !headerFirst ? begin : start, end: tails[i] ?? end };
    records.push(record);
  }
  if (wrapped && joinAt.length > 0) {
    const b = joinAt[0] ?? 0;
    raw.push({
      code: 'wrapped-lines',
      message: hard
        ? `Lines cut at a fixed width inside records were joined without a space (${joinAt.length} line break${joinAt.length === 1 ? '' : 's'}).`
        : `Lines wrapped inside records were joined (${joinAt.length} line break${joinAt.length === 1 ? '' : 's'}, ${joined} without a space): no space where Japanese text meets the break, a space after a sentence end or between Latin words.`,
      start: b,
      end: b + (joinLen[0] ?? 1),
    });
  }
  reportForms(text, read, ctx);

  return finish(text, map, records, raw, options, headerFirst && !strayBefore ? header.end : undefined);
}

/** The layout met, header rows left out and quotes read as characters. */
function reportLayout(read: LayoutRead, raw: RawDiagnostic[]): void {
  if (read.layout === 'html') {
    raw.push({ code: 'html-input', message: 'Read as an HTML table: rows are records, cells are fields.', start: 0, end: 0 });
  } else if (read.layout === 'csv') {
    const kind = read.delimiter === '\t' ? 'tab-separated' : read.delimiter === ';' ? 'semicolon-separated' : 'comma-separated';
    raw.push({ code: 'csv-input', message: `Read as CSV (${kind}): rows are records, cells are fields.`, start: 0, end: 0 });
  } else if (read.layout === 'markdown') {
    raw.push({ code: 'markdown-input', message: 'Read as a Markdown table: rows are records, cells are fields.', start: 0, end: 0 });
  }
  // The row and its line break: the first record starts where it ends.
  for (const s of read.skipped) raw.push({ code: 'header-row', message: 'The column header row was skipped.', start: s.start, end: s.end, input: true });
  for (const q of read.quotes) {
    raw.push({
      code: 'unclosed-quote',
      message:
        q.kind === 'unclosed'
          ? 'A quote opens a cell and is not closed before the row ends; it was read as a character.'
          : 'A quoted cell goes on after its closing quote; the cell was read as written, quotes included.',
      start: q.start,
      end: q.end,
      input: true,
    });
  }
}

/** One info diagnostic per form met, at its first place, with a count. */
function reportForms(text: string, read: LayoutRead, ctx: Context): void {
  const shown = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
  if (read.width) {
    const example = text.slice(read.width.start, read.width.end);
    ctx.raw.push({
      code: 'full-width-digits',
      message: `Full-width digits ("${shown(example)}") were read as ASCII: ${read.widthCount} number${read.widthCount === 1 ? '' : 's'}.`,
      start: read.width.start,
      end: read.width.end,
      input: true,
    });
  }
  const texts = {
    'japanese-date': (f: FormSeen) => `Dates written the Japanese way ("${f.example}") were read as YYYY-MM-DD: ${f.count} record${f.count === 1 ? '' : 's'}.`,
    'japanese-time': (f: FormSeen) => `Times written the Japanese way ("${f.example}") were read as HH:MM: ${f.count} record${f.count === 1 ? '' : 's'}.`,
    weekday: (f: FormSeen) => `Weekdays after dates ("${f.example}") were read and checked against the dates: ${f.count} record${f.count === 1 ? '' : 's'}.`,
  } as const;
  for (const code of ['japanese-date', 'japanese-time', 'weekday'] as const) {
    const f = ctx.forms[code];
    if (f) ctx.raw.push({ code, message: texts[code](f), start: f.start, end: f.end });
  }
}

function noteForm(ctx: Context, code: keyof Context['forms'], start: number, end: number): void {
  const f = ctx.forms[code];
  if (f) f.count++;
  else ctx.forms[code] = { start, end, count: 1, example: ctx.work.slice(start, end) };
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
  return m ? { start, end: start + m[0].length, digits: m[1] !== undefined ? `${m[1]}${m[2]}` : `${m[3]}${m[4]}` } : undefined;
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

/**
 * Reads a record's header at `p`: the date, a weekday in brackets, spaces, a
 * time and its spaces; each run of spaces may hold one line break (a wrapped
 * line), not two (a blank line). Undefined when `p`
 * holds no date, or nothing follows it: a dotted date must be followed by a
 * space or a cell boundary, a Japanese one (`…日`, or a weekday) by a space or
 * a time; a time by a space, unless it ends in 分 or 半.
 */
function scanHeader(work: string, p: number): HeaderScan | undefined {
  DATE_HERE.lastIndex = p;
  const dm = DATE_HERE.exec(work);
  if (!dm) return undefined;
  const dateEnd = p + dm[0].length;
  let q = dateEnd;
  let crossed = false;
  WEEKDAY.lastIndex = q;
  let wm = WEEKDAY.exec(work);
  let weekdayStart = q;
  if (!wm) {
    // A weekday after more spaces, or on the next line of a wrapped text: `2025.06.26\n(木)`.
    let w = skipSpace(work, q);
    const wb = breakLen(work, w);
    if (wb > 0) w = skipSpace(work, w + wb);
    if (w > q) {
      WEEKDAY.lastIndex = w;
      wm = WEEKDAY.exec(work);
      if (wm) {
        weekdayStart = w;
        crossed = wb > 0;
      }
    }
  }
  if (wm) q = weekdayStart + wm[0].length;
  let r = skipSpace(work, q);
  const bl = breakLen(work, r);
  if (bl > 0) {
    const after = skipSpace(work, r + bl);
    if (after >= work.length || breakLen(work, after) > 0) return undefined;
    r = after;
    crossed = true;
  }
  if (r >= work.length) return undefined;
  const scan: HeaderScan = { dateText: dm[0], dateEnd, weekday: wm, weekdayStart, time: null, timeStart: -1, headStart: r, crossed };
  TIME.lastIndex = r;
  const tm = TIME.exec(work);
  if (tm) {
    const t = r + tm[0].length;
    const s = skipSpace(work, t);
    const bl2 = breakLen(work, s);
    let head = -1;
    if (bl2 > 0) {
      const after = skipSpace(work, s + bl2);
      if (after < work.length && breakLen(work, after) === 0) {
        head = after;
        scan.crossed = true;
      }
    } else if (s < work.length && (s > t || readTime(tm).closed)) {
      head = s;
    }
    if (head >= 0) {
      scan.time = tm;
      scan.timeStart = r;
      scan.headStart = head;
    }
  }
  // Without a space after it, a date needs its own end (日, a weekday) and a time right after.
  if (r === q && (scan.time === null || !(wm !== null || dm[0].endsWith('日')))) return undefined;
  return scan;
}

/** Candidate record starts that have enough evidence to be one. */
function acceptStarts(work: string, unfolded: string, begin: number, ids: IdSpans, breaks: number[], resolver: SourceResolver): Starts {
  const cands: number[] = [];
  const scans: HeaderScan[] = [];
  DATE_AT.lastIndex = begin;
  for (let m = DATE_AT.exec(work); m !== null; m = DATE_AT.exec(work)) {
    const h = scanHeader(work, m.index);
    if (h) {
      cands.push(m.index);
      scans.push(h);
    }
  }

  const out: Starts = { start: [], date: [] };
  let idPtr = 0;
  let idBack = 0;
  let brPtr = 0;
  let far = 0;
  for (let c = 0; c < cands.length; c++) {
    const p = cands[c] ?? 0;
    const h = scans[c] as HeaderScan;
    // A date followed by another date is not a record header.
    DATE_HERE.lastIndex = h.headStart;
    if (DATE_HERE.test(work)) continue;

    while (brPtr < breaks.length && (breaks[brPtr] ?? 0) < h.headStart) brPtr++;
    // The ID may be on the head's line or, in wrapped text, on the lines after it
    // (a title wrapped at 20 characters takes several): up to the next candidate,
    // through the next line, and on to the line end 200 characters after the head.
    far = Math.max(far, brPtr + 1);
    while (far < breaks.length && (breaks[far] ?? 0) < h.headStart + 200) far++;
    const bound = Math.min(breaks[far] ?? work.length, cands[c + 1] ?? work.length);
    while (idPtr < ids.start.length && (ids.start[idPtr] ?? 0) < h.headStart) idPtr++;
    const idAhead = (ids.start[idPtr] ?? Infinity) < bound;

    // An ID cell before the date cell (`<2507-062601>,2025.06.26,…`): the record starts at the ID.
    let lead = -1;
    let k = p - 1;
    while (k >= begin && isSpaceCode(work.charCodeAt(k))) k--;
    if (k >= begin) {
      while (idBack < ids.end.length && (ids.end[idBack] ?? 0) < k + 1) idBack++;
      const s = ids.start[idBack] ?? -1;
      if (ids.end[idBack] === k + 1 && atLineStart(work, s, begin)) lead = s;
    }

    let known: boolean | undefined;
    const source = (): boolean => {
      if (known === undefined) {
        const to = Math.min(bound, h.headStart + 120);
        const head = work.slice(h.headStart, to);
        known = resolver.split(/[\r\n]/.test(head) ? joinSnippet(head, unfolded.slice(h.headStart, to)) : head).recognised;
      }
      return known;
    };
    const hasTime = h.time !== null;
    // A date at the end of its line needs more than its place to start a record.
    if (h.crossed && !hasTime && !idAhead && lead < 0 && !source()) continue;
    // An ID before the next candidate, or a line start, is enough. A time or a
    // known source is not, mid-text: `前回は 2023.05.03 時事通信 の報道。` is a
    // summary mentioning a date, so those also need a sentence to have ended.
    let ok = idAhead || lead >= 0 || atLineStart(work, p, begin);
    if (!ok && afterBoundary(work, p, begin)) ok = hasTime || source();
    if (ok) {
      out.start.push(lead >= 0 ? lead : p);
      out.date.push(p);
    }
  }
  return out;
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

/** Whether the line at `first` is a column header: `年 月 日 出 典 標 題 要 旨`, or column names (`Date Source Title Summary`). */
function startsHeaderRow(work: string, first: number, lineEnd: number): boolean {
  if (work.charAt(first) === '年') {
    HEADER_ROW_AT.lastIndex = first;
    if (HEADER_ROW_AT.test(work)) return true;
  }
  return lineEnd - first <= 120 && isHeaderRow(work.slice(first, lineEnd).split(/[\s\x1f,|]+/));
}

/**
 * Whether a line is a fragment of a record header rather than text: wholly in
 * one pair of brackets or quotes (`(Yahoo)`, `「日・NATO、初の『政治宣言』…」`),
 * or a source alone (`Yahoo`, `共同通信`, `CNN(Yahoo)`).
 */
function isFragment(work: string, first: number, lineEnd: number, resolver: SourceResolver): boolean {
  let e = lineEnd;
  while (e > first && WS.test(work.charAt(e - 1))) e--;
  if (e <= first || e - first > 200) return false;
  const open = work.charAt(first);
  const close = ENCLOSING[open];
  if (close !== undefined && e - first >= 2 && work.charAt(e - 1) === close) {
    if (open === close) return true;
    let depth = 0;
    for (let k = first; k < e; k++) {
      const c = work.charAt(k);
      if (c === open) depth++;
      else if (c === close && --depth === 0) return k === e - 1;
    }
    return false;
  }
  return resolver.isSourceOnly(work.slice(first, e));
}

/**
 * From a fragment line at `from`, the end of the first line up to `limit`
 * that finishes a sentence (the fragment was text after all), or -1 when none
 * does before a blank line or `limit` (the lines are a trailer).
 */
function sentenceAhead(work: string, from: number, limit: number, breaks: readonly number[], brIdx: number): number {
  let a = from;
  let bi = brIdx;
  while (a < limit) {
    const b = Math.min(breaks[bi] ?? work.length, limit);
    let k = b - 1;
    while (k >= a && WS.test(work.charAt(k))) k--;
    if (k < a) return -1;
    if (SENTENCE_END.test(work.charAt(k))) return b;
    if (b >= limit) return -1;
    a = b + breakLen(work, b);
    bi++;
  }
  return -1;
}

/**
 * Whether the text was cut at a fixed width, whatever fell there (`NA` +
 * `TO`), rather than wrapped between words. Evidence: at least three breaks
 * inside records; four in five of their lines one length (in input
 * characters); no break between two Latin characters on a shorter line (a word
 * wrapper leaves those short, having moved the word); and the breaks between
 * Latin characters on full lines cut words: the two halves joined occur
 * unbroken elsewhere in the text (`NATO`) more often than with a space
 * (`TBS News`), or a line starts with a space (a word wrapper never leaves
 * one). Linear: each line is measured once, and at most 16 words are looked
 * up, each in the first 256 KB.
 */
function hardWrapped(
  text: string,
  work: string,
  unfolded: string,
  joinAt: readonly number[],
  joinLen: readonly number[],
  toInput: (o: number) => number,
): boolean {
  if (joinAt.length < 3) return false;
  const counts = new Map<number, number>();
  const lengths: number[] = [];
  const latin: boolean[] = [];
  const isLatin = (c: string): boolean => c !== '' && !/[\s\x1f]/.test(c) && !isJapanese(c);
  for (let k = 0; k < joinAt.length; k++) {
    const b = joinAt[k] ?? 0;
    // The input line's length: a break dropped inside a date must not make two lines one.
    const end = toInput(b);
    let from = end;
    while (from > 0 && text.charCodeAt(from - 1) !== 10 && text.charCodeAt(from - 1) !== 13) from--;
    const length = end - from;
    lengths.push(length);
    counts.set(length, (counts.get(length) ?? 0) + 1);
    latin.push(isLatin(unfolded.charAt(b - 1)) && isLatin(unfolded.charAt(b + (joinLen[k] ?? 1))));
  }
  let width = -1;
  let most = 0;
  for (const [length, count] of counts) {
    if (count > most) {
      most = count;
      width = length;
    }
  }
  if (most * 5 < joinAt.length * 4) return false;
  const haystack = work.length > 262144 ? work.slice(0, 262144) : work;
  let cut = 0;
  let joinedVotes = 0;
  let spacedVotes = 0;
  let indented = false;
  let looked = 0;
  for (let k = 0; k < lengths.length; k++) {
    const b = joinAt[k] ?? 0;
    const after = b + (joinLen[k] ?? 1);
    if (/[ \t\u3000]/.test(unfolded.charAt(after))) indented = true;
    if (!latin[k]) continue;
    const length = lengths[k] ?? 0;
    // A shorter line: a word wrapper moved the word there.
    if (length < width) return false;
    if (length !== width) continue;
    cut++;
    if (looked < 16) {
      looked++;
      let l = b;
      while (l > 0 && b - l < 30 && isLatin(unfolded.charAt(l - 1))) l--;
      let r = after;
      while (r < work.length && r - after < 30 && isLatin(unfolded.charAt(r))) r++;
      const left = work.slice(l, b);
      const right = work.slice(after, r);
      if (haystack.includes(left + right)) joinedVotes++;
      else if (haystack.includes(`${left} ${right}`)) spacedVotes++;
    }
  }
  return cut > 0 && (joinedVotes > spacedVotes || (indented && spacedVotes === 0));
}

/** A few lines of text joined as wrapped lines are (`時事通` + `信記事` → `時事通信記事`), to recognise a source. */
function joinSnippet(text: string, unfolded: string): string {
  return text.replace(/\r\n|\n|\r/g, (br: string, at: number) => (joinsWithoutSpace(unfolded, at - 1, at + br.length) ? '' : ' '));
}

/**
 * The record's text with the line breaks inside it read: each becomes spaces,
 * or, in a wrapped text where Japanese text meets the break (`joinsWithoutSpace`),
 * the pad character, which the field readers drop, so the lines join without a
 * space. Same length as the record, so offsets carry over.
 */
function joinLines(
  work: string,
  unfolded: string,
  start: number,
  end: number,
  joinAt: readonly number[],
  joinLen: readonly number[],
  from: number,
  to: number,
  pad: string | null,
  hard: boolean,
): { text: string; joined: number; padded: number } {
  if (from >= to) return { text: work.slice(start, end), joined: 0, padded: 0 };
  const parts: string[] = [];
  let cur = start;
  let joined = 0;
  let padded = 0;
  for (let k = from; k < to; k++) {
    const b = joinAt[k] ?? 0;
    const len = joinLen[k] ?? 1;
    parts.push(work.slice(cur, b));
    // A space written at the line's end or start already separates: the break adds nothing.
    const spaced = isSpaceCode(work.charCodeAt(b - 1)) || isSpaceCode(work.charCodeAt(b + len));
    if (pad !== null && (spaced || hard || joinsWithoutSpace(unfolded, b - 1, b + len))) {
      parts.push(len === 1 ? pad : pad + pad);
      padded++;
      if (!spaced) joined++;
    } else {
      parts.push(len === 1 ? ' ' : '  ');
    }
    cur = b + len;
  }
  parts.push(work.slice(cur, end));
  return { text: parts.join(''), joined, padded };
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
  /** Text between header rows: lines of column names are header rows too, the rest is stray. */
  const addText = (a: number, b: number): void => {
    let strayFrom = a;
    let ls = a;
    while (ls < b) {
      let le = ls;
      while (le < b && gap.charCodeAt(le) !== 10 && gap.charCodeAt(le) !== 13) le++;
      let s = ls;
      while (s < le && WS.test(gap.charAt(s))) s++;
      if (le - s > 0 && le - s <= 120 && isHeaderRow(gap.slice(s, le).split(/[\s\x1f,|]+/))) {
        addStray(strayFrom, s);
        items.push({ code: 'header-row', start: s, end: le });
        strayFrom = le;
      }
      ls = le + 1;
    }
    addStray(strayFrom, b);
  };
  HEADER_ROW.lastIndex = 0;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = HEADER_ROW.exec(gap)) !== null) {
    addText(pos, m.index);
    items.push({ code: 'header-row', start: m.index, end: m.index + m[0].length });
    pos = m.index + m[0].length;
  }
  addText(pos, gap.length);
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

/** Where the title ends when no ID says so: before the last word ahead of the first `。` (0 when there is none), or the whole text. */
function sentenceCut(text: string): number {
  const stop = text.indexOf('。');
  if (stop < 0) return text.length;
  const sp = text.slice(0, stop).search(/[ \t\u3000\x1f][^ \t\u3000\x1f]*$/);
  return sp >= 0 ? sp : 0;
}

/**
 * The cells of a row between `from` and `to` (offsets in `seg`), for a record
 * whose ID is not between its title and its summary: leading empty cells and
 * the empty rest after the last cell boundary are dropped, and so is a cell
 * that holds only the ID.
 */
function textCells(seg: string, from: number, to: number, id: { start: number; end: number } | null): [number, number][] {
  const cells: [number, number][] = [];
  let s = from;
  for (let k = from; k <= to; k++) {
    if (k < to && seg.charCodeAt(k) !== 0x1f) continue;
    if (k === to && BLANK.test(seg.slice(s, to))) break;
    const onlyId = id !== null && id.start >= s && id.end <= k && BLANK.test(seg.slice(s, id.start) + seg.slice(id.end, k));
    if (!onlyId && !(cells.length === 0 && BLANK.test(seg.slice(s, k)))) cells.push([s, k]);
    s = k + 1;
  }
  return cells;
}

function readRecord(ctx: Context, seg: string, base: number, h: HeaderScan, end: number, idMark: IdMark | undefined, joined: boolean): DigestRecord {
  const { resolver, raw, seen, nextSuffix, pad } = ctx;
  const unpad = (t: string, remnants: readonly unknown[]): string => (pad !== null && (joined || remnants.length > 0) ? t.replaceAll(pad, '') : t);
  const dateText = h.dateText;
  const dateEnd = h.dateEnd;
  const dateAt = dateEnd - dateText.length;
  const start = base;
  const date = isoDate(dateText);
  // Pushed straight into `raw` (no copies: a record may have a million), named once the ID is known.
  const ownFrom = raw.length;
  const report = (code: DiagnosticCode, message: string, s: number, e: number): void => {
    raw.push({ code, message, start: s, end: e, recordId: '' });
  };

  if (date && date.oddSeparator) {
    report('date-separator', `The date "${dateText}" uses an unusual separator; read as ${date.iso}.`, dateAt, dateEnd);
  }
  if (date && !date.valid) report('invalid-date', `The date "${dateText}" does not exist.`, dateAt, dateEnd);
  if (date && date.form !== 'dotted') noteForm(ctx, 'japanese-date', dateAt, dateEnd);
  if (h.weekday) {
    let ws = h.weekdayStart;
    if (isSpaceCode(ctx.work.charCodeAt(ws))) ws++;
    const we = h.weekdayStart + h.weekday[0].length;
    noteForm(ctx, 'weekday', ws, we);
    const named = weekdayNamed(h.weekday);
    if (named !== null && date && date.valid) {
      const actual = weekdayOf(date.year, date.month, date.day);
      if (actual !== named) {
        report('weekday-mismatch', `The weekday "${ctx.work.slice(ws, we)}" does not match ${date.iso}, a ${WEEKDAY_NAMES.charAt(actual)}曜日; the date was kept.`, ws, we);
      }
    }
  }

  let time: string | null = null;
  if (h.time) {
    const t = readTime(h.time);
    const text = h.time[0];
    if (t.japanese) noteForm(ctx, 'japanese-time', h.timeStart, h.timeStart + text.length);
    if (t.hour <= 23 && t.minute <= 59) time = `${pad2(t.hour)}:${pad2(t.minute)}`;
    else report('invalid-time', `The time "${text}" is out of range; time set to null.`, h.timeStart, h.timeStart + text.length);
  } else {
    report('missing-time', 'The record has a date but no time; time is null.', dateAt, dateEnd);
  }

  const rel = (o: number): number => o - base;
  const headStart = h.headStart;
  let headFrom = headStart;
  let headTo: number;
  let bodyFrom: number;
  let bodyTo = end;
  let id: string;
  if (idMark) {
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

    const before = idMark.start < headStart;
    const headEmpty = !before && BLANK.test(seg.slice(rel(headStart), rel(idMark.start)));
    const bodyEmpty = !before && BLANK.test(seg.slice(rel(idMark.end), rel(end)));
    if (!before && !headEmpty && !bodyEmpty) {
      // The ID sits between the title and the summary, as in the seed.
      headTo = idMark.start;
      bodyFrom = idMark.end;
    } else {
      // The ID is elsewhere: in a cell before the date, right after the time, or at the end.
      const inside = before ? null : { start: rel(idMark.start), end: rel(idMark.end) };
      const cells = seg.includes('\x1f', rel(headStart)) ? textCells(seg, rel(headStart), rel(end), inside) : [];
      const last = cells[cells.length - 1];
      if (cells.length >= 2 && last) {
        // Cells are fields: the last one is the summary, the ones before it the source and title.
        headFrom = base + (cells[0]?.[0] ?? 0);
        headTo = base + last[0];
        bodyFrom = headTo;
        if (!before) seg = `${seg.slice(0, inside?.start ?? 0)}${' '.repeat(idMark.end - idMark.start)}${seg.slice(inside?.end ?? 0)}`;
      } else {
        // Text: the title ends where the first sentence begins, as without an ID.
        let a = headStart;
        let b = end;
        if (headEmpty) a = idMark.end;
        else if (!before) b = idMark.start;
        const region = seg.slice(rel(a), rel(b));
        if (before || region.includes('。')) {
          headFrom = a;
          headTo = a + sentenceCut(region);
          bodyFrom = headTo;
          bodyTo = b;
        } else {
          // No sentence to go by: the ID still divides (an empty title or summary is reported).
          headTo = idMark.start;
          bodyFrom = idMark.end;
        }
      }
    }
  } else {
    // Without an ID the title ends where the first sentence begins.
    headTo = headStart + sentenceCut(seg.slice(rel(headStart), rel(end)));
    bodyFrom = headTo;
    id = '';
    report('missing-id', 'The record has no <YYMM-MMDDNN> ID; it was kept under a generated id.', start, end);
  }

  const head = cleanHtml(seg.slice(rel(headFrom), rel(headTo)), pad);
  for (const r of head.remnants) report('html-remnant', remnantMessage(ctx, r), headFrom + r.start, headFrom + r.end);
  // Runs of spaces as one (`Jane's  360` is `Jane's 360`); tabs and cell boundaries stay, they divide.
  const headText = unpad(head.text, head.remnants);
  const split = resolver.split(headText.includes('  ') ? headText.replace(/ {2,}/g, ' ') : headText);
  if (!split.recognised && split.source !== '') {
    const shown = split.source.length > 40 ? `${split.source.slice(0, 40)}…` : split.source;
    report('unknown-source', `The source "${shown}" is not a known outlet; it was taken as the first word. Add it with options.sources.`, headFrom, headTo);
  }
  if (split.title === '') report('missing-title', 'The record has no title.', headFrom, Math.max(headFrom, headTo));

  const body = cleanHtml(seg.slice(rel(bodyFrom), rel(bodyTo)), pad);
  for (const r of body.remnants) report('html-remnant', remnantMessage(ctx, r), bodyFrom + r.start, bodyFrom + r.end);
  const parts = splitSummary(body.text, pad);
  for (const r of parts.reports) report(r.code, bracketMessage(r, pad), bodyFrom + r.start, bodyFrom + r.end);
  const summary = collapse(unpad(parts.body, body.remnants));
  // A 【註】 note runs to the end of the record, which in HTML mode ends with a
  // cell separator (\x1f) that splitSummary's \s-collapse does not remove.
  const notes = parts.notes.map((n) => collapse(unpad(n, body.remnants)));
  if (summary === '' && parts.notes.length === 0) report('empty-summary', 'The record has no summary.', bodyFrom, end);

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
function remnantMessage(ctx: Context, remnant: Remnant): string {
  if (remnant.count > 1) {
    return remnant.same
      ? `The HTML remnant "${remnant.text}" was removed ${remnant.count} times in a row.`
      : `${remnant.count} HTML remnants in a row, starting with "${remnant.text}", were removed.`;
  }
  let m = ctx.remnantMessages.get(remnant.text);
  if (m === undefined) {
    m = `The HTML remnant "${remnant.text}" was removed.`;
    ctx.remnantMessages.set(remnant.text, m);
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
function finish(text: string, map: Int32Array | null, records: DigestRecord[], raw: RawDiagnostic[], options: ParseOptions, firstStart?: number): ParseResult {
  // Offset 0 stays 0: tags before the first working character (`<table>`) then
  // fall inside the first span, and `html-input` points at the input's start.
  const back = (o: number): number => (map && o > 0 ? (map[Math.min(o, map.length - 1)] ?? text.length) : o);
  if (map) {
    for (const r of records) r.position = { start: back(r.position.start), end: back(r.position.end) };
  }
  const first = records[0];
  // After a header row a reader left out, the first record starts where the header ends (so the spans tile).
  if (first && firstStart !== undefined && firstStart <= first.position.end) first.position = { start: firstStart, end: first.position.end };
  const starts = raw.length > 0 ? lineStarts(text) : [];
  const diagnostics: Diagnostic[] = raw.map((d) => {
    const start = d.input ? d.start : back(d.start);
    const end = Math.max(start, d.input ? d.end : back(d.end));
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
