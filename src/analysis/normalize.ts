/**
 * One normalization for documents and queries: NFKC (folds ＮＡＴＯ and ﾙｯﾃ),
 * lowercase, and removal of the spaces that old pages leave inside Japanese
 * words (`事務 総長`) and of the code points that only shape a glyph (joiners,
 * variation selectors, emoji tags). Never NFKD-and-strip: that turns ガ into カ.
 *
 * Snippets need to take a match in the normalized text back to the original.
 * The text is cut into units: a code point and the code points that join it
 * (combining marks, Hangul vowel and final jamo, the ignorables above, and
 * anything whose NFKC starts with one of those). NFKC never acts across a
 * unit boundary (checked over every code point against tricky prefixes), so
 * normalizing unit by unit gives the same text, and a match maps to whole units.
 */
import { checkText } from '../validate.js';

/** Hiragana, katakana (with ー), han (with 々〆ヵヶ): the characters a stray space can split. */
const JA_CHAR = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー々〆ヵヶ]/u;

export function isJapaneseChar(ch: string): boolean {
  return JA_CHAR.test(ch);
}

let jaTable: Uint8Array | null = null;

/** `isJapaneseChar` for one UTF-16 code unit, by a table built from the same regex on first use. */
export function isJapaneseCode(code: number): boolean {
  if (jaTable === null) {
    jaTable = new Uint8Array(65536);
    for (let c = 0; c < 65536; c++) if (JA_CHAR.test(String.fromCharCode(c))) jaTable[c] = 1;
  }
  return jaTable[code] === 1;
}

/** Final sigma lowercases by context (`Σ` at a word's end → `ς`): fold it so a cut-off word still matches. */
const FINAL_SIGMA = /ς/g;

/**
 * Code points that change a glyph's look, not the text: the zero-width joiner
 * (emoji sequences), variation selectors VS1–VS256 (`❤️`, `葛󠄀`) and emoji tag
 * characters (subdivision flags). Removed, so that no part of an emoji
 * sequence is ever a term, and `葛󠄀飾` is `葛飾`.
 */
const IGNORABLE = /[\u200d\ufe00-\ufe0f\u{e0020}-\u{e007f}\u{e0100}-\u{e01ef}]/gu;
/** IGNORABLE by code units, for a quick test before the replace. */
const IGNORABLE_UNITS = /[\u200d\ufe00-\ufe0f]|\udb40[\udc20-\udc7f\udd00-\uddef]/;

function isIgnorable(cp: number): boolean {
  return cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0020 && cp <= 0xe007f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}

/** NFKC, lowercase, no space between two Japanese characters, no thousands commas, no ignorables. */
export function normalizeText(text: string): string {
  if (typeof text !== 'string') checkText('normalizeText', text);
  const folded = fold(text);
  return dropCuts(folded, removalCuts(folded, true));
}

/**
 * The query side of `normalizeText`: the same, except that a comma between
 * digits stays (to separate terms), since a query cut from the middle of a
 * number (`2,345` out of `12,3456`) cannot tell a thousands comma from another.
 */
export function normalizeQuery(text: string): string {
  const folded = fold(text);
  return dropCuts(folded, removalCuts(folded, false));
}

/** `text` without the ranges `cuts` lists ([start, end) pairs, in order). */
function dropCuts(text: string, cuts: readonly number[]): string {
  if (cuts.length === 0) return text;
  // Many cuts (a long text of spaced kana): copy code units, not a slice per cut.
  if (cuts.length > 64) {
    const codes = new Uint16Array(text.length);
    let w = 0;
    let pos = 0;
    for (let c = 0; c <= cuts.length; c += 2) {
      const end = c < cuts.length ? (cuts[c] ?? 0) : text.length;
      for (let i = pos; i < end; i++) codes[w++] = text.charCodeAt(i);
      pos = cuts[c + 1] ?? end;
    }
    return fromCodes(codes, w);
  }
  const pieces: string[] = [];
  let pos = 0;
  for (let c = 0; c < cuts.length; c += 2) {
    pieces.push(text.slice(pos, cuts[c]));
    pos = cuts[c + 1] ?? pos;
  }
  pieces.push(text.slice(pos));
  return pieces.join('');
}

/** Ignorables out, NFKC, lowercase: the part of the normalization that works unit by unit. */
function fold(text: string): string {
  const visible = IGNORABLE_UNITS.test(text) ? text.replace(IGNORABLE, '') : text;
  const nfkc = visible.normalize('NFKC');
  let lower = nfkc.toLowerCase();
  // Lowercasing can leave marks out of canonical order (İ゙ → i + U+0307 + U+3099), which NFKC of the same text typed in lowercase would not.
  if (lower !== nfkc) lower = lower.normalize('NFKC');
  return lower.indexOf('ς') >= 0 ? lower.replace(FINAL_SIGMA, 'σ') : lower;
}

/**
 * One code point that separates terms: punctuation, symbols, enclosing marks
 * (the keycap of `1️⃣`) and whitespace. `toSearchable` turns them into spaces
 * (keeping every offset where it was), except the joiners inside latin words
 * (`f-35b`, `jane's`, `15.3`); the variant fold shares the definition.
 */
export const SEPARATOR = /^[\p{P}\p{S}\p{Me}\s]$/u;
/** The latin joiners, `-'.&_/+#@`, by code. */
const JOINER_CODES = new Set(Array.from("-'.&_/+#@", (ch) => ch.charCodeAt(0)));
const isAlnumCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

let separatorTable: Uint8Array | null = null;

/** SEPARATOR for one BMP code unit (never a surrogate), by a table built on first use. */
function isSeparatorCode(c: number): boolean {
  if (separatorTable === null) {
    separatorTable = new Uint8Array(65536);
    for (let k = 0; k < 65536; k++) if ((k < 0xd800 || k > 0xdfff) && SEPARATOR.test(String.fromCharCode(k))) separatorTable[k] = 1;
  }
  return separatorTable[c] === 1;
}

/**
 * `normalizeText`, then every separator turned into spaces of the same length
 * (offsets keep). One pass over a table, not a regex replace with a callback
 * per separator: the build runs it over every field.
 */
export function toSearchable(normalized: string): string {
  const n = normalized.length;
  let out: Uint16Array | null = null;
  for (let i = 0; i < n; i++) {
    const c = normalized.charCodeAt(i);
    if (c === 32) continue;
    let width = 1;
    if ((c & 0xfc00) === 0xd800 && (normalized.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      width = 2;
      if (!SEPARATOR.test(normalized.slice(i, i + 2))) {
        i++;
        continue;
      }
    } else if (!isSeparatorCode(c)) continue;
    else if (JOINER_CODES.has(c) && isAlnumCode(normalized.charCodeAt(i - 1)) && isAlnumCode(normalized.charCodeAt(i + 1))) continue;
    if (out === null) {
      out = new Uint16Array(n);
      for (let k = 0; k < n; k++) out[k] = normalized.charCodeAt(k);
    }
    out[i] = 32;
    if (width === 2) out[++i] = 32;
  }
  return out === null ? normalized : fromCodes(out, n);
}

/** The string of `codes[0..n)`, in slices: one call with a million arguments would overflow the stack. */
export function fromCodes(codes: Uint16Array, n: number): string {
  let text = '';
  for (let s = 0; s < n; s += 8192) text += String.fromCharCode.apply(null, codes.subarray(s, Math.min(n, s + 8192)) as unknown as number[]);
  return text;
}

// What the unit walk needs of a code point, computed on first sight: the
// length of its fold (at most 18: U+FDFA), and whether it joins the unit before.
const LENGTH = 63;
const JOINS = 64;
const KNOWN = 128;
/** By BMP code unit; supplementary code points in a map. */
const bmpInfo = new Uint8Array(65536);
const astralInfo = new Map<number, number>();

const MARK = /^\p{M}$/u;

function computeInfo(cp: number): number {
  const ch = String.fromCodePoint(cp);
  const nfkc = ch.normalize('NFKC');
  const first = nfkc.codePointAt(0) ?? 0;
  // Hangul vowel and final jamo compose with the syllable before them; U+16D67
  // (Kirat Rai) is the one other letter that ends a canonical composition.
  const joins =
    isIgnorable(cp) ||
    MARK.test(ch) ||
    MARK.test(String.fromCodePoint(first)) ||
    (first >= 0x1161 && first <= 0x1175) ||
    (first >= 0x11a8 && first <= 0x11c2) ||
    first === 0x16d67;
  return KNOWN | (joins ? JOINS : 0) | Math.min(LENGTH, fold(ch).length);
}

function info(cp: number): number {
  if (cp < 0x10000) {
    const t = bmpInfo[cp] ?? 0;
    if (t !== 0) return t;
    return (bmpInfo[cp] = computeInfo(cp));
  }
  let t = astralInfo.get(cp);
  if (t === undefined) astralInfo.set(cp, (t = computeInfo(cp)));
  return t;
}

/** The end of the unit that starts at `i`: its code point and every code point that joins it. */
export function unitEnd(text: string, i: number): number {
  if (i >= text.length) return text.length;
  let k = i + ((text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);
  while (k < text.length) {
    const cp = text.codePointAt(k) ?? 0;
    if (!(info(cp) & JOINS)) break;
    k += cp > 0xffff ? 2 : 1;
  }
  return k;
}

/** Fold lengths of multi-code-point units (Korean syllables in jamo, letters with marks): they repeat. */
const unitLengths = new Map<string, number>();

function unitFoldLength(text: string, start: number, end: number): number {
  const cp = text.codePointAt(start) ?? 0;
  if (end - start === (cp > 0xffff ? 2 : 1)) return info(cp) & LENGTH;
  const unit = text.slice(start, end);
  let n = unitLengths.get(unit);
  if (n === undefined) {
    n = fold(unit).length;
    if (unitLengths.size >= 4096) unitLengths.clear();
    unitLengths.set(unit, n);
  }
  return n;
}

/** Whether every code unit of `text` folds to one code unit and joins nothing: then folded offset i is original offset i. */
function isOneToOne(text: string, folded: string): boolean {
  if (folded.length !== text.length) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return false;
    let t = bmpInfo[c] ?? 0;
    if (t === 0) t = bmpInfo[c] = computeInfo(c);
    if ((t & (LENGTH | JOINS)) !== 1) return false;
  }
  return true;
}

/**
 * `normalizeText` with `map[i]` = the offset in `text` where the unit that
 * gave normalized character `i` starts (and `map[length]` = `text.length`),
 * for snippets with correct offsets. Linear: one fold of the whole text, one
 * walk over its units.
 */
export function normalizeWithMap(text: string): { text: string; map: Int32Array } {
  const folded = fold(text);
  if (isOneToOne(text, folded)) return dropRemovals(folded, null, text.length);
  const map = new Int32Array(folded.length + 1);
  let w = 0;
  for (let i = 0; i < text.length && w >= 0; ) {
    const end = unitEnd(text, i);
    const n = unitFoldLength(text, i, end);
    if (w + n > folded.length) w = -1;
    else for (let k = 0; k < n; k++) map[w++] = i;
    i = end;
  }
  // Cannot happen if units are what the header says; never a wrong map if they are not.
  if (w !== folded.length) return unitByUnit(text);
  return dropRemovals(folded, map, text.length);
}

/** The slow, safe way: fold unit by unit (the text may then differ from normalizeText's). */
function unitByUnit(text: string): { text: string; map: Int32Array } {
  const parts: string[] = [];
  const map: number[] = [];
  for (let i = 0; i < text.length; ) {
    const end = unitEnd(text, i);
    const part = fold(text.slice(i, end));
    parts.push(part);
    for (let k = 0; k < part.length; k++) map.push(i);
    i = end;
  }
  map.push(text.length);
  return dropRemovals(parts.join(''), Int32Array.from(map), text.length);
}

/** ES `\s`: the whitespace a stray space inside Japanese may be. */
function isSpaceCode(c: number): boolean {
  if (c > 32 && c < 0xa0) return false;
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/** Whether the code point that ends before `i` / starts at `i` is Japanese (see JA_CHAR). */
function japaneseBefore(text: string, i: number): boolean {
  const lo = text.charCodeAt(i - 1);
  if ((lo & 0xfc00) === 0xdc00 && i >= 2 && (text.charCodeAt(i - 2) & 0xfc00) === 0xd800) return isJapaneseChar(text.slice(i - 2, i));
  return i > 0 && isJapaneseCode(lo);
}

function japaneseAt(text: string, i: number): boolean {
  const hi = text.charCodeAt(i);
  if ((hi & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) return isJapaneseChar(text.slice(i, i + 2));
  return i < text.length && isJapaneseCode(hi);
}

/**
 * [start, end) of every run normalizeText removes after folding, in order:
 * whitespace between two Japanese characters (`事務 総長`), and with `commas`
 * a thousands comma between digits (`7,961`: a comma after a digit and before
 * exactly three). One pass by hand: a regex with lookbehind allocated a match
 * object per space of a long text.
 */
function removalCuts(folded: string, commas: boolean): number[] {
  const out: number[] = [];
  const n = folded.length;
  for (let i = 0; i < n; i++) {
    const c = folded.charCodeAt(i);
    if (c === 44) {
      if (commas && i > 0 && isDigitCode(folded.charCodeAt(i - 1)) && isDigitCode(folded.charCodeAt(i + 1)) && isDigitCode(folded.charCodeAt(i + 2)) && isDigitCode(folded.charCodeAt(i + 3)) && !isDigitCode(folded.charCodeAt(i + 4))) {
        out.push(i, i + 1);
      }
      continue;
    }
    if (!isSpaceCode(c)) continue;
    let end = i + 1;
    while (end < n && isSpaceCode(folded.charCodeAt(end))) end++;
    if (japaneseBefore(folded, i) && japaneseAt(folded, end)) out.push(i, end);
    i = end - 1;
  }
  return out;
}

/** The removals of normalizeText after folding, carrying the map along (null: the identity). */
function dropRemovals(folded: string, map: Int32Array | null, originalLength: number): { text: string; map: Int32Array } {
  const cuts = removalCuts(folded, true);
  let kept = folded.length;
  for (let c = 0; c < cuts.length; c += 2) kept -= (cuts[c + 1] ?? 0) - (cuts[c] ?? 0);
  const outMap = new Int32Array(kept + 1);
  let w = 0;
  let pos = 0;
  for (let c = 0; c <= cuts.length; c += 2) {
    const end = c < cuts.length ? (cuts[c] ?? 0) : folded.length;
    for (let i = pos; i < end; i++) outMap[w++] = map ? (map[i] ?? originalLength) : i;
    pos = cuts[c + 1] ?? end;
  }
  outMap[kept] = originalLength;
  return { text: dropCuts(folded, cuts), map: outMap };
}

/**
 * When normalizing `text` maps characters one to one except for the removals
 * (spaces inside Japanese, thousands commas), the sorted offsets of the removed
 * characters (often none); otherwise null. With them, a normalized offset maps
 * back to the original without building a map: the index keeps these per
 * record so that snippets need not normalize again.
 */
export function removedOffsets(text: string): Int32Array | null {
  return normalizeForIndex(text).removed;
}

const NONE = new Int32Array(0);

/**
 * `normalizeText(text)` and `removedOffsets(text)` from one NFKC pass: the
 * index needs both for every title and summary.
 */
export function normalizeForIndex(text: string): { normalized: string; removed: Int32Array | null } {
  const folded = fold(text);
  const cuts = removalCuts(folded, true);
  const normalized = dropCuts(folded, cuts);
  if (!isOneToOne(text, folded)) return { normalized, removed: null };
  if (cuts.length === 0) return { normalized, removed: NONE };
  const out: number[] = [];
  for (let c = 0; c < cuts.length; c += 2) for (let i = cuts[c] ?? 0; i < (cuts[c + 1] ?? 0); i++) out.push(i);
  return { normalized, removed: Int32Array.from(out) };
}

/**
 * The original offset of normalized character `i`, given `removedOffsets`:
 * `i` plus the number of removed offsets at or before the answer, found by
 * binary search (removed[k] - k never decreases), so that mapping every match
 * of a long text stays linear.
 */
export function originalOffset(removed: Int32Array, i: number): number {
  let lo = 0;
  let hi = removed.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((removed[mid] ?? 0) - mid <= i) lo = mid + 1;
    else hi = mid;
  }
  return i + lo;
}
