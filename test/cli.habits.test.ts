/**
 * Issue 14, the CLI's part ("a CLI that follows Unix habits", and the same
 * date grammar as the API): stdin read when piped, a hint for a query that
 * names a file, the filter named when it empties the result, --fuzzy,
 * --prefix and --or, warnings summarised, names and queries escaped and cut
 * short. Run on the built dist/cli.js, as users run it; the argument and
 * message helpers also in-process.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DigestIndex, DigestRecord, SearchHit, SearchOptions } from '../src/index.js';
import { isDateBound } from '../src/search/query.js';
import { UsageError, expandFuzzy, parseCli } from '../src/cli/args.js';
import type { SearchCommand } from '../src/cli/args.js';
import { searchOptions, summarise } from '../src/cli/commands.js';
import { describeFilter, explainEmpty } from '../src/cli/empty.js';
import { escapeControls, shown, shownName } from '../src/cli/format.js';
import { CLI, ROOT, runCli, scratchFolder } from './cli-harness.js';
import type { Run } from './cli-harness.js';

interface Api {
  parseDigest: (text: string) => { records: DigestRecord[] };
  buildIndex: (records: readonly DigestRecord[]) => DigestIndex;
  search: (index: DigestIndex, query: string, options?: SearchOptions) => SearchHit[];
}

const scratch = scratchFolder('ja-digest-search-habits-');
const { cli, write } = scratch;
let api: Api;
let seedIndex: DigestIndex;

beforeAll(async () => {
  // The built library (scratchFolder's hook, registered first, has built it), to compare the CLI's hits with the API's.
  api = (await import(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)) as Api;
  const { readFileSync } = await import('node:fs');
  seedIndex = api.buildIndex(api.parseDigest(readFileSync(join(ROOT, 'fixtures', 'seed-digest.txt'), 'utf8')).records);
}, 120_000);

/** A shell command line run in the test folder, for real pipes and redirections (`|`, `<`). */
function sh(command: string): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.JA_DIGEST_SEARCH_MAX_INPUT_BYTES;
  const r = spawnSync('/bin/sh', ['-c', command], { cwd: scratch.dir, env, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const node = `'${process.execPath}' '${CLI}'`;

const ids = (r: Run): string[] => (JSON.parse(r.stdout) as SearchHit[]).map((h) => h.id);
const apiIds = (query: string, options: SearchOptions = {}): string[] => api.search(seedIndex, query, options).map((h) => h.id);
const stderrLines = (r: Run): string[] => r.stderr.split('\n').filter((l) => l !== '');

function expectOneLineError(r: Run, pattern: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(stderrLines(r)).toHaveLength(1);
  expect(r.stderr).toMatch(/^ja-digest-search: /);
  expect(r.stderr).toMatch(pattern);
}

const R_2502 = '2025.01.21 18:52 時事通信(Yahoo) 日・NATO関係を強化 石破首相、事務総長と電話会談 <2502-012113> 石破首相が21日、ルッテNATO事務総長と初めて電話会談した。';
const R_2408 = '2024.07.12 14:41 時事通信(Yahoo) 東京事務所案「棚上げ」 NATO高官 <2408-071212> NATO高官が11日までに、東京に連絡事務所を設置する案が棚上げ状態にあることを明らかにした。';
const R_NOID = '2025.04.05 17:54 共同通信(Yahoo) NATO事務総長、首相と会談へ ルッテNATO事務総長が8~10日の日程で訪日し、石破首相らと会談する。';
/** A record of 2023-05-`day` whose date has an unusual separator: one date-separator warning (its ID agrees with the date). */
const warned = (day: string): string => `2023.05:${day} 10:00 日経新聞 NATO東京事務所 <2306-05${day}01> 日本政府と協議した。`;

const TWO = `${R_2502}\n${R_2408}\n`;

describe('1. stdin is read when no file is given and it is a pipe or a file', () => {
  it('searches a piped digest instead of the bundled sample', () => {
    const r = cli(['search', 'NATO', '--json'], { input: TWO });
    expect(r.status, r.stderr).toBe(0);
    expect(ids(r).sort()).toEqual(['2408-071212', '2502-012113']);
    // With no query: the newest records of stdin, not of the sample (34 records).
    const browse = cli(['search'], { input: TWO });
    expect(browse.stdout.split('\n')[0]).toBe('2 records, newest first (showing 1–2).');
  });

  it('reads a real shell pipe (a FIFO) and a redirected file', () => {
    write('pipe.txt', TWO);
    const piped = sh(`cat pipe.txt | ${node} search 棚上げ --json`);
    expect(piped.status, piped.stderr).toBe(0);
    expect(ids(piped)).toEqual(['2408-071212']);
    const redirected = sh(`${node} search 電話会談 --json < pipe.txt`);
    expect(redirected.status, redirected.stderr).toBe(0);
    expect(ids(redirected)).toEqual(['2502-012113']);
    // parse and index read it too.
    expect((JSON.parse(sh(`cat pipe.txt | ${node} parse`).stdout) as DigestRecord[]).map((x) => x.id)).toEqual(['2502-012113', '2408-071212']);
    const indexed = sh(`cat pipe.txt | ${node} index -o piped.bin && ${node} search 棚上げ --index piped.bin --json < /dev/null`);
    expect(indexed.status, indexed.stderr).toBe(0);
    expect(ids(indexed)).toEqual(['2408-071212']);
  });

  it('falls back to the bundled sample when stdin is empty or /dev/null', () => {
    const empty = cli(['search', '--limit', '1'], { input: '' });
    expect(empty.status, empty.stderr).toBe(0);
    expect(empty.stdout.split('\n')[0]).toBe('34 records, newest first (showing 1–1).');
    expect(empty.stderr).toBe('');
    const devNull = sh(`${node} search --limit 1 < /dev/null`);
    expect(devNull.stdout.split('\n')[0]).toBe('34 records, newest first (showing 1–1).');
  });

  it('says a file is missing when parse or index get an empty stdin and no file', () => {
    expectOneLineError(cli(['parse'], { input: '' }), /missing digest file \(give one, or pipe one to stdin\)/);
    expectOneLineError(cli(['index', '-o', 'never.bin'], { input: '' }), /missing digest file/);
    expectOneLineError(sh(`${node} parse < /dev/null`), /missing digest file/);
  });

  it('leaves stdin alone when a file or --index is given', () => {
    const f = write('given.txt', `${R_2408}\n`);
    expect(ids(cli(['search', 'NATO', f, '--json'], { input: `${R_2502}\n` }))).toEqual(['2408-071212']);
    expect(cli(['index', f, '-o', 'given.bin']).status).toBe(0);
    expect(ids(cli(['search', 'NATO', '--index', 'given.bin', '--json'], { input: `${R_2502}\n` }))).toEqual(['2408-071212']);
  });

  it('names stdin <stdin> in diagnostics, and bounds it like any input', () => {
    const r = cli(['search', 'NATO', '--verbose'], { input: `${R_NOID}\n` });
    expect(r.stderr).toMatch(/^<stdin>:1:1: error missing-id /m);
    expectOneLineError(cli(['search', 'NATO', '--max-input-bytes', '100'], { input: TWO }), /cannot read '<stdin>': larger than the input limit of 100 bytes/);
  });
});

describe('2. a query that names a file gets a hint', () => {
  it('says the query is a file and how to search it', () => {
    const f = write('mine.txt', TWO);
    const r = cli(['search', f]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('No records match "mine.txt".\n');
    expect(r.stderr).toBe('ja-digest-search: "mine.txt" is a file, not a query; to search it, give the query first: ja-digest-search search <query> mine.txt\n');
  });

  it('keeps the other files in the suggestion and quotes a name with a space', () => {
    const a = write('my digest.txt', TWO);
    const b = write('other.txt', `${R_2408}\n`);
    const r = cli(['search', a, b, '--json']);
    expect(r.stdout).toBe('[]\n');
    expect(r.stderr).toBe(`ja-digest-search: "my digest.txt" is a file, not a query; to search it, give the query first: ja-digest-search search <query> 'my digest.txt' other.txt\n`);
  });

  it('gives no hint when the query matches, or names a folder or nothing', () => {
    const cwd = join(scratch.dir, 'hint-cwd');
    mkdirSync(cwd);
    // A file named like a word that matches: the search is meant.
    writeFileSync(join(cwd, 'NATO'), 'x');
    const matched = runCli(cwd, ['search', 'NATO', '--limit', '1']);
    expect(matched.stderr).toBe('');
    expect(matched.stdout).toMatch(/^\d+ records match "NATO"/);
    mkdirSync(join(cwd, 'zzfolder'));
    expect(runCli(cwd, ['search', 'zzfolder'])).toEqual({ status: 0, stdout: 'No records match "zzfolder".\n', stderr: '' });
    expect(runCli(cwd, ['search', 'zznothing.txt'])).toEqual({ status: 0, stdout: 'No records match "zznothing.txt".\n', stderr: '' });
  });
});

describe('3. the empty-result message names the filter that emptied it', () => {
  const natoTotal = (): number => api.search(seedIndex, 'NATO', { limit: 10_000 }).length;

  it('blames --source, not the query, with the count without it', () => {
    const r = cli(['search', 'NATO', '--source', '存在しない新聞']);
    expect(r).toEqual({ status: 0, stdout: `No records match "NATO" from outlet "存在しない新聞" (${natoTotal()} match without --source).\n`, stderr: '' });
  });

  it('names the dates, and each filter whose removal alone brings matches back', () => {
    const from = cli(['search', 'NATO', '--from', '2030']);
    expect(from.stdout).toBe(`No records match "NATO" dated 2030 or later (${natoTotal()} match without --from).\n`);
    const to = cli(['search', 'NATO', '--to', '2000-01']);
    expect(to.stdout).toBe(`No records match "NATO" dated 2000-01 or earlier (${natoTotal()} match without --to).\n`);
    // 日経新聞 has NATO records, none from 2026 on: either filter alone empties nothing.
    const nikkei = api.search(seedIndex, 'NATO', { limit: 10_000, filter: { sources: ['日経新聞'] } }).length;
    expect(nikkei).toBeGreaterThan(0);
    const both = cli(['search', 'NATO', '--source', '日経新聞', '--from', '2026']);
    expect(both.stdout).toBe(`No records match "NATO" from outlet "日経新聞", dated 2026 or later (${nikkei} match without --from).\n`);
  });

  it('names every filter when only removing all of them brings matches back', () => {
    const r = cli(['search', 'NATO', '--source', 'CNN', '--source', '存在しない', '--from', '2024', '--to', '2024']);
    const cnn = api.search(seedIndex, 'NATO', { limit: 10_000, filter: { sources: ['CNN'] } });
    const in2024 = api.search(seedIndex, 'NATO', { limit: 10_000, filter: { from: '2024', to: '2024' } });
    // The premise: CNN's NATO records are all from before 2024, and 2024 has NATO records.
    expect(cnn.length).toBeGreaterThan(0);
    expect(cnn.every((h) => h.record.date < '2024')).toBe(true);
    expect(in2024.length).toBeGreaterThan(0);
    // Without --to, CNN's records from 2024 on: none. So only --source and --from are named.
    expect(r.stdout).toBe(`No records match "NATO" from outlet "CNN" or "存在しない", dated 2024 (${in2024.length} match without --source, ${cnn.length} without --from).\n`);
    const none = cli(['search', 'NATO', '--source', '存在しない', '--from', '2030']);
    expect(none.stdout).toBe(`No records match "NATO" from outlet "存在しない", dated 2030 or later (${natoTotal()} match without --source and --from).\n`);
  });

  it('blames the query when it matches nothing anyway, and says how many records a filter hid when browsing', () => {
    expect(cli(['search', 'zzzzqqq', '--source', 'CNN']).stdout).toBe('No records match "zzzzqqq".\n');
    expect(cli(['search', '--source', '存在しない']).stdout).toBe('No records from outlet "存在しない" (34 records without --source).\n');
    // JSON output stays the hits alone.
    expect(cli(['search', 'NATO', '--source', '存在しない', '--json']).stdout).toBe('[]\n');
  });

  it('explainEmpty counts with each filter dropped in turn', () => {
    const asked: string[] = [];
    const note = explainEmpty({ sources: ['A'], from: '2025', to: undefined }, false, (f) => {
      asked.push(JSON.stringify(f));
      // Only dropping the source brings records back.
      return { total: f.sources === undefined ? (f.from === undefined ? 9 : 3) : 0, exact: f.from !== undefined };
    });
    expect(asked).toEqual(['{}', '{"from":"2025"}', '{"sources":["A"]}']);
    expect(note).toBe(' from outlet "A", dated 2025 or later (3 match without --source)');
    // An estimate says so.
    expect(explainEmpty({ sources: ['A'], from: undefined, to: undefined }, false, () => ({ total: 1200, exact: false }))).toBe(' from outlet "A" (about 1,200 match without --source)');
    expect(explainEmpty({ sources: [], from: undefined, to: undefined }, false, () => ({ total: 5, exact: true }))).toBe('');
    expect(describeFilter({ sources: ['a\nb'], from: '2024-01', to: '2024-03' })).toBe(' from outlet "a\\nb", dated 2024-01 to 2024-03');
  });
});

describe('4. --fuzzy, --prefix and --or', () => {
  const command = (args: string[]): SearchCommand => {
    const parsed = parseCli(['search', ...args]);
    if (parsed.kind !== 'search') throw new Error(parsed.kind);
    return parsed;
  };

  it('map to the search options fuzzy, prefix and combineWith', () => {
    expect(searchOptions(command(['x', '--fuzzy']), {})).toMatchObject({ fuzzy: 1 });
    expect(searchOptions(command(['--fuzzy', '2', 'x']), {})).toMatchObject({ fuzzy: 2 });
    expect(command(['--fuzzy', '2', 'x']).query).toBe('x');
    expect(searchOptions(command(['x', '--fuzzy=0.3']), {})).toMatchObject({ fuzzy: 0.3 });
    expect(searchOptions(command(['x', '--fuzzy', '.25']), {})).toMatchObject({ fuzzy: 0.25 });
    // A word after a bare --fuzzy is the query, not its value.
    expect(command(['--fuzzy', 'NATO'])).toMatchObject({ query: 'NATO', fuzzy: 1 });
    expect(searchOptions(command(['x', '--prefix', '--or']), {})).toMatchObject({ prefix: true, combineWith: 'OR' });
    const plain = searchOptions(command(['x']), {});
    expect(plain).not.toHaveProperty('fuzzy');
    expect(plain).not.toHaveProperty('prefix');
    expect(plain).not.toHaveProperty('combineWith');
    // Nothing after -- is an option.
    expect(expandFuzzy(['--', '--fuzzy'])).toEqual(['--', '--fuzzy']);
    expect(command(['--', '--fuzzy'])).toMatchObject({ query: '--fuzzy', fuzzy: undefined });
  });

  it.each([['7'], ['-1'], ['1.5'], ['abc'], ['']])('refuses --fuzzy=%j', (value) => {
    expectOneLineError(cli(['search', 'x', `--fuzzy=${value}`]), /--fuzzy expects a number of edits from 0 to 6, or a fraction of a word's length between 0 and 1/);
  });

  it('gives the hits the API gives with the same options', () => {
    for (const [args, query, options] of [
      [['--fuzzy'], 'ルッタ', { fuzzy: 1 }],
      [['--fuzzy', '2'], 'ストルテンベルク', { fuzzy: 2 }],
      [['--prefix'], 'ストルテン', { prefix: true }],
      [['--or'], 'ルッテ 棚上げ', { combineWith: 'OR' }],
    ] as const) {
      const r = cli(['search', query, ...args, '--json', '--limit', '50']);
      expect(r.status, r.stderr).toBe(0);
      expect(ids(r), `${query} ${args.join(' ')}`).toEqual(apiIds(query, { ...options, limit: 50 }));
    }
  });

  it('changes the result: --or gives every record with any term first', () => {
    const and = cli(['search', 'ルッテ 棚上げ', '--json']);
    const or = cli(['search', 'ルッテ 棚上げ', '--or', '--json']);
    const exactOr = (JSON.parse(or.stdout) as SearchHit[]).filter((h) => h.match === 'exact').map((h) => h.id);
    const exactAnd = (JSON.parse(and.stdout) as SearchHit[]).filter((h) => h.match === 'exact').map((h) => h.id);
    expect(exactAnd).toEqual([]);
    expect(exactOr).toContain('2408-071212');
    expect(exactOr.length).toBeGreaterThan(1);
  });

  it('changes the result: --fuzzy finds a word one edit away', () => {
    const typo = 'ルッタ';
    const plain = cli(['search', typo, '--json', '--limit', '50']);
    const fuzzy = cli(['search', typo, '--fuzzy', '--json', '--limit', '50']);
    expect(ids(fuzzy)).not.toEqual(ids(plain));
  });
});

describe('5. parse warnings summarised in one line unless --verbose', () => {
  it('counts the warnings of search by code and file', () => {
    const a = write('warn-a.txt', `${warned('13')}\n${warned('14')}\n`);
    const b = write('warn-b.txt', `${warned('15')}\n`);
    const r = cli(['search', 'NATO', a, b]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('ja-digest-search: 3 warnings in 2 files: date-separator ×3 (use --verbose to list them)\n');
    const verbose = cli(['search', 'NATO', a, b, '--verbose']);
    const lines = stderrLines(verbose);
    expect(lines.filter((l) => / warning date-separator /.test(l))).toHaveLength(3);
    expect(lines.every((l) => /^warn-[ab]\.txt:\d+:\d+: (error|warning|info) [a-z-]+ \S/.test(l))).toBe(true);
    expect(verbose.stderr).not.toContain('use --verbose');
  });

  it('names a duplicate ID among the codes, and still lists every error', () => {
    const a = write('sum-a.txt', `${R_2502}\n${warned('13')}\n`);
    const b = write('sum-b.txt', `${R_2502}\n${R_NOID}\n`);
    const r = cli(['search', 'NATO', a, b]);
    expect(stderrLines(r)).toEqual([
      expect.stringMatching(/^sum-b\.txt:2:1: error missing-id /),
      'ja-digest-search: 2 warnings in 2 files: date-separator ×1, duplicate-id ×1 (use --verbose to list them)',
    ]);
    expect(summarise([{ file: 'x', code: 'stray-text' }])).toBe('ja-digest-search: 1 warning in 1 file: stray-text ×1 (use --verbose to list it)');
  });

  it('leaves parse and index listing every warning, and the bundled sample silent', () => {
    const a = write('list.txt', `${warned('13')}\n${warned('14')}\n`);
    expect(stderrLines(cli(['parse', a])).filter((l) => l.startsWith('list.txt:'))).toHaveLength(2);
    expect(stderrLines(cli(['index', a, '-o', 'list.bin'])).filter((l) => l.startsWith('list.txt:'))).toHaveLength(2);
    expect(cli(['search', 'NATO']).stderr).toBe('');
  });
});

describe('6. names and queries escaped and cut short in messages', () => {
  it('keeps a diagnostic of a file whose name holds a newline on one line', () => {
    const name = write('bad\nname.txt', `${warned('13')}\n${R_NOID}\n`);
    const r = cli(['parse', name]);
    expect(r.status, r.stderr).toBe(0);
    const lines = stderrLines(r);
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^bad\\nname\.txt:\d+:\d+: (warning|error) /);
    const s = cli(['search', 'NATO', name]);
    expect(stderrLines(s)).toEqual([expect.stringMatching(/^bad\\nname\.txt:2:1: error missing-id /), 'ja-digest-search: 1 warning in 1 file: date-separator ×1 (use --verbose to list it)']);
  });

  it('escapes a missing file name and an -o path in errors', () => {
    expect(cli(['parse', 'no\nsuch\u001b[31m.txt'])).toEqual({ status: 2, stdout: '', stderr: "ja-digest-search: cannot read 'no\\nsuch\\x1b[31m.txt': no such file\n" });
    const f = write('esc-in.txt', `${R_2502}\n`);
    expectOneLineError(cli(['index', f, '-o', join('no\ndir', 'x.bin')]), /cannot write 'no\\ndir\/x\.bin': no such directory/);
  });

  it('cuts a 120 KB query to 80 characters in messages', () => {
    const query = 'x'.repeat(120 * 1024);
    const r = cli(['search', query]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`No records match "${'x'.repeat(79)}…".\n`);
    const hit = cli(['search', `NATO ${'q'.repeat(120 * 1024)}`, '--limit', '1']);
    expect(hit.stdout.split('\n')[0]).toMatch(/^\d+ records? match "NATO q+…" \(showing 1–1\)\.$/);
    expect(hit.stdout.split('\n')[0]!.length).toBeLessThan(130);
  });

  it('escapes a query with control characters, and cuts a long option value', () => {
    expect(cli(['search', 'zz\nqq\u001b'])).toEqual({ status: 0, stdout: 'No records match "zz\\nqq\\x1b".\n', stderr: '' });
    const r = cli(['search', 'x', '--limit', '9'.repeat(100_000)]);
    expectOneLineError(r, new RegExp(`--limit expects a whole number from 1 to 10000, got '${'9'.repeat(79)}…'`));
    expect(r.stderr.length).toBeLessThan(300);
    expectOneLineError(cli(['search', 'x', `--${'y'.repeat(100_000)}`]), /unknown option '--y+…/);
    expect(cli(['search', 'x', `--${'y'.repeat(100_000)}`]).stderr.length).toBeLessThan(300);
  });

  it('shown() escapes each control character and cuts at the limit, never inside an escape or a character', () => {
    expect(shown('a\tb\r\n\u0085\u2028\u202e')).toBe('a\\tb\\r\\n\\x85\\u2028\\u202e');
    expect(shown('x'.repeat(80))).toBe('x'.repeat(80));
    expect(shown('x'.repeat(81))).toBe(`${'x'.repeat(79)}…`);
    expect(shown(`${'x'.repeat(77)}\n`)).toBe(`${'x'.repeat(77)}\\n`);
    expect(shown(`${'x'.repeat(78)}\nyy`)).toBe(`${'x'.repeat(78)}…`);
    expect(shown('𠮷'.repeat(50))).toBe(`${'𠮷'.repeat(39)}…`);
    expect(shown('日本語')).toBe('日本語');
    expect(escapeControls('a\u001b[2Jb')).toBe('a\\x1b[2Jb');
    const long = `${'d/'.repeat(300)}name.txt`;
    expect(shownName(long)).toMatch(/^(d\/)+d?…(\/?d)*\/name\.txt$/);
    expect(shownName(long).length).toBeLessThanOrEqual(256);
    expect(shownName('plain/path.txt')).toBe('plain/path.txt');
  });
});

describe('7. --from and --to take the API date grammar', () => {
  const VALUES = ['2025', '2025-02', '2025-02-03', '2024-02-29', '2025-02-29', '2025-02-30', '2025-13', '2025-00', '2025-1', '25', '2025/02', '2025-02-03T00', '', ' 2025'];

  it('accepts exactly what isDateBound accepts', () => {
    for (const value of VALUES) {
      const accepted = (() => {
        try {
          parseCli(['search', 'x', '--from', value]);
          return true;
        } catch (e) {
          if (!(e instanceof UsageError)) throw e;
          expect(e.message).toBe(`--from expects a date: 2025-02-03 (a day that exists), 2025-02 or 2025, got '${value}'`);
          return false;
        }
      })();
      expect(accepted, value).toBe(isDateBound(value));
    }
    expect(isDateBound('2025-02')).toBe(true);
    expect(isDateBound('2025-02-30')).toBe(false);
  });

  it('filters by a month or a year as the API does', () => {
    for (const [args, filter] of [
      [['--from', '2025-02'], { from: '2025-02' }],
      [['--to', '2024'], { to: '2024' }],
      [['--from', '2023', '--to', '2023-05'], { from: '2023', to: '2023-05' }],
    ] as const) {
      const r = cli(['search', 'NATO', ...args, '--json', '--limit', '100']);
      expect(r.status, r.stderr).toBe(0);
      const expected = apiIds('NATO', { filter, limit: 100 });
      expect(expected.length).toBeGreaterThan(0);
      expect(ids(r)).toEqual(expected);
    }
    // --to 2024 keeps all of 2024, which --to 2024-01-01 would not.
    const dates = (JSON.parse(cli(['search', 'NATO', '--to', '2024', '--json', '--limit', '100']).stdout) as SearchHit[]).map((h) => h.record.date);
    expect(dates.some((d) => d > '2024-01-01' && d.startsWith('2024'))).toBe(true);
    expect(dates.every((d) => d < '2025')).toBe(true);
  });

  it('refuses a day that does not exist, and a range that is empty', () => {
    expectOneLineError(cli(['search', 'x', '--from', '2025-02-30']), /--from expects a date: 2025-02-03 \(a day that exists\), 2025-02 or 2025, got '2025-02-30'/);
    expectOneLineError(cli(['search', 'x', '--to', '2025/01/01']), /--to expects a date/);
    expectOneLineError(cli(['search', 'x', '--from', '2025', '--to', '2024-12']), /--from 2025 is after --to 2024-12/);
    // A day within the month --to names is not after it.
    expect(cli(['search', 'x', '--from', '2025-02-15', '--to', '2025-02']).status).toBe(0);
  });
});

describe('8. help', () => {
  it('documents the new options and habits', () => {
    const help = cli(['search', '--help']).stdout;
    for (const text of ['--fuzzy [n]', '--prefix', '--or', 'cat mine.txt | ja-digest-search search NATO', 'empty (0 bytes)', '--from <date>', '2025-02', 'use --verbose to list them', 'a query that names a file']) {
      expect(help).toContain(text);
    }
    expect(cli(['parse', '--help']).stdout).toContain('a pipe or a redirected file on stdin is read');
  });
});
