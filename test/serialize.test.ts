import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { DigestIndexError, buildIndex, loadIndex, parseDigest, removeRecords, search, serializeIndex } from '../src/index.js';

const seed = readFileSync(new URL('../fixtures/seed-digest.txt', import.meta.url), 'utf8');
const { records } = parseDigest(seed);
const index = buildIndex(records, { boosts: { title: 5 }, stopTerms: ['です'] });
const json = serializeIndex(index);

const QUERIES = ['NATO 事務所', 'ルッテ', '太平洋', '事務総長', 'F-35B', 'キーンソード 離島', 'ルッテ 存在しない語', 'ｶﾞ'];

describe('serializeIndex / loadIndex', () => {
  it('gives identical results after the round trip, options included', () => {
    const again = loadIndex(json);
    expect(again.options).toEqual(index.options);
    for (const q of QUERIES) {
      for (const options of [{}, { fuzzy: 0.2, prefix: true }, { combineWith: 'OR' as const }, { filter: { from: '2024-01-01' } }]) {
        expect(search(again, q, options)).toEqual(search(index, q, options));
      }
    }
    const reserialized = JSON.parse(serializeIndex(again));
    expect(reserialized.records).toEqual(JSON.parse(json).records);
    expect(reserialized.options).toEqual(JSON.parse(json).options);
  });

  it('keeps the duplicates list', () => {
    const idx = buildIndex([...records, records[0]!]);
    expect(loadIndex(serializeIndex(idx)).duplicates).toEqual([records[0]!.id]);
  });

  it('serializes an index with removed records like a fresh build', () => {
    const idx = buildIndex(records);
    removeRecords(idx, [records[3]!.id]);
    const fresh = buildIndex(records.filter((_, i) => i !== 3));
    for (const q of QUERIES) expect(search(idx, q)).toEqual(search(fresh, q));
    expect(JSON.parse(serializeIndex(idx)).records).toEqual(JSON.parse(serializeIndex(fresh)).records);
    for (const q of QUERIES) expect(search(loadIndex(serializeIndex(idx)), q, { prefix: true })).toEqual(search(fresh, q, { prefix: true }));
  });

  it('rejects corrupt and foreign JSON with DigestIndexError', () => {
    const bad = [
      '',
      'not json',
      json.slice(0, json.length / 2),
      '{}',
      '[]',
      'null',
      JSON.stringify({ ...JSON.parse(json), version: 99 }),
      JSON.stringify({ ...JSON.parse(json), format: 'minisearch' }),
      JSON.stringify({ ...JSON.parse(json), records: [{ id: 1 }] }),
      JSON.stringify({ ...JSON.parse(json), records: 'x' }),
      JSON.stringify({ ...JSON.parse(json), options: { boosts: { title: 'x' } } }),
      JSON.stringify({ ...JSON.parse(json), options: { ...JSON.parse(json).options, boosts: { title: -1, summary: 1, notes: 1, source: 1 } } }),
      JSON.stringify({ ...JSON.parse(json), records: [...JSON.parse(json).records, JSON.parse(json).records[0]] }),
      miniSearchJson(),
    ];
    for (const text of bad) {
      expect(() => loadIndex(text), text.slice(0, 60)).toThrow(DigestIndexError);
    }
    expect(() => loadIndex(42 as unknown as string)).toThrow(DigestIndexError);
  });

  it('is not polluted by a __proto__ key', () => {
    const data = JSON.parse(json);
    const evil = json.replace('"format"', '"__proto__":{"polluted":true},"format"').replace('"options":{', '"options":{"__proto__":{"polluted":true},');
    const loaded = loadIndex(evil);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((loaded.options as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(search(loaded, 'ルッテ')).toEqual(search(loadIndex(JSON.stringify(data)), 'ルッテ'));
  });
});

/** A plain MiniSearch index, which is not ours. */
function miniSearchJson(): string {
  const ms = new MiniSearch({ fields: ['title'] });
  ms.addAll(records.map((r, i) => ({ id: i, title: r.title })));
  return JSON.stringify(ms);
}
