import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OffsetLists } from '../src/search-index/offset-lists.js';

describe('OffsetLists', () => {
  it('gives back each slot as last set, null where unset or set to null, across growth', () => {
    const list = fc.option(fc.array(fc.integer({ min: 0, max: 1e6 }), { maxLength: 40 }), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5000), list), { maxLength: 200 }), (sets) => {
        const lists = new OffsetLists();
        const want = new Map<number, number[] | null>();
        for (const [slot, l] of sets) {
          lists.set(slot, l === null ? null : Int32Array.from(l));
          want.set(slot, l);
        }
        for (const [slot, l] of want) expect(lists.get(slot) === null ? null : Array.from(lists.get(slot)!)).toEqual(l);
        expect(lists.get(6000)).toBeNull();
      }),
    );
  });
});
