import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildIndex, escapeHtml, normalizeText, parseDigest, search } from '../src/index.js';
import type { DigestRecord } from '../src/index.js';

const seed = readFileSync(new URL('../fixtures/seed-digest.txt', import.meta.url), 'utf8');
const { records } = parseDigest(seed);
const index = buildIndex(records);

/** Records whose text holds the query, by plain string search over the same normalization. */
function containing(query: string): string[] {
  const q = normalizeText(query).replace(/\s+/g, '');
  return records
    .filter((r) => [r.title, r.summary, ...r.notes].some((t) => normalizeText(t).replace(/\s+/g, '').includes(q)))
    .map((r) => r.id)
    .sort();
}

const ids = (query: string, options = {}): string[] => search(index, query, { limit: 100, ...options }).map((h) => h.id);

describe('search: finds every record that contains the query', () => {
  const cases: [string, number][] = [
    ['太平洋', 16],
    ['事務総長', 13],
    ['ルッテ', 4],
    ['ＮＡＴＯ', 24],
    ['nato', 24],
    ['F-35B', 1],
    ['ACSA', 1],
    ['7961億円', 1],
    ['Keen Sword', 1],
    ['キーンソード', 1],
  ];
  for (const [query, count] of cases) {
    it(query, () => {
      const expected = containing(query);
      expect(expected).toHaveLength(count);
      const found = ids(query);
      for (const id of expected) expect(found).toContain(id);
      expect(search(index, query, { limit: 100 }).filter((h) => h.match === 'exact').map((h) => h.id).sort()).toEqual(expected);
    });
  }

  it('finds 事務総長 where it is written 事務 総長', () => {
    expect(records.find((r) => r.id === '1809-082302')?.summary).toContain('事務 総長');
    expect(ids('事務総長')).toContain('1809-082302');
  });

  it('finds half-width and full-width forms alike', () => {
    expect(ids('ﾙｯﾃ')).toEqual(ids('ルッテ'));
    expect(ids('ＮＡＴＯ')).toEqual(ids('NATO'));
    expect(ids('ＡＣＳＡ')).toEqual(['2507-062601']);
  });

  it('finds text the segmenter cuts apart (インド太平洋地域 → インド|太平|洋地|域)', () => {
    expect(ids('洋地域').length).toBeGreaterThan(0);
    expect(containing('洋地域').every((id) => ids('洋地域').includes(id))).toBe(true);
  });
});

describe('search: ranking', () => {
  const firsts: [string, string][] = [
    ['NATO 事務所 断念', '2507-062438'],
    ['ルッテ 慶応 講演', '2505-040917'],
    ['オランダ ACSA', '2507-062601'],
    ['F-35B 軽空母', '2407-061215'],
    ['ラトビア 戦略的パートナー', '2506-051915'],
    ['キーンソード 離島', '2212-111812'],
    ['練習艦 かしま', '2207-060705'],
  ];
  for (const [query, first] of firsts) {
    it(`ranks ${first} first for "${query}"`, () => {
      expect(ids(query)[0]).toBe(first);
    });
  }

  it('ranks a contiguous match above a scattered one', () => {
    const docs: DigestRecord[] = [
      { ...(records[0] as DigestRecord), id: 'a', title: 'ある話', summary: '太平な時代に、平洋という地名が太平と平洋。' },
      { ...(records[0] as DigestRecord), id: 'b', title: 'ある話', summary: 'インド太平洋の安全保障について長い説明が続く。' },
    ];
    const hits = search(buildIndex(docs), '太平洋');
    expect(hits.map((h) => h.id)).toEqual(['b', 'a']);
  });

  it('orders by score, descending', () => {
    const hits = search(index, 'NATO', { limit: 50 });
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });
});

describe('search: semantics and options', () => {
  it('requires every term by default, and falls back to any term, flagged', () => {
    const both = search(index, 'ルッテ 慶応義塾');
    expect(both.map((h) => h.id)).toEqual(['2505-040917']);
    const none = search(index, 'ルッテ 存在しない語');
    expect(none.length).toBeGreaterThan(0);
    expect(none.every((h) => h.match === 'partial')).toBe(true);
    expect(none.every((h) => h.terms.includes('ルッテ'))).toBe(true);
  });

  it('combines with OR when asked', () => {
    const or = ids('ルッテ キーンソード', { combineWith: 'OR' });
    expect(or.sort()).toEqual([...new Set([...containing('ルッテ'), ...containing('キーンソード')])].sort());
    expect(search(index, 'ルッテ キーンソード', { combineWith: 'OR' }).every((h) => h.match === 'exact')).toBe(true);
  });

  it('limits the number of hits', () => {
    expect(search(index, 'NATO')).toHaveLength(20);
    expect(search(index, 'NATO', { limit: 3 })).toHaveLength(3);
    expect(search(index, 'NATO', { limit: 0 })).toEqual([]);
  });

  it('filters by inclusive dates and by source or outlet', () => {
    const from = search(index, 'NATO', { limit: 100, filter: { from: '2025-01-01' } });
    expect(from.length).toBeGreaterThan(0);
    expect(from.every((h) => h.record.date >= '2025-01-01')).toBe(true);
    const day = search(index, 'NATO', { limit: 100, filter: { from: '2025-01-22', to: '2025-01-22' } });
    expect(day.map((h) => h.id)).toEqual(['2502-012209']);
    const outlet = search(index, 'NATO', { limit: 100, filter: { sources: ['日経新聞'] } });
    expect(outlet.length).toBeGreaterThan(0);
    expect(outlet.every((h) => h.record.outlet === '日経新聞')).toBe(true);
    const source = search(index, 'NATO', { limit: 100, filter: { sources: ['共同通信 (Yahoo)'] } });
    expect(source.map((h) => h.record.source)).toEqual(source.map(() => '共同通信 (Yahoo)'));
    expect(source.length).toBeGreaterThan(0);
  });

  it('matches near spellings with fuzzy and word starts with prefix', () => {
    expect(ids('ストルテンベルク', { match: 'exact' })).toEqual([]);
    expect(ids('ストルテンベルク', { fuzzy: 1 }).length).toBeGreaterThan(0);
    expect(ids('misw', { prefix: true })).toEqual(['2307-062718']);
  });

  it('weighs fields by the boosts given', () => {
    const titleHeavy = search(index, 'EU', { boosts: { title: 10, summary: 0.1 } })[0];
    expect(titleHeavy?.record.title.toLowerCase()).toContain('eu');
  });

  it('returns [] quickly for empty, blank, punctuation-only and absurd queries', () => {
    for (const q of ['', '   ', '。、「」・！？', '\u0000', '𠮷𠮷𠮷']) expect(search(index, q)).toEqual([]);
    const t0 = performance.now();
    const long = search(index, 'ルッテ '.repeat(20000));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(long.length).toBeLessThanOrEqual(20);
    expect(search(index, undefined as unknown as string)).toEqual([]);
  });

  it('reports the matched terms, normalized', () => {
    const [hit] = search(index, 'ＮＡＴＯ 事務所');
    expect(hit?.terms).toEqual(['nato', '事務所']);
  });
});

describe('search: snippets', () => {
  it('marks the match in the summary with correct offsets', () => {
    const [hit] = search(index, 'ルッテ 慶応義塾');
    expect(hit?.snippet.startsWith('[ルッテ]NATO事務総長が9日')).toBe(true);
    const [two] = search(index, '慶応義塾 講演');
    expect(two?.snippet).toContain('[慶応義塾]大学で[講演]し');
  });

  it('marks the original text for normalized matches', () => {
    const [hit] = search(index, '7961億円');
    expect(hit?.snippet).toContain('[7,961億円]');
    const spaced = search(index, '事務総長', { limit: 100 }).find((h) => h.id === '1809-082302');
    expect(spaced?.snippet).toContain('[事務 総長]');
    const doc = { ...(records[0] as DigestRecord), id: 'w', summary: 'ＮＡＴＯとﾙｯﾃ事務総長' };
    expect(search(buildIndex([doc]), 'nato ルッテ')[0]?.snippet).toBe('[ＮＡＴＯ]と[ﾙｯﾃ]事務総長');
  });

  it('uses configurable marks and escaping', () => {
    const doc = { ...(records[0] as DigestRecord), id: 'h', summary: 'A<b>とNATO&co' };
    const [hit] = search(buildIndex([doc]), 'NATO', { snippet: { before: '<mark>', after: '</mark>', escape: escapeHtml } });
    expect(hit?.snippet).toBe('A&#60;b&#62;と<mark>NATO</mark>&#38;co');
  });

  it('shows the start of the summary when only the title matched', () => {
    const [hit] = search(index, 'キーンソード');
    expect(hit?.snippet.startsWith('自衛隊が台湾有事')).toBe(true);
    expect(hit?.snippet).not.toContain('[');
  });
});

describe('buildIndex', () => {
  it('keeps the first record of a repeated id and says so', () => {
    const first = records[0] as DigestRecord;
    const dup = { ...first, title: '後から来た同じID' };
    const idx = buildIndex([first, dup, records[1] as DigestRecord]);
    expect(idx.duplicates).toEqual([first.id]);
    expect(search(idx, '後から来た')).toEqual([]);
    expect(search(idx, 'オランダ')[0]?.record.title).toBe(first.title);
  });

  it('drops stop terms from queries', () => {
    const idx = buildIndex(records, { stopTerms: ['ＮＡＴＯ'] });
    expect(search(idx, 'NATO')).toEqual([]);
    expect(search(idx, 'NATO ルッテ').map((h) => h.id).sort()).toEqual(containing('ルッテ'));
  });

  it('rejects bad boosts and non-arrays as programmer errors', () => {
    expect(() => buildIndex(records, { boosts: { title: -1 } })).toThrow(TypeError);
    expect(() => buildIndex('x' as unknown as DigestRecord[])).toThrow(TypeError);
  });
});

describe('snippets from the stored searchable text', () => {
  it('are the same as snippets computed from scratch, for every record, field and query', async () => {
    const { makeSnippet } = await import('../src/search/snippet.js');
    const { searchableFields } = await import('../src/search-index/build.js');
    const { removedOffsets } = await import('../src/analysis/normalize.js');
    const extra = ['İzmirで事務 総長', '7,961億円と 事務 総長、ＮＡＴＯ', 'ﾙｯﾃ 事務総長', 'a,b 1,234,567 円'];
    let prepared = 0;
    let withRemovals = 0;
    for (const r of [...records, ...extra.map((t) => ({ ...records[0]!, title: t, summary: t }))]) {
      const fields = searchableFields(r);
      for (const [f, text] of [[0, r.title], [1, r.summary]] as const) {
        const removed = removedOffsets(text);
        if (!removed) continue;
        prepared++;
        if (removed.length > 0) withRemovals++;
        for (const terms of [['nato'], ['事務総長'], ['ルッテ', 'nato'], ['7961億円'], ['太平洋', 'インド'], ['izmirで'], ['234']]) {
          expect(makeSnippet(text, terms, {}, { searchable: fields[f] ?? '', removed }), `${text} ${terms}`).toBe(makeSnippet(text, terms));
        }
      }
    }
    expect(prepared).toBeGreaterThan(60);
    expect(withRemovals).toBeGreaterThan(10);
    expect(removedOffsets('ﾙｯﾃ')).not.toBeNull();
    expect(removedOffsets('ｶﾞ')).toBeNull();
    expect(removedOffsets('İ')).toBeNull();
    expect(Array.from(removedOffsets('事務 総長、7,961') ?? [])).toEqual([2, 7]);
  });
});

describe('search: title highlights', () => {
  it('marks matches in the whole title, with the same marks and escaping', () => {
    const [hit] = search(index, 'キーンソード 離島');
    expect(hit?.titleSnippet).toBe('「[キーンソード]」日米最大の共同訓練 中国念頭に“[離島]防衛能力”を強化か NATOも初参加');
    const doc = { ...(records[0] as DigestRecord), id: 't', title: 'ＮＡＴＯ<と>日本' };
    const [h] = search(buildIndex([doc]), 'nato', { snippet: { before: '<mark>', after: '</mark>', escape: escapeHtml } });
    expect(h?.titleSnippet).toBe('<mark>ＮＡＴＯ</mark>&#60;と&#62;日本');
  });

  it('leaves a title without matches unmarked and whole', () => {
    const hit = search(index, '慶応義塾')[0];
    expect(hit?.titleSnippet).toBe(hit?.record.title);
  });
});

describe('search: sorting by date', () => {
  it('returns the newest matching records first, by score within a day', () => {
    const hits = search(index, 'NATO', { sort: 'date', limit: 100 });
    const all = search(index, 'NATO', { limit: 100 });
    expect(hits.map((h) => h.id).sort()).toEqual(all.map((h) => h.id).sort());
    for (let i = 1; i < hits.length; i++) {
      const [a, b] = [hits[i - 1]!, hits[i]!];
      expect(a.record.date >= b.record.date).toBe(true);
      if (a.record.date === b.record.date) expect(a.score).toBeGreaterThanOrEqual(b.score);
    }
  });

  it('keeps the newest k, with ties on the last day decided by score', () => {
    const top = search(index, 'NATO', { sort: 'date', limit: 5 });
    expect(top).toEqual(search(index, 'NATO', { sort: 'date', limit: 100 }).slice(0, 5));
    const sameDay = search(index, 'NATO', { sort: 'date', limit: 100, filter: { from: '2022-06-07', to: '2022-06-07' } });
    expect(sameDay.map((h) => h.id)).toHaveLength(2);
    expect(search(index, 'NATO', { sort: 'date', limit: 1, filter: { from: '2022-06-07', to: '2022-06-07' } })[0]?.id).toBe(sameDay[0]?.id);
  });

  it('rejects an unknown sort', () => {
    expect(() => search(index, 'NATO', { sort: 'newest' as 'date' })).toThrow(TypeError);
  });
});

describe('search: quoted phrases', () => {
  const base = records[0] as DigestRecord;
  const docs: DigestRecord[] = [
    { ...base, id: 'p1', date: '2024-01-01', title: '演習', summary: '日米の Keen Sword 演習が始まった。' },
    { ...base, id: 'p2', date: '2025-01-01', title: '演習', summary: 'Sword と Keen は別の語。' },
    { ...base, id: 'p3', date: '2023-01-01', title: '地域', summary: '太平な時代、平洋という地名。' },
    { ...base, id: 'p4', date: '2022-01-01', title: '地域', summary: 'インド太平洋の安全保障。' },
  ];
  const idx = buildIndex(docs);

  it('match words in order and next to each other only', () => {
    expect(search(idx, 'Keen Sword').map((h) => h.id).sort()).toEqual(['p1', 'p2']);
    expect(search(idx, '"Keen Sword"').map((h) => h.id)).toEqual(['p1']);
    expect(search(idx, '"keen   sword"').map((h) => h.id)).toEqual(['p1']);
    expect(search(idx, '＂Ｋｅｅｎ Ｓｗｏｒｄ＂').map((h) => h.id)).toEqual(['p1']);
    expect(search(idx, '"Sword Keen"')).toEqual([]);
  });

  it('turn a scattered Japanese match down, and mix with plain terms', () => {
    expect(search(idx, '太平洋').map((h) => h.id)).toEqual(['p4', 'p3']);
    expect(search(idx, '"太平洋"').map((h) => h.id)).toEqual(['p4']);
    expect(search(idx, '"太平洋" 安全').map((h) => h.id)).toEqual(['p4']);
    expect(search(idx, '"Keen Sword', { sort: 'date' }).map((h) => h.id)).toEqual(['p1']);
  });

  it('report the phrase as one term and mark its words', () => {
    const [hit] = search(idx, '"Keen Sword"');
    expect(hit?.terms).toEqual(['keen sword']);
    expect(hit?.snippet).toBe('日米の [Keen] [Sword] 演習が始まった。');
  });

  it('find by date the newest records holding the phrase, past ones that only scatter it', () => {
    const many = [...docs, ...Array.from({ length: 30 }, (_, k) => ({ ...docs[1]!, id: `s${k}`, date: `2026-01-${String(k + 1).padStart(2, '0')}` }))];
    expect(search(buildIndex(many), '"Keen Sword"', { sort: 'date', limit: 3 }).map((h) => h.id)).toEqual(['p1']);
  });
});

describe('programmer errors', () => {
  it('throw a clear TypeError for a bad index or bad records', () => {
    expect(() => search('index' as unknown as ReturnType<typeof buildIndex>, 'NATO')).toThrow(/expects an index/);
    expect(() => buildIndex([{ id: 'x' } as unknown as DigestRecord])).toThrow(/not a DigestRecord/);
    expect(() => buildIndex([null as unknown as DigestRecord])).toThrow(TypeError);
  });
});

describe('hits: matched words and their own record', () => {
  it('matched holds the words as the record writes them; terms the query', () => {
    const hit = search(index, 'ストルテンベルク', { fuzzy: 1 }).find((h) => h.record.summary.includes('ストルテンベルグ'));
    expect(hit?.terms).toEqual(['ストルテンベルク']);
    expect(hit?.matched).toContain('ストルテンベルグ');
    for (const h of search(index, 'ＮＡＴＯ 事務総長', { limit: 5 })) {
      expect(h.matched.length).toBeGreaterThan(0);
      for (const w of h.matched) expect(`${h.record.title} ${h.record.summary}`).toContain(w);
      // Every marked stretch of the snippets holds one of the matched words.
      for (const m of `${h.titleSnippet} ${h.snippet}`.matchAll(/\[([^\]]*)\]/g)) expect(h.matched.some((w) => m[1]!.includes(w))).toBe(true);
    }
    expect(search(index, '事務総長').some((h) => h.matched.includes('事務 総長'))).toBe(true);
  });

  it('record is a copy: changing it changes neither later hits nor the saved index', () => {
    const own = buildIndex(records.map((r, i) => (i === 0 ? { ...r, extra: { tags: ['a'] } } : r)));
    const first = search(own, records[0]!.title)[0]!;
    first.record.title = '書き換え';
    first.record.notes.push('追加');
    first.record.related.push({ id: 'x' });
    (first.record as unknown as { extra: { tags: string[] } }).extra.tags.push('b');
    const again = search(own, records[0]!.title)[0]!;
    expect(again.record.title).toBe(records[0]!.title);
    expect(again.record.notes).toEqual(records[0]!.notes);
    expect(again.record.related).toEqual(records[0]!.related);
    expect((again.record as unknown as { extra: { tags: string[] } }).extra.tags).toEqual(['a']);
    expect(again.record).not.toBe(first.record);
  });
});
