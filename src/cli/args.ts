/**
 * Command-line arguments → a typed command. All checking of user input
 * happens here, before any file is read, so a usage mistake never leaves
 * half an output behind.
 */
import { parseArgs } from 'node:util';
import type { FacetName } from '../index.js';
import { DEFAULT_MAX_INPUT_BYTES, MAX_INPUT_BYTES_CAP, formatLimit } from './io.js';

/** A mistake in how the tool was called: exit 2 with a one-line message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The command whose `--help` would explain the mistake, if any. */
  readonly command: CommandName | undefined;
  constructor(message: string, command?: CommandName) {
    super(message);
    this.command = command;
  }
}

export const COMMANDS = ['search', 'parse', 'index'] as const;
export type CommandName = (typeof COMMANDS)[number];

interface Common {
  files: string[];
  strict: boolean;
  verbose: boolean;
  /** Each input (file, stdin, index) is refused when larger than this. */
  maxInputBytes: number;
}

export interface SearchCommand extends Common {
  kind: 'search';
  query: string;
  json: boolean;
  limit: number | undefined;
  from: string | undefined;
  to: string | undefined;
  sources: string[];
  index: string | undefined;
  sort: 'score' | 'date';
  /** Hits skipped before the first one printed. */
  offset: number;
  /** Facets to count and print after the hits (and in --json, which then prints the whole page). */
  facets: FacetName[];
}

export interface ParseCommand extends Common {
  kind: 'parse';
  ndjson: boolean;
}

export interface IndexCommand extends Common {
  kind: 'index';
  output: string;
  /** Write the JSON form (options and records) instead of the binary snapshot. */
  json: boolean;
}

export type Cli = { kind: 'help'; command: CommandName | undefined } | { kind: 'version' } | SearchCommand | ParseCommand | IndexCommand;

const COMMON = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  strict: { type: 'boolean' },
  verbose: { type: 'boolean' },
  'max-input-bytes': { type: 'string' },
} as const;

/** Sets the input limit when --max-input-bytes is not given. */
export const MAX_INPUT_ENV = 'JA_DIGEST_SEARCH_MAX_INPUT_BYTES';

const OPTIONS = {
  search: {
    ...COMMON,
    json: { type: 'boolean' },
    limit: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    source: { type: 'string', multiple: true },
    index: { type: 'string' },
    sort: { type: 'string' },
    offset: { type: 'string' },
    facets: { type: 'string' },
  },
  parse: { ...COMMON, ndjson: { type: 'boolean' } },
  index: { ...COMMON, output: { type: 'string', short: 'o' }, json: { type: 'boolean' } },
} as const;

export const MAX_LIMIT = 10_000;
/** The library's default page size (search and searchPage). */
export const DEFAULT_LIMIT = 20;
const FACETS: readonly FacetName[] = ['outlet', 'year', 'month', 'source'];

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = {}): Cli {
  const first = argv[0];
  if (first === undefined) throw new UsageError('missing command (search, parse or index)');
  if (first.startsWith('-')) {
    // Only --help and --version make sense before a command.
    const { values, positionals } = run(argv, { help: COMMON.help, version: COMMON.version }, undefined);
    // `--help search` is read as `search --help`.
    const topic = COMMANDS.find((c) => c === positionals[0]);
    if (values.help && positionals.length <= 1 && (positionals.length === 0 || topic)) return { kind: 'help', command: topic };
    if (values.version && positionals.length === 0) return { kind: 'version' };
    if (positionals.length === 0) throw new UsageError('missing command (search, parse or index)');
    if (!topic) throw new UsageError(`unknown command '${positionals[0] ?? ''}' (expected search, parse or index)`);
    throw new UsageError(`put the command first: ja-digest-search ${topic} …`);
  }
  const command = COMMANDS.find((c) => c === first);
  if (!command) throw new UsageError(`unknown command '${first}' (expected search, parse or index)`);
  const rest = argv.slice(1);
  switch (command) {
    case 'search':
      return parseSearch(rest, env);
    case 'parse':
      return parseParse(rest, env);
    case 'index':
      return parseIndex(rest, env);
  }
}

function parseSearch(argv: readonly string[], env: NodeJS.ProcessEnv): Cli {
  const { values: v, positionals } = run(argv, OPTIONS.search, 'search');
  if (v.help) return { kind: 'help', command: 'search' };
  if (v.version) return { kind: 'version' };
  // No query (or an empty one): the newest records.
  const [query = '', ...files] = positionals;
  if (v.index !== undefined && files.length > 0) throw new UsageError('give either --index or digest files, not both', 'search');
  const from = v.from === undefined ? undefined : isoDate('--from', v.from);
  const to = v.to === undefined ? undefined : isoDate('--to', v.to);
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from ${from} is after --to ${to}`, 'search');
  checkStdin(v.index === undefined ? files : [v.index], 'search');
  const limit = v.limit === undefined ? undefined : limitValue(v.limit);
  return {
    kind: 'search',
    query,
    files,
    json: v.json ?? false,
    limit,
    offset: v.offset === undefined ? 0 : offsetValue(v.offset, limit ?? DEFAULT_LIMIT),
    facets: v.facets === undefined ? [] : facetsValue(v.facets),
    from,
    to,
    sources: v.source ?? [],
    index: v.index,
    sort: sortValue(v.sort),
    strict: v.strict ?? false,
    verbose: v.verbose ?? false,
    maxInputBytes: maxInputBytes(v['max-input-bytes'], env, 'search'),
  };
}

function parseParse(argv: readonly string[], env: NodeJS.ProcessEnv): Cli {
  const { values: v, positionals: files } = run(argv, OPTIONS.parse, 'parse');
  if (v.help) return { kind: 'help', command: 'parse' };
  if (v.version) return { kind: 'version' };
  if (files.length === 0) throw new UsageError('missing digest file (use - for stdin)', 'parse');
  checkStdin(files, 'parse');
  const maxBytes = maxInputBytes(v['max-input-bytes'], env, 'parse');
  return { kind: 'parse', files, ndjson: v.ndjson ?? false, strict: v.strict ?? false, verbose: v.verbose ?? false, maxInputBytes: maxBytes };
}

function parseIndex(argv: readonly string[], env: NodeJS.ProcessEnv): Cli {
  const { values: v, positionals: files } = run(argv, OPTIONS.index, 'index');
  if (v.help) return { kind: 'help', command: 'index' };
  if (v.version) return { kind: 'version' };
  if (files.length === 0) throw new UsageError('missing digest file (use - for stdin)', 'index');
  if (v.output === undefined || v.output === '') throw new UsageError('missing -o/--output <file> for the index', 'index');
  checkStdin(files, 'index');
  const maxBytes = maxInputBytes(v['max-input-bytes'], env, 'index');
  return { kind: 'index', files, output: v.output, json: v.json ?? false, strict: v.strict ?? false, verbose: v.verbose ?? false, maxInputBytes: maxBytes };
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'] & {};

/** util.parseArgs in strict mode, its errors turned into one-line usage errors. */
function run<O extends Options>(argv: readonly string[], options: O, command: CommandName | undefined) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (typeof err.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS')) {
      // Node's messages run to several sentences; the first says it all.
      const first = (err.message ?? '').split('\n')[0]?.split('. ')[0]?.replace(/\.$/, '') ?? 'bad arguments';
      const hint = err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && first.includes('ambiguous') ? ' (its value is missing?)' : '';
      throw new UsageError(first.charAt(0).toLowerCase() + first.slice(1) + hint, command);
    }
    throw e;
  }
}

function checkStdin(files: readonly string[], command: CommandName): void {
  if (files.filter((f) => f === '-').length > 1) throw new UsageError("stdin ('-') can be read only once", command);
}

/** `YYYY-MM-DD` that names a real day; returned as given (the library compares ISO strings). */
export function isoDate(option: string, value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() + 1 !== Number(m[2]) || d.getUTCDate() !== Number(m[3])) {
    throw new UsageError(`${option} expects a date as YYYY-MM-DD, got '${value}'`, 'search');
  }
  return value;
}

export function sortValue(value: string | undefined): 'score' | 'date' {
  if (value === undefined || value === 'score' || value === 'date') return value ?? 'score';
  throw new UsageError(`--sort expects 'score' or 'date', got '${value}'`, 'search');
}

export function limitValue(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_LIMIT) {
    throw new UsageError(`--limit expects a whole number from 1 to ${MAX_LIMIT}, got '${value}'`, 'search');
  }
  return n;
}

/** `--offset`: a whole number, with offset + limit at most MAX_LIMIT (the library's long list). */
export function offsetValue(value: string, limit: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n + limit > MAX_LIMIT) {
    throw new UsageError(`--offset expects a whole number from 0 to ${MAX_LIMIT - limit} (offset + limit at most ${MAX_LIMIT}), got '${value}'`, 'search');
  }
  return n;
}

/** `--facets outlet,year`: facet names, comma-separated. */
export function facetsValue(value: string): FacetName[] {
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = names.find((n) => !FACETS.includes(n as FacetName));
  if (names.length === 0 || bad !== undefined) {
    throw new UsageError(`--facets expects a comma-separated list of ${FACETS.join(', ')}, got '${value}'`, 'search');
  }
  return [...new Set(names as FacetName[])];
}

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `--max-input-bytes`, else the environment variable, else the default: bytes, or with K, M or G (powers of 1024). */
export function maxInputBytes(flag: string | undefined, env: NodeJS.ProcessEnv, command: CommandName): number {
  // An empty variable counts as unset, as shells make it easy to leave one so.
  const value = flag ?? (env[MAX_INPUT_ENV] || undefined);
  if (value === undefined) return DEFAULT_MAX_INPUT_BYTES;
  const name = flag !== undefined ? '--max-input-bytes' : MAX_INPUT_ENV;
  const m = /^(\d+)([kmg]?)$/i.exec(value.trim());
  const n = m ? Number(m[1]) * (UNITS[(m[2] ?? '').toLowerCase()] ?? NaN) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_INPUT_BYTES_CAP) {
    throw new UsageError(`${name} expects a size in bytes from 1 to ${formatLimit(MAX_INPUT_BYTES_CAP)} (K, M, G allowed), got '${value}'`, command);
  }
  return n;
}
