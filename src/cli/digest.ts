/**
 * Several digest files → one record list plus per-file diagnostics. The
 * parser already reports a duplicate ID within one file; this adds the same
 * `duplicate-id` warning for an ID first seen in an earlier file. Records are
 * joined in the order the files were given, so `buildIndex` (which keeps the
 * first record with an ID and skips later ones) makes the first file win.
 * Every record that `search` and `index` will skip has a warning: none is
 * dropped silently.
 */
import { parseDigest } from '../index.js';
import type { Diagnostic, DigestRecord, ParseResult } from '../index.js';
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

/** One input and what the parser made of it. */
export interface ParsedFile {
  input: Input;
  result: ParseResult;
}

interface FirstSeen {
  file: number;
  record: DigestRecord;
}

interface Place {
  start: number;
  end: number;
  line: number;
  column: number;
}

export function parseInputs(inputs: readonly Input[], onFile?: (done: number) => void): Parsed {
  const files = inputs.map((input, i): ParsedFile => {
    const result = parseDigest(input.text);
    onFile?.(i + 1);
    return { input, result };
  });
  return joinFiles(files);
}

/**
 * Joins parsed files in order, adding a `duplicate-id` warning for each
 * record whose ID was used before and that the parser did not already report.
 * Linear in the total size: every lookup is bounded by one record's text.
 */
export function joinFiles(files: readonly ParsedFile[]): Parsed {
  const records: DigestRecord[] = [];
  const diagnostics: FileDiagnostic[] = [];
  const seen = new Map<string, FirstSeen>();
  const starts: (number[] | null)[] = files.map(() => null);
  const where = (file: number, record: DigestRecord): Place => {
    const text = files[file]?.input.text ?? '';
    const span = idSpan(text, record);
    const ls = (starts[file] ??= lineStarts(text));
    return { ...span, ...lineColumn(ls, span.start) };
  };

  files.forEach(({ input, result }, file) => {
    const own: Diagnostic[] = [...result.diagnostics];
    // Repeats within this file that the parser reported, per ID: those need no second warning.
    const reported = new Map<string, number>();
    for (const d of result.diagnostics) {
      if (d.code === 'duplicate-id' && d.recordId !== undefined) reported.set(d.recordId, (reported.get(d.recordId) ?? 0) + 1);
    }
    const here = new Set<string>();
    for (const record of result.records) {
      const first = seen.get(record.id);
      const repeat = here.has(record.id);
      const parserSaid = repeat && (reported.get(record.id) ?? 0) > 0;
      if (parserSaid) reported.set(record.id, (reported.get(record.id) ?? 0) - 1);
      if (first !== undefined && !parserSaid) {
        const at = where(first.file, first.record);
        const firstName = files[first.file]?.input.display ?? '?';
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
  });
  return { records, diagnostics };
}

/** The `<YYMM-MMDDNN>` of a record in its text (bracket included), or the record's start for a generated id. */
function idSpan(text: string, record: DigestRecord): { start: number; end: number } {
  const { start, end } = record.position;
  // Searched within the record only: a generated id is not in the text, and an
  // unbounded indexOf would scan to the end of the file for each record.
  const inRecord = text.slice(start, end).indexOf(record.id);
  if (inRecord < 0) return { start, end: start };
  const at = start + inRecord;
  let s = at;
  while (s > start && /[ \u3000]/.test(text.charAt(s - 1))) s--;
  if (text.startsWith('&lt;', s - 4)) s -= 4;
  else if (/[<＜]/.test(text.charAt(s - 1))) s--;
  return { start: s, end: at + record.id.length };
}
