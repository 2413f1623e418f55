/** --help texts. Kept in step with docs/cli.md. */
import type { CommandName } from './args.js';

const DUPLICATES = `Several files are read in the order given and their records joined. A record
whose ID was already used, in an earlier file or earlier in the same file,
gets a "duplicate-id" warning on stderr; search and index keep the FIRST
record with that ID and skip the later ones (parse prints them all).`;

const DIAGNOSTICS = `Diagnostics go to stderr as  file:line:column: severity code message
(errors and warnings; add --verbose for info too).`;

const SEARCH_DIAGNOSTICS = `Diagnostics go to stderr as  file:line:column: severity code message.
search lists the errors (an ID or a date made up, a file with no records)
and counts the warnings in one line, by code:
  ja-digest-search: 3 warnings in 2 files: stray-text ×2, duplicate-id ×1 (use --verbose to list them)
--verbose lists every warning, and info too. parse and index list them all.`;

const STDIN = `With no file, a pipe or a redirected file on stdin is read
(cat mine.txt | ja-digest-search search NATO); a terminal never is.`;

const EXIT = `Exit status: 0 success; 1 --strict was given and a file has an error
diagnostic; 2 usage error, unreadable, too large or not UTF-8 input, output
refused or not writable, corrupt index.`;

/** The --max-input-bytes lines, its description starting at column `col` like the other options'. */
const limit = (col: number): string =>
  [
    '  --max-input-bytes <n>',
    'refuse an input (file, stdin, index) larger than',
    'n bytes; K, M, G allowed (powers of 1024); default',
    '256M or $JA_DIGEST_SEARCH_MAX_INPUT_BYTES, at most 1G',
  ].join(`\n${' '.repeat(col)}`);

const TOP = `ja-digest-search — parse Japanese news digests and search them

Usage:
  ja-digest-search search [query] [files…] [options]   search digests (default: stdin, else the bundled sample)
  ja-digest-search parse <files…> [--ndjson]            print the records as JSON
  ja-digest-search index <files…> -o <file>             save a search index

Run 'ja-digest-search <command> --help' for a command's options.
A file named - is read from stdin. ${STDIN}
Files are UTF-8, with or without a BOM.
Each input is read up to 256 MiB (--max-input-bytes) and refused beyond.

Options:
  -h, --help       show help
  -v, --version    show the version

${DUPLICATES}

${EXIT}
`;

const SEARCH = `Usage: ja-digest-search search [query] [files…] [options]

Searches the digest files and prints how many records match, then the best
hits: rank, date, source, title and ID, then a snippet with the matches
marked. Quote a query of several words: every word must match (when none
matches all, records matching some are shown, marked as such). Double
quotes inside the query make a phrase that must occur as written:
'"Keen Sword" 演習'. With no query (or '' before file names), lists the
newest records.

With no file, stdin is searched when it is a pipe or a redirected file
(cat mine.txt | ja-digest-search search NATO); when stdin is a terminal,
/dev/null or empty (0 bytes), the bundled sample fixtures/seed-digest.txt is.
When nothing matches, the message names the filters that removed every
match, as in: No records match "NATO" from outlet "CNN" (12 match without
--source). And a query that names a file gets a hint on stderr.

Options:
  --json             print the hits as a JSON array (id, score, record, terms,
                     matched, match, snippet, titleSnippet)
  --limit <n>        at most n hits, 1–10000 (default 20)
  --offset <n>       skip the first n hits (the next page: --offset 20);
                     offset + limit at most 10000
  --facets <list>    count the matches by outlet, year, month or source
                     (comma-separated: --facets outlet,year), printed after
                     the hits; with --json, prints the whole page as an
                     object (hits, total, totalExact, facets, offset, limit)
  --from <date>      only records dated on or after the date: a day that
                     exists (2025-02-03), a month (2025-02) or a year (2025)
  --to <date>        only records dated on or before the date (2025-02: to
                     the end of February)
  --source <name>    only records from this source or outlet; repeatable
  --fuzzy [n]        also match words within n edits of a term (typos), as
                     partial hits: 0–6, or a fraction of the word's length
                     (0.3); n left out is 1. A lone digit after --fuzzy is
                     its n: put such a query first or write --fuzzy=1
  --prefix           also match words that start with a term, as partial hits
  --or               records with any of the terms, not every one
  --sort <order>     score (default: best first) or date (newest first)
  --index <file>     search an index saved by 'ja-digest-search index'
                     (either form: binary or JSON)
                     instead of digest files
  --strict           exit 1 when a digest file has an error diagnostic
  --verbose          list every warning, and info diagnostics too (and the
                     bundled sample's)
${limit(21)}
  -h, --help         show this help

Matches are highlighted in colour on a terminal unless NO_COLOR is set,
otherwise marked with [ and ].

${DUPLICATES}

${SEARCH_DIAGNOSTICS}

${EXIT}
`;

const PARSE = `Usage: ja-digest-search parse <files…> [options]

Parses digest files and prints their records as one JSON array.
${STDIN}

Options:
  --ndjson      one record per line (newline-delimited JSON) instead
  --strict      exit 1 when any diagnostic is an error (records are
                still printed)
  --verbose     also print info diagnostics
${limit(16)}
  -h, --help    show this help

${DUPLICATES}

${DIAGNOSTICS}

${EXIT}
`;

const INDEX = `Usage: ja-digest-search index <files…> -o <file> [options]

Parses digest files and writes a search index for
'ja-digest-search search --index <file>': a binary snapshot, which loads
without analysing the text again, or with --json the options and records
as JSON (smaller; loading rebuilds the rest). With more than 5 files or more
than 1 MB of input, progress is shown on stderr when it is a terminal.
${STDIN}

Options:
  -o, --output <file>   where to write the index (- for stdout); required
  --json                write the JSON form instead of the binary snapshot
  --strict              exit 1 when any diagnostic is an error (the index
                        is still written)
  --verbose             also print info diagnostics
${limit(24)}
  -h, --help            show this help

The index replaces a regular file atomically (a temporary file in the same
folder, renamed over it, keeping its mode); a symbolic link is written
through to its target. A directory, device, FIFO or socket is refused.

${DUPLICATES}

${DIAGNOSTICS}

${EXIT}
`;

export function helpText(command: CommandName | undefined): string {
  switch (command) {
    case 'search':
      return SEARCH;
    case 'parse':
      return PARSE;
    case 'index':
      return INDEX;
    default:
      return TOP;
  }
}
