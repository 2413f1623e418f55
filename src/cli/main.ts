/**
 * Entry point of the `ja-digest-search` bin (bundled to dist/cli.js, which
 * tsup gives the `#!/usr/bin/env node` line). Whatever goes wrong ends as one
 * line on stderr and an exit status, never a stack trace.
 */
import { UsageError, parseCli } from './args.js';
import { runIndex, runParse, runSearch } from './commands.js';
import type { Io } from './commands.js';
import { helpText } from './help.js';
import { escapeControls } from './format.js';
import { InputError, readVersion, stdinHasData } from './io.js';

const NAME = 'ja-digest-search';

/** Messages from Node or JSON.parse can span lines; the contract is one line, with no control character left to drive the terminal. */
const oneLine = (s: string): string => escapeControls(s.replace(/\s*\n\s*/g, ' ').trim());

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const cli = parseCli(argv, io.env, stdinHasData());
    switch (cli.kind) {
      case 'help':
        io.stdout.write(helpText(cli.command));
        return 0;
      case 'version':
        io.stdout.write(`${readVersion()}\n`);
        return 0;
      case 'search':
        return await runSearch(cli, io);
      case 'parse':
        return await runParse(cli, io);
      case 'index':
        return await runIndex(cli, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`${NAME}: ${oneLine(e.message)} (see '${NAME}${e.command ? ` ${e.command}` : ''} --help')\n`);
      return 2;
    }
    if (e instanceof InputError) {
      io.stderr.write(`${NAME}: ${oneLine(e.message)}\n`);
      return 2;
    }
    // A bug, not the user's doing: still one line, with the stack only on request.
    const message = e instanceof Error ? e.message : String(e);
    io.stderr.write(`${NAME}: internal error: ${oneLine(message.replace(/^ja-digest-search: /, ''))}\n`);
    if (io.env.JA_DIGEST_SEARCH_DEBUG && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return 2;
  }
}

// `ja-digest-search parse big.txt | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`${NAME}: cannot write to stdout: ${e.message}\n`);
  process.exit(2);
});

// exitCode, not exit(): let a large stdout write drain before the process ends.
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
