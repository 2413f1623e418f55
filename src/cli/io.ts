/**
 * Files in and out. Every failure becomes an `InputError` naming the file,
 * which the entry point prints as one line and exits 2 on.
 */
import { fstatSync, readFileSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { lstat, open, realpath, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shownName } from './format.js';

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

/** How a path is named in messages: `-` is stdin, anything else escaped (a newline in a name must not split a line). */
export function displayName(path: string): string {
  return path === '-' ? STDIN_NAME : shownName(path);
}

/**
 * Whether stdin may carry input: a pipe, a redirected file or a socket (what
 * Node's child_process gives for a pipe), as ripgrep decides. Never a
 * terminal, /dev/null or a closed descriptor, so a person at a prompt is not
 * left waiting for input they did not mean to give.
 */
export function stdinHasData(): boolean {
  try {
    const s = fstatSync(0);
    return s.isFIFO() || s.isFile() || s.isSocket();
  } catch {
    return false;
  }
}

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

/** Inputs are read up to this many bytes unless --max-input-bytes says otherwise: far above any real digest, far below what exhausts memory. */
export const DEFAULT_MAX_INPUT_BYTES = 256 * 1024 * 1024;
/** The largest --max-input-bytes: a bigger input would not fit in memory as one string anyway. */
export const MAX_INPUT_BYTES_CAP = 1024 * 1024 * 1024;

/** `1048576` → `1 MiB`, `1000` → `1000 bytes`: a limit as a person would write it. */
export function formatLimit(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
}

class TooLarge extends Error {}

// fatal: a Shift_JIS file must fail loudly, not turn into U+FFFD soup.
// ignoreBOM: keep a BOM in the text; parseDigest skips it and reports it.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads a file (`-` for stdin) of at most `maxBytes` bytes as bytes (a saved index: binary or JSON); a failure is an `InputError`. */
export async function readBytes(path: string, maxBytes: number, display = displayName(path)): Promise<{ display: string; buf: Buffer }> {
  try {
    return { display, buf: path === '-' ? await readStdin(maxBytes) : await readFileBounded(path, maxBytes) };
  } catch (e) {
    if (e instanceof TooLarge) {
      throw new InputError(`cannot read '${display}': larger than the input limit of ${formatLimit(maxBytes)} (raise it with --max-input-bytes)`);
    }
    throw new InputError(`cannot read '${display}': ${reason(e)}`);
  }
}

/** Reads a file (`-` for stdin) of at most `maxBytes` bytes as UTF-8; anything else is an `InputError`. */
export async function readInput(path: string, maxBytes: number, display = displayName(path)): Promise<Input> {
  let buf: Buffer;
  try {
    buf = path === '-' ? await readStdin(maxBytes) : await readFileBounded(path, maxBytes);
  } catch (e) {
    if (e instanceof TooLarge) {
      throw new InputError(`cannot read '${display}': larger than the input limit of ${formatLimit(maxBytes)} (raise it with --max-input-bytes)`);
    }
    throw new InputError(`cannot read '${display}': ${reason(e)}`);
  }
  let text: string;
  try {
    text = UTF8.decode(buf);
  } catch (e) {
    // A too-long string is Node's limit, not bad bytes.
    if ((e as { code?: unknown }).code === 'ERR_STRING_TOO_LONG') throw new InputError(`cannot read '${display}': too large to hold as text`);
    throw new InputError(`cannot read '${display}': not valid UTF-8 (convert it first, e.g. from Shift_JIS)`);
  }
  return { path, display, text, bytes: buf.length };
}

const CHUNK = 1024 * 1024;

/**
 * Reads chunk by chunk with a running count rather than trusting a size from
 * stat: /dev/zero, a FIFO or a growing file has no honest size. At most one
 * byte past the limit is read, which is enough to refuse.
 */
async function readFileBounded(path: string, maxBytes: number): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    // The size only picks the first buffer's length, so a regular file is read in one piece without a copy.
    let want = Math.max(CHUNK, (await file.stat()).size + 1);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(want, maxBytes + 1 - total));
      want = CHUNK;
      const { bytesRead } = await file.read(buf, 0, buf.length, null);
      if (bytesRead === 0) return chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, total);
      total += bytesRead;
      if (total > maxBytes) throw new TooLarge();
      chunks.push(buf.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
}

/** Stdin under the same bound; leaving the loop early destroys the stream. */
async function readStdin(maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buf.length;
    if (total > maxBytes) throw new TooLarge();
    chunks.push(buf);
  }
  return Buffer.concat(chunks, total);
}

/** What `-o` may do with what `lstat` found at the path (`undefined`: nothing there). */
export type OutputPlan =
  | { kind: 'create' }
  | { kind: 'replace'; mode: number; uid: number; gid: number }
  | { kind: 'follow' }
  | { kind: 'refuse'; reason: string };

type Lstat = Pick<Stats, 'mode' | 'uid' | 'gid' | 'isFile' | 'isDirectory' | 'isSymbolicLink' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>;

/**
 * Only a regular file is ever replaced: renaming over a device node, FIFO or
 * socket would destroy it (as root, `-o /dev/full` did), and over a
 * directory is never meant. A symlink is followed to its target.
 */
export function planOutput(stats: Lstat | undefined): OutputPlan {
  if (stats === undefined) return { kind: 'create' };
  if (stats.isSymbolicLink()) return { kind: 'follow' };
  if (stats.isFile()) return { kind: 'replace', mode: stats.mode & 0o7777, uid: stats.uid, gid: stats.gid };
  const what = stats.isDirectory()
    ? 'a directory'
    : stats.isCharacterDevice()
      ? 'a character device'
      : stats.isBlockDevice()
        ? 'a block device'
        : stats.isFIFO()
          ? 'a FIFO'
          : stats.isSocket()
            ? 'a socket'
            : 'something else';
  return { kind: 'refuse', reason: `it is ${what}, not a regular file (use -o - for stdout)` };
}

/** The file `-o path` will replace or create, with what to keep of it; refuses anything but a regular file. */
export async function resolveOutput(path: string): Promise<{ target: string; plan: Extract<OutputPlan, { kind: 'create' | 'replace' }> }> {
  const fail = (why: string): never => {
    throw new InputError(`cannot write '${shownName(path)}': ${why}`);
  };
  let target = path;
  let plan = planOutput(await lstatOrNothing(path).catch((e: unknown) => fail(reason(e))));
  if (plan.kind === 'follow') {
    // Write through the link, so the link stays a link and its target gets the index.
    target = await realpath(path).catch((e: unknown) => fail(`it is a symbolic link to ${(e as { code?: unknown }).code === 'ENOENT' ? 'nothing (a missing file)' : reason(e)}`));
    plan = planOutput(await lstatOrNothing(target).catch((e: unknown) => fail(reason(e))));
  }
  if (plan.kind === 'refuse' || plan.kind === 'follow') return fail(plan.kind === 'refuse' ? plan.reason : 'too many symbolic links');
  return { target, plan };
}

async function lstatOrNothing(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Writes `text` to `path` (`-` for `stdout`) after `resolveOutput` has
 * checked what is there; a failure names the path as given.
 */
export async function writeOutput(path: string, text: string | Uint8Array, stdout: NodeJS.WritableStream): Promise<void> {
  if (path === '-') {
    // Bytes (a binary index) go out as they are; text ends with a newline.
    stdout.write(typeof text !== 'string' || text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const { target, plan } = await resolveOutput(path);
  try {
    await replaceAtomically(target, text, plan);
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    throw new InputError(`cannot write '${shownName(path)}': ${code === 'ENOENT' ? 'no such directory' : reason(e)}`);
  }
}

/**
 * Puts `text` at `target` in one step: a new temporary file in the same
 * folder (exclusive create; the old file's mode and owner) is renamed over
 * it, so a failed run never leaves half an index and a reader never sees
 * one. The temporary file is removed when anything fails.
 */
export async function replaceAtomically(target: string, text: string | Uint8Array, plan: Extract<OutputPlan, { kind: 'create' | 'replace' }>): Promise<void> {
  // The name cut short, so the temporary name stays within the usual 255-byte limit.
  const tmp = join(dirname(target), `.${basename(target).slice(0, 100)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  let file: FileHandle | undefined;
  let created = false;
  try {
    // 'wx': never open something that is already there. A new file gets 0o666 less the umask.
    file = await open(tmp, 'wx', 0o666);
    created = true;
    if (plan.kind === 'replace') {
      await file.chmod(plan.mode);
      // Only root can give the file back to its owner; elsewhere it stays ours.
      if (plan.uid !== process.getuid?.() || plan.gid !== process.getgid?.()) await file.chown(plan.uid, plan.gid).catch(() => undefined);
    }
    await file.writeFile(text, typeof text === 'string' ? 'utf8' : undefined);
    await file.sync();
    await file.close();
    file = undefined;
    await rename(tmp, target);
  } catch (e) {
    await file?.close().catch(() => undefined);
    if (created) await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
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
  ELOOP: 'too many symbolic links',
};

/** A short reason for a file-system error: the errno name in words, without the stack-ish detail. */
export function reason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && REASONS[code] !== undefined) return REASONS[code];
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/^ja-digest-search: /, '');
}
