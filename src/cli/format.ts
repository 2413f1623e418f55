/**
 * Text for people: diagnostics in the compiler-style `file:line:column:` form
 * that editors and CI annotators understand, and search hits with the match
 * highlighted.
 */
import type { Diagnostic, SearchHit, SearchPage, SnippetOptions } from '../index.js';

export function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${clean(d.message)}`;
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

const BOLD_YELLOW = '\u001b[1;33m';
const RESET = '\u001b[0m';

/** Snippet marks: bold yellow on a terminal, otherwise the library's plain `[` `]`. */
export function snippetOptions(colour: boolean): SnippetOptions {
  return colour ? { before: BOLD_YELLOW, after: RESET, escape: clean } : { escape: clean };
}

// Record text is untrusted: an ESC in a digest must not drive the terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function clean(text: string): string {
  return text.replace(CONTROL, ' ');
}

/** What the user typed, in messages: at most this many characters (a 120 KB query is not echoed). */
export const SHOWN_QUERY = 80;
/** File names are shortened only beyond this: a real path rarely is, and a whole one can be copied or jumped to. */
export const SHOWN_NAME = 256;

// C0 and C1 controls, line and paragraph separators, and the bidi controls
// that can make a name read differently from what it is (Trojan Source).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One character as it is shown: itself, or an escape (`\n`, `\x1b`, `\u2028`). */
function escapeChar(ch: string): string {
  if (!UNSAFE.test(ch)) return ch;
  const code = ch.charCodeAt(0);
  return NAMED[ch] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/**
 * User-supplied text (a query, a file name, an option's value) as a message
 * shows it: control characters escaped, so that a newline in a file name
 * cannot split a diagnostic over two lines nor an ESC drive the terminal,
 * and cut at `max` characters with an ellipsis. Stops reading once `max` is
 * reached, so a huge value costs nothing.
 */
export function shown(text: string, max = SHOWN_QUERY): string {
  const parts: string[] = [];
  let length = 0;
  for (const ch of text) {
    const e = escapeChar(ch);
    parts.push(e);
    length += e.length;
    if (length > max) {
      // Too long: drop what does not fit with the ellipsis (never half an escape).
      while (length > max - 1) length -= parts.pop()?.length ?? length;
      return `${parts.join('')}…`;
    }
  }
  return parts.join('');
}

/** A file name in messages: escaped, and beyond SHOWN_NAME characters cut in the middle, keeping its end (the name itself). */
export function shownName(path: string): string {
  const whole = shown(path, Number.POSITIVE_INFINITY);
  if (whole.length <= SHOWN_NAME) return whole;
  const head = Array.from(whole.slice(0, SHOWN_NAME)).slice(0, SHOWN_NAME / 2 - 1).join('');
  const tail = Array.from(whole.slice(-SHOWN_NAME)).slice(-(SHOWN_NAME / 2)).join('');
  return `${head}…${tail}`;
}

/** Every control character left in a message escaped (the safety net for messages from Node or JSON.parse). */
export function escapeControls(text: string): string {
  return text.replace(new RegExp(UNSAFE.source, 'g'), escapeChar);
}

const DIVIDERS = {
  variant: '-- variant: every term, some in another spelling --',
  partial: '-- partial: part of the query --',
} as const;

/**
 * `colour`: the title is shown with its matches highlighted too (plain output
 * keeps it as written). `start`: the rank of the first hit less one (the page's offset).
 */
export function formatHits(hits: readonly SearchHit[], query: string, colour = false, start = 0): string {
  if (hits.length === 0) return `No records match "${shown(query)}".\n`;
  const width = String(start + hits.length).length;
  const indent = ' '.repeat(width + 2);
  const lines: string[] = [];
  hits.forEach((hit, i) => {
    const r = hit.record;
    // A divider where the match kind changes, so that a near miss never passes for an exact hit.
    if (hit.match !== 'exact' && hit.match !== hits[i - 1]?.match) lines.push(DIVIDERS[hit.match], '');
    const head = [r.date, r.source, r.title, `<${r.id}>`].filter((s) => s !== '').map(clean);
    if (hit.match !== 'exact') head.push(`(${hit.match})`);
    if (colour && r.title !== '') head[head.indexOf(clean(r.title))] = hit.titleSnippet;
    lines.push(`${String(start + i + 1).padStart(width)}. ${head.join('  ')}`);
    if (hit.snippet !== '') lines.push(`${indent}${hit.snippet}`);
    lines.push('');
  });
  return lines.join('\n');
}

const count = (n: number): string => n.toLocaleString('en-US');
/** A total as the CLI writes it: `1,234`, or `about 1,234` for an estimate. */
export const totalText = (total: number, exact: boolean): string => `${exact ? '' : 'about '}${count(total)}`;
/** The verb after a total: one record (exactly) matches, any other number match. */
export const matchVerb = (total: number, exact: boolean): string => (total === 1 && exact ? 'matches' : 'match');

/**
 * A result page for people: the total (and which hits are shown) on the
 * first line, the hits numbered from the page's offset, then the facet
 * counts asked for, one line each. `empty`: what to add to the no-match
 * line (which filters emptied the result; see empty.ts).
 */
export function formatPage(page: SearchPage, query: string, colour = false, empty = ''): string {
  const browsing = query.trim() === '';
  const { hits, total, offset } = page;
  if (total === 0 && hits.length === 0) return browsing ? `No records${empty}.\n` : `No records match "${shown(query)}"${empty}.\n`;
  const records = `${totalText(total, page.totalExact)} ${total === 1 ? 'record' : 'records'}`;
  const what = browsing ? `${records}, newest first` : `${records} ${matchVerb(total, page.totalExact)} "${shown(query)}"`;
  const range = hits.length > 0 ? `showing ${count(offset + 1)}–${count(offset + hits.length)}` : `none shown from ${count(offset + 1)}`;
  const head = `${what.charAt(0).toUpperCase()}${what.slice(1)} (${range}).`;
  const body = hits.length > 0 ? formatHits(hits, query, colour, offset) : '';
  const facets = Object.entries(page.facets).map(([name, values]) => `${name}: ${values.length === 0 ? '(none)' : values.map((v) => `${clean(v.value)} (${count(v.count)})`).join(' · ')}\n`);
  return `${head}\n\n${body}${facets.length > 0 && body !== '' ? '\n' : ''}${facets.join('')}`;
}
