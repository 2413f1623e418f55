import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KANA_WORDS, KANJI_VARIANTS } from '../src/analysis/variant-tables.js';
import { buildIndex, normalizeText, parseDigest, search } from '../src/index.js';
import type { DigestRecord, SearchHit } from '../src/index.js';
import { searchableFields } from '../src/search-index/build.js';
import { queryTerms } from '../src/search/query.js';
import { termKey } from '../src/search/variant.js';

const seed = readFileSync(new URL('../fixtures/seed-digest.txt', import.meta.url), 'utf8');
const base = parseDigest(seed).records;
const sentences = base.flatMap((r) => r.summary.split(/(?<=。)\s*/)).filter((s) => s.length > 0);
const titles = base.map((r) => r.title);
const KINDS = ['exact', 'variant', 'partial'];

const corpus = fc
  .array(
    fc.record({
      title: fc.constantFrom(...titles),
      summary: fc.array(fc.constantFrom(...sentences), { minLength: 1, maxLength: 3 }),
      date: fc.constantFrom('2022-06-07', '2024-07-12', '2025-04-09'),
    }),
    { minLength: 1, maxLength: 20 },
  )
  .map((rs) => rs.map((r, i): DigestRecord => ({ ...(base[0] as DigestRecord), id: `r${i}`, date: r.date, title: r.title, summary: r.summary.join(' ') })));

function tiered(hits: SearchHit[]): boolean {
  return hits.every((h, i) => i === 0 || KINDS.indexOf((hits[i - 1] as SearchHit).match) <= KINDS.indexOf(h.match));
}

/** A substring of the target's title or summary. */
const pick = fc.record({ which: fc.nat(), inTitle: fc.boolean(), at: fc.nat(), len: fc.integer({ min: 2, max: 16 }) });
function cut(records: DigestRecord[], p: { which: number; inTitle: boolean; at: number; len: number }): { target: DigestRecord; text: string; query: string } | null {
  const target = records[p.which % records.length] as DigestRecord;
  const text = p.inTitle ? target.title : target.summary;
  if (text.length < p.len) return null;
  const start = p.at % (text.length - p.len + 1);
  return { target, text, query: text.slice(start, start + p.len) };
}

describe('property (a): a record holding the query as written is found, exact, above every other kind', () => {
  it('for any substring of a title or summary', () => {
    fc.assert(
      fc.property(corpus, pick, (records, p) => {
        const c = cut(records, p);
        if (!c || /^[\p{P}\p{S}\s]*$/u.test(c.query)) return;
        const hits = search(buildIndex(records), c.query, { limit: 1000 });
        expect(hits.find((h) => h.id === c.target.id)?.match, JSON.stringify(c.query)).toBe('exact');
        expect(tiered(hits)).toBe(true);
        // Exact means exact: every query term occurs as written in one field of each exact hit.
        const terms = queryTerms(c.query).map((t) => t.text.replace(/ /g, ''));
        for (const h of hits.filter((x) => x.match === 'exact')) {
          const fields = searchableFields(h.record).map((f) => f.replace(/ +/g, ''));
          expect(terms.every((t) => fields.some((f) => f.includes(t))), `${h.id} ${c.query}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

// The re-spelling rules of point 2, each a function that changes a query or returns null when it cannot.
const toKatakana = (s: string): string => s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
const toHiragana = (s: string): string => s.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
const SMALL = 'ァィゥェォャュョぁぃぅぇぉゃゅょヵヶ';
const LARGE = 'アイウエオヤユヨあいうえおやゆよカケ';
const OLD = new Map<string, string>();
for (const pair of KANJI_VARIANTS.split(' ')) if (pair.length === 2 && pair[0] !== pair[1] && !OLD.has(pair[1] as string)) OLD.set(pair[1] as string, pair[0] as string);
const KANJI = /\p{Script=Han}/u;
const RULES: Record<string, (s: string) => string> = {
  katakana: toKatakana,
  hiragana: toHiragana,
  'plain for voiced': (s) => s.normalize('NFD').replace(/[\u3099\u309a]/g, '').normalize('NFC'),
  'large for small': (s) => s.replace(/./g, (c) => (SMALL.includes(c) ? LARGE.charAt(SMALL.indexOf(c)) : c)),
  'ー dropped': (s) => s.replace(/ー/g, ''),
  'ッ dropped': (s) => s.replace(/[ッっ]/g, ''),
  'ー inserted': (s) => s.replace(/([ァ-ヶ])([ァ-ヶ])/, '$1ー$2'),
  'old kanji': (s) => s.replace(/./g, (c) => OLD.get(c) ?? c),
  'okurigana dropped': (s) => s.replace(/(\p{Script=Han})[ぁ-ゖ](?<![のをはがにでともへやか])(?=\p{Script=Han})/u, '$1'),
  'space between scripts': (s) => s.replace(/([a-zA-Z0-9])(\p{Script=Han}|[ぁ-ヶ])/u, '$1 $2').replace(/ +/g, ' '),
  'no space between scripts': (s) => s.replace(/ /g, ''),
  'hyphen dropped': (s) => s.replace(/(?<=[a-zA-Z0-9])-(?=[a-zA-Z0-9])/g, ''),
};
const SAFE_EDGE = /[\p{Script=Han}a-zA-Z0-9カ-ヂツ-ロワンヴ]/u;
const KANA_WORD_FORMS = KANA_WORDS.split(' ').filter((w, i) => i % 2 === 0 && w !== '');

describe('property (b): a query re-spelled by any rule still finds the record, as a variant', () => {
  it('for substrings re-spelled by each rule', () => {
    fc.assert(
      fc.property(corpus, pick, fc.constantFrom(...Object.keys(RULES)), (records, p, rule) => {
        const c = cut(records, p);
        if (!c || c.query.length < 3) return;
        const q = c.query;
        // One term, cut where no fold looks across the cut (see docs/search.md, "Spelling variants").
        if (/[\p{P}\p{S}\s]/u.test(q.replace(/[ー-]/g, '')) || !SAFE_EDGE.test(q.charAt(0)) || !SAFE_EDGE.test(q.charAt(q.length - 1))) return;
        if (q.endsWith('ヴ') || KANA_WORD_FORMS.some((w) => c.text.includes(w))) return;
        const respelled = (RULES[rule] as (s: string) => string)(q);
        if (normalizeText(respelled) === normalizeText(q) || termKey(normalizeText(respelled)).length <= 3) return;
        if (rule === 'space between scripts' && !KANJI.test(respelled) && !/[ぁ-ヶ]/.test(respelled)) return;
        const hits = search(buildIndex(records), respelled, { limit: 1000 });
        const hit = hits.find((h) => h.id === c.target.id);
        const asWritten = searchableFields(c.target).some((f) => f.includes(normalizeText(respelled)));
        expect(hit?.match, `${rule}: ${JSON.stringify(q)} → ${JSON.stringify(respelled)}`).toBe(asWritten || respelled.includes(' ') ? 'exact' : 'variant');
        expect(tiered(hits)).toBe(true);
      }),
      { numRuns: 800 },
    );
  });
});
