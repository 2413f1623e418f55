/**
 * Spelling variants: two steps that, applied to both a document and a query,
 * make the spellings that Japanese news varies in meet.
 *
 * - `variantFold` (F) changes lengths: it drops what may be written or not
 *   (ー, ッ, a long vowel written as a vowel in katakana, ・ and dashes, the
 *   space between a Japanese and a latin run, a single okurigana kana between
 *   two kanji) and rewrites multi-character forms (ヴァ → バ, ら致 → 拉致).
 *   The index keeps the bigrams that F creates (`GramIndex.variants`), so a
 *   query folded the same way finds them.
 * - `foldCode` (C) maps one UTF-16 code unit to the canonical member of its
 *   class: hiragana to katakana, small kana to large, voiced and semi-voiced
 *   to plain (ヂ, ヅ to シ, ス), ヰヱヲ to イエオ, old and variant kanji to the
 *   standard form. The index stores text as written; a query bigram is looked
 *   up for every member of its two characters' classes.
 *
 * A term matches as a variant when C(F(term)) occurs in C(F(field)). Folding
 * merges different words (ガス/カス): that is why the exact form is matched
 * first, and a variant hit is marked as one.
 */
import { KANA_WORDS, KANJI_VARIANTS } from './variant-tables.js';
import { SEPARATOR, isJapaneseCode } from './normalize.js';

let foldTable: Uint16Array | null = null;
let members: Map<number, number[]> | null = null;

const SMALL_TO_LARGE: Record<string, string> = {
  ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ', ッ: 'ツ', ャ: 'ヤ', ュ: 'ユ', ョ: 'ヨ', ヮ: 'ワ', ヵ: 'カ', ヶ: 'ケ',
  ㇰ: 'ク', ㇱ: 'シ', ㇲ: 'ス', ㇳ: 'ト', ㇴ: 'ヌ', ㇵ: 'ハ', ㇶ: 'ヒ', ㇷ: 'フ', ㇸ: 'ヘ', ㇹ: 'ホ', ㇺ: 'ム', ㇻ: 'ラ', ㇼ: 'リ', ㇽ: 'ル', ㇾ: 'レ', ㇿ: 'ロ',
};
/** Groonga's unify_katakana_di_sound / du and wo: spellings modern kana usage merged. */
const KANA_UNIFY: Record<string, string> = { ヂ: 'ジ', ヅ: 'ズ', ヰ: 'イ', ヱ: 'エ', ヲ: 'オ', ヸ: 'イ', ヹ: 'エ', ヺ: 'オ' };

function buildFoldTable(): Uint16Array {
  const t = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) t[c] = c;
  const kana = (c: number): number => {
    let ch = String.fromCharCode(c);
    // Hiragana to katakana: the blocks are parallel, 0x60 apart.
    if (c >= 0x3041 && c <= 0x3096) ch = String.fromCharCode(c + 0x60);
    else if (c === 0x309d || c === 0x309e) ch = String.fromCharCode(c + 0x60);
    ch = KANA_UNIFY[ch] ?? ch;
    // Voiced and semi-voiced to plain: NFD splits the mark off (ガ → カ + U+3099).
    const nfd = ch.normalize('NFD');
    if (nfd.length === 2 && (nfd.charCodeAt(1) === 0x3099 || nfd.charCodeAt(1) === 0x309a)) ch = nfd.charAt(0);
    ch = KANA_UNIFY[ch] ?? ch;
    ch = SMALL_TO_LARGE[ch] ?? ch;
    return ch.charCodeAt(0);
  };
  for (let c = 0x3041; c <= 0x30ff; c++) t[c] = kana(c);
  for (let c = 0x31f0; c <= 0x31ff; c++) t[c] = kana(c);
  for (const pair of KANJI_VARIANTS.split(' ')) {
    if (pair.length !== 2) continue; // a supplementary-plane form (𠮷) is two code units: not folded per unit
    const v = pair.charCodeAt(0);
    const s = pair.charCodeAt(1);
    if (v !== s) t[v] = s;
  }
  return t;
}

let scriptTable: Uint16Array | null = null;

/**
 * C, but hiragana stay hiragana: the partial tier compares bigrams within the
 * script the query was typed in, since hiragana pairs are in nearly every
 * record and a katakana word needs no such list (its bound and its check
 * must agree).
 */
function scriptFoldTable(): Uint16Array {
  if (scriptTable === null) {
    if (foldTable === null) foldTable = buildFoldTable();
    const t = Uint16Array.from(foldTable);
    for (let c = 0x3041; c <= 0x309f; c++) {
      const f = t[c] ?? c;
      if (f >= 0x30a1 && f <= 0x30f6) t[c] = f - 0x60;
      else if (f === 0x30fd || f === 0x30fe) t[c] = f - 0x60;
    }
    scriptTable = t;
  }
  return scriptTable;
}

/** `foldCode` keeping hiragana apart from katakana (see scriptFoldTable). */
export function foldCodeInScript(code: number): number {
  return scriptFoldTable()[code] ?? code;
}

/** The canonical member of the class of one UTF-16 code unit (itself for most). */
export function foldCode(code: number): number {
  if (foldTable === null) foldTable = buildFoldTable();
  return foldTable[code] ?? code;
}

/** `foldCode` over a string, code unit by code unit (lengths keep). */
export function foldChars(text: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = foldCode(c);
    if (f !== c) changed = true;
    out += String.fromCharCode(f);
  }
  return changed ? out : text;
}

/** Every code unit whose canonical form is `canonical` (itself included), for query expansion. */
export function classMembers(canonical: number): readonly number[] {
  if (members === null) {
    if (foldTable === null) foldTable = buildFoldTable();
    members = new Map();
    for (let c = 0; c < 65536; c++) {
      const f = foldTable[c] ?? c;
      if (f === c) continue;
      let list = members.get(f);
      if (!list) members.set(f, (list = [f]));
      list.push(c);
    }
  }
  return members.get(canonical) ?? [canonical];
}

/** Kana words to their kanji form, by first character; longest first. */
let words: Map<number, [string, string][]> | null = null;
/** Kana words by their first two code units (every form has two or more), longest first. */
function kanaWords(): Map<number, [string, string][]> {
  if (words === null) {
    words = new Map();
    const parts = KANA_WORDS.split(' ').filter((p) => p !== '');
    for (let i = 0; i + 1 < parts.length; i += 2) {
      const from = parts[i] as string;
      const to = parts[i + 1] as string;
      if (from === to || from.length < 2) continue;
      const key = from.charCodeAt(0) * 65536 + from.charCodeAt(1);
      const list = words.get(key) ?? [];
      if (!list.some(([f]) => f === from)) list.push([from, to]);
      list.sort((a, b) => b[0].length - a[0].length);
      words.set(key, list);
    }
    // The kanji form as F leaves it (取り分け → 取分け), so that it meets the
    // record that writes it in kanji. F reads this table: fold once it is set.
    for (const list of words.values()) for (const pair of list) pair[1] = variantFold(pair[1]).text;
  }
  return words;
}

/** Per-code-unit categories for F, from one table: the fold runs over every character the index holds. */
const DROP = 1;
const TSU = 2;
const KATA = 4;
const HIRA = 8;
const KANJI = 16;
const SEP = 32;
const JA = 64;
const LATIN = 128;
const WORD = 256;
const PARTICLE = 512;
const V = 1024;
const JOINER = 2048;
const VOWEL = 4096;
const LENGTH = 8192;
const SPACE = 16384;
/** A high surrogate: the code point it starts may be a symbol (emoji), which the searchable text makes spaces. */
const SURROGATE = 32768;
/** Any category that F treats otherwise than keeping the character. */
const SPECIAL = DROP | TSU | KATA | HIRA | SEP | WORD | V | VOWEL | LENGTH | SPACE | SURROGATE;
let categories: Uint16Array | null = null;

function category(): Uint16Array {
  if (categories !== null) return categories;
  const t = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) {
    let k = 0;
    if (c >= 0x30a1 && c <= 0x30fa) k |= KATA;
    if (c >= 0x3041 && c <= 0x3096) k |= HIRA;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3005) k |= KANJI;
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) k |= LATIN;
    if (isJapaneseCode(c)) k |= JA;
    if (c !== 32 && !(c >= 0xd800 && c <= 0xdfff) && SEPARATOR.test(String.fromCharCode(c))) k |= SEP;
    t[c] = k;
  }
  // ー, its half-width form, and the dots, dashes and name separators (＝) that may be written or not.
  for (const c of [0x30fc, 0xff70, 0x30fb, 0xff65, 0x00b7, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x002d, 0xfe63, 0xff0d, 0x30a0, 0x003d]) t[c] = (t[c] ?? 0) | DROP;
  for (const c of [0x30c3, 0x3063, 0xff6f]) t[c] = (t[c] ?? 0) | TSU | LENGTH;
  for (const c of [0x30fc, 0xff70]) t[c] = (t[c] ?? 0) | LENGTH;
  t[32] = (t[32] ?? 0) | SPACE;
  for (let c = 0xd800; c <= 0xdbff; c++) t[c] = (t[c] ?? 0) | SURROGATE;
  // Kana that are particles far more often than okurigana: never dropped
  // between kanji. By class, so that every spelling of a kana agrees.
  const particles = new Set(Array.from('ノオハカニテトモヘヤ', (c) => c.charCodeAt(0)));
  for (let c = 0x3041; c <= 0x30fa; c++) {
    if (particles.has(foldCode(c))) t[c] = (t[c] ?? 0) | PARTICLE;
    if (VOWEL_KANA[foldCode(c)] !== undefined) t[c] = (t[c] ?? 0) | VOWEL;
  }
  for (const c of [0x30f4, 0x3094]) t[c] = (t[c] ?? 0) | V;
  for (const ch of "-'.&_/+#@") t[ch.charCodeAt(0)] = (t[ch.charCodeAt(0)] ?? 0) | JOINER;
  for (const key of kanaWords().keys()) t[Math.floor(key / 65536)] = (t[Math.floor(key / 65536)] ?? 0) | WORD;
  categories = t;
  return t;
}

/**
 * How much of a kana word's kanji form to emit: all of it, but for a last
 * okurigana kana between a kanji of the form and a kanji after it, which F
 * drops there as anywhere (及び防衛 → 及防衛; the table folded the rest).
 */
function wordLength(form: string, cat: Uint16Array, next: number): number {
  const n = form.length;
  const last = cat[form.charCodeAt(n - 1)] ?? 0;
  if (n >= 2 && last & (HIRA | KATA) && !(last & PARTICLE) && (cat[form.charCodeAt(n - 2)] ?? 0) & KANJI && (cat[next] ?? 0) & KANJI) return n - 1;
  return n;
}

/** Whether a separator (as toSearchable sees one) of two code units starts at `i`. */
function isAstralSeparator(text: string, i: number): boolean {
  const lo = text.charCodeAt(i + 1);
  return lo >= 0xdc00 && lo <= 0xdfff && SEPARATOR.test(text.slice(i, i + 2));
}

/** ヴ with a small vowel, and alone: Groonga's unify_katakana_v_sounds. */
const V_SOUNDS: Record<string, string> = { ァ: 'バ', ィ: 'ビ', ゥ: 'ブ', ェ: 'ベ', ォ: 'ボ', ぁ: 'バ', ぃ: 'ビ', ぅ: 'ブ', ぇ: 'ベ', ぉ: 'ボ' };

/** The vowel (a i u e o as 0..4) a kana ends in, or -1. */
let vowels: Int8Array | null = null;
function vowelOf(code: number): number {
  if (vowels === null) {
    const v = new Int8Array(0x100).fill(-1);
    const rows = ['アカサタナハマヤラワガザダバパァャヮヵ', 'イキシチニヒミリギジヂビピィヰ', 'ウクスツヌフムユルグズヅブプゥュヴ', 'エケセテネヘメレゲゼデベペェヱヶ', 'オコソトノホモヨロヲゴゾドボポォョ'];
    rows.forEach((row, k) => {
      for (const ch of row) v[ch.charCodeAt(0) - 0x3000] = k;
    });
    vowels = v;
  }
  return code >= 0x3000 && code < 0x3100 ? (vowels[code - 0x3000] ?? -1) : -1;
}
/** ア イ ウ エ オ as vowels 0..4. */
const VOWEL_KANA: Record<number, number> = { 0x30a2: 0, 0x30a4: 1, 0x30a6: 2, 0x30a8: 3, 0x30aa: 4 };

/** The folded text, the offset in the input of each of its characters, and which characters were rewritten. */
export interface Folded {
  text: string;
  map: Int32Array;
  /** 1 where the character is not the input character at `map[i]` as written (ヴァ → バ, ら致 → 拉致). */
  rewritten: Uint8Array;
}

const EMPTY_MAP = new Int32Array(0);
const EMPTY_FLAGS = new Uint8Array(0);

/** Scratch buffers for the fold, grown as needed: the index folds every field it holds. */
let outBuf = new Uint16Array(1024);
let mapBuf = new Int32Array(1024);
let reBuf = new Uint8Array(1024);

/**
 * F into the scratch buffers (`outBuf`, `mapBuf`, `reBuf`) in one pass;
 * returns the folded length. With `visit`, also reports each pair of adjacent
 * folded characters that the input does not hold as written (see
 * variantPairs), as it goes. `dropped`: spaces of a searchable text that were
 * dots or dashes (see variantPairs). The index folds every field it
 * holds, and a query every field it verifies: one tight loop, no closures.
 */
function foldInto(normalized: string, visit: ((a: number, b: number) => void) | null, dropped: Int32Array | null = null, droppedOut: number[] | null = null): number {
  const cat = category();
  const n = normalized.length;
  if (outBuf.length < n * 2 + 2) {
    outBuf = new Uint16Array(n * 2 + 2);
    mapBuf = new Int32Array(n * 2 + 2);
    reBuf = new Uint8Array(n * 2 + 2);
  }
  const out = outBuf;
  const map = mapBuf;
  const re = reBuf;
  let len = 0;
  /** Where the run of spaces at the end of the output starts, or -1. */
  let spaces = -1;
  /** The kana a long vowel would lengthen: the last kana emitted, across ー and ッ. */
  let vowelPrev = -1;
  let dp = 0;
  for (let i = 0; i < n; ) {
    const c = normalized.charCodeAt(i);
    const k = cat[c] ?? 0;
    let code = c;
    let rewritten = 0;
    let step = 1;
    /** A kana word rewritten to its kanji form, emitted character by character. */
    let word: string | null = null;
    let wordFrom = 1;
    if (k & SPECIAL) {
      if (dropped !== null && c === 32) {
        // A space that was a dot or a dash before the searchable text made it one.
        while (dp < dropped.length && (dropped[dp] ?? 0) < i) dp++;
        if (dropped[dp] === i) {
          vowelPrev = -1;
          i++;
          continue;
        }
      }
      if (k & WORD) {
        const hit = kanaWords().get(c * 65536 + normalized.charCodeAt(i + 1))?.find(([from]) => normalized.startsWith(from, i));
        if (hit) {
          word = hit[1];
          wordFrom = hit[0].length;
          step = wordFrom;
          rewritten = 1;
          vowelPrev = -1;
        }
      }
      if (word === null) {
        if (k & SURROGATE) {
          // A supplementary-plane symbol separates, as in the searchable text; a kanji (𠮷) is kept.
          vowelPrev = -1;
          if (isAstralSeparator(normalized, i)) {
            code = 32;
            step = 2;
          }
        } else if (k & V) {
          const next = V_SOUNDS[normalized.charAt(i + 1)];
          code = (next ?? 'ブ').charCodeAt(0);
          rewritten = 1;
          step = next ? 2 : 1;
          vowelPrev = -1;
        } else if (k & (DROP | TSU)) {
          // A long vowel may follow ー or ッ (ペーイン): the kana before them still counts.
          if (!(k & LENGTH)) vowelPrev = -1;
          // A dot or dash that the searchable text turns into a space (a dash between latin letters it keeps).
          if (droppedOut !== null && k & SEP && !(k & JOINER && (cat[normalized.charCodeAt(i - 1)] ?? 0) & LATIN && (cat[normalized.charCodeAt(i + 1)] ?? 0) & LATIN)) droppedOut.push(i);
          i++;
          continue;
        } else {
          if (k & VOWEL && vowelPrev >= 0) {
            // A long vowel written as a vowel (ボウリング, メイル): the same vowel, or e+イ, o+ウ.
            const vowel = VOWEL_KANA[foldCode(c)] ?? -1;
            const pv = vowelOf(foldCode(vowelPrev));
            if (pv === vowel || (pv === 3 && vowel === 1) || (pv === 4 && vowel === 2)) {
              i++;
              continue;
            }
          }
          // One okurigana kana between two kanji (引き出し / 引出し; 取リ組ミ in old statutes).
          if (k & (HIRA | KATA) && !(k & PARTICLE) && len > 0 && map[len - 1] === i - 1 && re[len - 1] === 0) {
            if ((cat[out[len - 1] ?? 0] ?? 0) & KANJI && (cat[normalized.charCodeAt(i + 1)] ?? 0) & KANJI) {
              i++;
              continue;
            }
          }
          vowelPrev = k & (KATA | HIRA) ? c : -1;
          if (k & SEP) {
            const keep = k & JOINER && (cat[normalized.charCodeAt(i - 1)] ?? 0) & LATIN && (cat[normalized.charCodeAt(i + 1)] ?? 0) & LATIN;
            if (!keep) code = 32;
          }
        }
      }
    } else {
      vowelPrev = -1;
      if (spaces < 0) {
        // Kanji, latin letters and digits after no space: kept, the common case inlined.
        if (visit !== null && len > 0 && (map[len - 1] !== i - 1 || re[len - 1] === 1) && out[len - 1] !== 32) visit(out[len - 1] ?? 0, c);
        out[len] = c;
        map[len] = i;
        re[len++] = 0;
        i++;
        continue;
      }
    }
    const count = word === null ? 1 : wordLength(word, cat, normalized.charCodeAt(i + wordFrom));
    for (let j = 0; j < count; j++) {
      const ch = word === null ? code : word.charCodeAt(j);
      // The last character of a rewrite ends where the kana form ends (the kanji form may be shorter).
      const at = word === null ? i : i + (j === count - 1 ? wordFrom - 1 : Math.min(j, wordFrom - 1));
      if (ch === 32) {
        if (spaces < 0) spaces = len;
      } else {
        if (spaces > 0) {
          // A space between a Japanese and a latin run (日 NATO) may be written or not.
          const before = cat[out[spaces - 1] ?? 0] ?? 0;
          const after = cat[ch] ?? 0;
          if ((before & JA && after & LATIN) || (before & LATIN && after & JA)) len = spaces;
        }
        spaces = -1;
        if (visit !== null && len > 0) {
          const p = out[len - 1] ?? 32;
          if (p !== 32 && ((map[len - 1] ?? 0) !== at - 1 || re[len - 1] === 1 || rewritten === 1)) visit(p, ch);
        }
      }
      out[len] = ch;
      map[len] = at;
      re[len++] = rewritten;
    }
    i += step;
  }
  return len;
}

/**
 * F: the length-changing folds, over normalized text (normalizeText's output,
 * or a query term). Separators become spaces as in the searchable text, except
 * the dots and dashes, which are dropped.
 */
export function variantFold(normalized: string): Folded {
  const w = foldInto(normalized, null);
  let text = '';
  for (let s = 0; s < w; s += 8192) text += String.fromCharCode.apply(null, outBuf.subarray(s, Math.min(w, s + 8192)) as unknown as number[]);
  return { text, map: mapBuf.slice(0, w), rewritten: reBuf.slice(0, w) };
}

/**
 * C(F(text)): the key a term or a field is compared by, with a run of spaces
 * as one space, and F's map back to `text`. Built in the scratch buffers: a
 * query folds the fields of every record it verifies. Over searchable text,
 * pass `dropped` (see variantPairs).
 */
export function variantKey(normalized: string, dropped: Int32Array | null = null, withMap = true, inScript = false): { key: string; map: Int32Array; rewritten: Uint8Array } {
  if (foldTable === null) foldTable = buildFoldTable();
  const table = inScript ? scriptFoldTable() : foldTable;
  const w = foldInto(normalized, null, dropped);
  const out = outBuf;
  const map = mapBuf;
  const re = reBuf;
  let k = 0;
  for (let r = 0; r < w; r++) {
    const c = out[r] ?? 0;
    if (c === 32 && k > 0 && out[k - 1] === 32) continue;
    out[k] = table[c] ?? c;
    map[k] = map[r] ?? 0;
    re[k++] = re[r] ?? 0;
  }
  let key = '';
  for (let s = 0; s < k; s += 8192) key += String.fromCharCode.apply(null, out.subarray(s, Math.min(k, s + 8192)) as unknown as number[]);
  return withMap ? { key, map: map.slice(0, k), rewritten: re.slice(0, k) } : { key, map: EMPTY_MAP, rewritten: EMPTY_FLAGS };
}

/**
 * The bigrams of F(text) that text itself does not hold as written (pairs made
 * adjacent by a drop, or holding a rewritten character), as code pairs: what
 * the index adds for variants. Pairs never span a space. With `dropped`, also
 * collects the offsets of the dots and dashes that the searchable text (see
 * toSearchable) turns into spaces: with them, F over the stored searchable
 * text equals F over the normalized text, so a query need not normalize a
 * record again to verify it.
 */
export function variantPairs(normalized: string, visit: (a: number, b: number) => void, dropped: number[] | null = null): void {
  // F's decisions, streamed: the last emitted character stands in for the
  // output buffer (the index runs this over every character it holds, and
  // needs the new pairs only). test/variants.test.ts checks that the pairs
  // equal those of foldInto over the same text.
  const cat = category();
  const n = normalized.length;
  let lastCode = -1;
  let lastAt = -2;
  let lastRe = 0;
  /** In a run of spaces: the character before it (-1 when the run starts the text), and its offset and rewrite flag. */
  let inSpaces = false;
  let beforeCode = -1;
  let beforeAt = -2;
  let beforeRe = 0;
  let vowelPrev = -1;
  for (let i = 0; i < n; ) {
    const c = normalized.charCodeAt(i);
    const k = cat[c] ?? 0;
    let code = c;
    let rewritten = 0;
    let step = 1;
    let word: string | null = null;
    let wordFrom = 1;
    if (k & SPECIAL) {
      if (k & WORD) {
        const hit = kanaWords().get(c * 65536 + normalized.charCodeAt(i + 1))?.find(([from]) => normalized.startsWith(from, i));
        if (hit) {
          word = hit[1];
          wordFrom = hit[0].length;
          step = wordFrom;
          rewritten = 1;
          vowelPrev = -1;
        }
      }
      if (word === null) {
        if (k & SURROGATE) {
          // A supplementary-plane symbol separates, as in the searchable text; a kanji (𠮷) is kept.
          vowelPrev = -1;
          if (isAstralSeparator(normalized, i)) {
            code = 32;
            step = 2;
          }
        } else if (k & V) {
          const next = V_SOUNDS[normalized.charAt(i + 1)];
          code = (next ?? 'ブ').charCodeAt(0);
          rewritten = 1;
          step = next ? 2 : 1;
          vowelPrev = -1;
        } else if (k & (DROP | TSU)) {
          if (!(k & LENGTH)) vowelPrev = -1;
          if (dropped !== null && k & SEP && !(k & JOINER && (cat[normalized.charCodeAt(i - 1)] ?? 0) & LATIN && (cat[normalized.charCodeAt(i + 1)] ?? 0) & LATIN)) dropped.push(i);
          i++;
          continue;
        } else {
          if (k & VOWEL && vowelPrev >= 0) {
            const vowel = VOWEL_KANA[foldCode(c)] ?? -1;
            const pv = vowelOf(foldCode(vowelPrev));
            if (pv === vowel || (pv === 3 && vowel === 1) || (pv === 4 && vowel === 2)) {
              i++;
              continue;
            }
          }
          if (k & (HIRA | KATA) && !(k & PARTICLE) && lastAt === i - 1 && lastRe === 0 && lastCode >= 0) {
            if ((cat[lastCode] ?? 0) & KANJI && (cat[normalized.charCodeAt(i + 1)] ?? 0) & KANJI) {
              i++;
              continue;
            }
          }
          vowelPrev = k & (KATA | HIRA) ? c : -1;
          if (k & SEP) {
            const keep = k & JOINER && (cat[normalized.charCodeAt(i - 1)] ?? 0) & LATIN && (cat[normalized.charCodeAt(i + 1)] ?? 0) & LATIN;
            if (!keep) code = 32;
          }
        }
      }
    } else {
      vowelPrev = -1;
      if (!inSpaces) {
        // Kanji, latin letters and digits after no space: the common case inlined.
        if (lastCode >= 0 && lastCode !== 32 && (lastAt !== i - 1 || lastRe === 1)) visit(lastCode, c);
        lastCode = c;
        lastAt = i;
        lastRe = 0;
        i++;
        continue;
      }
    }
    const count = word === null ? 1 : wordLength(word, cat, normalized.charCodeAt(i + wordFrom));
    for (let j = 0; j < count; j++) {
      const ch = word === null ? code : word.charCodeAt(j);
      // The last character of a rewrite ends where the kana form ends (the kanji form may be shorter).
      const at = word === null ? i : i + (j === count - 1 ? wordFrom - 1 : Math.min(j, wordFrom - 1));
      if (ch === 32) {
        if (!inSpaces) {
          inSpaces = true;
          beforeCode = lastCode;
          beforeAt = lastAt;
          beforeRe = lastRe;
        }
      } else {
        if (inSpaces) {
          // A space between a Japanese and a latin run (日 NATO) may be written or not.
          const before = beforeCode >= 0 ? (cat[beforeCode] ?? 0) : 0;
          const after = cat[ch] ?? 0;
          if (beforeCode >= 0 && ((before & JA && after & LATIN) || (before & LATIN && after & JA))) {
            lastCode = beforeCode;
            lastAt = beforeAt;
            lastRe = beforeRe;
          }
          inSpaces = false;
        }
        if (lastCode >= 0 && lastCode !== 32 && (lastAt !== at - 1 || lastRe === 1 || rewritten === 1)) visit(lastCode, ch);
      }
      lastCode = ch;
      lastAt = at;
      lastRe = rewritten;
    }
    i += step;
  }
}

/**
 * The same pairs from a stored searchable field and its dropped separators
 * (see variantPairs): what removal takes out, from what the index holds
 * rather than from a record object its caller may have changed since.
 */
export function storedVariantPairs(searchable: string, dropped: Int32Array | null, visit: (a: number, b: number) => void): void {
  foldInto(searchable, visit, dropped);
}

/** The new pairs and dropped offsets by the buffered fold: what variantPairs streams (for its equivalence test). */
export function variantPairsBuffered(normalized: string, visit: (a: number, b: number) => void, dropped: number[] | null = null): void {
  foldInto(normalized, visit, null, dropped);
}
