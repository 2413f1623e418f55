/**
 * Text for people: diagnostics in the compiler-style `file:line:column:` form
 * that editors and CI annotators understand, and search hits with the match
 * highlighted.
 */
import type { Diagnostic, SearchHit, SnippetOptions } from '../index.js';

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

const DIVIDERS = {
  variant: '-- variant: every term, some in another spelling --',
  partial: '-- partial: part of the query --',
} as const;

/** `colour`: the title is shown with its matches highlighted too (plain output keeps it as written). */
export function formatHits(hits: readonly SearchHit[], query: string, colour = false): string {
  if (hits.length === 0) return `No records match "${clean(query)}".\n`;
  const width = String(hits.length).length;
  const indent = ' '.repeat(width + 2);
  const lines: string[] = [];
  hits.forEach((hit, i) => {
    const r = hit.record;
    // A divider where the match kind changes, so that a near miss never passes for an exact hit.
    if (hit.match !== 'exact' && hit.match !== hits[i - 1]?.match) lines.push(DIVIDERS[hit.match], '');
    const head = [r.date, r.source, r.title, `<${r.id}>`].filter((s) => s !== '').map(clean);
    if (hit.match !== 'exact') head.push(`(${hit.match})`);
    if (colour && r.title !== '') head[head.indexOf(clean(r.title))] = hit.titleSnippet;
    lines.push(`${String(i + 1).padStart(width)}. ${head.join('  ')}`);
    if (hit.snippet !== '') lines.push(`${indent}${hit.snippet}`);
    lines.push('');
  });
  return lines.join('\n');
}
