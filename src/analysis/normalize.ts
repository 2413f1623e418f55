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

/** NFKC, lowercase, no space between two Japanese characters, no thousands commas. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(JA_SPACE_JA, '').replace(DIGIT_COMMA, '');
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
  const chars: string[] = [];
  const map: number[] = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    const cp = text.codePointAt(i) ?? 0;
    i += cp > 0xffff ? 2 : 1;
    while (i < text.length && COMBINING.test(text.charAt(i))) i++;
    const piece = text.slice(start, i);
    const norm = /^[\x20-\x7e]$/.test(piece) ? piece.toLowerCase() : piece.normalize('NFKC').toLowerCase();
    for (let k = 0; k < norm.length; k++) {
      chars.push(norm.charAt(k));
      map.push(start);
    }
  }
  // The two removals of normalizeText, done on the mapped characters.
  const keptChars: string[] = [];
  const keptMap: number[] = [];
  for (let k = 0; k < chars.length; k++) {
    const ch = chars[k] ?? '';
    if (/\s/.test(ch)) {
      let j = k;
      while (j < chars.length && /\s/.test(chars[j] ?? '')) j++;
      const prev = keptChars[keptChars.length - 1] ?? '';
      if (isJapaneseChar(prev) && isJapaneseChar(chars[j] ?? '')) {
        k = j - 1;
        continue;
      }
    }
    if (ch === ',' && /\d/.test(keptChars[keptChars.length - 1] ?? '') && /^\d{3}(?!\d)/.test(chars.slice(k + 1, k + 5).join(''))) continue;
    keptChars.push(ch);
    keptMap.push(map[k] ?? text.length);
  }
  keptMap.push(text.length);
  return { text: keptChars.join(''), map: keptMap };
}
