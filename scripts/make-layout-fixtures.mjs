#!/usr/bin/env node
/**
 * Derives the layout fixtures from the real digest `fixtures/seed-digest.txt`
 * (issue 11): the seed as full-width digits, wrapped at 40 characters, as
 * CSV, as a Markdown table, and with Japanese dates and weekdays.
 *
 *   node scripts/make-layout-fixtures.mjs
 *
 * The records are split without the parser (`scripts/layouts.mjs`). The
 * expected JSON files are produced by
 * `UPDATE_FIXTURES=1 npx vitest run test/layouts.test.ts`, which also checks
 * that each layout gives the seed's records, field for field.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toCsv, toFullWidth, toMarkdown, withJapaneseDates, wrap } from './layouts.mjs';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const seed = readFileSync(join(dir, 'seed-digest.txt'), 'utf8');

function write(name, text) {
  writeFileSync(join(dir, name), text);
  console.log(`wrote fixtures/${name} (${text.length} chars)`);
}

// The seed as typed in full-width mode: every digit, the separators between
// digits (dates, times, IDs, the cross-reference) and the ID's brackets.
write('seed-fullwidth.txt', toFullWidth(seed));
// The seed as a mail client or a PDF copy wraps it: 40 characters a line.
write('seed-wrapped40.txt', wrap(seed, 40));
// The seed as a spreadsheet saves it: BOM, CRLF, a Japanese header row, time
// and ID in their own columns, quotes where the cell needs them and at random,
// some IDs without brackets, a line break inside a few quoted summaries.
write('seed.csv', toCsv(seed, { columns: 'split', header: 'ja', quote: 'random', bareId: true, eol: '\r\n', bom: true, breaks: true, seed: 11 }));
// The seed pasted into a wiki: the seed's own four columns, a header row and its |---| row.
write('seed.md', toMarkdown(seed, { columns: 'seed', header: 'ja', seed: 11 }));
// The seed with its dates written the Japanese way, each record in another form.
write('seed-japanese-dates.txt', withJapaneseDates(seed));
