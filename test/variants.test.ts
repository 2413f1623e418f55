import { describe, expect, it } from 'vitest';
import { foldChars, variantFold } from '../src/analysis/variants.js';
import { buildIndex, normalizeText, parseDigest, search } from '../src/index.js';
import type { DigestRecord, SearchHit } from '../src/index.js';
import { termKey } from '../src/search/variant.js';

const base: DigestRecord = parseDigest('2025.06.26 00:00 日経新聞 見出し <2507-062601> 本文。').records[0] as DigestRecord;
const doc = (id: string, summary: string): DigestRecord => ({ ...base, id, title: '記事', summary });

/** One record holding `written` among filler, and one holding neither spelling. */
function found(written: string, typed: string): SearchHit | undefined {
  const index = buildIndex([doc('w', `今日の話題は${written}についての報告である。`), doc('x', '関係のない本文だけがある。')]);
  return search(index, typed).find((h) => h.id === 'w');
}

// Each rule in both directions: the record written one way, the query typed the other.
const RULES: [string, string, string][] = [
  ['hiragana / katakana', 'てるづき', 'テルヅキ'],
  ['small / large kana', 'フィンランド', 'フインランド'],
  ['small ヶ / ケ', '霞ヶ関', '霞ケ関'],
  ['voiced / plain', 'ストルテンベルグ', 'ストルテンベルク'],
  ['ヂ / ジ and ヅ / ズ', 'ちぢみ', 'ちじみ'],
  ['ヴ and the バ row', 'ヴァイオリン', 'バイオリン'],
  ['ヴ alone', 'ヴェネツィア', 'ベネツィア'],
  ['long vowel written or omitted', 'パートナーシップ', 'パートナシップ'],
  ['long vowel as a vowel', 'ボーリング', 'ボウリング'],
  ['ッ inserted or omitted', 'ラスムセン', 'ラスムッセン'],
  ['ー for ッ', 'マドリード', 'マドリッド'],
  ['middle dot', 'フォン・デア・ライエン', 'フォンデアライエン'],
  ['middle dot in a name', 'ベッテル・ルクセンブルク外相', 'ベッテルルクセンブルク外相'],
  ['hyphen between latin', 'F-35B', 'F35B'],
  ['dash between katakana', 'ジョン＝スミス', 'ジョンスミス'],
  ['space between scripts', '日 NATO 共同訓練', '日NATO共同訓練'],
  ['old kanji 濱 / 浜', '浜田防衛相', '濱田防衛相'],
  ['old kanji 國 / 国', '国防相会合', '國防相会合'],
  ['variant kanji 﨑 / 崎', '山崎統合幕僚長', '山﨑統合幕僚長'],
  ['variant kanji 髙 / 高', '高橋外相', '髙橋外相'],
  ['variant kanji 邊 / 辺', '渡辺大使', '渡邊大使'],
  ['variant kanji 齋 / 斎', '斎藤議員', '齋藤議員'],
  ['okurigana', '引き出し', '引出し'],
  ['okurigana 取り組み', '取り組み強化', '取組み強化'],
  ['kana for a kanji (交ぜ書き)', '拉致問題', 'ら致問題'],
  ['kana for a kanji (common word)', '子供の安全', '子どもの安全'],
];

describe('spelling variants: each rule, both ways', () => {
  for (const [rule, a, b] of RULES) {
    it(`${rule}: ${a} ⇄ ${b}`, () => {
      expect(normalizeText(a)).not.toBe(normalizeText(b));
      for (const [written, typed] of [[a, b], [b, a]] as const) {
        const hit = found(written, typed);
        // A dot or a space the user types separates terms, and each term occurs as written.
        const splits = /[・ ＝]/.test(typed) && !/[・ ＝]/.test(written);
        expect(hit?.match, `${written} typed as ${typed}`).toBe(splits ? 'exact' : 'variant');
        // The mark covers the spelling in the record, not the query's.
        expect(hit?.snippet).toContain(`[${written.replace(/ /g, ' ')}`.slice(0, 2));
      }
    });
  }

  it('keeps exact spellings first: the record as written, then the variant', () => {
    const index = buildIndex([doc('v', 'ストルテンベルク氏が来日。'), doc('e', 'ストルテンベルグ氏が来日。')]);
    const hits = search(index, 'ストルテンベルグ');
    expect(hits.map((h) => [h.id, h.match])).toEqual([
      ['e', 'exact'],
      ['v', 'variant'],
    ]);
  });

  it('does not let a short key match inside a longer word (ルッテ is not in ストルテンベルグ)', () => {
    const index = buildIndex([doc('s', 'ストルテンベルグ事務総長'), doc('r', 'ルッテ事務総長')]);
    expect(search(index, 'ルッテ').map((h) => h.id)).toEqual(['r']);
    // ルテ itself is in ストルテンベルグ as written; ルッテ, a whole word, folds to it.
    expect(search(index, 'ルテ').map((h) => [h.id, h.match])).toEqual([
      ['s', 'exact'],
      ['r', 'variant'],
    ]);
  });
});

describe('variantFold and foldChars', () => {
  it('drops what may be written or not and maps back to the input', () => {
    const f = variantFold('マドリード・f-35b 日 nato');
    expect(f.text).toBe('マドリドf35b日nato');
    expect(Array.from(f.map)).toEqual([0, 1, 2, 4, 6, 8, 9, 10, 12, 14, 15, 16, 17]);
  });

  it('folds kana classes and kanji variants to one member', () => {
    expect(foldChars('がぱヵゃヂヅヲ濱國')).toBe('カハカヤシスオ浜国');
    expect(foldChars('NATO 事務総長')).toBe('NATO 事務総長');
  });

  it('gives a query term and a field the same key', () => {
    expect(termKey('てるづき')).toBe(termKey('テルヅキ'));
    expect(termKey('パートナシップ')).toBe(termKey('パートナーシップ'));
    expect(termKey('引出し')).toBe(termKey('引き出し'));
    expect(termKey('ヴァイオリン')).toBe(termKey('バイオリン'));
  });

  it('never drops particles between kanji, only okurigana', () => {
    expect(variantFold('日本の政府').text).toBe('日本の政府');
    expect(variantFold('話し合い').text).toBe('話合い');
  });
});

describe('variantPairs (streamed for the index) equals the buffered fold', () => {
  it('on every field of the digest and on random text of the characters F treats specially', async () => {
    const { variantPairs, variantPairsBuffered } = await import('../src/analysis/variants.js');
    const fc = (await import('fast-check')).default;
    const collect = (f: typeof variantPairs, text: string): string => {
      const pairs: string[] = [];
      const dropped: number[] = [];
      f(text, (a, b) => pairs.push(String.fromCharCode(a, b)), dropped);
      return `${pairs.join(',')}|${dropped.join(',')}`;
    };
    const seedText = (await import('node:fs')).readFileSync(new URL('../fixtures/seed-digest.txt', import.meta.url), 'utf8');
    for (const r of parseDigest(seedText).records) {
      for (const t of [r.title, r.summary, r.notes.join(' '), r.source]) expect(collect(variantPairs, normalizeText(t))).toBe(collect(variantPairsBuffered, normalizeText(t)));
    }
    const pool = Array.from('日本語引出取組漢カナかなアイウエオあいうえおァィゥーッっ・･-‐＝=ヴゔァ a9zn.、。「」 　らだ致捕子どもすでにボウリングメイルペ');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 24 }), (chars) => {
        const text = normalizeText(chars.join(''));
        expect(collect(variantPairs, text)).toBe(collect(variantPairsBuffered, text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('review regressions', () => {
  it('a kana word shorter in kanji still matches as a whole word (子供 finds 子どもの安全; 全て finds すべての)', () => {
    for (const [written, typed] of [
      ['子どもの安全', '子供'],
      ['すべての国', '全て'],
      ['いったん停止', '一旦'],
    ] as const) {
      const index = buildIndex([doc('w', written), doc('x', '関係のない本文。')]);
      expect(search(index, typed).map((h) => [h.id, h.match]), typed).toEqual([['w', 'variant']]);
    }
  });

  it('とりわけ and 取り分け meet in both directions (the kanji form folded as records are)', () => {
    for (const [written, typed] of [
      ['取り分け重要だ', 'とりわけ重要'],
      ['とりわけ重要だ', '取り分け重要'],
    ] as const) {
      expect(found(written, typed)?.match, typed).toBe('variant');
    }
  });

  it('an emoji between Japanese and latin separates, as the searchable text has it', async () => {
    const { variantPairs, storedVariantPairs } = await import('../src/analysis/variants.js');
    const { toSearchable } = await import('../src/analysis/normalize.js');
    const text = normalizeText('日😀nato と 日 nato');
    const a: string[] = [];
    const b: string[] = [];
    variantPairs(text, (x, y) => a.push(String.fromCharCode(x, y)));
    storedVariantPairs(toSearchable(text), null, (x, y) => b.push(String.fromCharCode(x, y)));
    expect(b).toEqual(a);
    const index = buildIndex([doc('e', '日 nato。日😀nato')]);
    expect(search(index, '日nato')[0]?.match).toBe('variant');
  });

  it('removal takes out the variant pairs the index holds, even after the caller changed the record', async () => {
    const { removeRecords } = await import('../src/index.js');
    const r = doc('m', 'マドリードで会談。');
    const index = buildIndex([r, doc('n', '別の本文。')]);
    (r as { summary: string }).summary = '書き換えた本文。';
    removeRecords(index, ['m']);
    expect(search(index, 'マドリッド')).toEqual([]);
    // The pair リド that only the fold of マドリード makes has no record left.
    const key = index.grams.idOf('リ'.charCodeAt(0)) * 65536 + index.grams.idOf('ド'.charCodeAt(0));
    expect(index.grams.variants.get(key)?.n).toBe(0);
    const fresh = buildIndex([doc('n', '別の本文。')]);
    expect(search(index, '別の本文')).toEqual(search(fresh, '別の本文'));
  });
});
