import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex, loadIndex, parseDigest, search, serializeIndex } from '../src/index.js';
import type { DigestRecord } from '../src/index.js';

const seed = readFileSync(new URL('../fixtures/seed-digest.txt', import.meta.url), 'utf8');
const base = parseDigest(seed).records;
// Sentences and titles of the real digest: the material random records are made of.
const sentences = base.flatMap((r) => r.summary.split(/(?<=。)\s*/)).filter((s) => s.length > 0);
const titles = base.map((r) => r.title);

const record = (i: number, title: string, summary: string[], date: string): DigestRecord => ({
  ...(base[0] as DigestRecord),
  id: `r${i}`,
  date,
  title,
  summary: summary.join(' '),
});

const corpus = fc
  .array(
    fc.record({
      title: fc.constantFrom(...titles),
      summary: fc.array(fc.constantFrom(...sentences), { minLength: 1, maxLength: 4 }),
      date: fc.constantFrom('2022-06-07', '2024-07-12', '2025-04-09'),
    }),
    { minLength: 1, maxLength: 25 },
  )
  .map((rs) => rs.map((r, i) => record(i, r.title, r.summary, r.date)));

describe('search properties', () => {
  it('finds a record by any 2 to 12 character substring of its title or summary', () => {
    fc.assert(
      fc.property(
        corpus,
        fc.nat(),
        fc.boolean(),
        fc.integer({ min: 2, max: 12 }),
        fc.nat(),
        (records, pick, inTitle, len, at) => {
          const target = records[pick % records.length] as DigestRecord;
          const text = inTitle ? target.title : target.summary;
          if (text.length < len) return;
          const start = at % (text.length - len + 1);
          const query = text.slice(start, start + len);
          if (query.trim() === '') return;
          const hits = search(buildIndex(records), query, { limit: records.length });
          // A substring of punctuation alone is no query; anything else must find the record.
          if (hits.length === 0 && /^[\p{P}\p{S}\s]+$/u.test(query)) return;
          expect(hits.map((h) => h.id), JSON.stringify(query)).toContain(target.id);
          expect(hits.find((h) => h.id === target.id)?.match).toBe('exact');
          // Quoted, the same text is a phrase, and the record holds it as written.
          if (!query.includes('"')) {
            const quoted = search(buildIndex(records), `"${query}"`, { limit: records.length });
            expect(quoted.map((h) => h.id), `"${query}"`).toContain(target.id);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives the same results after serializing and loading', () => {
    fc.assert(
      fc.property(corpus, fc.constantFrom('NATO', '事務総長', '太平洋 協力', 'ウクライナ', '日本 EU'), (records, query) => {
        const index = buildIndex(records);
        expect(search(loadIndex(serializeIndex(index)), query)).toEqual(search(index, query));
      }),
      { numRuns: 40 },
    );
  });

  it('never throws on any query string', () => {
    const index = buildIndex(base);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 50 }), fc.string({ unit: 'grapheme', maxLength: 50 })), (q) => {
        const hits = search(index, q);
        expect(hits.length).toBeLessThanOrEqual(20);
      }),
      { numRuns: 500 },
    );
  });
});
