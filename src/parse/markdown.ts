/**
 * Markdown tables, as a digest pasted into a wiki: `| date | source | … |`
 * rows, a `|---|:--:|` delimiter row under the header, `\|` for a pipe inside
 * a cell (GitHub Flavored Markdown's rule). The outer pipes may be left out
 * once a delimiter row has opened the table. Pipes are cell boundaries only in
 * a table row, so a `|` in the text around a table is left alone.
 */
import { DATE_SOURCE } from './date.js';
import { FIELD_SEP } from './html.js';
import { foldWidth } from './width.js';
import type { Working } from './working.js';
import { WorkingBuilder, isHeaderRow } from './working.js';

/** A row with outer pipes: starts with a pipe (after up to three spaces) and holds another. */
const ROW = /^[ \t]{0,3}\|.*\|/;
/**
 * The delimiter row: cells of dashes with optional colons, pipes between. No
 * two runs of spaces are adjacent (a `[ \t]*` is always followed by a pipe, a
 * colon, a dash or the end), so a long line cannot make it backtrack.
 */
const DELIMITER_ROW = /^[ \t]{0,3}(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$/;

/**
 * A row without outer pipes and without a delimiter row above: a date cell
 * (the date, maybe a weekday and a time, nothing else), then a pipe. A title
 * with a pipe in it (`見出し | 日経`) is not one.
 */
const DATE_ROW = new RegExp(
  `^[ \\t]{0,3}${DATE_SOURCE}(?:[ \\u3000]?[(（][^()（）\\n]{1,12}[)）])?(?:[ \\t\\u3000T]+(?:午前|午後)?[ \\u3000]?\\d{1,2}(?:[:：]\\d{2}(?:[:：]\\d{2})?|時(?:半|[ \\u3000]?\\d{1,2}分)?))?[ \\t\\u3000]*\\|`,
);
function isDateRow(line: string): boolean {
  return line.includes('|') && DATE_ROW.test(foldWidth(line.slice(0, 80)).text);
}

function isDelimiterRow(line: string): boolean {
  return line.includes('|') && DELIMITER_ROW.test(line);
}

/** A row of three or more cells with outer pipes: a table even alone (a digest of one record). */
const WIDE_ROW = /^[ \t]{0,3}\|(?:[^|\n]*\|){3,}[ \t]*$/;

/**
 * True when the text holds a table: two rows with outer pipes, one of three
 * cells or more, a delimiter row, or a row that starts with a date cell and a
 * pipe, in its first 200 lines.
 */
export function looksLikeMarkdownTable(text: string): boolean {
  let rows = 0;
  let start = 0;
  for (let lines = 0; lines < 200 && start < text.length; lines++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, Math.min(end, start + 4096)).replace(/\r$/, '');
    if (isDelimiterRow(line) || WIDE_ROW.test(line) || isDateRow(line)) return true;
    if (ROW.test(line)) rows++;
    if (rows >= 2) return true;
    start = end + 1;
  }
  return false;
}

/** Whether a line has a pipe that is not escaped. */
function hasPipe(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    if (text.charCodeAt(k) === 124 && text.charCodeAt(k - 1) !== 92) return true;
  }
  return false;
}

/** Cells of one row as [start, end) spans of the source, outer pipes dropped; `\|` is not a boundary. */
function cellSpans(text: string, from: number, to: number): [number, number][] {
  let s = from;
  while (s < to && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
  if (text.charCodeAt(s) === 124) s++;
  let e = to;
  while (e > s && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
  if (e > s && text.charCodeAt(e - 1) === 124 && text.charCodeAt(e - 2) !== 92) e--;
  const cells: [number, number][] = [];
  let c = s;
  for (let k = s; k < e; k++) {
    const ch = text.charCodeAt(k);
    if (ch === 92 && text.charCodeAt(k + 1) === 124) {
      k++;
      continue;
    }
    if (ch === 124) {
      cells.push([c, k]);
      c = k + 1;
    }
  }
  cells.push([c, e]);
  return cells;
}

/**
 * Reads a text that holds Markdown table rows into the working form: each row
 * becomes a line, each cell ends with FIELD_SEP, `\|` is a pipe. Delimiter
 * rows are left out; a header row (the row above a delimiter row, or any row
 * of column names) is left out and reported in `skipped`, with the delimiter
 * row under it. Lines that are not rows are copied as they are.
 */
export function markdownToWorking(text: string): Working {
  const out = new WorkingBuilder(text);
  const n = text.length;
  /** One line: [start, end) without its break, and where the next line starts. */
  const lineAt = (start: number): { start: number; end: number; next: number } => {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? n : nl;
    return { start, end: end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end, next: nl < 0 ? n : nl + 1 };
  };
  let inTable = false;
  let line = lineAt(0);
  while (line.start < n) {
    const next = line.next < n ? lineAt(line.next) : null;
    const body = text.slice(line.start, line.end);
    const delimiterBelow = next !== null && isDelimiterRow(text.slice(next.start, next.end));
    if (isDelimiterRow(body)) {
      // A delimiter row with no header above it: structure only, left out.
      inTable = true;
      line = next ?? { start: n, end: n, next: n };
      continue;
    }
    const isRow = ROW.test(body) || ((inTable || delimiterBelow) && hasPipe(text, line.start, line.end)) || isDateRow(body);
    if (!isRow) {
      inTable = false;
      out.copy(line.start, line.next);
      line = next ?? { start: n, end: n, next: n };
      continue;
    }
    const cells = cellSpans(text, line.start, line.end);
    const names = cells.map(([s, e]) => (e - s <= 40 ? text.slice(s, e).replace(/\\\|/g, '|') : 'x'.repeat(41)));
    if (isHeaderRow(names)) {
      // The header, and the delimiter row under it, are structure: left out, reported once.
      const after = delimiterBelow && next ? next.next : line.next;
      out.skipped.push({ start: line.start, end: after, what: 'header' });
      inTable = true;
      line = after < n ? lineAt(after) : { start: n, end: n, next: n };
      continue;
    }
    for (const [s, e] of cells) {
      // Runs between escapes are copied whole; the backslash of `\|` goes.
      let k = s;
      for (let x = s; x < e - 1; x++) {
        if (text.charCodeAt(x) === 92 && text.charCodeAt(x + 1) === 124) {
          out.copy(k, x);
          k = x + 1;
          x++;
        }
      }
      out.copy(k, e);
      out.emit(FIELD_SEP, e);
    }
    if (line.next > line.end) out.emit('\n', line.end);
    inTable = true;
    line = next ?? { start: n, end: n, next: n };
  }
  return out.finish();
}
