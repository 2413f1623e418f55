/**
 * Snippets: a short extract of the summary around the first match, with every
 * match in it marked. Matching runs on the normalized text; a character map
 * takes each match back to the original, so offsets stay right in Japanese
 * text, full-width letters and half-width kana alike.
 */
import { normalizeWithMap, originalOffset, toSearchable } from '../analysis/normalize.js';

export interface SnippetOptions {
  /** Inserted before a match. Default `[`. Use `<mark>` for HTML. */
  before?: string;
  /** Inserted after a match. Default `]`. */
  after?: string;
  /** Characters of context on each side of the first match. Default 40; `Infinity` keeps the whole text. */
  context?: number;
  /** Applied to the text between marks, e.g. HTML escaping. Default: none. */
  escape?: (text: string) => string;
}

/** Escapes `& < > " '` for HTML, for use as `snippet.escape` with `<mark>`. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface MatchSpan {
  start: number;
  end: number;
}

/**
 * The searchable form of a text the index already holds, with the offsets its
 * normalization removed (see removedOffsets): enough to map matches back.
 */
export interface Prepared {
  searchable: string;
  removed: Int32Array;
}

/**
 * Offsets in `text` (original) of every occurrence of the normalized `terms`,
 * merged. `prepared`, when given, spares normalizing the text again.
 */
export function findMatches(text: string, terms: readonly string[], prepared?: Prepared): MatchSpan[] {
  if (terms.length === 0 || text === '') return [];
  let map: number[] | null = null;
  let searchable: string;
  let removed: Int32Array | null = null;
  if (prepared) {
    searchable = prepared.searchable;
    if (prepared.removed.length > 0) removed = prepared.removed;
  } else {
    const mapped = normalizeWithMap(text);
    map = mapped.map;
    searchable = toSearchable(mapped.text);
  }
  const spans: MatchSpan[] = [];
  for (const term of terms) {
    if (term === '') continue;
    for (let at = searchable.indexOf(term); at >= 0; at = searchable.indexOf(term, at + term.length)) {
      let start = map ? (map[at] ?? text.length) : at;
      let end = at + term.length;
      if (removed) {
        // One to one but for removed characters: the last matched one ends the match.
        start = originalOffset(removed, at);
        end = originalOffset(removed, end - 1) + 1;
      } else if (map) {
        // The end is where the original character holding the match's last
        // character ends: not where the next kept one starts (a removed space
        // may lie between), and not inside it (🄐 gives three: "(a)").
        end = clusterEnd(text, map[end - 1] ?? text.length);
      }
      end = Math.max(end, start + 1);
      if (isLowSurrogate(text, end)) end++;
      spans.push({ start, end });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: MatchSpan[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

const COMBINING = /[\p{M}\uff9e\uff9f]/u;

/** The end of the character starting at `i`: its code point and any marks after it, as normalizeWithMap groups them. */
function clusterEnd(text: string, i: number): number {
  if (i >= text.length) return text.length;
  let k = i + ((text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);
  while (k < text.length && COMBINING.test(text.charAt(k))) k++;
  return k;
}

/** Whether offset `i` falls between the halves of a surrogate pair. */
function isLowSurrogate(text: string, i: number): boolean {
  return i > 0 && i < text.length && (text.charCodeAt(i) & 0xfc00) === 0xdc00 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800;
}

export function makeSnippet(text: string, terms: readonly string[], options: SnippetOptions = {}, prepared?: Prepared): string {
  const before = options.before ?? '[';
  const after = options.after ?? ']';
  const context = Math.max(0, Math.floor(options.context ?? 40));
  const escape = options.escape ?? ((s: string) => s);
  const spans = findMatches(text, terms, prepared);
  const first = spans[0];
  if (!first) {
    if (text.length <= context * 2) return escape(text);
    const cut = context * 2 + (isLowSurrogate(text, context * 2) ? 1 : 0);
    return cut >= text.length ? escape(text) : `${escape(text.slice(0, cut))}…`;
  }
  let from = Math.max(0, first.start - context);
  let to = Math.min(text.length, first.end + context);
  // Never cut a surrogate pair in half.
  if (isLowSurrogate(text, from)) from--;
  if (isLowSurrogate(text, to)) to++;
  let out = from > 0 ? '…' : '';
  let pos = from;
  for (const s of spans) {
    if (s.start >= to) break;
    const end = Math.min(s.end, to);
    out += escape(text.slice(pos, s.start)) + before + escape(text.slice(s.start, end)) + after;
    pos = end;
  }
  out += escape(text.slice(pos, to));
  if (to < text.length) out += '…';
  return out;
}
