/** Whitespace handling shared by the parser's field readers. */

/** Runs of whitespace, cell separators (U+001F) included. */
export const COLLAPSE = /[\s\x1f]+/g;
/** Whitespace other than single spaces; when absent, collapsing would copy the string for nothing. */
const NEEDS_COLLAPSE = /[^\S ]|\x1f| {2}/;

const RUN = /[\s\x1f]+/;

/**
 * Runs of whitespace to one space, trimmed: how source, title, summary and notes
 * are stored. By split and join: V8's global replace slows down per match once a
 * string has a few hundred thousand of them (12x the time for 4x the text).
 */
export function collapse(s: string): string {
  return (NEEDS_COLLAPSE.test(s) ? s.split(RUN).join(' ') : s).trim();
}
