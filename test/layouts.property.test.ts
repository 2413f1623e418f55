/**
 * Issue 11, as properties: any digest, rewritten in another layout, gives the
 * same records. The digests are random selections of the seed's records (one
 * a line, or all on one line as in the seed, with or without its header and
 * trailer) and synthetic digests recombined from the seed's material
 * (`bench/synthetic.mjs`). The layouts are made by `scripts/layouts.mjs`,
 * which splits records without the parser.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticDigest } from '../bench/synthetic.mjs';
import { splitDigest, toCsv, toFullWidth, toMarkdown, withJapaneseDates, wrap } from '../scripts/layouts.mjs';
import type { CsvOptions, MarkdownOptions } from '../scripts/layouts.mjs';
import { parseDigest } from '../src/index.js';
import type { DigestRecord } from '../src/index.js';

const seedText = readFileSync(new URL('../fixtures/seed-digest.txt', import.meta.url), 'utf8');
const seedParts = splitDigest(seedText);
const RUNS = Number(process.env.LAYOUT_RUNS ?? 120);

const withoutPosition = (records: readonly DigestRecord[]): Omit<DigestRecord, 'position'>[] => records.map(({ position: _position, ...rest }) => rest);
const recordsOf = (text: string): Omit<DigestRecord, 'position'>[] => withoutPosition(parseDigest(text).records);

/** A digest: seed records (2 or more, in order), one a line or on one line, maybe with the header and the trailer; or a synthetic one. */
const fromSeed = fc
  .tuple(fc.subarray(seedParts.records, { minLength: 2 }), fc.boolean(), fc.boolean(), fc.boolean())
  .map(([records, oneLine, header, trailer]) => {
    const lines = records.map((r) => r.line);
    const body = oneLine ? [[header ? seedParts.header : null, ...lines].filter((x) => x !== null).join(' ')] : [...(header && seedParts.header !== null ? [seedParts.header] : []), ...lines];
    return [...body, ...(trailer ? seedParts.trailer : [])].join('\n');
  });
const synthetic = fc.tuple(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 1, max: 1_000_000 })).map(([n, s]) => syntheticDigest(n, seedText, s));
const digest = fc.oneof({ arbitrary: fromSeed, weight: 3 }, { arbitrary: synthetic, weight: 1 });

const csvOptions: fc.Arbitrary<CsvOptions> = fc.record({
  delimiter: fc.constantFrom(',', '\t', ';'),
  columns: fc.constantFrom('split', 'seed', 'id-last', 'id-first'),
  header: fc.constantFrom('ja', 'en', null),
  quote: fc.constantFrom('needed', 'all', 'random'),
  bareId: fc.boolean(),
  eol: fc.constantFrom('\r\n', '\n'),
  bom: fc.boolean(),
  breaks: fc.boolean(),
  trailer: fc.boolean(),
  japanese: fc.boolean(),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});
const markdownOptions: fc.Arbitrary<MarkdownOptions> = fc.record({
  columns: fc.constantFrom('seed', 'split'),
  header: fc.constantFrom('ja', 'en', null),
  outer: fc.boolean(),
  trailer: fc.boolean(),
  japanese: fc.boolean(),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});

describe('a digest in another layout gives the same records', () => {
  it('the digests are real: every record found, nothing but the seed’s own irregularities', () => {
    for (const text of fc.sample(digest, { numRuns: 50, seed: 11 })) {
      const { records, diagnostics } = parseDigest(text);
      expect(records.length).toBe(splitDigest(text).records.length);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
  });

  it('wrapped at any width from 20 to 200 characters', () => {
    fc.assert(
      fc.property(digest, fc.integer({ min: 20, max: 200 }), (text, width) => {
        const wrapped = wrap(text, width);
        // Two breaks inside records at least: with one, the parser cannot tell a wrap from the writer's own break (docs/format.md).
        fc.pre(wrapped.split('\n').length - text.split('\n').length >= 4);
        const result = parseDigest(wrapped);
        expect(withoutPosition(result.records)).toEqual(recordsOf(text));
        expect(result.diagnostics.some((d) => d.code === 'wrapped-lines')).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('with its digits in full width', () => {
    fc.assert(
      fc.property(digest, (text) => {
        const result = parseDigest(toFullWidth(text));
        expect(withoutPosition(result.records)).toEqual(recordsOf(text));
        expect(result.diagnostics.filter((d) => d.code === 'full-width-digits')).toHaveLength(1);
      }),
      { numRuns: RUNS },
    );
  });

  it('as CSV: any delimiter, column order, header, quoting, line ends', () => {
    fc.assert(
      fc.property(digest, csvOptions, (text, options) => {
        const csv = toCsv(text, options);
        const result = parseDigest(csv);
        expect(withoutPosition(result.records), JSON.stringify(options)).toEqual(recordsOf(text));
        expect(result.diagnostics.map((d) => d.code)).toContain('csv-input');
        expect(result.diagnostics.filter((d) => d.code === 'unclosed-quote')).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('as a Markdown table: any padding, header, outer pipes or not', () => {
    fc.assert(
      fc.property(digest, markdownOptions, (text, options) => {
        const result = parseDigest(toMarkdown(text, options));
        expect(withoutPosition(result.records), JSON.stringify(options)).toEqual(recordsOf(text));
        expect(result.diagnostics.map((d) => d.code)).toContain('markdown-input');
      }),
      { numRuns: RUNS },
    );
  });

  it('with its dates and times in Japanese forms, weekdays included', () => {
    fc.assert(
      fc.property(digest, fc.option(fc.integer({ min: 0, max: 5 })), (text, form) => {
        const result = parseDigest(withJapaneseDates(text, form));
        expect(withoutPosition(result.records)).toEqual(recordsOf(text));
        expect(result.diagnostics.filter((d) => d.code === 'weekday-mismatch')).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('in all of these at once: Japanese dates, full width, wrapped', () => {
    fc.assert(
      fc.property(digest, fc.integer({ min: 20, max: 200 }), (text, width) => {
        const mixed = wrap(toFullWidth(withJapaneseDates(text)), width);
        fc.pre(mixed.split('\n').length - text.split('\n').length >= 4);
        expect(recordsOf(mixed)).toEqual(recordsOf(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('as CSV or Markdown with full-width digits and Japanese dates', () => {
    fc.assert(
      fc.property(digest, csvOptions, markdownOptions, fc.boolean(), (text, csv, md, asCsv) => {
        const laid = asCsv ? toCsv(text, { ...csv, japanese: true }) : toMarkdown(text, { ...md, japanese: true });
        expect(recordsOf(toFullWidth(laid))).toEqual(recordsOf(text));
      }),
      { numRuns: RUNS },
    );
  });
});
