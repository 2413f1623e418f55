// Time from navigation to the first result, in Debian's Chromium, for the
// demo as built (`npm run demo:build -- --records 10000` first):
//
//   node scripts/measure-demo.mjs [--query NATO] [--runs 5]
//
// Serves docs/demo on 127.0.0.1, opens `?q=<query>` in a fresh page each run
// (the first run with an empty cache, as a first visit), and prints what the
// page records: `firstResultMs` (navigation to the first result rendered) and
// `loadMs` (loadIndex alone). CHROMIUM_PATH overrides /usr/bin/chromium.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values } = parseArgs({ options: { query: { type: 'string', default: 'NATO' }, runs: { type: 'string', default: '5' } } });
const DEMO = resolve(fileURLToPath(new URL('../docs/demo', import.meta.url)));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(join(DEMO, 'index.bin'))) {
  console.error('measure-demo: docs/demo/index.bin is missing; run `npm run demo:build -- --records 10000` first');
  process.exit(1);
}
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.bin': 'application/octet-stream' };
const server = createServer((req, res) => {
  let file = resolve(DEMO, `.${decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)}`);
  if (file !== DEMO && !file.startsWith(DEMO + sep)) return void res.writeHead(403).end();
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
const url = `http://127.0.0.1:${server.address().port}/?q=${encodeURIComponent(values.query)}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
const size = statSync(join(DEMO, 'index.bin')).size;
console.log(`index.bin ${(size / 2 ** 20).toFixed(1)} MiB, query ${JSON.stringify(values.query)}, Chromium ${browser.version()}`);
try {
  for (let run = 1; run <= Number(values.runs); run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.ready === 'true' || document.body.dataset.ready === 'error', null, { timeout: 120_000 });
    const got = await page.evaluate(() => {
      const bin = performance.getEntriesByType('resource').find((e) => e.name.endsWith('index.bin'));
      const bundle = performance.getEntriesByType('resource').find((e) => e.name.endsWith('ja-digest-search.js'));
      return { ...document.body.dataset, hits: document.querySelectorAll('li[data-id]').length, binEnd: bin?.responseEnd ?? NaN, bundleEnd: bundle?.responseEnd ?? NaN };
    });
    const first = Number(got.firstResultMs);
    const load = Number(got.loadMs);
    console.log(`run ${run}: first result ${first.toFixed(0)} ms = bundle fetched at ${got.bundleEnd > 0 ? got.bundleEnd.toFixed(0) : '?'} ms, index.bin fetched at ${got.binEnd.toFixed(0)} ms, loadIndex ${load.toFixed(0)} ms, then the first page (search, facets, ${got.hits} hits rendered) ${(first - got.binEnd - load).toFixed(0)} ms`);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
