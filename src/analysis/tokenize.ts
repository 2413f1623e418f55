/**
 * Terms for the index: latin and digit runs stay whole (`nato`, `f-35b`,
 * `2507-062601`); Japanese runs give TinySegmenter's words and also every
 * character bigram (a one-character run gives that character), so text is
 * findable whatever the segmenter did with it.
 */
import { isJapaneseChar, isJapaneseCode, normalizeText, toSearchable } from './normalize.js';
import { segment } from './segmenter.js';
import { checkOptions, checkText } from '../validate.js';

export interface ScriptRun {
  text: string;
  /** Offset in the searchable text the run came from. */
  start: number;
  japanese: boolean;
}

/** Splits searchable text (see `toSearchable`) into runs of one script; spaces end runs. */
export function scriptRuns(searchable: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  let start = -1;
  let ja = false;
  for (let i = 0; i <= searchable.length; i++) {
    const code = i < searchable.length ? searchable.charCodeAt(i) : -1;
    const end = code === -1 || code === 32;
    let isJa = !end && isJapaneseCode(code);
    // A supplementary-plane kanji (𠮷) is a surrogate pair: judge it whole, keep its halves together.
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < searchable.length && (searchable.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) isJa = isJapaneseChar(String.fromCodePoint(searchable.codePointAt(i) ?? 0));
    if (start >= 0 && (end || isJa !== ja)) {
      runs.push({ text: searchable.slice(start, i), start, japanese: ja });
      start = -1;
    }
    if (!end && start < 0) {
      start = i;
      ja = isJa;
    }
    if (pair) i++;
  }
  return runs;
}

/** Overlapping character bigrams (by code point: 𠮷 is one character); a one-character string is its own term. */
export function bigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length < 2) return run === '' ? [] : [run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}

export interface TokenizeOptions {
  /** Include the character bigrams of Japanese runs. Default true. */
  bigrams?: boolean;
  /** Include TinySegmenter's words for Japanese runs. Default true. */
  words?: boolean;
}

/**
 * The analysis the index applies to text, for use elsewhere: normalize, split
 * by script, keep latin runs whole, segment Japanese runs and add their bigrams.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  checkText('tokenize', text);
  checkOptions('tokenize', options);
  const withBigrams = options.bigrams ?? true;
  const withWords = options.words ?? true;
  const out: string[] = [];
  for (const run of scriptRuns(toSearchable(normalizeText(text)))) {
    if (!run.japanese) {
      out.push(run.text);
      continue;
    }
    if (withWords) for (const w of segment(run.text)) out.push(w);
    if (withBigrams) for (const b of bigrams(run.text)) if (!withWords || b !== run.text) out.push(b);
  }
  return out;
}
