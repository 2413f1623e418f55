/**
 * Command-line arguments → a typed command. All checking of user input
 * happens here, before any file is read, so a usage mistake never leaves
 * half an output behind.
 */
import { parseArgs } from 'node:util';
import type { FacetName } from '../index.js';
// The API's date grammar itself, so that --from/--to accept exactly what filter.from/to do.
import { FACET_NAMES as FACETS } from '../search/facets.js';
// The library's bounds and defaults: the CLI checks the same ranges, in its own words.
import { DEFAULT_LIMIT, MAX_FUZZY, MAX_LIMIT } from '../search/options.js';
import { isDateBound } from '../search/query.js';
import { shown } from './format.js';
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
  /**
   * No file was given and stdin is a pipe or a file, so `files` is `['-']`.
   * An empty stdin then counts as no input: search falls back to the bundled
   * sample, parse and index say a file is missing.
   */
  implicitStdin: boolean;
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
  /** `--fuzzy [n]`: edits (or a fraction of a term's length); undefined without the option. */
  fuzzy: number | undefined;
  /** `--prefix`: also match words starting with a term. */
  prefix: boolean;
  /** `--or`: any term matches (combineWith 'OR'). */
  or: boolean;
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
    // A string, though its value may be left out: expandFuzzy writes the default in first.
    fuzzy: { type: 'string' },
    prefix: { type: 'boolean' },
    or: { type: 'boolean' },
  },
  parse: { ...COMMON, ndjson: { type: 'boolean' } },
  index: { ...COMMON, output: { type: 'string', short: 'o' }, json: { type: 'boolean' } },
} as const;


/**
 * `stdinHasData`: stdin is a pipe or a file (not a terminal), so that with no
 * file given it is read as the input, as Unix filters do.
 */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = {}, stdinHasData = false): Cli {
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
    if (!topic) throw new UsageError(`unknown command '${shown(positionals[0] ?? '')}' (expected search, parse or index)`);
    throw new UsageError(`put the command first: ja-digest-search ${topic} …`);
  }
  const command = COMMANDS.find((c) => c === first);
  if (!command) throw new UsageError(`unknown command '${shown(first)}' (expected search, parse or index)`);
  const rest = argv.slice(1);
  switch (command) {
    case 'search':
      return parseSearch(rest, env, stdinHasData);
    case 'parse':
      return parseParse(rest, env, stdinHasData);
    case 'index':
      return parseIndex(rest, env, stdinHasData);
  }
}

function parseSearch(argv: readonly string[], env: NodeJS.ProcessEnv, stdinHasData: boolean): Cli {
  const { values: v, positionals } = run(expandFuzzy(argv), OPTIONS.search, 'search');
  if (v.help) return { kind: 'help', command: 'search' };
  if (v.version) return { kind: 'version' };
  // No query (or an empty one): the newest records.
  const [query = '', ...given] = positionals;
  if (v.index !== undefined && given.length > 0) throw new UsageError('give either --index or digest files, not both', 'search');
  const from = v.from === undefined ? undefined : dateBound('--from', v.from);
  const to = v.to === undefined ? undefined : dateBound('--to', v.to);
  // Bounds may be a day, a month or a year: the range is empty when from's first day is after to's last.
  if (from !== undefined && to !== undefined && from.slice(0, to.length) > to) throw new UsageError(`--from ${from} is after --to ${to}`, 'search');
  checkStdin(v.index === undefined ? given : [v.index], 'search');
  const limit = v.limit === undefined ? undefined : limitValue(v.limit);
  // --index is the input when given: stdin is then left alone.
  const implicitStdin = given.length === 0 && v.index === undefined && stdinHasData;
  return {
    kind: 'search',
    query,
    files: implicitStdin ? ['-'] : given,
    implicitStdin,
    fuzzy: v.fuzzy === undefined ? undefined : fuzzyValue(v.fuzzy),
    prefix: v.prefix ?? false,
    or: v.or ?? false,
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

/** The message when no digest file is given and stdin has none either (also for an empty pipe). */
export const MISSING_FILE = 'missing digest file (give one, or pipe one to stdin)';

function parseParse(argv: readonly string[], env: NodeJS.ProcessEnv, stdinHasData: boolean): Cli {
  const { values: v, positionals: given } = run(argv, OPTIONS.parse, 'parse');
  if (v.help) return { kind: 'help', command: 'parse' };
  if (v.version) return { kind: 'version' };
  const implicitStdin = given.length === 0 && stdinHasData;
  if (given.length === 0 && !implicitStdin) throw new UsageError(MISSING_FILE, 'parse');
  checkStdin(given, 'parse');
  const maxBytes = maxInputBytes(v['max-input-bytes'], env, 'parse');
  const files = implicitStdin ? ['-'] : given;
  return { kind: 'parse', files, implicitStdin, ndjson: v.ndjson ?? false, strict: v.strict ?? false, verbose: v.verbose ?? false, maxInputBytes: maxBytes };
}

function parseIndex(argv: readonly string[], env: NodeJS.ProcessEnv, stdinHasData: boolean): Cli {
  const { values: v, positionals: given } = run(argv, OPTIONS.index, 'index');
  if (v.help) return { kind: 'help', command: 'index' };
  if (v.version) return { kind: 'version' };
  const implicitStdin = given.length === 0 && stdinHasData;
  if (given.length === 0 && !implicitStdin) throw new UsageError(MISSING_FILE, 'index');
  if (v.output === undefined || v.output === '') throw new UsageError('missing -o/--output <file> for the index', 'index');
  checkStdin(given, 'index');
  const maxBytes = maxInputBytes(v['max-input-bytes'], env, 'index');
  const files = implicitStdin ? ['-'] : given;
  return { kind: 'index', files, implicitStdin, output: v.output, json: v.json ?? false, strict: v.strict ?? false, verbose: v.verbose ?? false, maxInputBytes: maxBytes };
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
      // shown(): the message quotes the token, which may be huge or hold control characters.
      const first = shown((err.message ?? '').split('\n')[0]?.split('. ')[0]?.replace(/\.$/, '') ?? 'bad arguments', 200);
      const hint = err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && first.includes('ambiguous') ? ' (its value is missing?)' : '';
      throw new UsageError(first.charAt(0).toLowerCase() + first.slice(1) + hint, command);
    }
    throw e;
  }
}

function checkStdin(files: readonly string[], command: CommandName): void {
  if (files.filter((f) => f === '-').length > 1) throw new UsageError("stdin ('-') can be read only once", command);
}

/** A value in a usage message: escaped and cut short, as the user may have pasted anything. */
const got = (value: string): string => `got '${shown(value)}'`;

/** A date bound as the API takes it (a day that exists, a month or a year); returned as given (the library compares ISO prefixes). */
export function dateBound(option: string, value: string): string {
  if (!isDateBound(value)) throw new UsageError(`${option} expects a date: 2025-02-03 (a day that exists), 2025-02 or 2025, ${got(value)}`, 'search');
  return value;
}

/** --fuzzy with no value: one edit, a typo's worth. */
export const DEFAULT_FUZZY = 1;
/** A value that may follow a bare --fuzzy as the next argument: one digit, or a fraction. */
const FUZZY_NEXT = /^(?:\d|0?\.\d+)$/;

/**
 * `--fuzzy` may come without a value, which util.parseArgs cannot express:
 * `--fuzzy 2` and `--fuzzy .3` become `--fuzzy=2` and `--fuzzy=.3`, a bare
 * `--fuzzy` becomes `--fuzzy=1`. Only a single digit or a fraction is taken
 * as its value, so `--fuzzy NATO` keeps NATO as the query. Nothing after
 * `--` is touched.
 */
export function expandFuzzy(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') return [...out, ...argv.slice(i)];
    if (arg !== '--fuzzy') {
      out.push(arg);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && FUZZY_NEXT.test(next)) {
      out.push(`--fuzzy=${next}`);
      i++;
    } else {
      out.push(`--fuzzy=${DEFAULT_FUZZY}`);
    }
  }
  return out;
}

/** `--fuzzy`: a whole number of edits from 0 to 6, or a fraction of a term's length between 0 and 1 (as `search`'s `fuzzy`). */
export function fuzzyValue(value: string): number {
  const n = /^\d+$/.test(value) || /^0?\.\d+$/.test(value) ? Number(value) : NaN;
  const whole = Number.isInteger(n) && n >= 0 && n <= MAX_FUZZY;
  if (!whole && !(n > 0 && n < 1)) {
    throw new UsageError(`--fuzzy expects a number of edits from 0 to ${MAX_FUZZY}, or a fraction of a word's length between 0 and 1 (0.3), ${got(value)}`, 'search');
  }
  return n;
}

export function sortValue(value: string | undefined): 'score' | 'date' {
  if (value === undefined || value === 'score' || value === 'date') return value ?? 'score';
  throw new UsageError(`--sort expects 'score' or 'date', ${got(value)}`, 'search');
}

export function limitValue(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_LIMIT) {
    throw new UsageError(`--limit expects a whole number from 1 to ${MAX_LIMIT}, ${got(value)}`, 'search');
  }
  return n;
}

/** `--offset`: a whole number, with offset + limit at most MAX_LIMIT (the library's long list). */
export function offsetValue(value: string, limit: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n + limit > MAX_LIMIT) {
    throw new UsageError(`--offset expects a whole number from 0 to ${MAX_LIMIT - limit} (offset + limit at most ${MAX_LIMIT}), ${got(value)}`, 'search');
  }
  return n;
}

/** `--facets outlet,year`: facet names, comma-separated. */
export function facetsValue(value: string): FacetName[] {
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = names.find((n) => !FACETS.includes(n as FacetName));
  if (names.length === 0 || bad !== undefined) {
    throw new UsageError(`--facets expects a comma-separated list of ${FACETS.join(', ')}, ${got(value)}`, 'search');
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
    throw new UsageError(`${name} expects a size in bytes from 1 to ${formatLimit(MAX_INPUT_BYTES_CAP)} (K, M, G allowed), ${got(value)}`, command);
  }
  return n;
}
