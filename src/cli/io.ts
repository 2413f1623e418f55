/**
 * Files in and out. Every failure becomes an `InputError` naming the file,
 * which the entry point prints as one line and exits 2 on.
 */
import { readFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** An I/O problem with a named file: exit 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

export interface Input {
  /** The path as given, or `-` for stdin. */
  path: string;
  /** How the file is named in messages and diagnostics. */
  display: string;
  text: string;
  bytes: number;
}

export const STDIN_NAME = '<stdin>';

/**
 * The package root. The CLI is bundled to dist/cli.js, so the root is one
 * level up from the running file; this holds in the repo and when installed.
 */
export function packageRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..');
}

export function bundledFixture(): string {
  return join(packageRoot(), 'fixtures', 'seed-digest.txt');
}

export function readVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

// fatal: a Shift_JIS file must fail loudly, not turn into U+FFFD soup.
// ignoreBOM: keep a BOM in the text; parseDigest skips it and reports it.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export async function readInput(path: string, display = path === '-' ? STDIN_NAME : path): Promise<Input> {
  let buf: Buffer;
  try {
    buf = path === '-' ? await readStdin() : await readFile(path);
  } catch (e) {
    throw new InputError(`cannot read '${display}': ${reason(e)}`);
  }
  let text: string;
  try {
    text = UTF8.decode(buf);
  } catch {
    throw new InputError(`cannot read '${display}': not valid UTF-8 (convert it first, e.g. from Shift_JIS)`);
  }
  return { path, display, text, bytes: buf.length };
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Writes `text` to `path` (`-` for stdout) through a temporary file, so a failed run never leaves half an index. */
export async function writeOutput(path: string, text: string): Promise<void> {
  if (path === '-') {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    const code = (e as { code?: unknown } | null)?.code;
    throw new InputError(`cannot write '${path}': ${code === 'ENOENT' ? 'no such directory' : reason(e)}`);
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EMFILE: 'too many open files',
};

/** A short reason for a file-system error: the errno name in words, without the stack-ish detail. */
export function reason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && REASONS[code] !== undefined) return REASONS[code];
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/^ja-digest-search: /, '');
}
