import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopK } from '../src/search/top.js';

describe('TopK', () => {
  it('keeps the first k in the given order, as sorting everything would (ties in offer order)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), fc.integer({ min: 0, max: 50 }), (values, k) => {
        // Larger value first; equal values are ties, kept as the heap leaves them, so compare values only.
        const top = new TopK(k, (a, b) => (values[a] ?? 0) > (values[b] ?? 0));
        values.forEach((_, i) => top.offer(i));
        const got = top.sorted().map((i) => values[i]);
        expect(got).toEqual([...values].sort((a, b) => b - a).slice(0, k));
      }),
    );
  });

  it('with a total order, gives exactly the first k items', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { maxLength: 200 }), fc.integer({ min: 0, max: 50 }), (values, k) => {
        const top = new TopK(k, (a, b) => a < b);
        for (const v of values) top.offer(v);
        expect(top.sorted()).toEqual([...values].sort((a, b) => a - b).slice(0, k));
      }),
    );
  });
});
