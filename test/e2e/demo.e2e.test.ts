/**
 * End-to-end: the demo page (docs/demo) in a real browser, Debian's Chromium
 * driven by playwright-core. Run with `npm run test:e2e`, which builds the
 * demo first. The expected results (hits, totals, facet counts, pages) are
 * computed here, in Node, by the same built library (dist/index.js,
 * searchPage with the demo's options) on the same fixture, so the test
 * proves the browser gives what Node gives: before anything is typed, after
 * typing, after a facet click, after 「もっと見る」.
 *
 * Skipped, with a note, when /usr/bin/chromium is missing (`apt-get install
 * chromium fonts-noto-cjk`; without the fonts the screenshot shows boxes).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page as Tab } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Lib = typeof import('../../src/index.js');
type Hit = ReturnType<Lib['search']>[number];
type Page = ReturnType<Lib['searchPage']>;
type Filter = { from?: string; to?: string; sources?: string[]; years?: string[] };

/** Debian's Chromium; CHROMIUM_PATH overrides it (e.g. to check that the test skips itself). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEMO = join(ROOT, 'docs', 'demo');
const SCREENSHOT = join(ROOT, 'test-artifacts', 'demo.png');
/** The demo's PAGE and FACETS (docs/demo/demo.js). */
const PAGE = 10;
const FACETS = ['outlet', 'year'] as const;
const SNIPPET = { before: '<mark>', after: '</mark>' } as const;

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`e2e: ${CHROMIUM} not found; install Debian's chromium to run`);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** A tiny static file server for `dir` on 127.0.0.1, on an ephemeral port. */
async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = resolve(dir, `.${path}`);
    if (file !== dir && !file.startsWith(dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/` };
}

/** What the page shows for a snippet: the marks dropped, the entities escapeHtml wrote decoded. */
function snippetText(html: string): string {
  return html.replace(/<\/?mark>/g, '').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}

function marksOf(html: string): string[] {
  return [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => snippetText(m[1] ?? ''));
}

interface Shown {
  id: string;
  match: string;
  rank: string;
  date: string;
  source: string;
  title: string;
  snippet: string;
  marks: string[];
  /** Elements in the snippet other than <mark>: must be none. */
  foreign: number;
}

async function shownHits(page: Tab): Promise<Shown[]> {
  return page.$$eval('#results > li.hit', (lis) =>
    lis.map((li) => {
      const text = (sel: string) => li.querySelector(sel)?.textContent ?? '';
      const snippet = li.querySelector('.snippet');
      return {
        id: (li as HTMLElement).dataset.id ?? '',
        match: (li as HTMLElement).dataset.match ?? '',
        rank: text('.rank'),
        date: text('.date'),
        source: text('.source'),
        title: text('.title'),
        snippet: snippet?.textContent ?? '',
        marks: Array.from(snippet?.querySelectorAll('mark') ?? [], (m) => m.textContent ?? ''),
        foreign: snippet?.querySelectorAll(':not(mark)').length ?? 0,
      };
    }),
  );
}

/** Waits until the page shows `total` as the count and `shown` hits, then returns them. */
async function waitForPage(page: Tab, total: number, shown = Math.min(total, PAGE)): Promise<Shown[]> {
  await page.waitForFunction(
    ([t, n]) => {
      const c = document.getElementById('count');
      return c?.dataset.count === String(t) && c.dataset.shown === String(n) && document.querySelectorAll('#results > li.hit').length === n;
    },
    [total, shown] as const,
    { timeout: 10_000 },
  );
  return shownHits(page);
}

interface FacetShown {
  value: string;
  count: number;
  pressed: boolean;
}

/** The facet buttons the page shows. */
async function shownFacets(page: Tab, name: 'outlet' | 'year'): Promise<FacetShown[]> {
  return page.$$eval(`#facet-${name} button`, (bs) =>
    bs.map((b) => ({ value: (b as HTMLElement).dataset.value ?? '', count: Number((b as HTMLElement).dataset.count), pressed: b.getAttribute('aria-pressed') === 'true' })),
  );
}

/** What Node's page says the facets are; the value chosen (if any) pressed. */
function expectedFacets(page: Page, name: 'outlet' | 'year', chosen = ''): FacetShown[] {
  return (page.facets[name] ?? []).map((f) => ({ ...f, pressed: f.value === chosen }));
}

function expectSame(shown: Shown[], hits: Hit[]): void {
  expect(shown.map((s) => s.id)).toEqual(hits.map((h) => h.id));
  shown.forEach((s, i) => {
    const h = hits[i] as Hit;
    expect(s.rank).toBe(String(i + 1));
    expect(s.match).toBe(h.match);
    expect(s.date.startsWith(h.record.date)).toBe(true);
    expect(s.source).toBe(h.record.source);
    expect(s.title).toBe(h.record.title);
    expect(s.snippet).toBe(snippetText(h.snippet));
    expect(s.marks).toEqual(marksOf(h.snippet));
    expect(s.foreign).toBe(0);
  });
}

describe.skipIf(!hasChromium)('demo page in Chromium', () => {
  let lib: Lib;
  let index: ReturnType<Lib['buildIndex']>;
  let records: ReturnType<Lib['parseDigest']>['records'];
  let server: Server | undefined;
  let url = '';
  let profile = '';
  let context: BrowserContext | undefined;
  let page: Tab;
  const consoleErrors: string[] = [];
  const offsite: string[] = [];

  /** The page the demo shows for a query and filter, computed in Node: `limit` hits (the first page by default). */
  const find = (query: string, filter: Filter = {}, limit = PAGE): Page =>
    lib.searchPage(index, query, { limit, filter, facets: [...FACETS], snippet: { ...SNIPPET, escape: lib.escapeHtml } });

  beforeAll(async () => {
    for (const f of ['index.html', 'demo.js', 'style.css', 'index.bin', 'ja-digest-search.js']) {
      if (!existsSync(join(DEMO, f))) throw new Error(`docs/demo/${f} is missing: run \`npm run demo:build\` (or \`npm run test:e2e\`, which does)`);
    }
    const dist = join(ROOT, 'dist', 'index.js');
    if (!existsSync(dist)) throw new Error('dist/index.js is missing: run `npm run build`');
    lib = (await import(pathToFileURL(dist).href)) as Lib;
    ({ records } = lib.parseDigest(readFileSync(join(ROOT, 'fixtures', 'seed-digest.txt'), 'utf8')));
    // The page loads the binary snapshot; Node searches the same file, and the index built in Node must agree with it.
    index = lib.loadIndex(readFileSync(join(DEMO, 'index.bin')));
    const built = lib.buildIndex(records);
    for (const q of ['', 'ルッテ', '太平洋', 'NATO 東京 事務所', 'マドリッド']) expect(lib.searchPage(index, q, { limit: 200, facets: [...FACETS] })).toEqual(lib.searchPage(built, q, { limit: 200, facets: [...FACETS] }));

    ({ server, url } = await serve(DEMO));
    profile = mkdtempSync(join(tmpdir(), 'ja-digest-search-chromium-'));
    // Playwright refuses --user-data-dir in args: the fresh profile goes through launchPersistentContext.
    // It adds --headless itself (headless: true).
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
      viewport: { width: 1100, height: 900 },
      locale: 'ja-JP',
    });
    // Nothing but the local server: the page must not need the network.
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith(url)) return route.continue();
      offsite.push(u);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.ready !== undefined, null, { timeout: 15_000 });
    const ready = await page.evaluate(() => document.body.dataset.ready);
    if (ready !== 'true') throw new Error(`the demo did not load: ${await page.textContent('#status')}`);
  });

  afterAll(async () => {
    await context?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('loads the index, lists every outlet, and shows the newest records before anything is typed', async () => {
    expect(await page.textContent('#status')).toContain(`${records.length}件`);
    const outlets = [...new Set(records.map((r) => r.outlet))].sort();
    const options = await page.$$eval('#source option', (os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
    expect([...options].sort()).toEqual(outlets);

    const newest = find('');
    expect(newest.total).toBe(records.length);
    expectSame(await waitForPage(page, records.length), newest.hits);
    const dates = newest.hits.map((h) => h.record.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(await page.textContent('#count')).toBe(`${records.length}件`);
    expect(await shownFacets(page, 'outlet')).toEqual(expectedFacets(newest, 'outlet'));
    expect(await shownFacets(page, 'year')).toEqual(expectedFacets(newest, 'year'));
  });

  it('ルッテ: the four records that mention ルッテ, in the order Node ranks them, and their counts', async () => {
    const found = find('ルッテ');
    const mentioning = records.filter((r) => r.title.includes('ルッテ') || r.summary.includes('ルッテ')).map((r) => r.id);
    expect(mentioning).toHaveLength(4);
    expect([...found.hits.map((h) => h.id)].sort()).toEqual([...mentioning].sort());

    await page.locator('#q').pressSequentially('ルッテ');
    const shown = await waitForPage(page, 4);
    expect(await page.textContent('#count')).toBe('4件');
    expectSame(shown, found.hits);
    for (const s of shown) if (records.find((r) => r.id === s.id)?.summary.includes('ルッテ')) expect(s.marks).toContain('ルッテ');
    expect(await shownFacets(page, 'outlet')).toEqual(expectedFacets(found, 'outlet'));
    expect(await shownFacets(page, 'year')).toEqual(expectedFacets(found, 'year'));
    expect(await page.isVisible('#more')).toBe(false);
  });

  it('太平洋: the total Node counts, a first page, and 「もっと見る」 for the rest', async () => {
    const first = find('太平洋');
    const all = lib.search(index, '太平洋', { limit: 200, snippet: { ...SNIPPET, escape: lib.escapeHtml } });
    expect(all.length).toBeGreaterThan(PAGE);
    expect(all.length).toBeLessThanOrEqual(2 * PAGE);
    expect(first.total).toBe(all.length);
    await page.locator('#q').fill('');
    await page.locator('#q').pressSequentially('太平洋');
    expectSame(await waitForPage(page, all.length), all.slice(0, PAGE));
    expect(await page.textContent('#count')).toBe(`${all.length}件`);

    // One more page: the rest of Node's long list, ranked on from PAGE + 1.
    await page.click('#more');
    expectSame(await waitForPage(page, all.length, all.length), all);
    expect(await page.isVisible('#more')).toBe(false);
  });

  it('a date filter (from 2025-01-01) shrinks the hits to the right set', async () => {
    const all = find('太平洋', {}, 200);
    const hits = find('太平洋', { from: '2025-01-01' }, 200);
    expect(hits.total).toBeGreaterThan(0);
    expect(hits.total).toBeLessThan(all.total);
    expect(hits.hits.map((h) => h.id).sort()).toEqual(all.hits.filter((h) => h.record.date >= '2025-01-01').map((h) => h.id).sort());

    await page.locator('#from').fill('2025-01-01');
    const shown = await waitForPage(page, hits.total);
    expectSame(shown, hits.hits.slice(0, PAGE));
    for (const s of shown) expect(s.date >= '2025-01-01').toBe(true);
  });

  it('a source filter keeps that outlet only', async () => {
    const inRange = find('太平洋', { from: '2025-01-01' });
    const outlet = (inRange.hits[0] as Hit).record.outlet;
    const one = find('太平洋', { from: '2025-01-01', sources: [outlet] });
    expect(one.total).toBeGreaterThan(0);
    expect(one.hits.every((h) => h.record.outlet === outlet)).toBe(true);

    await page.selectOption('#source', outlet);
    expectSame(await waitForPage(page, one.total), one.hits);
    expect(await shownFacets(page, 'outlet')).toEqual(expectedFacets(one, 'outlet', outlet));

    await page.selectOption('#source', '');
    expectSame(await waitForPage(page, inRange.total), inRange.hits);
    await page.locator('#from').fill('');
  });

  it('clicking an outlet and then a year narrows the hits; the counts are Node’s, each facet’s without its own filter', async () => {
    await page.locator('#q').fill('');
    await page.locator('#q').pressSequentially('NATO');
    const all = find('NATO');
    expectSame(await waitForPage(page, all.total), all.hits);
    expect(await shownFacets(page, 'outlet')).toEqual(expectedFacets(all, 'outlet'));
    expect(await shownFacets(page, 'year')).toEqual(expectedFacets(all, 'year'));

    // The most frequent outlet: a click filters to it.
    const outlet = (all.facets.outlet?.[0] as { value: string }).value;
    const byOutlet = find('NATO', { sources: [outlet] });
    expect(byOutlet.total).toBeLessThan(all.total);
    await page.click(`#facet-outlet button[data-value="${outlet}"]`);
    const shown = await waitForPage(page, byOutlet.total);
    expectSame(shown, byOutlet.hits);
    expect(shown.every((s) => records.find((r) => r.id === s.id)?.outlet === outlet)).toBe(true);
    expect(await page.inputValue('#source')).toBe(outlet);
    // Disjunctive: the other outlets keep their counts; the years count this outlet's records.
    expect(await shownFacets(page, 'outlet')).toEqual(expectedFacets(byOutlet, 'outlet', outlet));
    expect(byOutlet.facets.outlet).toEqual(all.facets.outlet);
    expect(await shownFacets(page, 'year')).toEqual(expectedFacets(byOutlet, 'year'));
    expect(byOutlet.facets.year?.reduce((n, y) => n + y.count, 0)).toBe(byOutlet.total);

    // Then a year of that outlet.
    const y = (byOutlet.facets.year?.[0] as { value: string }).value;
    const both = find('NATO', { sources: [outlet], years: [y] });
    await page.click(`#facet-year button[data-value="${y}"]`);
    expectSame(await waitForPage(page, both.total), both.hits);
    expect(both.hits.every((h) => h.record.outlet === outlet && h.record.date.startsWith(y))).toBe(true);
    expect(await shownFacets(page, 'year')).toEqual(expectedFacets(both, 'year', y));
    expect(await shownFacets(page, 'outlet')).toEqual(expectedFacets(both, 'outlet', outlet));

    // A second click on the outlet widens again: every outlet, that year.
    const year = find('NATO', { years: [y] });
    await page.click(`#facet-outlet button[data-value="${outlet}"]`);
    expectSame(await waitForPage(page, year.total), year.hits);
    expect(await shownFacets(page, 'outlet')).toEqual(expectedFacets(year, 'outlet'));
    await page.click(`#facet-year button[data-value="${y}"]`);
    expectSame(await waitForPage(page, all.total), all.hits);
  });

  it('a near-miss query: a divider before the first hit that is not exact, then the record meant', async () => {
    await page.locator('#from').fill('');
    await page.locator('#q').fill('');
    const found = find('NATO 東京 事務所');
    const hits = found.hits;
    const firstInexact = hits.findIndex((h) => h.match !== 'exact');
    expect(firstInexact).toBe(3);
    expect(hits[3]?.id).toBe('2507-062438');
    await page.locator('#q').pressSequentially('NATO 東京 事務所');
    expectSame(await waitForPage(page, found.total), hits);
    // The list: three exact hits, the divider, then the partial ones.
    const items = await page.$$eval('#results > li', (lis) => lis.map((li) => (li.classList.contains('divider') ? `--${(li as HTMLElement).dataset.match}` : (li as HTMLElement).dataset.id ?? '')));
    expect(items.slice(0, 5)).toEqual([...hits.slice(0, 3).map((h) => h.id), '--partial', '2507-062438']);
    expect(items.filter((x) => x.startsWith('--'))).toEqual(['--partial']);

    // A spelling variant alone: the divider comes first.
    const variant = find('マドリッド');
    expect(variant.hits.map((h) => [h.id, h.match])).toEqual([['2207-063001', 'variant']]);
    await page.locator('#q').fill('');
    await page.locator('#q').pressSequentially('マドリッド');
    expectSame(await waitForPage(page, 1), variant.hits);
    expect(await page.$$eval('#results > li', (lis) => lis.map((li) => li.className))).toEqual(['divider variant', 'hit variant']);
    expect(await page.textContent('#results .snippet mark')).toBe('マドリード');
  });

  it('renders, with no errors and no requests off the local server (screenshot: test-artifacts/demo.png)', async () => {
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.locator('#from').blur();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    expect(consoleErrors).toEqual([]);
    expect(offsite).toEqual([]);
  });
});
