import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DigestIndex, DigestIndexError, addRecords, buildIndex, buildIndexAsync, loadIndex, loadIndexAsync, parseDigest, removeRecords, search, serializeIndex, upsertRecords } from '../src/index.js';
import type { DigestRecord } from '../src/index.js';
import { syntheticDigest } from '../bench/synthetic.mjs';

const seed = readFileSync(new URL('../fixtures/seed-digest.txt', import.meta.url), 'utf8');
const { records } = parseDigest(syntheticDigest(600, seed, 7));
const QUERIES = ['NATO', '太平洋', '事務総長', 'ルッテ 訪日', 'EU 首脳', 'ストルテンベルク', 'F-35B', 'ｶﾞ', '存在しない語 NATO'];
const OPTIONS = [{}, { fuzzy: 1, prefix: true }, { combineWith: 'OR' as const }, { filter: { from: '2024-01-01' } }, { limit: 100 }];

function sameResults(a: DigestIndex, b: DigestIndex): void {
  for (const q of QUERIES) for (const o of OPTIONS) expect(search(a, q, o), `${q} ${JSON.stringify(o)}`).toEqual(search(b, q, o));
}

describe('addRecords / removeRecords', () => {
  it('adding records gives the results of a fresh build', () => {
    const index = buildIndex(records.slice(0, 250));
    addRecords(index, records.slice(250, 400));
    addRecords(index, records.slice(400));
    sameResults(index, buildIndex(records));
  });

  it('removing records gives the results of a fresh build without them', () => {
    const index = buildIndex(records);
    const gone = records.filter((_, i) => i % 3 === 0).map((r) => r.id);
    expect(removeRecords(index, [...gone, 'no-such-id'])).toEqual(['no-such-id']);
    const kept = records.filter((_, i) => i % 3 !== 0);
    sameResults(index, buildIndex(kept));
    expect(search(index, 'NATO', { limit: 1000 }).some((h) => gone.includes(h.id))).toBe(false);
  });

  it('a removed ID can be added again', () => {
    const index = buildIndex(records.slice(0, 50));
    removeRecords(index, [records[0]!.id]);
    addRecords(index, [records[0]!]);
    expect(search(index, records[0]!.title.slice(0, 6), { limit: 100 }).map((h) => h.id)).toContain(records[0]!.id);
  });

  it('keys folded by earlier queries do not outlive the text they were folded from', () => {
    // Partial and variant hits reuse recently folded field keys across queries;
    // a record replaced in place must be read again.
    const index = buildIndex(records.slice(0, 50));
    const target = records[3]!;
    const query = `${target.title.slice(0, 8)}とオランダ軍`;
    search(index, query);
    removeRecords(index, [target.id]);
    const changed = { ...target, title: 'オランダ軍との燃料融通について交渉開始', summary: '自衛隊とオランダ軍の燃料融通。' };
    addRecords(index, [changed]);
    const fresh = buildIndex([...records.slice(0, 3), ...records.slice(4, 50), changed]);
    for (const q of [query, '自衛隊とオランダ軍の燃料の融通', 'オランダぐんとの燃料']) expect(search(index, q), q).toEqual(search(fresh, q));
    expect(search(index, '自衛隊とオランダ軍の燃料の融通')[0]?.id).toBe(target.id);
  });

  it('adding a known ID skips it and reports it', () => {
    const index = buildIndex(records.slice(0, 10));
    expect(addRecords(index, [records[3]!, records[20]!])).toEqual([records[3]!.id]);
    expect(index.duplicates).toEqual([records[3]!.id]);
  });
});

describe('buildIndexAsync', () => {
  it('builds the same index in chunks, reporting progress and yielding between chunks', async () => {
    const progress: number[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const index = await buildIndexAsync(records, { chunkSize: 100, onProgress: (p) => progress.push(p.done) });
    clearInterval(timer);
    expect(progress).toEqual([0, 100, 200, 300, 400, 500, 600]);
    expect(ticks).toBeGreaterThan(0);
    sameResults(index, buildIndex(records));
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const run = buildIndexAsync(records, {
      chunkSize: 100,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 200) controller.abort(new Error('stop'));
      },
    });
    await expect(run).rejects.toThrow('stop');
  });
});

describe('loadIndexAsync', () => {
  it('loads the same index as loadIndex, in chunks, with progress', async () => {
    const json = serializeIndex(buildIndex(records));
    const progress: number[] = [];
    const index = await loadIndexAsync(json, { chunkSize: 250, onProgress: (p) => progress.push(p.done) });
    expect(progress).toEqual([0, 250, 500, 600]);
    sameResults(index, loadIndex(json));
  });

  it('rejects what loadIndex rejects, with DigestIndexError', async () => {
    await expect(loadIndexAsync('{"format":"nope"}')).rejects.toBeInstanceOf(DigestIndexError);
    const json = JSON.parse(serializeIndex(buildIndex(records.slice(0, 3))));
    json.records.push(json.records[0]);
    await expect(loadIndexAsync(JSON.stringify(json))).rejects.toThrow(/repeats record IDs/);
  });
});

describe('upsertRecords and removeRecords with one ID', () => {
  const seedRecords = parseDigest(readFileSync(new URL('../fixtures/seed-digest.txt', import.meta.url), 'utf8')).records;

  it('replaces records by ID and answers as a fresh build of the result does', () => {
    const idx = buildIndex(seedRecords.slice(0, 20));
    const changed = { ...seedRecords[3]!, title: '差し替えた見出し ストルテンベルグ', summary: '全く新しい要旨。' };
    const fresh = seedRecords[25]!;
    const result = upsertRecords(idx, [changed, fresh, { ...changed, summary: '二度目の要旨。' }]);
    expect(result).toEqual({ added: [fresh.id], replaced: [changed.id] });
    expect(idx.size).toBe(21);
    expect(idx.duplicates).toEqual([]);
    const want = buildIndex([...seedRecords.slice(0, 20).filter((r) => r.id !== changed.id), fresh, { ...changed, summary: '二度目の要旨。' }]);
    for (const q of ['差し替えた見出し', '二度目', '全く新しい', seedRecords[3]!.summary.slice(0, 8), fresh.title.slice(0, 6)]) {
      expect(search(idx, q), q).toEqual(search(want, q));
    }
  });

  it('changes nothing when one of the records is not a record', () => {
    const idx = buildIndex(seedRecords.slice(0, 5));
    const before = search(idx, seedRecords[1]!.title.slice(0, 6));
    expect(() => upsertRecords(idx, [{ ...seedRecords[1]!, title: '新' }, { id: 'x' } as unknown as DigestRecord])).toThrow(/upsertRecords: records\[1\]/);
    expect(search(idx, seedRecords[1]!.title.slice(0, 6))).toEqual(before);
  });

  it('removeRecords takes one ID as well as a list, and refuses anything else', () => {
    const idx = buildIndex(seedRecords.slice(0, 5));
    expect(removeRecords(idx, seedRecords[0]!.id)).toEqual([]);
    expect(idx.size).toBe(4);
    expect(removeRecords(idx, 'nope')).toEqual(['nope']);
    expect(() => removeRecords(idx, [1] as unknown as string[])).toThrow(TypeError);
    expect(() => removeRecords(idx, null as unknown as string)).toThrow(/removeRecords: ids must be/);
  });

  it('is made by buildIndex, not new, and hides its internals from assignment', () => {
    expect(() => new (DigestIndex as unknown as new () => unknown)()).toThrow(/buildIndex or loadIndex/);
    const idx = buildIndex(seedRecords.slice(0, 3));
    expect(() => {
      (idx as unknown as { size: number }).size = 999;
    }).toThrow(TypeError);
    expect(idx.size).toBe(3);
  });
});

describe('caches of query work follow the index', () => {
  it('a variant spelling added or removed after a query is found, or not, by the same query again', () => {
    const seedRecords = parseDigest(readFileSync(new URL('../fixtures/seed-digest.txt', import.meta.url), 'utf8')).records;
    const idx = buildIndex(seedRecords.slice(0, 10));
    const before = search(idx, 'るって', { limit: 100 }).map((h) => h.id);
    const extra = { ...seedRecords[11]!, id: 'x-rutte', title: 'ルッテ氏が来日', summary: 'ルッテ氏が東京を訪れた。' };
    addRecords(idx, [extra]);
    const after = search(idx, 'るって', { limit: 100 });
    expect(after.map((h) => h.id)).toContain('x-rutte');
    expect(after.find((h) => h.id === 'x-rutte')?.match).toBe('variant');
    expect(after.length).toBe(before.length + 1);
    removeRecords(idx, 'x-rutte');
    expect(search(idx, 'るって', { limit: 100 }).map((h) => h.id)).toEqual(before);
  });
});
