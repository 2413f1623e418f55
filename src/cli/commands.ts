/**
 * The three commands, each a thin pass over the public API. Every input is
 * read before anything is printed, so an unreadable file (exit 2) never
 * follows a half-written result. Each returns its exit status: 0, or 1 when
 * `--strict` was given and a file has an error diagnostic.
 */
import { statSync } from 'node:fs';
import { DigestIndexError, buildIndex, buildIndexAsync, loadIndex, searchPage, serializeIndex } from '../index.js';
import type { DigestIndex, SearchFilter, SearchPageOptions } from '../index.js';
import { MISSING_FILE, UsageError } from './args.js';
import type { CommandName, IndexCommand, ParseCommand, SearchCommand } from './args.js';
import { parseInputs } from './digest.js';
import type { Parsed } from './digest.js';
import { explainEmpty, toSearchFilter } from './empty.js';
import { formatDiagnostic, formatPage, shownName, snippetOptions, useColour } from './format.js';
import { InputError, bundledFixture, readBytes, readInput, reason, resolveOutput, writeOutput } from './io.js';
import type { Input } from './io.js';
import { createProgress, formatBytes } from './progress.js';

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

async function readAll(paths: readonly string[], maxBytes: number): Promise<Input[]> {
  const out: Input[] = [];
  // One at a time: stdin can only be read once, and the order is the join order.
  for (const p of paths) out.push(await readInput(p, maxBytes));
  return out;
}

/** The inputs of parse and index: an empty stdin read because no file was given is no input at all. */
async function readDigests(cmd: ParseCommand | IndexCommand, command: CommandName): Promise<Input[]> {
  const inputs = await readAll(cmd.files, cmd.maxInputBytes);
  if (cmd.implicitStdin && inputs[0]?.bytes === 0) throw new UsageError(MISSING_FILE, command);
  return inputs;
}

/**
 * Which diagnostics to print: `all` lists errors and warnings (and info with
 * --verbose); `summary` (search) lists errors, which mean an ID or date had
 * to be made up or a file held no records, and counts the warnings in one
 * line by code; `none` prints nothing (the bundled sample).
 */
type Shown = 'all' | 'summary' | 'none';

/** Prints the diagnostics worth showing; returns whether any is an error. */
function report(io: Io, parsed: Parsed, verbose: boolean, shown: Shown = 'all'): boolean {
  let errors = false;
  const lines: string[] = [];
  const warnings: { file: string; code: string }[] = [];
  for (const { file, diagnostic: d } of parsed.diagnostics) {
    if (d.severity === 'error') errors = true;
    if (shown === 'none' || (d.severity === 'info' && !verbose)) continue;
    if (shown === 'summary' && !verbose && d.severity === 'warning') warnings.push({ file, code: d.code });
    else lines.push(`${formatDiagnostic(file, d)}\n`);
  }
  if (warnings.length > 0) lines.push(`${summarise(warnings)}\n`);
  if (lines.length > 0) io.stderr.write(lines.join(''));
  return errors;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `ja-digest-search: 5 warnings in 2 files: date-separator ×4, stray-text ×1 (use --verbose to list them)`. */
export function summarise(warnings: readonly { file: string; code: string }[]): string {
  const codes = new Map<string, number>();
  for (const w of warnings) codes.set(w.code, (codes.get(w.code) ?? 0) + 1);
  const files = new Set(warnings.map((w) => w.file)).size;
  // By code, so that one which drops text (stray-text) or a record (duplicate-id) still shows.
  const byCode = [...codes].map(([code, n]) => `${code} ×${n}`).join(', ');
  const them = warnings.length === 1 ? 'it' : 'them';
  return `ja-digest-search: ${plural(warnings.length, 'warning')} in ${plural(files, 'file')}: ${byCode} (use --verbose to list ${them})`;
}

export async function runParse(cmd: ParseCommand, io: Io): Promise<number> {
  const parsed = parseInputs(await readDigests(cmd, 'parse'));
  const errors = report(io, parsed, cmd.verbose);
  const { records } = parsed;
  io.stdout.write(cmd.ndjson ? records.map((r) => `${JSON.stringify(r)}\n`).join('') : `${JSON.stringify(records, null, 2)}\n`);
  return cmd.strict && errors ? 1 : 0;
}

export async function runIndex(cmd: IndexCommand, io: Io): Promise<number> {
  // Refuse a device, FIFO or directory as -o before any input is read.
  if (cmd.output !== '-') await resolveOutput(cmd.output);
  const inputs = await readDigests(cmd, 'index');
  const bytes = inputs.reduce((n, i) => n + i.bytes, 0);
  const progress = createProgress(io.stderr, inputs.length, bytes);
  progress.update(`parsing ${inputs.length} files (${formatBytes(bytes)})…`, true);
  const parsed = parseInputs(inputs, (done) => progress.update(`parsing ${done}/${inputs.length} files (${formatBytes(bytes)})…`));
  progress.done();
  const errors = report(io, parsed, cmd.verbose);
  progress.update(`building the index of ${parsed.records.length} records…`, true);
  // In chunks, so that the progress line is redrawn while the index grows.
  const index = await buildIndexAsync(parsed.records, {
    onProgress: ({ done, total }) => progress.update(`indexing ${done}/${total} records…`),
  });
  progress.update('writing the index…', true);
  // The binary snapshot loads without analysing the text again; --json writes the options and records only.
  const saved = cmd.json ? serializeIndex(index) : serializeIndex(index, { format: 'binary' });
  progress.done();
  await writeOutput(cmd.output, saved, io.stdout);
  if (io.stderr.isTTY && cmd.output !== '-') {
    const skipped = index.duplicates.length > 0 ? ` (${index.duplicates.length} duplicate IDs skipped)` : '';
    io.stderr.write(`ja-digest-search: indexed ${index.live} records${skipped} from ${inputs.length} file(s) into ${shownName(cmd.output)}\n`);
  }
  return cmd.strict && errors ? 1 : 0;
}

export async function runSearch(cmd: SearchCommand, io: Io): Promise<number> {
  const { index, errors } = await searchIndex(cmd, io);
  const filter = toSearchFilter(cmd);
  const options = searchOptions(cmd, filter);
  const colour = useColour(io.stdout, io.env);
  // JSON keeps the library's plain [ ] marks: it is for programs, not terminals.
  if (!cmd.json) options.snippet = snippetOptions(colour);
  const page = searchPage(index, cmd.query, options);
  if (page.total === 0) hintFileQuery(cmd, io);
  if (cmd.json) {
    // The hits as search returns them; with --facets, the whole page (hits, total, facets…).
    io.stdout.write(`${JSON.stringify(cmd.facets.length > 0 ? page : page.hits, null, 2)}\n`);
  } else {
    const count = (f: SearchFilter) => {
      const p = searchPage(index, cmd.query, { ...searchOptions(cmd, f), offset: 0, facets: [] });
      return { total: p.total, exact: p.totalExact };
    };
    const empty = page.total === 0 ? explainEmpty(cmd, cmd.query.trim() === '', count) : '';
    io.stdout.write(formatPage(page, cmd.query, colour, empty));
  }
  return cmd.strict && errors ? 1 : 0;
}

/** The library's options for the command, with `filter` (another filter counts what each one removed). */
export function searchOptions(cmd: SearchCommand, filter: SearchFilter): SearchPageOptions {
  const options: SearchPageOptions = { filter, offset: cmd.offset, facets: cmd.facets };
  if (cmd.limit !== undefined) options.limit = cmd.limit;
  if (cmd.sort === 'date') options.sort = 'date';
  if (cmd.fuzzy !== undefined) options.fuzzy = cmd.fuzzy;
  if (cmd.prefix) options.prefix = true;
  if (cmd.or) options.combineWith = 'OR';
  return options;
}

/** The index to search: a saved one, the files (or stdin), or the bundled sample. */
async function searchIndex(cmd: SearchCommand, io: Io): Promise<{ index: DigestIndex; errors: boolean }> {
  if (cmd.index !== undefined) return { index: await openIndex(cmd.index, cmd.maxInputBytes), errors: false };
  let inputs = await readAll(cmd.files, cmd.maxInputBytes);
  // No file and nothing piped (an empty pipe, as test runners and cron give): the bundled sample, as before stdin was read.
  const bundled = cmd.files.length === 0 || (cmd.implicitStdin && inputs[0]?.bytes === 0);
  if (bundled) inputs = [await readInput(bundledFixture(), cmd.maxInputBytes)];
  const parsed = parseInputs(inputs);
  // The bundled sample's diagnostics are known and not the user's to fix.
  const errors = report(io, parsed, cmd.verbose, bundled && !cmd.verbose ? 'none' : 'summary');
  return { index: buildIndex(parsed.records), errors };
}

/** Longer than this, a query is no path worth a stat (PATH_MAX on Linux). */
const MAX_PATH = 4096;

/**
 * `search mine.txt`, the query forgotten: nothing matches the file's name,
 * so say that it is a file and how to search it. Only a regular file counts
 * (a query like `NATO` that is also a folder's name is left alone).
 */
function hintFileQuery(cmd: SearchCommand, io: Io): void {
  const q = cmd.query;
  if (q.trim() === '' || q.length > MAX_PATH || q.includes('\0')) return;
  let isFile = false;
  try {
    isFile = statSync(q).isFile();
  } catch {
    return;
  }
  if (!isFile) return;
  const files = cmd.implicitStdin ? [] : cmd.files;
  const words = [q, ...files].map((f) => shellWord(shownName(f))).join(' ');
  io.stderr.write(`ja-digest-search: "${shownName(q)}" is a file, not a query; to search it, give the query first: ja-digest-search search <query> ${words}\n`);
}

/** A file name as it would be typed in a shell: quoted when it holds anything the shell reads itself. */
function shellWord(name: string): string {
  return /^[^\s'"\\$`!*?[\]{}()<>|&;#~]+$/.test(name) ? name : `'${name.replace(/'/g, "'\\''")}'`;
}

async function openIndex(path: string, maxBytes: number): Promise<DigestIndex> {
  const input = await readBytes(path, maxBytes);
  try {
    // Either form: loadIndex tells a snapshot from JSON bytes (a BOM an editor added is skipped).
    return loadIndex(input.buf);
  } catch (e) {
    if (e instanceof DigestIndexError) throw new InputError(`cannot load index '${input.display}': ${reason(e)}`);
    throw e;
  }
}
