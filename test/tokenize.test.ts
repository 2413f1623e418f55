import { describe, expect, it } from 'vitest';
import TinySegmenter from 'tiny-segmenter';
import { bigrams, scriptRuns } from '../src/analysis/tokenize.js';
import { tokenize } from '../src/index.js';

describe('tokenize', () => {
  it('keeps latin and digit runs whole', () => {
    expect(tokenize('NATO F-35B ACSA 7961 2507-062601')).toEqual(['nato', 'f-35b', 'acsa', '7961', '2507-062601']);
  });

  it('gives segmenter words and bigrams for Japanese runs', () => {
    const words = new TinySegmenter().segment('インド太平洋地域');
    const tokens = tokenize('インド太平洋地域');
    for (const w of words) expect(tokens).toContain(w);
    for (const b of ['イン', 'ンド', 'ド太', '太平', '平洋', '洋地', '地域']) expect(tokens).toContain(b);
  });

  it('splits by script and indexes a one-character run as itself', () => {
    expect(tokenize('ルッテNATO事務総長')).toEqual(expect.arrayContaining(['ルッテ', 'nato', '事務', '総長', 'ルッ', 'ッテ']));
    expect(tokenize('日 EU')).toEqual(['日', 'eu']);
  });

  it('can leave out words or bigrams', () => {
    expect(tokenize('太平洋', { words: false })).toEqual(['太平', '平洋']);
    expect(tokenize('太平洋', { bigrams: false })).toEqual(new TinySegmenter().segment('太平洋'));
  });

  it('gives nothing for punctuation and spaces', () => {
    expect(tokenize('、。「」 ・')).toEqual([]);
    expect(tokenize('')).toEqual([]);
  });
});

describe('scriptRuns and bigrams', () => {
  it('cuts runs at script changes and spaces', () => {
    expect(scriptRuns('nato日本 f-35b').map((r) => [r.text, r.japanese, r.start])).toEqual([
      ['nato', false, 0],
      ['日本', true, 4],
      ['f-35b', false, 7],
    ]);
  });
  it('makes overlapping bigrams', () => {
    expect(bigrams('東京都')).toEqual(['東京', '京都']);
    expect(bigrams('東')).toEqual(['東']);
  });
});
