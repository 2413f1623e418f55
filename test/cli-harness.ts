/**
 * Running the built `ja-digest-search` bin as users run it, for the CLI
 * test files: a clean environment (no colour or input-limit settings from
 * the caller's shell) and the output captured.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string | Buffer | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  timeout?: number | undefined;
}

/** Builds dist/ with tsup alone when it is missing: `npm run build` would empty it under other test runs. */
export function ensureBuilt(): void {
  if (!existsSync(CLI)) execFileSync('npx', ['tsup'], { cwd: ROOT, stdio: 'ignore' });
}

/** Runs the bin in `cwd`; only `options.env` adds to the environment the tests depend on. */
export function runCli(cwd: string, args: readonly string[], options: RunOptions = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.JA_DIGEST_SEARCH_MAX_INPUT_BYTES;
  Object.assign(env, options.env);
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    input: options.input ?? '',
    timeout: options.timeout ?? 30_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A test file's scratch folder: the CLI runs in it, test files are written to it. */
export interface Scratch {
  /** The folder (set once the file's first beforeAll has run). */
  readonly dir: string;
  cli(args: readonly string[], options?: RunOptions): Run;
  /** Writes a file into the folder; returns its name, as the CLI sees it from there. */
  write(name: string, text: string | Buffer): string;
}

/** Makes the folder (and builds the CLI if need be) before the file's tests, and removes it after. */
export function scratchFolder(prefix: string): Scratch {
  let dir = '';
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), prefix));
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    cli: (args, options = {}) => runCli(dir, args, options),
    write: (name, text) => {
      writeFileSync(join(dir, name), text);
      return name;
    },
  };
}
