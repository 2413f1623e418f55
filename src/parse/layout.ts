/**
 * Which layout a digest came in, and its working form: the plain text the
 * record reader reads, with a map back to the input's offsets. Plain text is
 * read as it is; an HTML table, CSV (or tab- or semicolon-separated rows) and
 * a Markdown table become rows of cells, one row a line. In any layout, line
 * breaks that a wrapper put inside a date, a time or an ID are then dropped,
 * and full-width digits folded to ASCII in place (`width.ts`).
 */
import type { Delimiter } from './csv.js';
import { csvToWorking, detectCsv } from './csv.js';
import { DATE_SOURCE } from './date.js';
import { htmlToWorking, looksLikeHtmlTable } from './html.js';
import { looksLikeMarkdownTable, markdownToWorking } from './markdown.js';
import { foldWidth } from './width.js';
import type { WidthFold } from './width.js';
import type { QuoteProblem, Skipped } from './working.js';

export type Layout = 'text' | 'html' | 'csv' | 'markdown';

export interface LayoutRead {
  layout: Layout;
  /** For CSV: the delimiter found. */
  delimiter?: Delimiter;
  /** The working text, full-width digits folded. */
  work: string;
  /** The working text before the fold (same offsets): a full-width digit is Japanese text where a line is joined. */
  unfolded: string;
  /** Working offset → input offset; null when the working text is the input (same offsets). */
  map: Int32Array | null;
  /** Header rows the reader left out (input offsets). */
  skipped: Skipped[];
  /** CSV quotes read as characters (input offsets). */
  quotes: QuoteProblem[];
  /** Where full-width digits were first folded (input offsets), and how many numbers were. */
  width: WidthFold['first'];
  widthCount: number;
  /** Line breaks dropped from inside a date, a time or an ID (`2025年6月\n26日`). */
  healed: number;
}

/** Recognises the layout and makes the working text. Linear in the input. */
export function readLayout(text: string): LayoutRead {
  let layout: Layout = 'text';
  let work = text;
  let map: Int32Array | null = null;
  let skipped: Skipped[] = [];
  let quotes: QuoteProblem[] = [];
  let delimiter: Delimiter | null = null;
  if (looksLikeHtmlTable(text)) {
    layout = 'html';
    ({ text: work, map } = htmlToWorking(text));
  } else if ((delimiter = detectCsv(text)) !== null) {
    layout = 'csv';
    ({ text: work, map, skipped, quotes } = csvToWorking(text, delimiter));
  } else if (looksLikeMarkdownTable(text)) {
    layout = 'markdown';
    ({ text: work, map, skipped, quotes } = markdownToWorking(text));
  }
  const healed = healBreaks(work, map, text.length);
  const folded = foldWidth(healed.work);
  const toInput = (o: number): number => (healed.map ? (healed.map[o] ?? text.length) : o);
  const width = folded.first && { start: toInput(folded.first.start), end: toInput(folded.first.end) };
  const read: LayoutRead = { layout, work: folded.text, unfolded: healed.work, map: healed.map, skipped, quotes, width, widthCount: folded.count, healed: healed.count };
  if (delimiter !== null) read.delimiter = delimiter;
  return read;
}

/** Characters a date, a time, an ID, a weekday or a table tag's remnant is made of. */
const TOKEN = /[0-9A-Za-z.:/\-年月日時分<>＜＞()（）曜火水木金土祝休令和平成昭元午前後・]/;
const TOKEN_RUN = /[0-9A-Za-z.:/\-年月日時分<>＜＞()（）曜火水木金土祝休令和平成昭元午前後・ \u3000]/;
/**
 * What a token can be: a date, an ID (a cross-reference's has no brackets), a
 * number with separators (`15.3`), a time, a weekday in brackets, a table tag
 * or what is left of one (`/td>`, which the field readers remove).
 */
const TOKEN_ANY = new RegExp(`${DATE_SOURCE}|[<＜]?\\d{4}-\\d{6}[>＞]?|\\d+(?:[.:/\\-]\\d+)+|(?:午前|午後)?\\d{1,2}(?:[:：]\\d{2}|時(?:半|\\d{1,2}分)?)|[(（][日月火水木金土]曜?日?[)）]|<?\\/?(?:td|tr|th|table|tbody|br|p|div|span)\\/?>`, 'g');
/** A line that starts with a whole date or ID starts there: its break is a real one. */
const WHOLE_AT_START = new RegExp(`^(?:${DATE_SOURCE}|[<＜]\\d{4}-\\d{6}[>＞])`);
const REACH = 24;

/**
 * Drops the line breaks that fall inside a date, a time, an ID or a weekday
 * (`２０` + `２５年６月２６日`, `<2507-06` + `2601>`, `13:4` + `6`), as a
 * wrapper that breaks Japanese text anywhere, or at a fixed width, leaves them;
 * the rest of the parser then reads the token whole. A break is dropped only
 * when the text on both sides, joined, holds a token across the break, and the
 * next line does not itself start with a whole date or ID. Linear: each break
 * looks at most REACH characters either side.
 */
function healBreaks(work: string, map: Int32Array | null, inputLength: number): { work: string; map: Int32Array | null; count: number } {
  // Decided on a copy with every full-width digit and separator in ASCII (`＜１３０５` + `－０４…`), same length.
  const view = /[\uff0d-\uff1a]/.test(work) ? work.replace(/[\uff0d-\uff1a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)) : work;
  const drop: number[] = [];
  const dropLen: number[] = [];
  for (let b = work.search(/[\r\n]/); b >= 0 && b < work.length; ) {
    const len = work.charCodeAt(b) === 13 && work.charCodeAt(b + 1) === 10 ? 2 : 1;
    const after = b + len;
    if (b > 0 && TOKEN_RUN.test(view.charAt(b - 1)) && TOKEN_RUN.test(view.charAt(after)) && (TOKEN.test(view.charAt(b - 1)) || TOKEN.test(view.charAt(after)))) {
      let a = b;
      // Runs of token characters, spaces included (`2018年 2月17日`).
      while (a > 0 && b - a < REACH && TOKEN_RUN.test(view.charAt(a - 1))) a--;
      let z = after;
      while (z < work.length && z - after < REACH && TOKEN_RUN.test(view.charAt(z))) z++;
      const left = view.slice(a, b);
      const right = view.slice(after, z);
      if (!WHOLE_AT_START.test(right)) {
        const joined = left + right;
        TOKEN_ANY.lastIndex = 0;
        for (let m = TOKEN_ANY.exec(joined); m !== null; m = TOKEN_ANY.exec(joined)) {
          if (m.index < left.length && m.index + m[0].length > left.length) {
            drop.push(b);
            dropLen.push(len);
            break;
          }
          if (m.index >= left.length) break;
        }
      }
    }
    let next = after;
    while (next < work.length && work.charCodeAt(next) !== 10 && work.charCodeAt(next) !== 13) next++;
    b = next;
  }
  if (drop.length === 0) return { work, map, count: 0 };
  const parts: string[] = [];
  const out = new Int32Array(work.length + 1);
  let w = 0;
  let cur = 0;
  const keep = (from: number, to: number): void => {
    parts.push(work.slice(from, to));
    for (let k = from; k < to; k++) out[w++] = map ? (map[k] ?? inputLength) : k;
  };
  for (let k = 0; k < drop.length; k++) {
    const b = drop[k] ?? 0;
    keep(cur, b);
    cur = b + (dropLen[k] ?? 1);
  }
  keep(cur, work.length);
  out[w] = map ? (map[work.length] ?? inputLength) : inputLength;
  return { work: parts.join(''), map: out.slice(0, w + 1), count: drop.length };
}
