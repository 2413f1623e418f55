/**
 * Several digest files → one record list plus per-file diagnostics. The
 * parser already reports a duplicate ID within one file; this adds the same
 * `duplicate-id` warning for an ID first seen in an earlier file. Records are
 * joined in the order the files were given, so `buildIndex` (which keeps the
 * first record with an ID and skips later ones) makes the first file win.
 */
import { parseDigest } from '../index.js';
import type { Diagnostic, DigestRecord } from '../index.js';
import type { Input } from './io.js';
// The parser's own line arithmetic, so CLI positions can never disagree with diagnostics.
import { lineColumn, lineStarts } from '../diagnostics.js';

export interface FileDiagnostic {
  file: string;
  diagnostic: Diagnostic;
}

export interface Parsed {
  records: DigestRecord[];
  /** In file order, then by position in the file. */
  diagnostics: FileDiagnostic[];
}

interface FirstSeen {
  file: number;
  record: DigestRecord;
}

export function parseInputs(inputs: readonly Input[], onFile?: (done: number) => void): Parsed {
  const records: DigestRecord[] = [];
  const diagnostics: FileDiagnostic[] = [];
  const seen = new Map<string, FirstSeen>();
  const starts: (number[] | null)[] = inputs.map(() => null);
  const where = (file: number, record: DigestRecord): { start: number; end: number; line: number; column: number } => {
    const text = inputs[file]?.text ?? '';
    const span = idSpan(text, record);
    const ls = (starts[file] ??= lineStarts(text));
    return { ...span, ...lineColumn(ls, span.start) };
  };

  inputs.forEach((input, file) => {
    const result = parseDigest(input.text);
    const own: Diagnostic[] = [...result.diagnostics];
    const here = new Set<string>();
    for (const record of result.records) {
      const first = seen.get(record.id);
      // A repeat inside this file is the parser's to report; only the first
      // occurrence in this file is checked against earlier files.
      if (first !== undefined && first.file !== file && !here.has(record.id)) {
        const at = where(first.file, first.record);
        const firstName = inputs[first.file]?.display ?? '?';
        own.push({
          code: 'duplicate-id',
          severity: 'warning',
          message: `The ID <${record.id}> was already used by a record in ${firstName}:${at.line}:${at.column} dated ${first.record.date}; search and index keep that first one.`,
          ...where(file, record),
          recordId: record.id,
        });
      }
      here.add(record.id);
      if (first === undefined) seen.set(record.id, { file, record });
      records.push(record);
    }
    own.sort((a, b) => a.start - b.start || a.end - b.end);
    for (const diagnostic of own) diagnostics.push({ file: input.display, diagnostic });
    onFile?.(file + 1);
  });
  return { records, diagnostics };
}

/** The `<YYMM-MMDDNN>` of a record in its text (bracket included), or the record's start for a generated id. */
function idSpan(text: string, record: DigestRecord): { start: number; end: number } {
  const { start, end } = record.position;
  const at = text.indexOf(record.id, start);
  if (at < 0 || at >= end) return { start, end: start };
  let s = at;
  while (s > start && /[ \u3000]/.test(text.charAt(s - 1))) s--;
  if (text.startsWith('&lt;', s - 4)) s -= 4;
  else if (/[<＜]/.test(text.charAt(s - 1))) s--;
  return { start: s, end: at + record.id.length };
}
