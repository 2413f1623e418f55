/**
 * Where snippet marks land when normalization changes the length of the text
 * (issue 10, repro 12). The definition the property checks:
 *
 * - A **unit** of the original text is a code point and the code points after
 *   it that attach to it: combining marks, the ignorables normalization
 *   removes (ZWJ, variation selectors, tags), and any code point whose NFKC
 *   starts with a combining mark or a Hangul vowel or final jamo. NFKC must
 *   commute with cutting the text between units (checked here on every text).
 * - Folding unit by unit gives the normalized text, each of its characters
 *   owned by one unit; the spaces inside Japanese and thousands commas that
 *   normalization drops own nothing.
 * - A match of term T at [a, b) of the searchable text is marked from the
 *   start of the unit owning character a to the end of the unit owning
 *   character b - 1 (at least one character); overlapping or touching marks merge.
 *
 * So every mark covers, in the original, exactly the whole units that gave
 * the matched characters; the searchable characters its units gave contain T;
 * and cutting the text at its edges does not change the normalization.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex, normalizeText, search, toRecord } from '../src/index.js';

const JA = '[\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Han}ー々〆ヵヶ]';
const JA_SPACE = new RegExp(`(?<=${JA})\\s+(?=${JA})`, 'gu');
const DIGIT_COMMA = /(?<=\d),(?=\d{3}(?!\d))/g;
const IGNORABLE = /[\u200d\ufe00-\ufe0f\u{e0020}-\u{e007f}\u{e0100}-\u{e01ef}]/u;

const fold = (s: string): string => s.replace(new RegExp(IGNORABLE.source, 'gu'), '').normalize('NFKC').toLowerCase().normalize('NFKC').replace(/ς/g, 'σ');
const searchable = (s: string): string =>
  s.replace(/[\p{P}\p{S}\p{Me}\s]/gu, (ch, i: number) => (ch === ' ' || (/[-'.&_/+#@]/.test(ch) && /[a-z0-9]/.test(s.charAt(i - 1)) && /[a-z0-9]/.test(s.charAt(i + ch.length))) ? ch : ' '.repeat(ch.length)));

function attaches(cp: number): boolean {
  const ch = String.fromCodePoint(cp);
  const first = ch.normalize('NFKC').codePointAt(0) ?? 0;
  return IGNORABLE.test(ch) || /\p{M}/u.test(ch) || /\p{M}/u.test(String.fromCodePoint(first)) || (first >= 0x1161 && first <= 0x1175) || (first >= 0x11a8 && first <= 0x11c2);
}

/** The units of `text` as [start, end) offsets. */
function units(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const { index } of text.matchAll(/[\s\S]/gu)) {
    const cp = text.codePointAt(index) ?? 0;
    const last = out[out.length - 1];
    if (last && attaches(cp)) last[1] = index + (cp > 0xffff ? 2 : 1);
    else out.push([index, index + (cp > 0xffff ? 2 : 1)]);
  }
  return out;
}

/** The searchable text, and for each of its characters the unit that gave it. */
function reference(text: string): { search: string; owner: [number, number][] } {
  const us = units(text);
  let folded = '';
  const owner: [number, number][] = [];
  for (const u of us) {
    const f = fold(text.slice(u[0], u[1]));
    folded += f;
    for (let k = 0; k < f.length; k++) owner.push(u);
  }
  // Normalizing unit by unit is normalizing the whole: the claim the mapping rests on.
  expect(folded).toBe(fold(text));
  const removed = new Set<number>();
  for (const re of [JA_SPACE, DIGIT_COMMA]) for (const m of folded.matchAll(re)) for (let k = 0; k < m[0].length; k++) removed.add(m.index + k);
  let normalized = '';
  const kept: [number, number][] = [];
  for (let i = 0; i < folded.length; i++) {
    if (removed.has(i)) continue;
    normalized += folded[i];
    kept.push(owner[i] as [number, number]);
  }
  expect(normalized).toBe(normalizeText(text));
  return { search: searchable(normalized), owner: kept };
}

/** The expected marks of `term` in `text`, merged, per the definition above. */
function expectedMarks(text: string, term: string): [number, number][] {
  const { search: s, owner } = reference(text);
  const spans: [number, number][] = [];
  for (let at = s.indexOf(term); at >= 0; at = s.indexOf(term, at + term.length)) {
    const start = (owner[at] as [number, number])[0];
    const end = (owner[at + term.length - 1] as [number, number])[1];
    spans.push([start, Math.max(end, start + 1)]);
  }
  const merged: [number, number][] = [];
  for (const sp of spans) {
    const last = merged[merged.length - 1];
    if (last && sp[0] <= last[1]) last[1] = Math.max(last[1], sp[1]);
    else merged.push([...sp]);
  }
  return merged;
}

const marked = (text: string, marks: [number, number][]): string => {
  let out = '';
  let pos = 0;
  for (const [s, e] of marks) {
    out += `${text.slice(pos, s)}⟦${text.slice(s, e)}⟧`;
    pos = e;
  }
  return out + text.slice(pos);
};

// Text that NFKC expands (㌀ ㍻ ﬁ ① ﾊﾟ), composes (jamo, ｶﾞ, e + ◌́), folds in width (ＮＡＴＯ) or
// case (İ Σ), and emoji sequences, with the spaces and commas normalization drops.
const PIECES = [
  '㌀', '㍻', 'ﬁ', '①', 'ｶﾞ', 'ｶ', 'ﾞ', 'ﾊﾟ', '\u1100\u1161', '\u1100\u1161\u11a8', '\u1100', '\u1161', 'ㄱㅏ', 'e\u0301', '\u0301', 'か\u3099', 'x\u0323\u0301',
  'ＮＡＴＯ', 'NATO', 'nato', 'İ', 'Σ', 'ς', '👨‍👩‍👧', '❤️', '☺️', '1️⃣', '👍🏽', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '葛󠄀', '𠮷',
  'あ', 'ア', '事', '務', ' ', '\u3000', '、', '1', ',', '234', 'f-35', '-', 'a', 'パ', 'ート',
];

describe('snippet marks cover exactly the units that gave the match', () => {
  it('for random text with characters that NFKC expands or composes, and any term cut from it', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 16 }), fc.nat(), fc.integer({ min: 1, max: 4 }), (pieces, pick, len) => {
        const text = pieces.join('');
        const s = reference(text).search;
        const start = pick % s.length;
        const cut = s.slice(start, start + len).trim();
        // Latin joiners alone (`-` cut from `f-35`) are no query.
        if (cut === '' || cut.includes(' ') || /^[-'.&_/+#@]+$/.test(cut)) return;
        const index = buildIndex([toRecord({ id: 'r', date: '2025-01-01', title: 't', summary: text })]);
        const [hit] = search(index, cut, { match: 'exact', snippet: { before: '⟦', after: '⟧', context: Infinity } });
        expect(hit?.match, JSON.stringify({ text, cut })).toBe('exact');
        // The query's own analysis may trim a joiner at an edge (`-35` is the term `35`): mark what it searched.
        expect(hit?.terms).toHaveLength(1);
        const term = hit?.terms[0] ?? '';
        const marks = expectedMarks(text, term);
        expect(hit?.snippet, JSON.stringify({ text, term })).toBe(marked(text, marks));
        const ref = reference(text);
        for (const [ms, me] of marks) {
          const mark = text.slice(ms, me);
          // The searchable characters the mark's units gave, normalized in context (a thousands comma goes only before three digits).
          const gave = ref.search.split('').filter((_, i) => (ref.owner[i]?.[0] ?? -1) >= ms && (ref.owner[i]?.[1] ?? Infinity) <= me).join('');
          expect(gave, JSON.stringify({ text, term, mark })).toContain(term);
          // Cutting the text at a mark's edges leaves its normalization as it was.
          expect(fold(text.slice(0, ms)) + fold(mark) + fold(text.slice(me))).toBe(fold(text));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("marks the repro: '㌀NATO' and jamo that compose", () => {
    const text = '㌀NATO\u1100\u1161\u1100\u1161\u1100\u1161の会議';
    expect(expectedMarks(text, 'nato')).toEqual([[1, 5]]);
    expect(expectedMarks(text, 'パ')).toEqual([[0, 1]]);
    expect(expectedMarks(text, '가가')).toEqual([[5, 9]]);
  });
});
