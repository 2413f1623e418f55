/**
 * The `ja-digest-search` bin, run as users run it: the built dist/cli.js in a
 * separate Node process. `npm test` builds first; run alone, the build happens
 * here when dist/cli.js is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DigestRecord, SearchHit, SearchPage } from '../src/index.js';
import { CLI, ROOT, ensureBuilt, runCli } from './cli-harness.js';
import type { Run } from './cli-harness.js';

const SEED = join(ROOT, 'fixtures', 'seed-digest.txt');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let dir = '';
let parseDigest: (text: string) => { records: DigestRecord[] };

beforeAll(async () => {
  ensureBuilt();
  // The built library, to compare the CLI's output with the API's.
  ({ parseDigest } = (await import(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)) as { parseDigest: typeof parseDigest });
  dir = mkdtempSync(join(tmpdir(), 'ja-digest-search-cli-'));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function cli(args: readonly string[], input?: string | Buffer): Run {
  return runCli(dir, args, { input });
}

function write(name: string, text: string | Buffer): string {
  writeFileSync(join(dir, name), text);
  return name;
}

/** One line, prefixed, and nothing that looks like a stack trace. */
function expectOneLineError(r: Run, pattern: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ja-digest-search: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

const R_2502 = '2025.01.21 18:52 時事通信(Yahoo) 日・NATO関係を強化 石破首相、事務総長と電話会談 <2502-012113> 石破首相が21日、ルッテNATO事務総長と初めて電話会談した。';
const R_NOID = '2025.04.05 17:54 共同通信(Yahoo) NATO事務総長、首相と会談へ ルッテNATO事務総長が8~10日の日程で訪日し、石破首相らと会談する。';
const R_2408 = '2024.07.12 14:41 時事通信(Yahoo) 東京事務所案「棚上げ」 NATO高官 <2408-071212> NATO高官が11日までに、東京に連絡事務所を設置する案が棚上げ状態にあることを明らかにした。';
const R_2502_AGAIN = '2025.01.21 21:14 朝日新聞(Yahoo) 別の記事 <2502-012113> 重複したIDの別の記事です。';

const DIAGNOSTIC_LINE = /^[^:\n]+:\d+:\d+: (error|warning|info) [a-z-]+ \S.*$/;

describe('help and version', () => {
  it('prints the top-level help with every command and the duplicate rule', () => {
    for (const flag of ['--help', '-h']) {
      const r = cli([flag]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      for (const c of ['search', 'parse', 'index']) expect(r.stdout).toContain(`ja-digest-search ${c}`);
      expect(r.stdout).toContain('FIRST');
    }
  });

  it.each([
    ['search', ['--json', '--limit', '--offset', '--facets', '--from', '--to', '--source', '--fuzzy', '--prefix', '--or', '--index', '--strict', '--max-input-bytes']],
    ['parse', ['--ndjson', '--strict', '--max-input-bytes']],
    ['index', ['--output', '--json', '--strict', '--max-input-bytes']],
  ])('prints help for %s', (command, options) => {
    const r = cli([command, '--help']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Usage: ja-digest-search ${command}`);
    for (const o of options) expect(r.stdout).toContain(o);
    expect(r.stdout).toContain('duplicate-id');
    expect(cli([command, '-h']).stdout).toBe(r.stdout);
    expect(cli(['--help', command]).stdout).toBe(r.stdout);
  });

  it('prints the version from package.json', () => {
    expect(cli(['--version'])).toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(cli(['-v']).stdout).toBe(`${VERSION}\n`);
  });
});

describe('search', () => {
  it('searches the bundled fixture when no file is given', () => {
    const r = cli(['search', 'ルッテ']);
    expect(r.status, r.stderr).toBe(0);
    // The sample's own diagnostics are not the user's: not shown without --verbose.
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    // The total first, then the hits.
    expect(lines[0]).toBe('4 records match "ルッテ" (showing 1–4).');
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('1. 2025-04-09  Reuters 通信(Yahoo)  ウクライナ戦争はアジアの安保に影響、NATO事務総長が警鐘  <2505-040917>');
    expect(lines[3]).toMatch(/^ {3}\S/);
    expect(lines[3]).toContain('[ルッテ]');
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout.match(/^\d+\. /gm)?.length).toBeGreaterThan(1);
  });

  it('prints hits as JSON with their records', () => {
    const r = cli(['search', 'NATO', '--json', '--limit', '3']);
    expect(r.status, r.stderr).toBe(0);
    const hits = JSON.parse(r.stdout) as SearchHit[];
    expect(hits).toHaveLength(3);
    for (const h of hits) {
      expect(Object.keys(h).sort()).toEqual(['id', 'match', 'matched', 'record', 'score', 'snippet', 'terms', 'titleSnippet']);
      expect(h.matched).toEqual(['NATO']);
      expect(typeof h.score).toBe('number');
      expect(h.record.id).toBe(h.id);
      expect(h.record.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(h.terms).toEqual(['nato']);
      expect(h.snippet).toContain('[NATO]');
      expect(h.match).toBe('exact');
    }
  });

  it('marks hits that are not exact, with a divider before the first of each kind', () => {
    const r = cli(['search', 'NATO 東京 事務所', '--limit', '4']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const divider = lines.indexOf('-- partial: part of the query --');
    expect(divider).toBeGreaterThan(0);
    // Three exact hits above the divider, none of them marked; the fourth below it, marked.
    expect(lines.slice(0, divider).filter((l) => /^\d+\. /.test(l))).toHaveLength(3);
    expect(lines.slice(0, divider).some((l) => l.includes('(partial)') || l.includes('(variant)'))).toBe(false);
    expect(lines.slice(divider).find((l) => /^\d+\. /.test(l))).toMatch(/^4\. .*<2507-062438>  \(partial\)$/);
    const variant = cli(['search', 'マドリッド']);
    expect(variant.stdout.split('\n').slice(0, 3)).toEqual(['1 record matches "マドリッド" (showing 1–1).', '', '-- variant: every term, some in another spelling --']);
    expect(variant.stdout).toContain('<2207-063001>  (variant)');
    expect(variant.stdout).toContain('[マドリード]');
    const json = JSON.parse(cli(['search', 'NATO 東京 事務所', '--limit', '4', '--json']).stdout) as SearchHit[];
    expect(json.map((h) => h.match)).toEqual(['exact', 'exact', 'exact', 'partial']);
  });

  it('sorts by date with --sort date, and rejects another order', () => {
    const hits = JSON.parse(cli(['search', 'NATO', '--json', '--limit', '100', '--sort', 'date']).stdout) as SearchHit[];
    expect(hits.length).toBeGreaterThan(5);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.record.date >= hits[i]!.record.date).toBe(true);
    const bad = cli(['search', 'NATO', '--sort', 'newest']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--sort expects 'score' or 'date'");
  });

  it('filters by date and source', () => {
    const hits = JSON.parse(cli(['search', 'NATO', '--json', '--limit', '100', '--from', '2024-01-01', '--to', '2024-12-31']).stdout) as SearchHit[];
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h.record.date.startsWith('2024-')).toBe(true);

    const bySource = JSON.parse(cli(['search', 'NATO', '--json', '--source', '日経新聞', '--source', 'CNN']).stdout) as SearchHit[];
    expect(bySource.length).toBeGreaterThan(0);
    for (const h of bySource) expect(['日経新聞', 'CNN']).toContain(h.record.outlet);
  });

  it('pages with --offset: the next page continues the first, numbered on', () => {
    const all = JSON.parse(cli(['search', 'NATO', '--json', '--limit', '6']).stdout) as SearchHit[];
    const second = JSON.parse(cli(['search', 'NATO', '--json', '--limit', '3', '--offset', '3']).stdout) as SearchHit[];
    expect(second.map((h) => h.id)).toEqual(all.slice(3).map((h) => h.id));
    const text = cli(['search', 'NATO', '--limit', '3', '--offset', '3']).stdout.split('\n');
    expect(text[0]).toMatch(/^\d+ records match "NATO" \(showing 4–6\)\.$/);
    expect(text[2]).toBe(`4. ${all[3]!.record.date}  ${all[3]!.record.source}  ${all[3]!.record.title}  <${all[3]!.id}>`);
    expect(text.filter((l) => /^\d\. /.test(l)).map((l) => l.slice(0, 2))).toEqual(['4.', '5.', '6.']);
    for (const [args, message] of [
      [['--offset', 'ten'], /--offset expects a whole number from 0 to 9980 \(offset \+ limit at most 10000\), got 'ten'/],
      [['--offset', '9990', '--limit', '20'], /offset \+ limit at most 10000/],
      [['--facets', 'outlet,colour'], /--facets expects a comma-separated list of outlet, year, month, source, got 'outlet,colour'/],
    ] as const) {
      const r = cli(['search', 'NATO', ...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('prints facet counts after the hits with --facets, and the whole page with --json', () => {
    const r = cli(['search', 'NATO', '--limit', '2', '--facets', 'outlet,year']);
    expect(r.status, r.stderr).toBe(0);
    const page = JSON.parse(cli(['search', 'NATO', '--limit', '2', '--facets', 'outlet,year', '--json']).stdout) as SearchPage;
    expect(Object.keys(page).sort()).toEqual(['facets', 'hits', 'limit', 'offset', 'total', 'totalExact']);
    expect(page.hits).toHaveLength(2);
    expect(page.totalExact).toBe(true);
    // The counts are over every match, not the two hits shown.
    const every = JSON.parse(cli(['search', 'NATO', '--json', '--limit', '10000']).stdout) as SearchHit[];
    expect(page.total).toBe(every.length);
    expect(page.facets.year?.reduce((n, y) => n + y.count, 0)).toBe(every.length);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${every.length} records match "NATO" (showing 1–2).`);
    expect(lines.at(-2)).toBe(`outlet: ${page.facets.outlet!.map((v) => `${v.value} (${v.count})`).join(' · ')}`);
    expect(lines.at(-1)).toBe(`year: ${page.facets.year!.map((v) => `${v.value} (${v.count})`).join(' · ')}`);
    expect(page.facets.year!.map((v) => v.value)).toEqual([...page.facets.year!.map((v) => v.value)].sort().reverse());
  });

  it('lists the newest records when no query is given', () => {
    const r = cli(['search', '--limit', '3']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('34 records, newest first (showing 1–3).');
    const dates = lines.filter((l) => /^\d\. /.test(l)).map((l) => l.slice(3, 13));
    expect(dates).toEqual(['2025-06-26', '2025-06-24', '2025-05-19']);
    // '' before file names: the newest of those files.
    const a = write('browse-a.txt', `${R_2502}\n${R_2408}\n`);
    const ids = (JSON.parse(cli(['search', '', a, '--json']).stdout) as SearchHit[]).map((h) => h.id);
    expect(ids).toEqual(['2502-012113', '2408-071212']);
  });

  it('says so when nothing matches', () => {
    expect(cli(['search', 'zzzzqqq'])).toEqual({ status: 0, stdout: 'No records match "zzzzqqq".\n', stderr: '' });
    expect(JSON.parse(cli(['search', 'zzzzqqq', '--json']).stdout)).toEqual([]);
  });

  it('searches the given files, and stdin as -', () => {
    const a = write('search-a.txt', `${R_2502}\n${R_2408}\n`);
    const r = cli(['search', '棚上げ', a, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as SearchHit[]).map((h) => h.id)).toEqual(['2408-071212']);

    const s = cli(['search', '棚上げ', '-', '--json'], `${R_2408}\n`);
    expect((JSON.parse(s.stdout) as SearchHit[]).map((h) => h.id)).toEqual(['2408-071212']);
  });
});

describe('parse', () => {
  it('prints the records as a JSON array, the same as parseDigest', () => {
    const r = cli(['parse', SEED]);
    expect(r.status, r.stderr).toBe(0);
    const records = JSON.parse(r.stdout) as DigestRecord[];
    expect(records).toEqual(parseDigest(readFileSync(SEED, 'utf8')).records);
    expect(records).toHaveLength(34);
  });

  it('prints one record per line with --ndjson', () => {
    const r = cli(['parse', '--ndjson', SEED]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(34);
    expect(lines.map((l) => (JSON.parse(l) as DigestRecord).id)).toEqual(parseDigest(readFileSync(SEED, 'utf8')).records.map((x) => x.id));
  });

  it('reads stdin as -, keeping a BOM for the parser to skip', () => {
    const text = readFileSync(SEED, 'utf8');
    const plain = cli(['parse', '-'], text);
    expect(plain.status, plain.stderr).toBe(0);
    expect(JSON.parse(plain.stdout)).toEqual(parseDigest(text).records);
    expect(plain.stderr.split('\n')[0]).toMatch(/^<stdin>:\d+:\d+: warning /);

    const bom = cli(['parse', '-', '--verbose'], Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(bom.status, bom.stderr).toBe(0);
    expect(JSON.parse(bom.stdout)).toEqual(parseDigest(`\ufeff${text}`).records);
    expect(bom.stderr.split('\n')[0]).toBe('<stdin>:1:1: info bom A byte-order mark was skipped.');
  });

  it('prints diagnostics as file:line:column: severity code message, info only with --verbose', () => {
    const f = write('noid.txt', `${R_2502}\n${R_NOID}\n`);
    const r = cli(['parse', f]);
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as DigestRecord[]).map((x) => x.id)).toEqual(['2502-012113', expect.stringMatching(/^noid-/)]);
    expect(r.stderr).toBe('noid.txt:2:1: error missing-id The record has no <YYMM-MMDDNN> ID; it was kept under a generated id.\n');

    const seed = cli(['parse', SEED, '--verbose']);
    const lines = seed.stderr.split('\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(DIAGNOSTIC_LINE);
    expect(lines.some((l) => / info missing-time /.test(l))).toBe(true);
    expect(cli(['parse', SEED]).stderr).not.toContain(' info ');
  });

  it('exits 1 with --strict when a diagnostic is an error, still printing the records', () => {
    const f = write('strict.txt', `${R_2502}\n${R_NOID}\n`);
    const r = cli(['parse', '--strict', f]);
    expect(r.status, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout)).toHaveLength(2);
    expect(r.stderr).toContain('strict.txt:2:1: error missing-id');
    // Warnings alone do not fail --strict.
    expect(cli(['parse', '--strict', SEED]).status).toBe(0);
  });
});

describe('several files and duplicate IDs', () => {
  it('joins records in file order and warns about an ID used in an earlier file', () => {
    const a = write('dup-a.txt', `${R_2502}\n`);
    const b = write('dup-b.txt', `${R_2408}\n${R_2502_AGAIN}\n`);
    const r = cli(['parse', a, b, '--ndjson']);
    expect(r.status, r.stderr).toBe(0);
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as DigestRecord);
    expect(records.map((x) => [x.id, x.title])).toEqual([
      ['2502-012113', '日・NATO関係を強化 石破首相、事務総長と電話会談'],
      ['2408-071212', '東京事務所案「棚上げ」 NATO高官'],
      ['2502-012113', '別の記事'],
    ]);
    const col = R_2502_AGAIN.indexOf('<') + 1;
    expect(r.stderr).toBe(
      `dup-b.txt:2:${col}: warning duplicate-id The ID <2502-012113> was already used by a record in dup-a.txt:1:${R_2502.indexOf('<') + 1} dated 2025-01-21; search and index keep that first one.\n`,
    );
  });

  it('keeps the first record with an ID in search and index', () => {
    const a = write('first-a.txt', `${R_2502}\n`);
    const b = write('first-b.txt', `${R_2408}\n${R_2502_AGAIN}\n`);
    const titleOf = (args: string[]): string[] =>
      (JSON.parse(cli(args).stdout) as SearchHit[]).filter((h) => h.id === '2502-012113').map((h) => h.record.title);

    // The later record's words find nothing: it was skipped, not merged.
    expect(titleOf(['search', '別の記事', a, b, '--json'])).toEqual([]);
    expect(titleOf(['search', '電話会談', a, b, '--json'])).toEqual(['日・NATO関係を強化 石破首相、事務総長と電話会談']);
    // In the other order the other record wins.
    expect(titleOf(['search', '別の記事', b, a, '--json'])).toEqual(['別の記事']);
    expect(titleOf(['search', '電話会談', b, a, '--json'])).toEqual([]);

    expect(cli(['index', a, b, '-o', 'first.json']).status).toBe(0);
    const all = JSON.parse(cli(['search', 'NATO', '--index', 'first.json', '--json']).stdout) as SearchHit[];
    expect(all.map((h) => h.id).sort()).toEqual(['2408-071212', '2502-012113']);
    expect(all.find((h) => h.id === '2502-012113')?.record.title).toBe('日・NATO関係を強化 石破首相、事務総長と電話会談');
  });
});

describe('index', () => {
  it('writes an index that search --index reads back with the same hits', () => {
    // The binary snapshot by default, the JSON form with --json: search --index reads both.
    const r = cli(['index', SEED, '--output', 'seed.bin']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(dir, 'seed.bin')).subarray(0, 4).toString('latin1')).toBe('JDSX');
    const j = cli(['index', SEED, '--output', 'seed.json', '--json']);
    expect(j.status, j.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(join(dir, 'seed.json'), 'utf8')) as { records: unknown[] };
    expect(saved.records).toHaveLength(34);

    const direct = cli(['search', 'ルッテ', SEED, '--json']);
    for (const file of ['seed.bin', 'seed.json']) {
      const loaded = cli(['search', 'ルッテ', '--index', file, '--json']);
      expect(loaded.status, loaded.stderr).toBe(0);
      expect(JSON.parse(loaded.stdout)).toEqual(JSON.parse(direct.stdout));
      expect(cli(['search', 'ルッテ', '--index', file]).stdout).toBe(cli(['search', 'ルッテ']).stdout);
    }
  });

  it('exits 1 with --strict on an error diagnostic, still writing the index', () => {
    const f = write('index-strict.txt', `${R_NOID}\n`);
    const r = cli(['index', '--strict', f, '-o', 'strict.json']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^index-strict\.txt:1:1: error missing-id /);
    expect(existsSync(join(dir, 'strict.json'))).toBe(true);
  });
});

describe('errors', () => {
  it.each([
    [['search', 'x', '--limit', '0'], /--limit expects a whole number/],
    [['search', 'x', '--limit', 'ten'], /--limit expects a whole number/],
    [['search', 'x', '--limit'], /--limit/],
    [['search', 'x', '--from', '2025-02-30'], /--from expects a date: 2025-02-03 \(a day that exists\), 2025-02 or 2025, got '2025-02-30'/],
    [['search', 'x', '--to', '2025/01/01'], /--to expects a date/],
    [['search', 'x', '--bogus'], /unknown option '--bogus'/],
    [['search', 'x', 'a.txt', '--index', 'i.json'], /either --index or digest files/],
    [['parse'], /missing digest file/],
    [['parse', '-', '-'], /stdin/],
    [['parse', 'x.txt', '--json'], /unknown option '--json'/],
    [['index', 'x.txt'], /missing -o\/--output/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [[], /missing command/],
    [['--bogus'], /unknown option '--bogus'/],
  ])('exits 2 on the usage error %j', (args, pattern) => {
    expectOneLineError(cli(args), pattern);
  });

  it('exits 2 naming a missing file', () => {
    const r = cli(['parse', 'missing.txt']);
    expect(r).toEqual({ status: 2, stdout: '', stderr: "ja-digest-search: cannot read 'missing.txt': no such file\n" });
    // Nothing is printed for the files before it either.
    expectOneLineError(cli(['search', 'NATO', SEED, 'missing.txt']), /cannot read 'missing\.txt': no such file/);
    expectOneLineError(cli(['search', 'NATO', '--index', 'missing.json']), /cannot read 'missing\.json'/);
  });

  it('exits 2 on a file that is not UTF-8', () => {
    const f = write('sjis.txt', Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x0a]));
    expectOneLineError(cli(['parse', f]), /cannot read 'sjis\.txt': not valid UTF-8/);
  });

  it('exits 2 on a corrupt index', () => {
    write('broken.json', '{"format":');
    expectOneLineError(cli(['search', 'NATO', '--index', 'broken.json']), /cannot load index 'broken\.json': the index is not valid JSON/);
    write('other.json', '{"hello":"world"}');
    expectOneLineError(cli(['search', 'NATO', '--index', 'other.json']), /cannot load index 'other\.json': not a ja-digest-search index/);
  });

  it('exits 2 when the index cannot be written', () => {
    const f = write('clean.txt', `${R_2502}\n`);
    expectOneLineError(cli(['index', f, '-o', join('no-such-dir', 'x.json')]), /cannot write '.*x\.json': no such directory/);
  });
});

// A terminal is needed to see colour and progress; util-linux `script` gives one.
const SCRIPT = '/usr/bin/script';
describe.runIf(process.platform === 'linux' && existsSync(SCRIPT))('on a terminal', () => {
  const tty = (command: string, env: NodeJS.ProcessEnv = {}): string => {
    const base: NodeJS.ProcessEnv = { ...process.env, ...env };
    if (env.NO_COLOR === undefined) delete base.NO_COLOR;
    const r = spawnSync(SCRIPT, ['-qec', command, '/dev/null'], { cwd: dir, env: base, encoding: 'utf8' });
    return r.stdout;
  };
  const node = `'${process.execPath}' '${CLI}'`;

  it('highlights matches in colour unless NO_COLOR is set', () => {
    expect(tty(`${node} search ルッテ --limit 1`)).toContain('\u001b[1;33mルッテ\u001b[0m');
    const plain = tty(`${node} search ルッテ --limit 1`, { NO_COLOR: '1' });
    expect(plain).toContain('[ルッテ]');
    expect(plain).not.toContain('\u001b[1;33m');
  });

  it('shows progress for more than 5 files', () => {
    const files = [1, 2, 3, 4, 5, 6].map((i) => write(`p${i}.txt`, `${R_2408.replace('<2408-071212>', `<2408-07121${i}>`)}\n`));
    const out = tty(`${node} index ${files.join(' ')} -o progress.json --json`);
    expect(out).toContain('\r\u001b[2K');
    expect(out).toContain('building the index of 6 records');
    expect(out).toContain('indexed 6 records from 6 file(s) into progress.json');
    expect(JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8')).records).toHaveLength(6);
    // Few small files: no progress line.
    expect(tty(`${node} index p1.txt -o one.json`)).not.toContain('\u001b[2K');
  });
});
