/**
 * Snippets: a short extract of the summary around the first match, with every
 * match in it marked. Matching runs on the normalized text; a character map
 * takes each match back to the original, so offsets stay right in Japanese
 * text, full-width letters and half-width kana alike.
 */
import { normalizeWithMap, originalOffset, toSearchable, unitEnd } from '../analysis/normalize.js';
import { checkText } from '../validate.js';

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
  if (typeof text !== 'string') checkText('escapeHtml', text);
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

/** A text's searchable form, and how a match in it maps back to the text. */
interface Located {
  searchable: string;
  /** The span of `text` that gave searchable characters [at, end). */
  span: (at: number, end: number) => MatchSpan;
}

function locate(text: string, prepared: Prepared | undefined): Located {
  if (prepared) {
    const { searchable, removed } = prepared;
    // One to one but for removed characters: the last matched one ends the match.
    if (removed.length === 0) return { searchable, span: (at, end) => ({ start: at, end }) };
    return { searchable, span: (at, end) => ({ start: originalOffset(removed, at), end: originalOffset(removed, end - 1) + 1 }) };
  }
  const { text: normalized, map } = normalizeWithMap(text);
  // From the start of the unit that gave the first matched character to the
  // end of the unit that gave the last: not where the next kept one starts (a
  // removed space may lie between), and not inside a unit (㌀ gives four
  // characters; 가 in jamo is two code points for one).
  return { searchable: toSearchable(normalized), span: (at, end) => ({ start: map[at] ?? text.length, end: unitEnd(text, map[end - 1] ?? text.length) }) };
}

/**
 * Offsets in `text` (original) of every occurrence of the normalized `terms`,
 * merged. `prepared`, when given, spares normalizing the text again.
 */
export function findMatches(text: string, terms: readonly string[], prepared?: Prepared): MatchSpan[] {
  if (terms.length === 0 || text === '') return [];
  return spansBefore(text, locate(text, prepared), terms, Infinity);
}

/**
 * The first occurrence of each of `terms` in `text`, as written there
 * (distinct, in the order of the terms): the words a hit matched. One search
 * and one mapping a term, not every occurrence: a hit's words cost little
 * beside its snippet.
 */
export function firstWritten(text: string, terms: readonly string[], prepared?: Prepared, into: string[] = []): string[] {
  if (terms.length === 0 || text === '') return into;
  const located = locate(text, prepared);
  for (const term of terms) {
    const at = term === '' ? -1 : located.searchable.indexOf(term);
    if (at < 0) continue;
    const s = occurrence(text, located, at, term.length);
    const word = text.slice(s.start, s.end);
    if (!into.includes(word)) into.push(word);
  }
  return into;
}

/** The span of `text` an occurrence at `at` marks: at least one character, never half a surrogate pair. */
function occurrence(text: string, located: Located, at: number, length: number): MatchSpan {
  const s = located.span(at, at + length);
  s.end = Math.max(s.end, s.start + 1);
  if (isLowSurrogate(text, s.end)) s.end++;
  return s;
}

/** The merged spans of the occurrences that start before `until` (an offset in `text`). */
function spansBefore(text: string, located: Located, terms: readonly string[], until: number): MatchSpan[] {
  const { searchable } = located;
  const spans: MatchSpan[] = [];
  for (const term of terms) {
    if (term === '') continue;
    for (let at = searchable.indexOf(term); at >= 0; at = searchable.indexOf(term, at + term.length)) {
      const s = occurrence(text, located, at, term.length);
      if (s.start >= until) break; // occurrences come in order, and so do their spans
      spans.push(s);
    }
  }
  if (terms.length > 1) spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: MatchSpan[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push(s);
  }
  return merged;
}

/**
 * The spans a snippet shows, and its window: `context` characters around the
 * first occurrence (the earliest, the longest of those), marks cut at the
 * window's end. Only the occurrences that start in the window are mapped, so a
 * long text that repeats a term thousands of times costs its window, not its
 * length, and a chain of touching matches (`㌀㌀㌀…` for パート) does not make
 * the snippet the whole text.
 */
function snippetWindow(text: string, terms: readonly string[], context: number, prepared: Prepared | undefined): { spans: MatchSpan[]; from: number; to: number } | null {
  if (terms.length === 0 || text === '') return null;
  const located = locate(text, prepared);
  let first: MatchSpan | null = null;
  for (const term of terms) {
    const at = term === '' ? -1 : located.searchable.indexOf(term);
    if (at < 0) continue;
    const s = occurrence(text, located, at, term.length);
    if (!first || s.start < first.start || (s.start === first.start && s.end > first.end)) first = s;
  }
  if (!first) return null;
  let from = Math.max(0, first.start - context);
  let to = Math.min(text.length, first.end + context);
  // Never cut a surrogate pair in half.
  if (isLowSurrogate(text, from)) from--;
  if (isLowSurrogate(text, to)) to++;
  return { spans: spansBefore(text, located, terms, to), from, to };
}

/** Whether offset `i` falls between the halves of a surrogate pair. */
function isLowSurrogate(text: string, i: number): boolean {
  return i > 0 && i < text.length && (text.charCodeAt(i) & 0xfc00) === 0xdc00 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800;
}

export function makeSnippet(text: string, terms: readonly string[], options: SnippetOptions = {}, prepared?: Prepared): string {
  const before = options.before ?? '[';
  const after = options.after ?? ']';
  // Checked by search (a whole number >= 0, or Infinity); clamped here all the same.
  const context = Math.max(0, Math.floor(options.context ?? 40));
  const escape = options.escape ?? ((s: string) => s);
  const window = snippetWindow(text, terms, context, prepared);
  if (!window) {
    if (text.length <= context * 2) return escape(text);
    const cut = context * 2 + (isLowSurrogate(text, context * 2) ? 1 : 0);
    return cut >= text.length ? escape(text) : `${escape(text.slice(0, cut))}…`;
  }
  const { spans, from, to } = window;
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
