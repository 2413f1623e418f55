/**
 * Browsing: the page of an empty query. Every record the filter keeps,
 * newest first (by date, then by ID: the order `sort: 'date'` gives records
 * of equal score), with the exact count and facets of one pass over the
 * index's columns; only the records of the page are decoded.
 */
import type { DigestIndex } from '../search-index/build.js';
import { FacetTally, compileFilter, facetColumns, strata } from './facets.js';
import type { FacetName, Facets } from './facets.js';
import type { FilterParts } from './query.js';
import { toHits } from './rank.js';
import type { SearchHit } from './search.js';
import type { SnippetOptions } from './snippet.js';

export interface Browsed {
  hits: SearchHit[];
  total: number;
  facets: Facets;
}

export function browse(index: DigestIndex, parts: FilterParts, asked: readonly FacetName[], offset: number, limit: number, snippet: SnippetOptions | undefined): Browsed {
  const fc = facetColumns(index);
  const st = strata(index, fc, compileFilter(fc, parts), asked);
  const tally = new FacetTally(fc, st, asked);
  const day = index.dayKeys;
  // Newer first; the same day: the smaller ID first.
  const before = (a: number, b: number): boolean => {
    const da = day[a] ?? 0;
    const db = day[b] ?? 0;
    if (da !== db) return da > db;
    return index.idOf(a) < index.idOf(b);
  };
  const want = offset + limit;
  // The `want` newest kept so far, the oldest of them at the root: O(n log want).
  const heap: number[] = [];
  const worse = (i: number, j: number): boolean => before(heap[j] ?? 0, heap[i] ?? 0);
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(l, m)) m = l;
      if (r < heap.length && worse(r, m)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] ?? 0, heap[i] ?? 0];
      i = m;
    }
  };
  for (let doc = 0; doc < index.docCount; doc++) {
    const mask = st.mask(doc);
    if (mask === 0) continue;
    tally.add(doc, mask);
    if (!(mask & 1) || want === 0) continue;
    if (heap.length < want) {
      heap.push(doc);
      for (let c = heap.length - 1; c > 0; ) {
        const p = (c - 1) >> 1;
        if (!worse(c, p)) break;
        [heap[c], heap[p]] = [heap[p] ?? 0, heap[c] ?? 0];
        c = p;
      }
    } else if (before(doc, heap[0] ?? 0)) {
      heap[0] = doc;
      down(0);
    }
  }
  const newest = heap.sort((a, b) => (before(a, b) ? -1 : 1)).slice(offset);
  return {
    hits: toHits(index, newest.map((doc) => ({ doc, score: 0, terms: [], marks: [] })), 'exact', snippet),
    total: Math.round(tally.totals[0] ?? 0),
    facets: tally.facets(),
  };
}
