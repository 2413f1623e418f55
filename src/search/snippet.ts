/**
 * Snippets: a short extract of the summary around the first match, with every
 * match in it marked. Matching runs on the normalized text; a character map
 * takes each match back to the original, so offsets stay right in Japanese
 * text, full-width letters and half-width kana alike.
 */
import { normalizeWithMap, toSearchable } from '../analysis/normalize.js';

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
 * Offsets in `text` (original) of every occurrence of the normalized `terms`,
 * merged. `searchable`, when given, is the text's searchable form with the
 * same offsets (the index keeps it for records whose normalization changes no
 * offset), which spares normalizing again.
 */
export function findMatches(text: string, terms: readonly string[], searchable?: string): MatchSpan[] {
  if (terms.length === 0 || text === '') return [];
  let map: number[] | null = null;
  if (searchable === undefined) {
    const mapped = normalizeWithMap(text);
    map = mapped.map;
    searchable = toSearchable(mapped.text);
  }
  const spans: MatchSpan[] = [];
  for (const term of terms) {
    if (term === '') continue;
    for (let at = searchable.indexOf(term); at >= 0; at = searchable.indexOf(term, at + term.length)) {
      const start = map ? (map[at] ?? text.length) : at;
      // The end is the start of the character after the match in the original.
      const end = map ? (map[at + term.length] ?? text.length) : at + term.length;
      spans.push({ start, end: Math.max(end, start + 1) });
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

export function makeSnippet(text: string, terms: readonly string[], options: SnippetOptions = {}, searchable?: string): string {
  const before = options.before ?? '[';
  const after = options.after ?? ']';
  const context = Math.max(0, Math.floor(options.context ?? 40));
  const escape = options.escape ?? ((s: string) => s);
  const spans = findMatches(text, terms, searchable);
  const first = spans[0];
  if (!first) {
    const cut = text.length > context * 2 ? `${text.slice(0, context * 2)}…` : text;
    return escape(cut);
  }
  let from = Math.max(0, first.start - context);
  let to = Math.min(text.length, first.end + context);
  // Never cut a surrogate pair in half.
  if (from > 0 && /[\udc00-\udfff]/.test(text.charAt(from))) from--;
  if (to < text.length && /[\udc00-\udfff]/.test(text.charAt(to))) to++;
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
