import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DigestIndexError, DigestRecord, addRecords, buildIndex, loadIndex, loadIndexAsync, parseDigest, removeRecords, search, serializeIndex, toRecord } from '../src/index.js';
import type { DigestIndex, SearchOptions } from '../src/index.js';
import { isDigestRecord } from '../src/schema.js';
import { checksum } from '../src/search-index/snapshot.js';
import { syntheticDigest } from '../bench/synthetic.mjs';

const seed = readFileSync(new URL('../fixtures/seed-digest.txt', import.meta.url), 'utf8');
const records = parseDigest(seed).records;
const synthetic = parseDigest(syntheticDigest(400, seed, 11)).records;
const QUERIES = ['NATO 事務所', 'ルッテ', '太平洋', '事務総長', 'F-35B', 'キーンソード 離島', 'ルッテ 存在しない語', 'ｶﾞ', 'マドリッド', '北大西洋理事会が承認', 'ストルテンベルク', '日', 'EU 首脳'];
const OPTIONS: SearchOptions[] = [{}, { fuzzy: 0.2, prefix: true }, { fuzzy: 1 }, { combineWith: 'OR' }, { filter: { from: '2024-01-01' } }, { sort: 'date', limit: 50 }, { match: 'exact' }];

function sameResults(a: DigestIndex, b: DigestIndex, queries = QUERIES): void {
  for (const q of queries) for (const o of OPTIONS) expect(search(a, q, o), `${q} ${JSON.stringify(o)}`).toEqual(search(b, q, o));
}

const binary = (index: DigestIndex): Uint8Array => serializeIndex(index, { format: 'binary' });

/** A snapshot with `edit` applied to its bytes and the checksum made right again: damage the checksum cannot see. */
function recrc(bytes: Uint8Array, edit: (b: Uint8Array) => void): Uint8Array {
  const out = bytes.slice();
  edit(out);
  const view = new DataView(out.buffer);
  view.setUint32(16, checksum(out, view.getUint16(6, true)), true);
  return out;
}

const reasonOf = (input: Uint8Array | string): string | null => {
  try {
    loadIndex(input);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(DigestIndexError);
    return (e as DigestIndexError).reason;
  }
};

describe('binary snapshot: round trip', () => {
  const index = buildIndex(records, { boosts: { title: 5 }, stopTerms: ['です'] });
  const bytes = binary(index);

  it('starts with the magic and a version, and loads from a Uint8Array, an ArrayBuffer and a Buffer', () => {
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('JDSX');
    const copy = bytes.slice();
    for (const input of [bytes, copy.buffer, Buffer.from(bytes)]) {
      const loaded = loadIndex(input);
      expect(loaded.options).toEqual(index.options);
      expect(loaded.size).toBe(index.size);
    }
  });

  it('gives the same hits, scores and snippets as the index it was made from', () => {
    sameResults(loadIndex(bytes), index);
  });

  it('saves the same again, and the same as a JSON round trip gives', () => {
    const again = loadIndex(bytes);
    expect(binary(again)).toEqual(bytes);
    expect(serializeIndex(again)).toBe(serializeIndex(index));
    expect(binary(loadIndex(serializeIndex(index)))).toEqual(bytes);
  });

  it('loads a JSON index given as bytes (a file read without an encoding)', () => {
    const json = serializeIndex(index);
    sameResults(loadIndex(new TextEncoder().encode(json)), index, QUERIES.slice(0, 3));
  });

  it('loadIndexAsync reads both forms', async () => {
    const progress: number[] = [];
    const loaded = await loadIndexAsync(bytes, { onProgress: (p) => progress.push(p.done) });
    expect(progress).toEqual([0, records.length]);
    sameResults(loaded, index, QUERIES.slice(0, 4));
    await expect(loadIndexAsync(bytes.subarray(0, 100))).rejects.toBeInstanceOf(DigestIndexError);
  });

  it('keeps the duplicates list', () => {
    const idx = buildIndex([...records, records[0]!]);
    expect(loadIndex(binary(idx)).duplicates).toEqual([records[0]!.id]);
  });

  it('after addRecords and removeRecords, loads with the hits a fresh build of the live records gives', () => {
    const idx = buildIndex(synthetic.slice(0, 150));
    addRecords(idx, synthetic.slice(150, 300));
    const gone = synthetic.filter((_, i) => i % 4 === 1 && i < 300).map((r) => r.id);
    removeRecords(idx, gone);
    const kept = synthetic.slice(0, 300).filter((r) => !gone.includes(r.id));
    const fresh = buildIndex(kept);
    const loaded = loadIndex(binary(idx));
    sameResults(loaded, fresh);
  });

  it('gives each record back whole and with its keys in their order, whatever its position holds', () => {
    const odd = [
      { ...records[0]!, position: { start: 2 ** 40, end: 2 ** 40 + 5 } },
      { ...records[1]!, position: { end: 9, start: 3 } },
      { url: 'https://example.org/', ...records[2]!, position: { start: 7, end: 3 } },
      { ...records[3]!, position: { start: 5, end: 1, extra: true } as unknown as DigestRecord['position'] },
      records[4]!,
    ];
    const loaded = loadIndex(binary(buildIndex(odd)));
    for (const r of odd) {
      const hit = search(loaded, r.title.slice(0, 8)).find((h) => h.id === r.id);
      expect(hit?.record).toEqual(r);
      expect(Object.keys(hit!.record)).toEqual(Object.keys(r));
      expect(Object.keys(hit!.record.position)).toEqual(Object.keys(r.position));
    }
  });

  it('a forged snapshot whose first dates are empty is refused at load, not at the first search', () => {
    const bytes = binary(buildIndex(records.slice(0, 3)));
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const header = view.getUint16(6, true);
    // COLUMNS is section 2: after META.
    const metaLength = view.getUint32(28, true);
    const colFrom = header + metaLength;
    const colLength = view.getUint32(36, true);
    const cols = JSON.parse(new TextDecoder().decode(bytes.subarray(colFrom, colFrom + colLength))) as string[];
    cols[3] = '';
    cols[4] = '';
    const json = new TextEncoder().encode(JSON.stringify(cols));
    expect(json.length).toBeLessThanOrEqual(colLength);
    bytes.fill(0x20, colFrom, colFrom + colLength); // JSON allows trailing spaces
    bytes.set(json, colFrom);
    view.setUint32(16, checksum(bytes, header), true);
    expect(() => loadIndex(bytes)).toThrow(DigestIndexError);
  });

  it('keeps views into the bytes it loaded, and never writes them: removeRecords copies first', () => {
    const half = Math.floor(records.length / 2);
    const bytes = binary(buildIndex(records.slice(0, half)));
    const before = bytes.slice();
    const loaded = loadIndex(bytes);
    removeRecords(loaded, records.slice(0, 3).map((r) => r.id));
    addRecords(loaded, records.slice(half));
    expect(bytes).toEqual(before);
    const late = records[records.length - 1]!;
    expect(search(loaded, late.title.slice(0, 6)).map((h) => h.id)).toContain(late.id);
    expect(search(loaded, records[0]!.title).map((h) => h.id)).not.toContain(records[0]!.id);
  });

  it('a loaded index takes addRecords and removeRecords like a built one', () => {
    const loaded = loadIndex(binary(buildIndex(synthetic.slice(0, 200))));
    addRecords(loaded, synthetic.slice(200));
    removeRecords(loaded, [synthetic[3]!.id, synthetic[250]!.id]);
    const fresh = buildIndex(synthetic.filter((r) => r.id !== synthetic[3]!.id && r.id !== synthetic[250]!.id));
    sameResults(loaded, fresh);
  });

  it('rejects a bad format option with a TypeError naming it', () => {
    expect(() => serializeIndex(index, { format: 'xml' as 'json' })).toThrow(/options\.format/);
  });
});

describe('records: extra fields, missing position', () => {
  it('buildIndex refuses a record without position, pointing to toRecord', () => {
    const { position: _, ...noPosition } = records[0]!;
    expect(() => buildIndex([noPosition as DigestRecord])).toThrow(/position.*toRecord/);
    const made = toRecord({ id: 'x1', date: '2025-01-02', title: 'ルッテ事務総長' });
    const loaded = loadIndex(binary(buildIndex([made])));
    expect(search(loaded, 'ルッテ').map((h) => h.id)).toEqual(['x1']);
  });

  it('a JSON index saved before buildIndex checked records, with records without position, loads and answers', () => {
    const json = JSON.parse(serializeIndex(buildIndex(records.slice(0, 5))));
    for (const r of json.records) delete r.position;
    const loaded = loadIndex(JSON.stringify(json));
    expect(loaded.records[0]?.position).toEqual({ start: 0, end: 0 });
    const hits = search(loaded, records[2]!.title.slice(0, 6));
    expect(hits.map((h) => h.id)).toContain(records[2]!.id);
    // And it saves as a snapshot that loads.
    expect(search(loadIndex(binary(loaded)), records[2]!.title.slice(0, 6))).toEqual(hits);
  });

  it('extra fields are kept, by the build and by both saved forms', () => {
    const withExtra = records.slice(0, 4).map((r, i) => ({ ...r, url: `https://example.org/${i}`, tags: ['a', i] }));
    const idx = buildIndex(withExtra);
    for (const loaded of [loadIndex(binary(idx)), loadIndex(serializeIndex(idx))]) {
      expect(search(loaded, records[1]!.title.slice(0, 5))[0]?.record).toEqual(withExtra[1]);
      sameResults(loaded, idx, QUERIES.slice(0, 3));
    }
  });

  it('isDigestRecord agrees with the DigestRecord schema', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined), fc.array(fc.string()), fc.record({ start: fc.integer({ min: -2, max: 3 }), end: fc.double() }));
    const candidate = fc.record(
      {
        id: fc.oneof(fc.constant(''), fc.constant('a1'), value),
        date: fc.oneof(fc.constant('2025-01-02'), fc.constant('2025-1-2'), value),
        time: fc.oneof(fc.constant(null), fc.constant('09:30'), fc.constant('9:30'), value),
        source: fc.oneof(fc.string(), value),
        outlet: fc.oneof(fc.string(), value),
        via: fc.oneof(fc.constant(null), fc.string(), value),
        title: fc.oneof(fc.string(), value),
        summary: fc.oneof(fc.string(), value),
        related: fc.oneof(fc.array(fc.oneof(fc.record({ id: fc.string() }), fc.record({ id: fc.string(), source: fc.oneof(fc.string(), fc.integer()) }), value)), value),
        notes: fc.oneof(fc.array(fc.string()), fc.array(value), value),
        position: fc.oneof(fc.record({ start: fc.nat(), end: fc.nat() }), value),
        extra: value,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(candidate, (c) => {
        expect(isDigestRecord(c)).toBe(DigestRecord.safeParse(c).success);
      }),
      { numRuns: 2000 },
    );
    for (const r of records) expect(isDigestRecord(r)).toBe(true);
  });
});

describe('binary snapshot: properties', () => {
  // Arbitrary records made of the real digest's text and of arbitrary strings, with or without extra fields.
  const sentences = records.flatMap((r) => r.summary.split(/(?<=。)/)).filter((s) => s.length > 0);
  const text = fc.oneof(fc.constantFrom(...sentences), fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 }));
  const arbRecords = fc
    .array(
      fc.record({
        title: text,
        summary: fc.array(text, { maxLength: 4 }),
        notes: fc.array(text, { maxLength: 2 }),
        source: fc.constantFrom('共同通信', '時事', 'NHK', ''),
        date: fc.constantFrom('2022-06-07', '2024-07-12', '2025-04-09'),
        // Saved through JSON, as docs/search.md says: -0 comes back as 0, so the arbitrary gives what JSON keeps.
        extra: fc.option(fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 20 },
    )
    .map((rs) =>
      rs.map((r, i) => {
        const rec = toRecord({ id: `r${i % 15}`, date: r.date, title: r.title, summary: r.summary.join(''), notes: r.notes, source: r.source });
        return r.extra === undefined ? rec : { ...rec, extra: r.extra };
      }),
    );

  it('any index buildIndex accepts saves and loads with the same hits, also after add and remove', () => {
    fc.assert(
      fc.property(arbRecords, fc.array(fc.nat(), { maxLength: 3 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 4 }), (recs, removeAt, cuts) => {
        const half = Math.ceil(recs.length / 2);
        const idx = buildIndex(recs.slice(0, half));
        addRecords(idx, recs.slice(half));
        removeRecords(idx, removeAt.map((k) => recs[k % recs.length]!.id));
        const loaded = loadIndex(binary(idx));
        const viaJson = loadIndex(serializeIndex(idx));
        const queries = cuts.map(([r, at, len]) => {
          const rec = recs[r % recs.length]!;
          const t = `${rec.title}${rec.summary}`;
          const from = t.length === 0 ? 0 : at % t.length;
          return t.slice(from, from + len) || 'x';
        });
        for (const q of queries) {
          for (const o of [{}, { fuzzy: 1, prefix: true }] as SearchOptions[]) {
            const want = search(idx, q, o);
            expect(search(loaded, q, o), q).toEqual(want);
            expect(search(viaJson, q, o), q).toEqual(want);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('binary snapshot: damaged and foreign input', () => {
  const small = binary(buildIndex(records.slice(0, 8)));
  const json = serializeIndex(buildIndex(records.slice(0, 8)));

  it('says which check failed', () => {
    expect(reasonOf(new Uint8Array(0))).toBe('foreign');
    expect(reasonOf(new TextEncoder().encode('PK\u0003\u0004 zip'))).toBe('foreign');
    expect(reasonOf(small.subarray(0, 10))).toBe('truncated');
    expect(reasonOf(small.subarray(0, small.length - 1))).toBe('truncated');
    const flipped = small.slice();
    flipped[small.length - 20]! ^= 0x10;
    expect(reasonOf(flipped)).toBe('checksum');
    const v9 = small.slice();
    v9[4] = 9;
    expect(reasonOf(v9)).toBe('version');
    expect(() => loadIndex(v9)).toThrow(/version 9; this library reads version 2/);
    const v1 = small.slice();
    v1[4] = 1; // the format before postings were kept packed: refused by version, with what to do
    expect(() => loadIndex(v1)).toThrow(/version 1; this library reads version 2.*build the index again/);
    expect(reasonOf(JSON.stringify({ ...JSON.parse(json), version: 99 }))).toBe('version');
    expect(() => loadIndex(JSON.stringify({ ...JSON.parse(json), version: 99 }))).toThrow(/JSON format version 99; this library reads version 1 \(build the index again/);
    // JSON.stringify(index) is the index's own fields, not its saved form: the message says what to call.
    const dump = JSON.stringify(buildIndex(records.slice(0, 3)));
    expect(reasonOf(dump)).toBe('foreign');
    expect(() => loadIndex(dump)).toThrow(/JSON\.stringify\(index\), not a saved index: save with serializeIndex\(index\)/);
    expect(reasonOf('not json')).toBe('foreign');
    const longer = new Uint8Array(small.length + 3);
    longer.set(small);
    expect(reasonOf(longer)).toBe('corrupt');
    expect(() => loadIndex(42 as unknown as string)).toThrow(DigestIndexError);
  });

  it('random bytes: DigestIndexError, never another error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (raw, magic) => {
        const b = raw.slice();
        if (magic && b.length >= 6) b.set([0x4a, 0x44, 0x53, 0x58, 1, 0]);
        expect(reasonOf(b)).not.toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it('a valid snapshot with random damage: refused with DigestIndexError, or (damage undone) the same index', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), fc.nat(), fc.constantFrom('flip', 'cut', 'splice'), (at, mask, len, kind) => {
        const p = at % small.length;
        let b: Uint8Array;
        if (kind === 'flip') {
          b = small.slice();
          b[p]! ^= mask;
        } else if (kind === 'cut') b = small.subarray(0, p);
        else b = new Uint8Array([...small.subarray(0, p), ...small.subarray(p + 1 + (len % 8))]);
        expect(reasonOf(b)).not.toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('damage the checksum cannot see (the checksum recomputed): refused, or an index that searches without throwing', () => {
    const headerLength = new DataView(small.buffer).getUint16(6, true);
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const p = headerLength + (at % (small.length - headerLength));
        const b = recrc(small, (x) => {
          x[p]! ^= mask;
        });
        let loaded: DigestIndex | null = null;
        try {
          loaded = loadIndex(b);
        } catch (e) {
          expect(e).toBeInstanceOf(DigestIndexError);
        }
        if (loaded) for (const q of ['ルッテ', 'NATO', '太平洋', 'ﾙｯﾃ 事務総長']) search(loaded, q, { fuzzy: 1, prefix: true });
      }),
      { numRuns: 500 },
    );
  });

  it('a length that claims more than the input holds is refused before anything is allocated', () => {
    const huge = recrc(small, (x) => {
      // The GRAMS section's posting count (first varint of section 7) set to 2^32 - 1.
      const view = new DataView(x.buffer);
      const headerLength = view.getUint16(6, true);
      let pos = headerLength;
      for (let k = 0; k < 6; k++) pos += view.getUint32(24 + 8 * k + 4, true);
      x.set([0xff, 0xff, 0xff, 0xff, 0x0f], pos);
    });
    expect(reasonOf(huge)).toBe('corrupt');
  });
});

describe('one-character queries on a loaded index', () => {
  const built = buildIndex(synthetic);
  const derived = (index: DigestIndex): number => (index as unknown as { fields: unknown[] }).fields.filter((f) => f !== undefined).length;

  it('come from the postings: the same hits as the build, without deriving every record’s text', () => {
    const loaded = loadIndex(binary(built));
    expect(derived(loaded)).toBe(0);
    for (const q of ['日', '防', 'A', '・']) expect(search(loaded, q, { limit: 5 }), q).toEqual(search(built, q, { limit: 5 }));
    // Only the records the ranking checked and the hits were derived (the old scan derived all 400).
    expect(derived(loaded)).toBeLessThan(synthetic.length / 4);
  });

  it('an index without run-end keys (saved before them) reads the text instead, with the same hits', () => {
    const loaded = loadIndex(binary(built));
    (loaded.grams as unknown as { runEnds: boolean }).runEnds = false;
    for (const q of ['日', '防', 'A']) expect(search(loaded, q, { limit: 50 }), q).toEqual(search(built, q, { limit: 50 }));
    expect(derived(loaded)).toBe(synthetic.length);
    // Saved again, it says so: the flag is off, and the load checks keys without run ends.
    const again = loadIndex(binary(loaded));
    expect((again.grams as unknown as { runEnds: boolean }).runEnds).toBe(false);
  });
});
