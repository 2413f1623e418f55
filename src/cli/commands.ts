/**
 * The three commands, each a thin pass over the public API. Every input is
 * read before anything is printed, so an unreadable file (exit 2) never
 * follows a half-written result. Each returns its exit status: 0, or 1 when
 * `--strict` was given and a file has an error diagnostic.
 */
import { DigestIndexError, buildIndex, buildIndexAsync, loadIndex, searchPage, serializeIndex } from '../index.js';
import type { DigestIndex, SearchFilter, SearchPageOptions } from '../index.js';
import type { IndexCommand, ParseCommand, SearchCommand } from './args.js';
import { parseInputs } from './digest.js';
import type { Parsed } from './digest.js';
import { formatDiagnostic, formatPage, snippetOptions, useColour } from './format.js';
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

/** Prints the diagnostics worth showing; returns whether any is an error. */
function report(io: Io, parsed: Parsed, verbose: boolean, show = true): boolean {
  let errors = false;
  const lines: string[] = [];
  for (const { file, diagnostic: d } of parsed.diagnostics) {
    if (d.severity === 'error') errors = true;
    if (show && (verbose || d.severity !== 'info')) lines.push(`${formatDiagnostic(file, d)}\n`);
  }
  if (lines.length > 0) io.stderr.write(lines.join(''));
  return errors;
}

export async function runParse(cmd: ParseCommand, io: Io): Promise<number> {
  const parsed = parseInputs(await readAll(cmd.files, cmd.maxInputBytes));
  const errors = report(io, parsed, cmd.verbose);
  const { records } = parsed;
  io.stdout.write(cmd.ndjson ? records.map((r) => `${JSON.stringify(r)}\n`).join('') : `${JSON.stringify(records, null, 2)}\n`);
  return cmd.strict && errors ? 1 : 0;
}

export async function runIndex(cmd: IndexCommand, io: Io): Promise<number> {
  // Refuse a device, FIFO or directory as -o before any input is read.
  if (cmd.output !== '-') await resolveOutput(cmd.output);
  const inputs = await readAll(cmd.files, cmd.maxInputBytes);
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
    io.stderr.write(`ja-digest-search: indexed ${index.live} records${skipped} from ${inputs.length} file(s) into ${cmd.output}\n`);
  }
  return cmd.strict && errors ? 1 : 0;
}

export async function runSearch(cmd: SearchCommand, io: Io): Promise<number> {
  let index: DigestIndex;
  let errors = false;
  if (cmd.index !== undefined) {
    index = await openIndex(cmd.index, cmd.maxInputBytes);
  } else {
    const bundled = cmd.files.length === 0;
    const inputs = bundled ? [await readInput(bundledFixture(), cmd.maxInputBytes)] : await readAll(cmd.files, cmd.maxInputBytes);
    const parsed = parseInputs(inputs);
    // The bundled sample's diagnostics are known and not the user's to fix.
    errors = report(io, parsed, cmd.verbose, !bundled || cmd.verbose);
    index = buildIndex(parsed.records);
  }

  const filter: SearchFilter = {};
  if (cmd.from !== undefined) filter.from = cmd.from;
  if (cmd.to !== undefined) filter.to = cmd.to;
  if (cmd.sources.length > 0) filter.sources = cmd.sources;
  const options: SearchPageOptions = { filter, offset: cmd.offset, facets: cmd.facets };
  if (cmd.limit !== undefined) options.limit = cmd.limit;
  if (cmd.sort === 'date') options.sort = 'date';

  if (cmd.json) {
    // JSON keeps the library's plain [ ] marks: it is for programs, not terminals.
    // The hits as search returns them; with --facets, the whole page (hits, total, facets…).
    const page = searchPage(index, cmd.query, options);
    io.stdout.write(`${JSON.stringify(cmd.facets.length > 0 ? page : page.hits, null, 2)}\n`);
  } else {
    const colour = useColour(io.stdout, io.env);
    options.snippet = snippetOptions(colour);
    io.stdout.write(formatPage(searchPage(index, cmd.query, options), cmd.query, colour));
  }
  return cmd.strict && errors ? 1 : 0;
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
