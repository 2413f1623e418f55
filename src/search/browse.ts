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
import { TopK } from './top.js';

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
  const top = new TopK(offset + limit, before);
  for (let doc = 0; doc < index.docCount; doc++) {
    const mask = st.mask(doc);
    if (mask === 0) continue;
    tally.add(doc, mask);
    if (mask & 1) top.offer(doc);
  }
  const newest = top.sorted().slice(offset);
  return {
    hits: toHits(index, newest.map((doc) => ({ doc, score: 0, terms: [], marks: [] })), 'exact', snippet),
    total: Math.round(tally.totals[0] ?? 0),
    facets: tally.facets(),
  };
}
