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

/** `colour`: the title is shown with its matches highlighted too (plain output keeps it as written). */
export function formatHits(hits: readonly SearchHit[], query: string, colour = false): string {
  if (hits.length === 0) return `No records match "${clean(query)}".\n`;
  const width = String(hits.length).length;
  const indent = ' '.repeat(width + 2);
  const lines: string[] = [];
  if (hits[0]?.fallback) lines.push('No record matches every term; these match some of them.', '');
  hits.forEach((hit, i) => {
    const r = hit.record;
    const head = [r.date, r.source, r.title, `<${r.id}>`].filter((s) => s !== '').map(clean);
    if (colour && r.title !== '') head[head.indexOf(clean(r.title))] = hit.titleSnippet;
    lines.push(`${String(i + 1).padStart(width)}. ${head.join('  ')}`);
    if (hit.snippet !== '') lines.push(`${indent}${hit.snippet}`);
    lines.push('');
  });
  return lines.join('\n');
}
