/**
 * Why a search came back empty. When the query alone finds records but the
 * filters (--source, --from, --to) remove them all, "No records match" must
 * not blame the query: the message names the filters and what dropping each
 * would give.
 */
import type { SearchFilter } from '../index.js';
import { matchVerb, shown, totalText } from './format.js';

/** The filters as the CLI took them. */
export interface CliFilter {
  sources: readonly string[];
  from: string | undefined;
  to: string | undefined;
}

type Flag = '--source' | '--from' | '--to';

/** A total as searchPage gives it: exact, or an estimate. */
export interface Count {
  total: number;
  exact: boolean;
}

export function toSearchFilter(f: CliFilter): SearchFilter {
  const filter: SearchFilter = {};
  if (f.from !== undefined) filter.from = f.from;
  if (f.to !== undefined) filter.to = f.to;
  if (f.sources.length > 0) filter.sources = [...f.sources];
  return filter;
}

function given(f: CliFilter): Flag[] {
  const flags: Flag[] = [];
  if (f.sources.length > 0) flags.push('--source');
  if (f.from !== undefined) flags.push('--from');
  if (f.to !== undefined) flags.push('--to');
  return flags;
}

function without(f: CliFilter, flags: readonly Flag[]): CliFilter {
  return {
    sources: flags.includes('--source') ? [] : f.sources,
    from: flags.includes('--from') ? undefined : f.from,
    to: flags.includes('--to') ? undefined : f.to,
  };
}

/** ` from outlet "日経新聞" or "CNN", dated 2024-01 to 2024-03`: the filters in words. */
export function describeFilter(f: CliFilter): string {
  const parts: string[] = [];
  if (f.sources.length > 0) parts.push(`from outlet ${f.sources.map((s) => `"${shown(s)}"`).join(' or ')}`);
  if (f.from !== undefined && f.to !== undefined) parts.push(f.from === f.to ? `dated ${f.from}` : `dated ${f.from} to ${f.to}`);
  else if (f.from !== undefined) parts.push(`dated ${f.from} or later`);
  else if (f.to !== undefined) parts.push(`dated ${f.to} or earlier`);
  return parts.length > 0 ? ` ${parts.join(', ')}` : '';
}

const listed = (flags: readonly string[]): string => (flags.length < 2 ? flags.join('') : `${flags.slice(0, -1).join(', ')} and ${flags.at(-1) ?? ''}`);

/**
 * What the no-match line adds when the filters emptied the result, or '' when
 * the query (or, browsing, the whole index) has no records anyway. `count`
 * runs the same search with another filter. Names each filter whose removal
 * alone brings records back; when none does alone, all of them together.
 */
export function explainEmpty(f: CliFilter, browsing: boolean, count: (filter: SearchFilter) => Count): string {
  const flags = given(f);
  if (flags.length === 0) return '';
  const all = count({});
  if (all.total === 0) return '';
  const amount = (c: Count, first: boolean): string => {
    const n = totalText(c.total, c.exact);
    if (browsing) return `${n} ${c.total === 1 ? 'record' : 'records'}`;
    return first ? `${n} ${matchVerb(c.total, c.exact)}` : n;
  };
  const singles = flags.length === 1 ? [] : flags.map((flag) => ({ flag, c: count(toSearchFilter(without(f, [flag]))) })).filter((s) => s.c.total > 0);
  const because =
    singles.length > 0
      ? singles.map((s, i) => `${amount(s.c, i === 0)} without ${s.flag}`).join(', ')
      : `${amount(all, true)} without ${listed(flags)}`;
  return `${describeFilter(f)} (${because})`;
}
