/**
 * Full-width digits, as typed in a Japanese input method's full-width mode:
 * `２０２５．０４．０９ １３：４６`, `＜２５０５－０４０９１７＞`. They are folded to
 * ASCII in the working text, one character for one, so every offset stays
 * where it was.
 */

/** A number: digit runs joined by the separators of dates, times and IDs, in either width. */
const NUMBER = /[0-9０-９]+(?:[.:\-/．：－／][0-9０-９]+)*/g;
const WIDE_DIGIT = /[０-９]/;

export interface WidthFold {
  /** The text with full-width digits, and the separators between them, in ASCII; same length. */
  text: string;
  /** The first number that held a full-width digit, or null when there was none. */
  first: { start: number; end: number } | null;
  /** How many numbers were folded. */
  count: number;
}

/**
 * Folds `０`–`９` to `0`–`9`, and `．：－／` to `.:-/` where they stand between
 * two digits (`２０２５．０４．０９`, `１３：４６`, `２５０５－０４０９１７`). Other
 * full-width characters (`：` in running text, `（`, `Ｎ`) are left as written;
 * the ID's `＜＞` are read as they are.
 */
export function foldWidth(text: string): WidthFold {
  if (!WIDE_DIGIT.test(text)) return { text, first: null, count: 0 };
  let first: WidthFold['first'] = null;
  let count = 0;
  const out = text.replace(NUMBER, (m: string, offset: number) => {
    if (!WIDE_DIGIT.test(m)) return m;
    count++;
    first ??= { start: offset, end: offset + m.length };
    return narrow(m);
  });
  return { text: out, first, count };
}

/** `m` with `－．／０-９：` (U+FF0D–FF1A) as ASCII, in chunks (a number can be a megabyte long). */
function narrow(m: string): string {
  const parts: string[] = [];
  const codes = new Uint16Array(Math.min(m.length, 8192));
  for (let from = 0; from < m.length; from += codes.length) {
    const n = Math.min(codes.length, m.length - from);
    for (let i = 0; i < n; i++) {
      const c = m.charCodeAt(from + i);
      codes[i] = c >= 0xff0d && c <= 0xff1a ? c - 0xfee0 : c;
    }
    parts.push(String.fromCharCode(...codes.subarray(0, n)));
  }
  return parts.join('');
}
