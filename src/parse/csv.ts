/**
 * CSV (RFC 4180), as spreadsheets save a digest: cells separated by commas
 * (or tabs, or the semicolons of European locales), rows by CRLF or LF, a
 * cell quoted with `"` when it holds the delimiter, a quote (doubled) or a
 * line break. A small state machine rather than a library: the parser needs
 * the original offset of every character it reads, which no well-kept CSV
 * parser gives (papaparse and csv-parse report rows and cells, not where each
 * character of a cell came from).
 *
 * Lenient where spreadsheets and people are: spaces before an opening quote
 * are allowed; a quote that is never closed, or that closes before the cell
 * ends (`"a"b`), is read as a plain character and reported; a quoted cell is
 * also taken as unclosed when a line inside it starts like a new row (a date
 * cell and a delimiter), so one stray quote cannot swallow the records after it.
 */
import { DATE_SOURCE } from './date.js';
import { FIELD_SEP } from './html.js';
import { foldWidth } from './width.js';
import type { Working } from './working.js';
import { WorkingBuilder, isHeaderRow, joinsWithoutSpace } from './working.js';

export type Delimiter = ',' | '\t' | ';';
const DELIMITERS: readonly Delimiter[] = [',', '\t', ';'];

const ID_CELL = String.raw`[<＜]?\d{4}-\d{6}[>＞]?`;
/** A cell that is only an ID without its brackets, in either width. */
const BARE_ID = /^([ \t\u3000]*)([0-9０-９]{4}[-－][0-9０-９]{6})[ \t\u3000]*$/;
const TIME_PART = String.raw`(?:午前|午後)?[ \u3000]?\d{1,2}(?:[:：]\d{2}(?:[:：]\d{2})?|時(?:半|[ \u3000]?\d{1,2}分)?)`;
const WEEKDAY_PART = String.raw`[ \u3000]?[(（][^()（）\n]{1,12}[)）]`;

/**
 * A row that starts like a record: maybe an ID cell, then a date cell (date,
 * weekday, time), then the delimiter. No two runs of spaces are adjacent (an
 * optional quote between two would let a long run split in n² ways).
 */
function rowStartSource(d: Delimiter): string {
  const sp = d === '\t' ? '[ \\u3000]' : '[ \\t\\u3000]';
  const q = `${sp}*(?:"${sp}*)?`;
  const delim = d === '\t' ? '\\t' : d;
  return `${q}(?:${ID_CELL}(?:"${sp}*)?${delim}${q})?${DATE_SOURCE}(?:${WEEKDAY_PART})?(?:(?:${sp}|T)+${TIME_PART})?${sp}*(?:"${sp}*)?${delim}`;
}
const ROW_START: Readonly<Record<Delimiter, RegExp>> = {
  ',': new RegExp(rowStartSource(','), 'y'),
  '\t': new RegExp(rowStartSource('\t'), 'y'),
  ';': new RegExp(rowStartSource(';'), 'y'),
};

/**
 * The delimiter when the text reads as delimiter-separated rows: at least two
 * lines that start with a date cell and a delimiter, or one after a header row
 * of column names, or one of four or more cells. Looks at the first 64 lines
 * (16 KB) only. Null otherwise.
 */
export function detectCsv(text: string): Delimiter | null {
  const head = foldWidth(text.slice(0, 16384)).text.replace(/^\ufeff/, '');
  const lines = head.split(/\r\n|\n|\r/, 64);
  let best: Delimiter | null = null;
  let bestRows = 0;
  for (const d of DELIMITERS) {
    const re = ROW_START[d];
    let rows = 0;
    let header = false;
    let wide = false;
    let seen = 0;
    for (const line of lines) {
      if (line.trim() === '') continue;
      re.lastIndex = 0;
      if (re.test(line)) {
        rows++;
        // A row of four or more cells is a row even alone (a digest of one record).
        if (line.split(d).length >= 4) wide = true;
      } else if (seen === 0 && line.includes(d) && isHeaderRow(line.split(d).map((c) => c.replace(/^[\s"]+|[\s"]+$/g, '')))) {
        header = true;
      }
      seen++;
    }
    if ((rows >= 2 || (rows >= 1 && (header || wide))) && rows > bestRows) {
      best = d;
      bestRows = rows;
    }
  }
  return best;
}

/**
 * Reads delimiter-separated rows into the working form: rows become lines,
 * cells end with FIELD_SEP; quotes go, a doubled quote is one; a line break
 * inside a quoted cell joins the lines (a space, or none between Japanese
 * characters). Header rows are left out and reported in `skipped`; quotes that
 * do not open and close a cell are kept as characters and reported in
 * `quotes`. A line without a delimiter is copied as it is (text between rows).
 */
export function csvToWorking(text: string, delimiter: Delimiter = ','): Working {
  const out = new WorkingBuilder(text);
  const n = text.length;
  const D = delimiter.charCodeAt(0);
  const rowStart = ROW_START[delimiter];
  const isSpace = (c: number): boolean => c === 32 || c === 0x3000 || (c === 9 && D !== 9);
  const isBreak = (c: number): boolean => c === 10 || c === 13;
  /** The end of the cell read as plain text from `k`: the next delimiter or line break. */
  const plainEnd = (k: number): number => {
    while (k < n) {
      const c = text.charCodeAt(k);
      if (c === D || c === 10 || c === 13) break;
      k++;
    }
    return k;
  };
  /** Whether the line at `k` starts like a record row (checked on a folded copy of its start). */
  const startsRow = (k: number): boolean => {
    rowStart.lastIndex = 0;
    return rowStart.test(foldWidth(text.slice(k, k + 120)).text);
  };
  /**
   * The closing quote of the quoted cell opened at `q`, or -1 when it is never
   * closed (end of text, or a line inside it starts like a new row).
   */
  const closingQuote = (q: number): number => {
    let k = q + 1;
    for (;;) {
      let next = k;
      while (next < n) {
        const c = text.charCodeAt(next);
        if (c === 34 || c === 10 || c === 13) break;
        next++;
      }
      if (next >= n) return -1;
      const c = text.charCodeAt(next);
      if (c === 34) {
        if (text.charCodeAt(next + 1) === 34) {
          k = next + 2;
          continue;
        }
        return next;
      }
      const after = c === 13 && text.charCodeAt(next + 1) === 10 ? next + 2 : next + 1;
      if (after >= n || startsRow(after)) return -1;
      k = after;
    }
  };
  /** Emits the inside of a quoted cell (q, close): `""` is one quote, a line break joins. */
  const emitQuoted = (q: number, close: number): void => {
    let k = q + 1;
    let run = k;
    while (k < close) {
      const c = text.charCodeAt(k);
      if (c === 34) {
        out.copy(run, k + 1); // the first quote of the pair stands for it
        k += 2;
        run = k;
      } else if (isBreak(c)) {
        out.copy(run, k);
        const after = c === 13 && text.charCodeAt(k + 1) === 10 ? k + 2 : k + 1;
        if (!joinsWithoutSpace(text, k - 1, after)) out.emit(' ', k);
        k = after;
        run = k;
      } else {
        k++;
      }
    }
    out.copy(run, close);
  };

  /**
   * A cell that holds only an ID, as spreadsheets keep it (`2507-062601`), is
   * emitted in brackets (`<2507-062601>`) so that the parser reads it as the
   * record's ID; the brackets stand for the ID's first and last digit.
   */
  const emitBareId = (from: number, to: number): boolean => {
    if (to - from > 40) return false;
    const m = BARE_ID.exec(text.slice(from, to));
    if (!m) return false;
    const s = from + (m[1]?.length ?? 0);
    const e = s + (m[2]?.length ?? 0);
    out.copy(from, s);
    out.emit('<', s);
    out.copy(s, e);
    out.emit('>', e - 1);
    out.copy(e, to);
    return true;
  };

  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) {
    out.copy(0, 1); // the parser reports it
    i = 1;
  }
  while (i < n) {
    const rowFrom = i;
    // A line with no delimiter and no quote at its start is text between rows: copied as it is.
    let lineEnd = i;
    let delimiters = 0;
    while (lineEnd < n && !isBreak(text.charCodeAt(lineEnd))) {
      if (text.charCodeAt(lineEnd) === D) delimiters++;
      lineEnd++;
    }
    let first = i;
    while (first < lineEnd && isSpace(text.charCodeAt(first))) first++;
    if (delimiters === 0 && text.charCodeAt(first) !== 34) {
      const next = text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? lineEnd + 2 : Math.min(n, lineEnd + 1);
      out.copy(i, next);
      i = next;
      continue;
    }

    const mark = out.mark();
    const cells: string[] = [];
    for (;;) {
      let j = i;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) === 34) {
        const close = closingQuote(j);
        let after = close + 1;
        while (close >= 0 && after < n && isSpace(text.charCodeAt(after))) after++;
        const ends = close >= 0 && (after >= n || text.charCodeAt(after) === D || isBreak(text.charCodeAt(after)));
        if (ends) {
          out.copy(i, j); // spaces before the opening quote
          if (!emitBareId(j + 1, close)) emitQuoted(j, close);
          cells.push(close - j < 200 ? text.slice(j + 1, close) : '');
          out.copy(close + 1, after);
          i = after;
        } else {
          out.quotes.push({ start: j, end: j + 1, kind: close < 0 ? 'unclosed' : 'early' });
          const e = plainEnd(j);
          out.copy(i, e);
          cells.push(e - i < 200 ? text.slice(i, e) : '');
          i = e;
        }
      } else {
        const e = plainEnd(i);
        out.copy(i, j);
        if (!emitBareId(j, e)) out.copy(j, e);
        cells.push(e - i < 200 ? text.slice(i, e) : '');
        i = e;
      }
      if (i < n && text.charCodeAt(i) === D) {
        out.emit(FIELD_SEP, i);
        i++;
        continue;
      }
      break;
    }
    // The row ends: a line break, or the end of the text.
    const eol = i;
    if (i < n && text.charCodeAt(i) === 13) i++;
    if (i < n && text.charCodeAt(i) === 10) i++;
    if (isHeaderRow(cells)) {
      out.reset(mark);
      out.skipped.push({ start: rowFrom, end: i, what: 'header' });
      continue;
    }
    out.emit(FIELD_SEP, eol);
    if (i > eol) out.emit('\n', eol);
  }
  return out.finish();
}
