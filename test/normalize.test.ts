import { describe, expect, it } from 'vitest';
import { normalizeWithMap, toSearchable } from '../src/analysis/normalize.js';
import { normalizeText } from '../src/index.js';

describe('normalizeText', () => {
  it('folds width and case with NFKC and lowercase', () => {
    expect(normalizeText('ＮＡＴＯ')).toBe('nato');
    expect(normalizeText('NATO')).toBe('nato');
    expect(normalizeText('ﾙｯﾃ')).toBe('ルッテ');
    expect(normalizeText('ｶﾞｽ')).toBe('ガス');
    expect(normalizeText('Ｆ－３５Ｂ')).toBe('f-35b');
  });

  it('removes spaces only between two Japanese characters', () => {
    expect(normalizeText('事務 総長')).toBe('事務総長');
    expect(normalizeText('連 携強化')).toBe('連携強化');
    expect(normalizeText('事務\u3000総長')).toBe('事務総長');
    expect(normalizeText('日本と NATO')).toBe('日本と nato');
    expect(normalizeText('Keen Sword')).toBe('keen sword');
  });

  it('never strips voicing marks', () => {
    expect(normalizeText('ガ')).toBe('ガ');
    expect(normalizeText('が')).toBe('が');
    expect(normalizeText('パ')).toBe('パ');
  });

  it('drops thousands commas between digits only', () => {
    expect(normalizeText('7,961億円')).toBe('7961億円');
    expect(normalizeText('1,2,3')).toBe('1,2,3');
    expect(normalizeText('26,000名')).toBe('26000名');
  });
});

describe('toSearchable', () => {
  it('turns punctuation into spaces of the same length, keeping latin joiners', () => {
    const s = toSearchable(normalizeText('NATO、日本「協力」f-35b jane\'s 15.3%'));
    expect(s).toBe("nato 日本 協力 f-35b jane's 15.3 ");
    expect(s).toHaveLength(normalizeText('NATO、日本「協力」f-35b jane\'s 15.3%').length);
  });
});

describe('normalizeWithMap', () => {
  it('maps every normalized character back to its original offset', () => {
    const text = 'ＮＡＴＯ事務 総長ﾙｯﾃｶﾞ7,961';
    const { text: norm, map } = normalizeWithMap(text);
    expect(norm).toBe(normalizeText(text));
    expect(map).toHaveLength(norm.length + 1);
    expect(text.slice(map[norm.indexOf('事務総長')], map[norm.indexOf('事務総長') + 4])).toBe('事務 総長');
    expect(text.slice(map[norm.indexOf('ガ')], map[norm.indexOf('ガ') + 1])).toBe('ｶﾞ');
    expect(text.slice(map[0], map[4])).toBe('ＮＡＴＯ');
  });
});

describe('normalizeWithMap property', () => {
  it('gives the text of normalizeText and a monotone map into the input', async () => {
    const fc = (await import('fast-check')).default;
    const alphabet = fc.constantFrom('ﾙ', 'ｯ', 'ﾃ', 'ｶ', 'ﾞ', 'ﾟ', 'Ａ', 'a', 'A', ' ', '\u3000', '事', '務', ',', '7', '9', '6', '1', 'ガ', 'か', '\u3099', '𠮷', '㍻', 'İ', '\ud800');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')), (text) => {
        const { text: norm, map } = normalizeWithMap(text);
        expect(norm).toBe(normalizeText(text));
        expect(map).toHaveLength(norm.length + 1);
        for (let i = 1; i < map.length; i++) expect(map[i]!).toBeGreaterThanOrEqual(map[i - 1]!);
        expect(map[map.length - 1]).toBe(text.length);
      }),
      { numRuns: 1000 },
    );
  });
});
