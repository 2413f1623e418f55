/**
 * Facets: counts of matching records by outlet, source, year and month. Each
 * record's values are small numbers in columns made once per index (and
 * extended when records are added), so a count is a pass over numbers. The
 * filter is compiled to the same numbers: a date range as day numbers, the
 * `sources` filter as a flag per (source, outlet) pair, `years` as a flag per
 * year. Counts are disjunctive, as Algolia and Meilisearch make them: each
 * facet's counts apply every filter except its own (see `strata`).
 */
import { normalizeText } from '../analysis/normalize.js';
import type { DigestIndex } from '../search-index/build.js';
import type { FilterParts } from './query.js';

export type FacetName = 'outlet' | 'year' | 'month' | 'source';
export const FACET_NAMES: readonly FacetName[] = ['outlet', 'year', 'month', 'source'];

export interface FacetCount {
  value: string;
  count: number;
}

/** The counts of the facets asked for, each most frequent first (`year` and `month` newest first). */
export type Facets = { [K in FacetName]?: FacetCount[] };

/** One facet's distinct values and, per record, the number of its value (-1: no record there). */
interface Column {
  values: string[];
  ids: Map<string, number>;
  of: Int32Array;
}

/** Per index: a column per facet, and the (source, outlet) pair of each record. */
export interface FacetColumns {
  /** Records covered: the index's record count when last brought up to date. */
  size: number;
  cols: Record<FacetName, Column>;
  /** Per record, its (source, outlet) pair: what the `sources` filter tests. */
  pair: Column;
  /** Per pair, the normalized source and outlet (as the index's source keys). */
  pairKeys: [string, string][];
}

const cache = new WeakMap<DigestIndex, FacetColumns>();

function column(): Column {
  return { values: [], ids: new Map(), of: new Int32Array(0) };
}

function grow(a: Int32Array, n: number): Int32Array {
  if (a.length >= n) return a;
  const b = new Int32Array(Math.max(n, a.length * 2, 1024));
  b.set(a);
  return b;
}

function idOf(c: Column, value: string, onNew?: (value: string) => void): number {
  let id = c.ids.get(value);
  if (id === undefined) {
    id = c.values.length;
    c.values.push(value);
    c.ids.set(value, id);
    onNew?.(value);
  }
  return id;
}

/**
 * The index's facet columns, brought up to date. A record's number never
 * changes and a removed one leaves a hole, so the columns only ever grow;
 * loops skip removed records (`index.isLive`). They read the index's
 * columns of dates, sources and outlets: no record is decoded.
 */
export function facetColumns(index: DigestIndex): FacetColumns {
  let fc = cache.get(index);
  if (!fc) {
    fc = { size: 0, cols: { outlet: column(), year: column(), month: column(), source: column() }, pair: column(), pairKeys: [] };
    cache.set(index, fc);
  }
  const n = index.docCount;
  if (fc.size === n) return fc;
  const { cols, pair, pairKeys } = fc;
  const all = [cols.outlet, cols.year, cols.month, cols.source, pair];
  for (const c of all) c.of = grow(c.of, n);
  for (let doc = fc.size; doc < n; doc++) {
    if (!index.isLive(doc)) {
      for (const c of all) c.of[doc] = -1;
      continue;
    }
    const date = index.dateOf(doc);
    const source = index.sourceOf(doc);
    const outlet = index.outletOf(doc);
    cols.outlet.of[doc] = idOf(cols.outlet, outlet);
    cols.source.of[doc] = idOf(cols.source, source);
    cols.year.of[doc] = idOf(cols.year, date.slice(0, 4));
    cols.month.of[doc] = idOf(cols.month, date.slice(0, 7));
    // \u0000 only joins the two: neither a source nor an outlet holds one after parsing, and the pair is only a key.
    pair.of[doc] = idOf(pair, `${source}\u0000${outlet}`, () => pairKeys.push([normalizeText(source), normalizeText(outlet)]));
  }
  fc.size = n;
  return fc;
}

/**
 * A filter as numbers: the records it keeps are those whose day number is in
 * [from, to], whose pair's flag is set (no flags: every pair) and whose year's
 * flag is set (likewise). The same records `makeFilter` keeps.
 */
export interface CompiledFilter {
  from: number;
  to: number;
  sources: Uint8Array | null;
  years: Uint8Array | null;
}

/** `2025` → 20250000 as a lower bound, 20259999 as an upper one; `2025-04` → 20250400 / 20250499. */
function dayBound(prefix: string | null, upper: boolean): number {
  if (prefix === null) return upper ? Infinity : -Infinity;
  const digits = prefix.replace(/-/g, '');
  return Number(digits.padEnd(8, upper ? '9' : '0'));
}

export function compileFilter(fc: FacetColumns, parts: FilterParts): CompiledFilter {
  const { sources, years } = parts;
  return {
    from: dayBound(parts.from, false),
    to: dayBound(parts.to, true),
    sources: sources === null ? null : Uint8Array.from(fc.pairKeys, ([s, o]) => (sources.has(s) || sources.has(o) ? 1 : 0)),
    years: years === null ? null : Uint8Array.from(fc.cols.year.values, (y) => (years.has(y) ? 1 : 0)),
  };
}

/**
 * The filters the counts need, as bits: bit 0 is the whole filter (the
 * total, month), then the filter without `sources` (outlet and source
 * counts) and without `years` (year counts) when those differ from it.
 * `facet[k]` is the bit its counts use.
 */
export interface Strata {
  count: number;
  facet: Record<FacetName, number>;
  /** The strata a record is in: 0 when none. */
  mask: (doc: number) => number;
}

export function strata(index: DigestIndex, fc: FacetColumns, f: CompiledFilter, asked: readonly FacetName[]): Strata {
  const bySource = f.sources !== null && (asked.includes('outlet') || asked.includes('source'));
  const byYear = f.years !== null && asked.includes('year');
  const srcBit = bySource ? 1 : 0;
  const yearBit = byYear ? srcBit + 1 : 0;
  const { from, to, sources, years } = f;
  const pairOf = fc.pair.of;
  const yearOf = fc.cols.year.of;
  const day = index.dayKeys;
  const count = 1 + (bySource ? 1 : 0) + (byYear ? 1 : 0);
  const facet = { outlet: srcBit, source: srcBit, year: yearBit, month: 0 };
  // No filter: every live record is in the one stratum (the common case, and a hot loop).
  if (from === -Infinity && to === Infinity && sources === null && years === null) return { count, facet, mask: (doc) => (index.isLive(doc) ? 1 : 0) };
  return {
    count,
    facet,
    mask: (doc) => {
      if (!index.isLive(doc)) return 0;
      const d = day[doc] ?? 0;
      if (d < from || d > to) return 0;
      const sOk = sources === null || sources[pairOf[doc] ?? 0] === 1;
      const yOk = years === null || years[yearOf[doc] ?? 0] === 1;
      let m = sOk && yOk ? 1 : 0;
      if (bySource && yOk) m |= 1 << srcBit;
      if (byYear && sOk) m |= 1 << yearBit;
      return m;
    },
  };
}

/**
 * Counts per stratum and per value of each facet asked: `add(doc, mask, w)`
 * adds weight `w` to the record's values in the strata of `mask`. Parallel
 * arrays and a loop over the facets asked: it runs for every candidate.
 */
export class FacetTally {
  readonly totals: Float64Array;
  private readonly names: FacetName[];
  /** Per facet asked: the stratum bit it counts in, each record's value number, a count per value. */
  private readonly bits: Int32Array;
  private readonly of: Int32Array[];
  private readonly counts: Float64Array[];
  constructor(
    private readonly fc: FacetColumns,
    st: Strata,
    asked: readonly FacetName[],
  ) {
    this.totals = new Float64Array(st.count);
    this.names = [...asked];
    this.bits = Int32Array.from(asked, (name) => 1 << st.facet[name]);
    this.of = asked.map((name) => fc.cols[name].of);
    this.counts = asked.map((name) => new Float64Array(fc.cols[name].values.length));
  }

  add(doc: number, mask: number, w = 1): void {
    const totals = this.totals;
    if (mask === 1) totals[0] = (totals[0] ?? 0) + w;
    else for (let s = 0; s < totals.length; s++) if (mask & (1 << s)) totals[s] = (totals[s] ?? 0) + w;
    const { bits, of, counts } = this;
    for (let k = 0; k < bits.length; k++) {
      if (!(mask & (bits[k] ?? 0))) continue;
      const v = (of[k] as Int32Array)[doc] ?? -1;
      const c = counts[k] as Float64Array;
      if (v >= 0) c[v] = (c[v] ?? 0) + w;
    }
  }

  /** Adds another tally's counts (over the same facets), each scaled by `scale` (a sampled share). */
  addScaled(other: FacetTally, scale: number): void {
    for (let s = 0; s < this.totals.length; s++) this.totals[s] = (this.totals[s] ?? 0) + (other.totals[s] ?? 0) * scale;
    this.counts.forEach((c, k) => {
      const o = other.counts[k] ?? new Float64Array(0);
      for (let v = 0; v < c.length; v++) c[v] = (c[v] ?? 0) + (o[v] ?? 0) * scale;
    });
  }

  /** The facets asked, rounded, without zero counts, in display order. */
  facets(): Facets {
    const out: Facets = {};
    this.names.forEach((name, k) => {
      out[name] = sortFacet(name, this.fc.cols[name].values, this.counts[k] ?? new Float64Array(0));
    });
    return out;
  }
}

/** Most frequent first, then by value; years and months newest first. */
export function sortFacet(k: FacetName, values: readonly string[], counts: ArrayLike<number>): FacetCount[] {
  const out: FacetCount[] = [];
  for (let v = 0; v < values.length; v++) {
    const count = Math.round(counts[v] ?? 0);
    if (count > 0) out.push({ value: values[v] as string, count });
  }
  const byValue = (a: FacetCount, b: FacetCount): number => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  if (k === 'year' || k === 'month') out.sort((a, b) => byValue(b, a));
  else out.sort((a, b) => b.count - a.count || byValue(a, b));
  return out;
}
