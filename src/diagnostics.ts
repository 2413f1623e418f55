/**
 * Diagnostics: a closed set of codes, each with a fixed severity, plus the
 * offset → line/column arithmetic shared by every producer.
 */

/** Every code the parser can emit. `docs/diagnostics.md` has a section for each. */
export const DIAGNOSTIC_CODES = {
  'empty-input': 'info',
  bom: 'info',
  'html-input': 'info',
  'csv-input': 'info',
  'markdown-input': 'info',
  'full-width-digits': 'info',
  'japanese-date': 'info',
  'japanese-time': 'info',
  weekday: 'info',
  'wrapped-lines': 'info',
  'header-row': 'info',
  'html-remnant': 'info',
  'missing-time': 'info',
  'date-separator': 'warning',
  'invalid-time': 'warning',
  'unknown-source': 'warning',
  'missing-title': 'warning',
  'empty-summary': 'warning',
  'duplicate-id': 'warning',
  'id-date-mismatch': 'warning',
  'id-digest-month': 'warning',
  'unknown-bracket': 'warning',
  'unclosed-bracket': 'warning',
  'malformed-related': 'warning',
  'related-text': 'warning',
  'stray-text': 'warning',
  'unclosed-quote': 'warning',
  'weekday-mismatch': 'warning',
  'invalid-date': 'error',
  'missing-id': 'error',
  'no-records': 'error',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** UTF-16 offset into the original input, inclusive. */
  start: number;
  /** UTF-16 offset into the original input, exclusive. */
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /** 1-based column of `start`, in UTF-16 code units. */
  column: number;
  /** The record the diagnostic belongs to, when there is one. */
  recordId?: string;
}

/** Thrown by `parseDigest(text, { strict: true })` when any diagnostic is an error. */
export class DigestParseError extends Error {
  override readonly name = 'DigestParseError';
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0];
    const where = first ? ` (first: ${first.line}:${first.column} ${first.code}: ${first.message})` : '';
    super(`ja-digest-search: ${errors.length} error diagnostic(s)${where}`);
    this.diagnostics = diagnostics;
  }
}

/** Sorted offsets at which each line starts; `\r\n`, `\n` and `\r` all end a line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    // The common case, by indexOf: several times faster than a character loop.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 1-based line and column of `offset`, by binary search over `lineStarts`. */
export function lineColumn(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}
