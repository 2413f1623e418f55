/**
 * Issue 10 ("Hardening"), the CLI's part: each repro as a test of the built
 * dist/cli.js, run in its own process as users run it, plus unit tests of
 * the pieces whose failure could harm the machine (the `-o` classification).
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDigest } from '../src/index.js';
import type { DigestRecord } from '../src/index.js';
import { planOutput, replaceAtomically, resolveOutput } from '../src/cli/io.js';
import { noIdDigest } from './noid-digest.js';
import { CLI, scratchFolder } from './cli-harness.js';
import type { Run } from './cli-harness.js';

const POSIX = process.platform !== 'win32';

const scratch = scratchFolder('ja-digest-search-hardening-');
const { cli, write } = scratch;

const at = (name: string): string => join(scratch.dir, name);

function expectOneLineError(r: Run, pattern: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
  expect(r.stderr).toMatch(/^ja-digest-search: /);
  expect(r.stderr).toMatch(pattern);
}

const R_2502 = '2025.01.21 18:52 時事通信(Yahoo) 日・NATO関係を強化 石破首相、事務総長と電話会談 <2502-012113> 石破首相が21日、ルッテNATO事務総長と初めて電話会談した。';
const R_NOID = '2025.04.05 17:54 共同通信(Yahoo) NATO事務総長、首相と会談へ ルッテNATO事務総長が8~10日の日程で訪日し、石破首相らと会談する。';

/** Temporary files the atomic write may have left: none should survive. */
const leftovers = (folder: string): string[] => readdirSync(folder).filter((f) => f.endsWith('.tmp'));

describe('repro 4: parse f f (the same file twice, records without IDs)', () => {
  it('prints every record of both copies and warns once per record of the second copy', () => {
    const text = noIdDigest(64 * 1024);
    const perCopy = parseDigest(text).records.length;
    const f = write('noid.txt', text);
    const r = cli(['parse', '--ndjson', f, f]);
    expect(r.status, r.stderr).toBe(0);
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as DigestRecord);
    expect(records).toHaveLength(2 * perCopy);
    const warnings = r.stderr.split('\n').filter((l) => / warning duplicate-id /.test(l));
    expect(warnings).toHaveLength(perCopy);
    // The first warning points at line 1 of the file and names where the first copy is.
    expect(warnings[0]).toMatch(/^noid\.txt:1:1: warning duplicate-id The ID <noid-[^>]+> was already used by a record in noid\.txt:1:1 dated 2025-04-05; /);
  });

  it('index f f keeps one copy, and every record it skips has a warning', () => {
    // One file with a record repeated inside it and a record with an ID, given twice.
    const f = write('mixed.txt', `${R_NOID}\n${R_2502}\n${R_NOID}\n`);
    const parsed = cli(['parse', '--ndjson', f, f]);
    expect(parsed.status, parsed.stderr).toBe(0);
    const records = parsed.stdout.trim().split('\n').map((l) => JSON.parse(l) as DigestRecord);
    const perFile = records.length / 2;
    // Each record that repeats an earlier ID is skipped by index: it must be warned about, at its own line.
    const text = readFileSync(at(f), 'utf8');
    const seen = new Set<string>();
    let skipped = 0;
    records.forEach((record, i) => {
      if (seen.has(record.id)) {
        skipped++;
        const line = text.slice(0, record.position.start).split('\n').length;
        const warned = parsed.stderr.split('\n').some((l) => l.startsWith(`${f}:${line}:`) && l.includes(` duplicate-id The ID <${record.id}>`));
        expect(warned, `record ${i} <${record.id}> (file ${i < perFile ? 1 : 2}, line ${line}) is skipped without a warning:\n${parsed.stderr}`).toBe(true);
      }
      seen.add(record.id);
    });
    expect(skipped).toBeGreaterThanOrEqual(perFile);

    const r = cli(['index', f, f, '-o', 'mixed.json', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(at('mixed.json'), 'utf8')) as { records: DigestRecord[] };
    expect(saved.records).toHaveLength(records.length - skipped);
  });
});

describe('repro 5: unbounded input (parse /dev/zero)', () => {
  it.runIf(existsSync('/dev/zero'))('stops reading /dev/zero at the limit and exits 2', () => {
    const t0 = performance.now();
    const r = cli(['parse', '/dev/zero', '--max-input-bytes', '64K'], { timeout: 20_000 });
    expect(performance.now() - t0).toBeLessThan(15_000);
    expectOneLineError(r, /cannot read '\/dev\/zero': larger than the input limit of 64 KiB \(raise it with --max-input-bytes\)/);
  });

  it.runIf(existsSync('/dev/zero'))('stops at the default limit of 256 MiB without the option', () => {
    const r = cli(['parse', '/dev/zero'], { timeout: 60_000 });
    expectOneLineError(r, /cannot read '\/dev\/zero': larger than the input limit of 256 MiB/);
  }, 70_000);

  it('reads a file of exactly the limit, and refuses one byte more', () => {
    const f = write('limit.txt', `${R_2502}\n`);
    const size = statSync(at(f)).size;
    expect(cli(['parse', f, '--max-input-bytes', String(size)]).status).toBe(0);
    expectOneLineError(cli(['parse', f, '--max-input-bytes', String(size - 1)]), new RegExp(`cannot read 'limit\\.txt': larger than the input limit of ${size - 1} bytes`));
  });

  it('takes the limit from JA_DIGEST_SEARCH_MAX_INPUT_BYTES, the option winning', () => {
    const f = write('env.txt', `${R_2502}\n`.repeat(20));
    const env = { JA_DIGEST_SEARCH_MAX_INPUT_BYTES: '1k' };
    expectOneLineError(cli(['parse', f], { env }), /larger than the input limit of 1 KiB/);
    expect(cli(['parse', f, '--max-input-bytes', '1M'], { env }).status).toBe(0);
    expectOneLineError(cli(['parse', f], { env: { JA_DIGEST_SEARCH_MAX_INPUT_BYTES: 'lots' } }), /JA_DIGEST_SEARCH_MAX_INPUT_BYTES expects a size in bytes/);
  });

  it('bounds stdin and an --index file the same way', () => {
    expectOneLineError(cli(['parse', '-', '--max-input-bytes', '1K'], { input: `${R_2502}\n`.repeat(50) }), /cannot read '<stdin>': larger than the input limit of 1 KiB/);
    const f = write('small.txt', `${R_2502}\n`);
    expect(cli(['index', f, '-o', 'small.json']).status).toBe(0);
    expectOneLineError(cli(['search', 'NATO', '--index', 'small.json', '--max-input-bytes', '100']), /cannot read 'small\.json': larger than the input limit of 100 bytes/);
    expectOneLineError(cli(['search', 'NATO', '--max-input-bytes', '100']), /larger than the input limit of 100 bytes/);
  });

  it.each([['0'], ['-1'], ['1.5M'], ['2G'], ['12T'], ['']])('refuses --max-input-bytes %j as a usage error', (value) => {
    expectOneLineError(cli(['parse', 'x.txt', `--max-input-bytes=${value}`]), /--max-input-bytes expects a size in bytes from 1 to 1 GiB/);
  });

  describe.runIf(POSIX)('a FIFO', () => {
    /** Runs the CLI reading a FIFO while this process writes `data` into it. */
    async function throughFifo(name: string, data: Buffer, args: readonly string[]): Promise<Run> {
      execFileSync('mkfifo', [at(name)]);
      const child = spawn(process.execPath, [CLI, 'parse', name, ...args], { cwd: scratch.dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      const exited = once(child, 'exit') as Promise<[number | null]>;
      // Opening for writing waits for the reader; the reader leaving early is EPIPE, which is the point.
      const fifo = await open(at(name), 'w');
      await fifo.write(data).catch(() => undefined);
      await fifo.close().catch(() => undefined);
      const [status] = await exited;
      expect(lstatSync(at(name)).isFIFO()).toBe(true);
      return { status, stdout, stderr };
    }

    it('stops reading an endless FIFO at the limit and exits 2', async () => {
      const r = await throughFifo('in.fifo', Buffer.alloc(4 * 1024 * 1024, 'a'), ['--max-input-bytes', '64K']);
      expectOneLineError(r, /cannot read 'in\.fifo': larger than the input limit of 64 KiB/);
    }, 20_000);

    it('reads a FIFO under the limit', async () => {
      const r = await throughFifo('ok.fifo', Buffer.from(`${R_2502}\n`), ['--max-input-bytes', '64K']);
      expect(r.status, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as DigestRecord[]).map((x) => x.id)).toEqual(['2502-012113']);
    }, 20_000);
  });
});

describe('repro 10: index -o replaces whatever sits at the path', () => {
  describe('planOutput (what lstat found → what -o may do)', () => {
    it('creates a missing file, replaces a regular one keeping its mode, follows a symlink', () => {
      expect(planOutput(undefined)).toEqual({ kind: 'create' });
      const f = write('plan.json', '{}');
      chmodSync(at(f), 0o640);
      expect(planOutput(lstatSync(at(f)))).toMatchObject({ kind: 'replace', mode: 0o640 });
      symlinkSync('plan.json', at('plan-link.json'));
      expect(planOutput(lstatSync(at('plan-link.json')))).toEqual({ kind: 'follow' });
    });

    it('refuses a directory', () => {
      expect(planOutput(lstatSync(scratch.dir))).toEqual({ kind: 'refuse', reason: expect.stringContaining('a directory') as string });
    });

    it.runIf(POSIX)('refuses a FIFO', () => {
      execFileSync('mkfifo', [at('plan.fifo')]);
      expect(planOutput(lstatSync(at('plan.fifo')))).toEqual({ kind: 'refuse', reason: expect.stringContaining('a FIFO') as string });
    });

    it.runIf(existsSync('/dev/null') && existsSync('/dev/full'))('refuses character devices such as /dev/null and /dev/full', () => {
      for (const device of ['/dev/null', '/dev/full']) {
        expect(planOutput(lstatSync(device))).toEqual({ kind: 'refuse', reason: expect.stringContaining('a character device') as string });
      }
    });
  });

  it('writes through a symlink: the target is updated, the link stays a link', () => {
    const f = write('sym.txt', `${R_2502}\n`);
    mkdirSync(at('real'));
    write('real/target.json', 'old');
    symlinkSync(join('real', 'target.json'), at('link.json'));
    const r = cli(['index', f, '-o', 'link.json', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(lstatSync(at('link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(at('link.json'))).toBe(join('real', 'target.json'));
    expect(JSON.parse(readFileSync(at('real/target.json'), 'utf8'))).toMatchObject({ format: 'ja-digest-search/index' });
    expect(leftovers(scratch.dir)).toEqual([]);
    expect(leftovers(at('real'))).toEqual([]);
  });

  it.runIf(POSIX)('refuses a symlink to a FIFO or a device, leaving both as they were', async () => {
    const f = write('sym-fifo-in.txt', `${R_2502}\n`);
    execFileSync('mkfifo', [at('target.fifo')]);
    symlinkSync('target.fifo', at('to-fifo.json'));
    expectOneLineError(cli(['index', f, '-o', 'to-fifo.json']), /cannot write 'to-fifo\.json': it is a FIFO/);
    expect(lstatSync(at('target.fifo')).isFIFO()).toBe(true);
    expect(lstatSync(at('to-fifo.json')).isSymbolicLink()).toBe(true);
    if (existsSync('/dev/full')) {
      // In-process and without writing: resolveOutput only looks.
      symlinkSync('/dev/full', at('to-full.json'));
      await expect(resolveOutput(at('to-full.json'))).rejects.toThrow(/it is a character device/);
      expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
    }
  });

  it('refuses a symlink to nothing', () => {
    const f = write('dangling.txt', `${R_2502}\n`);
    symlinkSync('nowhere.json', at('dangling.json'));
    expectOneLineError(cli(['index', f, '-o', 'dangling.json']), /cannot write 'dangling\.json': it is a symbolic link to nothing/);
    expect(existsSync(at('nowhere.json'))).toBe(false);
  });

  it.runIf(POSIX)('refuses a FIFO with exit 2, before reading any input, and leaves it a FIFO', () => {
    execFileSync('mkfifo', [at('out.fifo')]);
    // /dev/zero as the input: were it read first, the refusal would come only after the limit.
    const input = existsSync('/dev/zero') ? '/dev/zero' : write('fifo-in.txt', `${R_2502}\n`);
    const r = cli(['index', input, '-o', 'out.fifo'], { timeout: 10_000 });
    expectOneLineError(r, /cannot write 'out\.fifo': it is a FIFO, not a regular file \(use -o - for stdout\)/);
    expect(lstatSync(at('out.fifo')).isFIFO()).toBe(true);
    expect(leftovers(scratch.dir)).toEqual([]);
  });

  it('refuses a directory with exit 2 and leaves it as it was', () => {
    const f = write('dir-in.txt', `${R_2502}\n`);
    mkdirSync(at('out-dir'));
    write('out-dir/keep.txt', 'keep');
    expectOneLineError(cli(['index', f, '-o', 'out-dir']), /cannot write 'out-dir': it is a directory, not a regular file/);
    expect(readdirSync(at('out-dir'))).toEqual(['keep.txt']);
  });

  it.runIf(existsSync('/dev/full'))('refuses the character device /dev/full (checked safe first) and leaves it a device', () => {
    // Run as root, a wrong answer here would replace the device node: run the
    // CLI only once the classification is known to refuse it.
    const before = lstatSync('/dev/full');
    expect(before.isCharacterDevice()).toBe(true);
    expect(planOutput(before).kind).toBe('refuse');
    const f = write('dev-in.txt', `${R_2502}\n`);
    expectOneLineError(cli(['index', f, '-o', '/dev/full']), /cannot write '\/dev\/full': it is a character device, not a regular file/);
    const after = lstatSync('/dev/full');
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.rdev).toBe(before.rdev);
    expect(after.ino).toBe(before.ino);
  });

  it.runIf(POSIX)('keeps the mode of the file it replaces', () => {
    const f = write('mode-in.txt', `${R_2502}\n`);
    write('mode.json', 'old');
    chmodSync(at('mode.json'), 0o600);
    const ino = lstatSync(at('mode.json')).ino;
    expect(cli(['index', f, '-o', 'mode.json', '--json']).status).toBe(0);
    const after = lstatSync(at('mode.json'));
    expect(after.mode & 0o7777).toBe(0o600);
    expect(after.isFile()).toBe(true);
    // Replaced by rename, not rewritten in place.
    expect(after.ino).not.toBe(ino);
    expect(JSON.parse(readFileSync(at('mode.json'), 'utf8'))).toMatchObject({ format: 'ja-digest-search/index' });
  });

  it.runIf(POSIX)('creates a missing file with the mode the umask gives', () => {
    const f = write('new-in.txt', `${R_2502}\n`);
    expect(cli(['index', f, '-o', 'new.json']).status).toBe(0);
    const umask = process.umask();
    expect(lstatSync(at('new.json')).mode & 0o777).toBe(0o666 & ~umask);
  });

  it('writes the index to stdout with -o -', () => {
    const f = write('stdout-in.txt', `${R_2502}\n`);
    const r = cli(['index', f, '-o', '-', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'ja-digest-search/index' });
    // The binary snapshot (the default) goes out byte for byte.
    const bin = cli(['index', f, '-o', '-']);
    expect(bin.status, bin.stderr).toBe(0);
    expect(bin.stdout.startsWith('JDSX')).toBe(true);
    expect(existsSync(at('-'))).toBe(false);
  });

  it('removes its temporary file when the final rename fails', async () => {
    // A non-empty directory cannot be renamed over; the rename is the last step.
    mkdirSync(at('busy'));
    write('busy/x', 'x');
    await expect(replaceAtomically(at('busy'), 'text', { kind: 'create' })).rejects.toThrow();
    expect(leftovers(scratch.dir)).toEqual([]);
    expect(readdirSync(at('busy'))).toEqual(['x']);
  });
});
