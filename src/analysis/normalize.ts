/**
 * One normalization for documents and queries: NFKC (folds ＮＡＴＯ and ﾙｯﾃ),
 * lowercase, and removal of the spaces that old pages leave inside Japanese
 * words (`事務 総長`). Never NFKD-and-strip: that turns ガ into カ.
 */

/** Hiragana, katakana (with ー), han (with 々〆ヵヶ): the characters a stray space can split. */
const JA_CHAR = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー々〆ヵヶ]/u;
const JA_SPACE_JA = /(?<=[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー々〆ヵヶ])\s+(?=[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー々〆ヵヶ])/gu;
/** `7,961` and `7961` are one number: a thousands comma between digits goes. */
const DIGIT_COMMA = /(?<=\d),(?=\d{3}(?!\d))/g;

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

/** NFKC, lowercase, no space between two Japanese characters, no thousands commas. */
export function normalizeText(text: string): string {
  return fold(text).replace(JA_SPACE_JA, '').replace(DIGIT_COMMA, '');
}

/**
 * The query side of `normalizeText`: the same, except that a comma between
 * digits stays (to separate terms), since a query cut from the middle of a
 * number (`2,345` out of `12,3456`) cannot tell a thousands comma from another.
 */
export function normalizeQuery(text: string): string {
  return fold(text).replace(JA_SPACE_JA, '');
}

function fold(text: string): string {
  const lower = text.normalize('NFKC').toLowerCase();
  return lower.indexOf('ς') >= 0 ? lower.replace(FINAL_SIGMA, 'σ') : lower;
}

/**
 * Characters that separate terms: punctuation and symbols, except the joiners
 * inside latin words (`f-35b`, `jane's`, `15.3`), and whitespace. Replacing
 * them with a space keeps every offset where it was.
 */
const JOINER = /[-'.&_/+#@]/;
const ALNUM = /[a-z0-9]/;

const SEPARATORS = /[\p{P}\p{S}\s]/gu;

/** `normalizeText`, then every separator turned into spaces of the same length (offsets keep). */
export function toSearchable(normalized: string): string {
  return normalized.replace(SEPARATORS, (ch: string, i: number) => {
    if (ch === ' ') return ch;
    if (JOINER.test(ch) && ALNUM.test(normalized.charAt(i - 1)) && ALNUM.test(normalized.charAt(i + ch.length))) return ch;
    return ch.length === 1 ? ' ' : '  ';
  });
}

/** Combining marks, including the half-width (semi-)voiced marks that NFKC merges into the kana before. */
const COMBINING = /[\p{M}\uff9e\uff9f]/u;

/**
 * `normalizeText` with `map[i]` = the offset in `text` of normalized character
 * `i` (and `map[length]` = `text.length`), for snippets with correct offsets.
 */
export function normalizeWithMap(text: string): { text: string; map: number[] } {
  const folded = fold(text);
  // Fast path: no marks to compose and no surrogates means NFKC and lowercase
  // changed no lengths, so folded character i is original character i.
  if (folded.length === text.length && !COMBINING_ANY.test(text) && !SURROGATE.test(text)) {
    return dropRemovals(folded, null);
  }
  const chars: string[] = [];
  const map: number[] = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    const cp = text.codePointAt(i) ?? 0;
    i += cp > 0xffff ? 2 : 1;
    while (i < text.length && COMBINING.test(text.charAt(i))) i++;
    const norm = fold(text.slice(start, i));
    for (let k = 0; k < norm.length; k++) {
      chars.push(norm.charAt(k));
      map.push(start);
    }
  }
  const out = dropRemovals(chars.join(''), map);
  out.map[out.map.length - 1] = text.length;
  return out;
}

const COMBINING_ANY = /[\p{M}\uff9e\uff9f]/u;
const SURROGATE = /[\ud800-\udfff]/;

/** The two removals of normalizeText (spaces inside Japanese, thousands commas), keeping the map. */
function dropRemovals(folded: string, map: number[] | null): { text: string; map: number[] } {
  const cuts: [number, number][] = [];
  for (const re of [JA_SPACE_JA, DIGIT_COMMA]) {
    re.lastIndex = 0;
    for (let m = re.exec(folded); m !== null; m = re.exec(folded)) cuts.push([m.index, m.index + m[0].length]);
  }
  cuts.sort((a, b) => a[0] - b[0]);
  const at = (i: number): number => (map ? (map[i] ?? folded.length) : i);
  let text = '';
  const outMap: number[] = [];
  let pos = 0;
  for (const [s, e] of [...cuts, [folded.length, folded.length] as [number, number]]) {
    text += folded.slice(pos, s);
    for (let i = pos; i < s; i++) outMap.push(at(i));
    pos = e;
  }
  outMap.push(map ? (map[map.length - 1] ?? folded.length) : folded.length);
  return { text, map: outMap };
}

const NOT_ONE_TO_ONE = /[\p{M}\uff9e\uff9f\ud800-\udfff]/u;

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
  const normalized = folded.replace(JA_SPACE_JA, '').replace(DIGIT_COMMA, '');
  // No marks and no pairs: NFKC and lowercase can only grow text, so equal length means unchanged lengths.
  if (folded.length !== text.length || NOT_ONE_TO_ONE.test(text)) return { normalized, removed: null };
  if (normalized.length === folded.length) return { normalized, removed: NONE };
  return { normalized, removed: removalsIn(folded) };
}

function removalsIn(folded: string): Int32Array {
  const out: number[] = [];
  for (const re of [JA_SPACE_JA, DIGIT_COMMA]) {
    re.lastIndex = 0;
    for (let m = re.exec(folded); m !== null; m = re.exec(folded)) for (let k = 0; k < m[0].length; k++) out.push(m.index + k);
  }
  return Int32Array.from(out).sort();
}

/** The original offset of normalized character `i`, given `removedOffsets`. */
export function originalOffset(removed: Int32Array, i: number): number {
  let o = i;
  for (let k = 0; k < removed.length; k++) {
    if ((removed[k] ?? 0) <= o) o++;
    else break;
  }
  return o;
}
