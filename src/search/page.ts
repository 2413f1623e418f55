/**
 * searchPage: one page of results for a search UI, with what it needs to
 * draw the rest: how many records match, their counts by outlet, source,
 * year and month, and where the page is. The page is a slice of the long
 * list `search` ranks (the first `offset + limit` hits, from `offset`), so
 * page 2 continues page 1 exactly. An empty query browses: every record the
 * filter keeps, newest first.
 */
import { DigestIndex } from '../search-index/build.js';
import { browse } from './browse.js';
import { countMatches } from './count.js';
import { FACET_NAMES, FacetTally, compileFilter, facetColumns, strata } from './facets.js';
import type { FacetCount, FacetName, Facets } from './facets.js';
import { MAX_LIMIT, checkSearchOptions, failWith } from './options.js';
import { filterParts, partsFilter, queryTerms } from './query.js';
import { collect, hitsOf, prepareQuery, queryBoosts } from './search.js';
import type { SearchHit, SearchOptions } from './search.js';

export type { FacetCount, FacetName, Facets };

export interface SearchPageOptions extends SearchOptions {
  /** Hits skipped before the page: a whole number >= 0, with `offset + limit` at most 10,000. Default 0. */
  offset?: number;
  /** The facets to count: `'outlet'`, `'year'`, `'month'`, `'source'`. Default none. */
  facets?: readonly FacetName[];
}

export interface SearchPage {
  /** `limit` hits from `offset` of the list `search` ranks (for an empty query: newest first). */
  hits: SearchHit[];
  /** How many records match: every match kind `search` returns (for an empty query: every record the filter keeps). */
  total: number;
  /**
   * True: `total` and every facet count are exact. False: counting every
   * match would have cost more than the page, and they are estimates from a
   * sample of the candidates (`total` within ±10%).
   */
  totalExact: boolean;
  /** Counts of the matching records per value of each facet asked, most frequent first (`year`, `month`: newest first). */
  facets: Facets;
  offset: number;
  limit: number;
}

interface CheckedPage {
  offset: number;
  facets: FacetName[];
}

function checkPageOptions(options: SearchPageOptions, limit: number): CheckedPage {
  const { offset = 0, facets = [] } = options;
  if (!(Number.isInteger(offset) && offset >= 0 && offset + limit <= MAX_LIMIT)) {
    failWith('searchPage', 'offset', `a whole number >= 0, with offset + limit at most ${MAX_LIMIT} (limit is ${limit})`, offset);
  }
  const names = `${FACET_NAMES.map((f) => `'${f}'`).join(', ')}`;
  if (!Array.isArray(facets) || !facets.every((f) => FACET_NAMES.includes(f))) failWith('searchPage', 'facets', `an array of ${names}`, facets);
  return { offset, facets: [...new Set(facets)] };
}

/**
 * A page of results: `hits` (what `search` gives, from `offset` for `limit`),
 * `total`, `facets` and whether the counts are exact. Never throws on a
 * query; an option out of range throws a TypeError that names it.
 */
export function searchPage(index: DigestIndex, query: string, options: SearchPageOptions = {}): SearchPage {
  if (!(index instanceof DigestIndex)) throw new TypeError('ja-digest-search: searchPage expects an index from buildIndex or loadIndex');
  const checked = checkSearchOptions(options, 'searchPage');
  const { offset, facets: asked } = checkPageOptions(options, checked.limit);
  const { limit } = checked;
  const fieldBoosts = queryBoosts(index, options, 'searchPage');
  const parts = filterParts(options.filter, 'searchPage');
  const page = { offset, limit };
  const none = (): SearchPage => ({ hits: [], total: 0, totalExact: true, facets: Object.fromEntries(asked.map((k) => [k, []])), ...page });
  if (typeof query !== 'string') return none();
  if (query.trim() === '') return { ...browse(index, parts, asked, offset, limit, checked.snippet), totalExact: true, ...page };
  const terms = queryTerms(query, index.options.stopTerms);
  if (terms.length === 0 || index.live === 0) return none();

  const q = prepareQuery(index, terms, fieldBoosts, checked.any);
  const end = offset + limit;
  // The long list up to the page's end; the partial tier, if reached, gives all its hits for the count.
  const { ranked, count, partials } = collect(q, { ...checked, limit: end }, partsFilter(index, parts), true);
  const hits = hitsOf(index, ranked, offset, end, checked.snippet);
  // Fewer than asked: the long list ended, and it is every match under the filter.
  const complete = count < end;
  const fc = facetColumns(index);
  const st = strata(index, fc, compileFilter(fc, parts), asked);
  if (complete && st.count === 1) {
    const tally = new FacetTally(fc, st, asked);
    for (const { scored } of ranked) for (const s of scored) tally.add(s.doc, 1);
    return { hits, total: count, totalExact: true, facets: tally.facets(), ...page };
  }
  const counted = countMatches(q, checked, parts, asked, partials);
  // What the ranking found is certain: a complete list is the total, and any list a lower bound.
  const total = complete ? count : Math.max(counted.total, count);
  return { hits, total, totalExact: counted.exact, facets: counted.facets, ...page };
}
