import { describe, expect, it } from 'vitest';
import { GramIndex, PostingTable, countsLength, decodeCounts, decodeDocs, docsLength, encodeCounts, encodeDocs, lowerBound, packedMin } from '../src/search-index/grams.js';
import fc from 'fast-check';
import { buildIndex, removeRecords, search } from '../src/index.js';
import type { DigestRecord } from '../src/index.js';

const docsOf = (g: GramIndex, term: string): number[] => {
  const keys = g.keysOf(term);
  if (!keys) return [];
  const p = g.get(keys[0]!);
  return p ? Array.from(p.docs.subarray(0, p.n)) : [];
};

describe('GramIndex', () => {
  it('holds each bigram with its documents in order and per-field counts', () => {
    const g = new GramIndex();
    g.add(0, ['東京都', 'とうきょう 東京', '', '']);
    g.add(1, ['', '京都', '', '']);
    expect(docsOf(g, '東京')).toEqual([0]);
    expect(docsOf(g, '京都')).toEqual([0, 1]);
    const p = g.get(g.keysOf('東京')![0]!)!;
    // once in the title (field 0), once in the summary (field 1)
    expect(p.tfs[0]).toBe(1 + (1 << 8));
    expect(g.keysOf('大阪')).toBeNull();
    expect(g.keysOf('京')).toEqual([g.keysOf('京')![0]]);
  });

  it('does not pair characters across a space', () => {
    const g = new GramIndex();
    g.add(0, ['ab cd', '', '', '']);
    expect(docsOf(g, 'bc')).toEqual([]);
    expect(docsOf(g, 'cd')).toEqual([0]);
  });

  it('grows its table past the first capacity and removes documents', () => {
    const g = new GramIndex();
    // Pseudo-random text over 300 characters: tens of thousands of distinct bigrams.
    let seed = 1;
    const next = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % 500;
    const texts = Array.from({ length: 600 }, () => Array.from({ length: 200 }, () => String.fromCharCode(0x4e00 + next())).join(''));
    texts.forEach((t, d) => g.add(d, [t, '', '', '']));
    const distinct = new Set(texts.flatMap((t) => Array.from({ length: t.length - 1 }, (_, i) => t.slice(i, i + 2))));
    expect(distinct.size).toBeGreaterThan(40_000);
    for (const pair of [...distinct].slice(0, 2000)) {
      const expected = texts.flatMap((t, d) => (t.includes(pair) ? [d] : []));
      expect(docsOf(g, pair)).toEqual(expected);
    }
    const pair = texts[5]!.slice(0, 2);
    g.remove(5, [texts[5]!, '', '', '']);
    expect(docsOf(g, pair)).toEqual(texts.flatMap((t, d) => (d !== 5 && t.includes(pair) ? [d] : [])));
  });

  it('saturates counts at 255 per field', () => {
    const g = new GramIndex();
    g.add(0, ['', 'ああ'.repeat(400), '', '']);
    const p = g.get(g.keysOf('ああ')![0]!)!;
    expect((p.tfs[0]! >>> 8) & 255).toBe(255);
    expect(p.tfs[0]! & 255).toBe(0);
  });

  it('helpers: lowerBound and per-field minimum', () => {
    expect(lowerBound(Int32Array.from([1, 3, 5, 7]), 4, 5)).toBe(2);
    expect(lowerBound(Int32Array.from([1, 3, 5, 7]), 4, 8)).toBe(4);
    expect(packedMin(0x01020304, 0x04030201)).toBe(0x01020201);
  });
});

describe('single characters, looked up on demand', () => {
  const base = { date: '2025-01-01', time: null, source: 's', outlet: 's', via: null, related: [], notes: [], position: { start: 0, end: 0 } };
  const recs: DigestRecord[] = [
    { ...base, id: 'a', title: '日 EU', summary: '雨。' },
    { ...base, id: 'b', title: '晴れ', summary: '日本の天気。' },
    { ...base, id: 'c', title: '曇り', summary: '雪。' },
  ];

  it('finds a character standing alone or inside words, and forgets removed records', () => {
    const index = buildIndex(recs);
    expect(search(index, '日').map((h) => h.id).sort()).toEqual(['a', 'b']);
    removeRecords(index, ['a']);
    expect(search(index, '日').map((h) => h.id)).toEqual(['b']);
    expect(search(index, '雪').map((h) => h.id)).toEqual(['c']);
  });
});

describe('the packed form of postings', () => {
  it('document gaps and count words decode to what was encoded, in the bytes the length functions say', () => {
    const count = fc.oneof(fc.integer({ min: 1, max: 255 }), fc.integer({ min: 1, max: 31 }));
    const packed = fc.oneof(
      fc.tuple(count, fc.integer({ min: 0, max: 3 })).map(([c, f]) => c * 2 ** (8 * f)),
      fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map(([a, b, c, d]) => (a + b * 256 + c * 65536 + d * 16777216) >>> 0).filter((v) => v !== 0),
    );
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 31 - 2 }), { maxLength: 60 }), fc.array(packed, { minLength: 60, maxLength: 60 }), (ds, ts) => {
        const docs = Int32Array.from(ds.sort((a, b) => a - b));
        const n = docs.length;
        const tfs = Uint32Array.from(ts.slice(0, n));
        const dBytes = new Uint8Array(docsLength(docs, n) + 3);
        expect(encodeDocs(docs, n, dBytes, 3)).toBe(dBytes.length);
        const tBytes = new Uint8Array(countsLength(tfs, n));
        expect(encodeCounts(tfs, n, tBytes, 0)).toBe(tBytes.length);
        const d2 = new Int32Array(n);
        const t2 = new Uint32Array(n);
        decodeDocs(dBytes, 3, n, d2);
        decodeCounts(tBytes, 0, n, t2);
        expect(Array.from(d2)).toEqual(Array.from(docs));
        expect(Array.from(t2)).toEqual(Array.from(tfs));
      }),
      { numRuns: 300 },
    );
  });

  it('takes one byte for a dense document and for a single field counted once', () => {
    const docs = Int32Array.from([0, 1, 2, 3, 100]);
    expect(docsLength(docs, 5)).toBe(5);
    expect(countsLength(Uint32Array.from([1, 256, 65536, 16777216, 31 * 256]), 5)).toBe(5);
    expect(countsLength(Uint32Array.from([257]), 1)).toBe(3); // two fields: the escape and the packed word
  });
});

describe('single characters from the postings (run-end keys)', () => {
  // Texts over a few characters, spaces included: characters alone between spaces, at field ends, repeated.
  const text = fc.array(fc.constantFrom('日', '本', 'a', ' ', '・', '米'), { maxLength: 40 }).map((cs) => cs.join(''));
  const fields = fc.tuple(text, text, text, text);

  it('a character’s documents and per-field counts equal a count over the text', () => {
    fc.assert(
      fc.property(fc.array(fields, { minLength: 1, maxLength: 8 }), (docs) => {
        const g = new GramIndex();
        docs.forEach((f, d) => g.add(d, f));
        for (const ch of ['日', '本', 'a', '・', '米']) {
          const id = g.idOf(ch.charCodeAt(0));
          const want: [number, number][] = [];
          docs.forEach((f, d) => {
            let packed = 0;
            f.forEach((t, k) => {
              packed += Math.min(255, t.split(ch).length - 1) * 2 ** (8 * k);
            });
            if (packed > 0) want.push([d, packed]);
          });
          if (id === 0) {
            expect(want, ch).toEqual([]);
            continue;
          }
          const p = g.unigram(id);
          expect(Array.from(p.docs.subarray(0, p.n), (d, i) => [d, p.tfs[i]]), ch).toEqual(want);
        }
      }),
    );
  });

  it('saturate at 255 per field, as the counts of a scan do', () => {
    const g = new GramIndex();
    g.add(0, ['日'.repeat(300), '日 '.repeat(300), '日本'.repeat(200), '']);
    const p = g.unigram(g.idOf('日'.charCodeAt(0)));
    expect(p.tfs[0]).toBe(255 + 255 * 256 + 200 * 65536);
  });
});

describe('packing again after changes', () => {
  const text = fc.array(fc.constantFrom('日', '本', 'a', ' ', '米', 'x'), { maxLength: 30 }).map((cs) => cs.join(''));
  const fields = fc.tuple(text, text, text, text);
  const lists = (g: GramIndex) => g.sorted().map((l) => [l.key, Array.from(l.docs.subarray(0, l.n)), Array.from(l.tfs.subarray(0, l.n))]);

  it('copies the postings still packed and encodes the changed ones: the same lists as a table never packed', () => {
    fc.assert(
      fc.property(fc.array(fields, { minLength: 2, maxLength: 12 }), fc.nat(), fc.nat(), (docs, cut, gone) => {
        const packed = new GramIndex();
        const plain = new GramIndex();
        const split = 1 + (cut % (docs.length - 1));
        docs.slice(0, split).forEach((f, d) => {
          packed.add(d, f);
          plain.add(d, f);
        });
        packed.pack();
        // A removal re-encodes a packed posting in place, shorter than its slot.
        const r = gone % split;
        packed.remove(r, docs[r] ?? []);
        plain.remove(r, docs[r] ?? []);
        docs.slice(split).forEach((f, k) => {
          packed.add(split + k, f);
          plain.add(split + k, f);
        });
        packed.pack();
        expect(lists(packed)).toEqual(lists(plain));
        packed.pack();
        expect(lists(packed)).toEqual(lists(plain));
      }),
    );
  });
});

describe('adopting packed postings (a loaded snapshot)', () => {
  it('refuses a repeated key, found by the insertion probe', () => {
    const none = new Uint32Array(2);
    const bytes = new Uint8Array(0);
    expect(new PostingTable(10).adopt([65537, 131074], none, none, none, bytes, bytes)).toBe(true);
    expect(new PostingTable(10).adopt([65537, 131074, 65537], new Uint32Array(3), new Uint32Array(3), new Uint32Array(3), bytes, bytes)).toBe(false);
  });
});
