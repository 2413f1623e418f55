// npm run bench [-- --sizes 1000,10000,50000] [--reps 9] [--json out.json] [--no-baseline] [--against ../other/dist/index.js] [--rounds 5]
//
// Measures ja-digest-search side by side with the straightforward baseline
// (MiniSearch with TinySegmenter as its tokenizer) and a brute-force scan of
// each record's normalized text, on a deterministic synthetic digest.
// `--against` measures another build of this library (an earlier commit's
// dist/index.js) and ours, each alone in a fresh process (bench/worker.mjs),
// alternating, so that a change's cost is a ratio.
import { gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import TinySegmenter from 'tiny-segmenter';
import { buildIndex, loadIndex, normalizeText, parseDigest, search, searchPage, segment, serializeIndex } from '../dist/index.js';
import { NEAR_MISS_QUERIES, QUERIES } from './queries.mjs';
import { syntheticDigest } from './synthetic.mjs';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,50000' },
    reps: { type: 'string', default: '9' },
    json: { type: 'string' },
    'no-baseline': { type: 'boolean', default: false },
    against: { type: 'string' },
    rounds: { type: 'string', default: '5' },
  },
});
const sizes = values.sizes.split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
const reps = Math.max(1, Number(values.reps));


const gc = globalThis.gc ?? (() => {});
const now = () => performance.now();
const heapMB = () => {
  gc();
  gc();
  // Typed arrays live outside the V8 heap: count them too.
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
};
const pct = (arr, p) => {
  const s = [...arr].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const time = (fn) => {
  const t0 = now();
  const out = fn();
  return [now() - t0, out];
};
/** Latency samples: each query `reps` times after one warm-up run. */
const latencies = (run, queries = QUERIES) => {
  const samples = [];
  for (const q of queries) {
    run(q);
    for (let r = 0; r < reps; r++) samples.push(time(() => run(q))[0]);
  }
  return samples;
};


const seg = new TinySegmenter();
const tokenize = (text) => seg.segment(text);
const processTerm = (t) => {
  const s = t.trim().toLowerCase();
  return s === '' ? null : s;
};
/** The straightforward baseline's options; loadJSON needs them again. */
const BASELINE_OPTIONS = {
  fields: ['title', 'summary', 'notes', 'source'],
  storeFields: [],
  tokenize,
  processTerm,
  searchOptions: { tokenize, processTerm, boost: { title: 3 } },
};

function baselineIndex(records) {
  const ms = new MiniSearch(BASELINE_OPTIONS);
  ms.addAll(records.map((r, i) => ({ id: i, title: r.title, summary: r.summary, notes: r.notes.join(' '), source: `${r.source} ${r.outlet}` })));
  return ms;
}

/** The result page of a search UI (issue 13): outlet and year facets beside the hits. */
const PAGE_FACETS = { facets: ['outlet', 'year'] };

/**
 * searchPage beside search for the same queries, each query's runs
 * alternating (the machine's drift hits both alike); the empty-query browse;
 * page 2; and how close the estimated totals come to the real count (the
 * long list search gives at its 10,000 limit).
 */
function measurePages(index) {
  const out = {};
  // The first run of each query's page on this index, before any repeat: V8
  // has compiled the count and facet code only on the 500-record warm-up index.
  const cold = QUERIES.map((q) => time(() => searchPage(index, q, PAGE_FACETS))[0]);
  out.pageColdP95 = pct(cold, 95);
  out.pageColdMax = Math.max(...cold);
  // Warmed alike: by now search has run every query ten times and more on this
  // index, searchPage once. Without this pass the comparison measured V8
  // optimizing searchPage's code for this index (deopts and recompiles
  // traced with --trace-deopt during the samples), not its steady cost.
  for (let k = 0; k < 3; k++) {
    for (const q of QUERIES) {
      search(index, q);
      searchPage(index, q, PAGE_FACETS);
    }
  }
  const s = [];
  const p = [];
  for (const q of QUERIES) {
    search(index, q);
    searchPage(index, q, PAGE_FACETS);
    for (let r = 0; r < reps; r++) {
      s.push(time(() => search(index, q))[0]);
      p.push(time(() => searchPage(index, q, PAGE_FACETS))[0]);
    }
  }
  out.searchP50 = pct(s, 50);
  out.searchP95 = pct(s, 95);
  out.pageP50 = pct(p, 50);
  out.pageP95 = pct(p, 95);
  // The next page: offset 20, the same queries.
  const next = latencies((q) => searchPage(index, q, { ...PAGE_FACETS, offset: 20 }));
  out.page2P50 = pct(next, 50);
  out.page2P95 = pct(next, 95);
  // The empty query: every record, newest first, with the exact count and facets; and narrowed to one year.
  const year = searchPage(index, '', { limit: 1 }).hits[0]?.record.date.slice(0, 4) ?? '2025';
  const browse = latencies(() => searchPage(index, '', PAGE_FACETS), ['']);
  const browseYear = latencies(() => searchPage(index, '', { ...PAGE_FACETS, filter: { years: [year] } }), ['']);
  for (let k = 0; k < 3; k++) {
    browse.push(...latencies(() => searchPage(index, '', PAGE_FACETS), ['']));
    browseYear.push(...latencies(() => searchPage(index, '', { ...PAGE_FACETS, filter: { years: [year] } }), ['']));
  }
  out.browseP50 = pct(browse, 50);
  out.browseP95 = pct(browse, 95);
  out.browseYearP50 = pct(browseYear, 50);
  out.browseYearP95 = pct(browseYear, 95);
  // Totals: exact for how many queries; for the estimates, the largest error against the long list.
  let exact = 0;
  let worst = 0;
  let estimated = 0;
  for (const q of QUERIES) {
    const page = searchPage(index, q, PAGE_FACETS);
    const all = search(index, q, { limit: 10_000 }).length;
    if (page.totalExact) {
      exact++;
      if (page.total !== all) out.exactMismatch = q;
    } else if (all < 10_000) {
      estimated++;
      worst = Math.max(worst, Math.abs(page.total - all) / all);
    }
  }
  out.exactTotals = exact;
  out.estimatedTotals = estimated;
  out.worstEstimateError = worst;
  return out;
}

const results = [];
console.log(`ja-digest-search benchmark — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`queries: ${QUERIES.length} × ${reps} reps (after one warm-up each)\n`);

// Warm the JIT on a small digest first, so that the first size measured is not the compiler's.
{
  const warm = buildIndex(parseDigest(syntheticDigest(500, undefined, 1)).records);
  for (let k = 0; k < 5; k++) for (const q of [...QUERIES, ...NEAR_MISS_QUERIES]) search(warm, q);
  for (let k = 0; k < 5; k++) for (const q of ['', ...QUERIES]) searchPage(warm, q, PAGE_FACETS);

}

// The segmenter: ours against the package, on the same ~2 MB of digest text, and the same tokens.
{
  const text = syntheticDigest(2500, undefined, 3);
  const mb = Buffer.byteLength(text) / 1e6;
  const pkg = new TinySegmenter();
  const [pkgMs, pkgTokens] = time(() => pkg.segment(text));
  const [ourMs, ourTokens] = time(() => segment(text));
  const same = pkgTokens.length === ourTokens.length && pkgTokens.every((t, i) => t === ourTokens[i]);
  console.log(`segmenter        package ${(mb / (pkgMs / 1000)).toFixed(2)} MB/s, ours ${(mb / (ourMs / 1000)).toFixed(1)} MB/s → ${(pkgMs / ourMs).toFixed(0)}× faster, identical tokens: ${same}\n`);
  results.push({ segmenter: { megabytes: mb, packageMBps: mb / (pkgMs / 1000), oursMBps: mb / (ourMs / 1000), identical: same } });
}

const fmt = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

for (const n of sizes) {
  const text = syntheticDigest(n);
  const bytes = Buffer.byteLength(text);
  const row = { records: n, megabytes: bytes / 1e6 };

  // Parse: best of three.
  let parseMs = Infinity;
  let records = [];
  for (let k = 0; k < 3; k++) {
    const [ms, out] = time(() => parseDigest(text));
    parseMs = Math.min(parseMs, ms);
    records = out.records;
  }
  row.parseMBps = bytes / 1e6 / (parseMs / 1000);

  const heapBefore = heapMB();
  const [buildMs, index] = time(() => buildIndex(records));
  row.buildMs = buildMs;
  row.buildRecordsPerSec = n / (buildMs / 1000);
  row.heapAfterBuildMB = heapMB();
  row.indexHeapMB = row.heapAfterBuildMB - heapBefore;

  const ours = latencies((q) => search(index, q));
  row.queryP50 = pct(ours, 50);
  row.queryP95 = pct(ours, 95);
  // The first run of each near-miss query, before any repeat: no field key
  // folded by an earlier run of the same query is reused (see recentKey in
  // src/search/variant.ts).
  const cold = NEAR_MISS_QUERIES.map((q) => time(() => search(index, q))[0]);
  row.nearMissColdP95 = pct(cold, 95);
  row.nearMissColdMax = Math.max(...cold);
  const near = latencies((q) => search(index, q), NEAR_MISS_QUERIES);
  row.nearMissP50 = pct(near, 50);
  row.nearMissP95 = pct(near, 95);
  row.nearMissP95VsExact = row.nearMissP95 / row.queryP95;
  row.nearMissFound = NEAR_MISS_QUERIES.filter((q) => search(index, q).length > 0).length;

  row.pages = measurePages(index);

  if (values.against) {
    // Each build alone in a fresh process, alternating, `--rounds` rounds: two
    // libraries in one process share one heap and one JIT, which skews both.
    const runs = { ours: [], other: [] };
    const worker = fileURLToPath(new URL('./worker.mjs', import.meta.url));
    const ours = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const rounds = Math.max(1, Number(values.rounds));
    for (let k = 0; k < rounds; k++) {
      for (const [who, lib] of [['other', values.against], ['ours', ours]]) {
        const out = execFileSync(process.execPath, ['--expose-gc', worker, lib, String(n), String(reps)], { encoding: 'utf8', maxBuffer: 1 << 20 });
        runs[who].push(JSON.parse(out.trim().split('\n').pop()));
      }
    }
    const median = (list, key) => [...list.map((r) => r[key])].sort((a, b) => a - b)[Math.floor(list.length / 2)];
    const keys = ['buildMs', 'indexHeapMB', 'queryP50', 'queryP95', 'queryMinSum', 'nearMissP50', 'nearMissP95', 'nearMissMinSum'];
    row.against = { path: values.against, ours: {}, other: {} };
    for (const key of keys) {
      row.against.ours[key] = median(runs.ours, key);
      row.against.other[key] = median(runs.other, key);
    }
  }

  const [serMs, json] = time(() => serializeIndex(index));
  row.serializeMs = serMs;
  row.serializedMB = Buffer.byteLength(json) / 1e6;
  row.serializedGzipMB = gzipSync(json).length / 1e6;
  const [loadMs, loaded] = time(() => loadIndex(json));
  row.loadMs = loadMs;
  row.roundTripSame = QUERIES.every((q) => JSON.stringify(search(loaded, q).map((h) => h.id)) === JSON.stringify(search(index, q).map((h) => h.id)));

  // The binary snapshot: saved size, load time (best of three), memory, and queries on the loaded index.
  row.textMB = records.reduce((t, r) => t + Buffer.byteLength(r.title) + Buffer.byteLength(r.summary) + Buffer.byteLength(r.notes.join('')), 0) / 2 ** 20;
  const [binSerMs, bin] = time(() => serializeIndex(index, { format: 'binary' }));
  row.binarySerializeMs = binSerMs;
  row.binaryMB = bin.length / 1e6;
  row.binaryGzipMB = gzipSync(bin).length / 1e6;
  row.binaryLoadMs = Infinity;
  for (let k = 0; k < 3; k++) row.binaryLoadMs = Math.min(row.binaryLoadMs, time(() => loadIndex(bin))[0]);
  row.binaryLoadVsBuild = row.binaryLoadMs / buildMs;
  {
    // The first one-character query on a freshly loaded index (a search box's first keystroke):
    // from the postings' run-end keys, no record's text read.
    const fresh = loadIndex(bin);
    row.oneCharFirstMs = time(() => search(fresh, '日'))[0];
  }
  {
    // The index a load makes, without its records. A loaded index keeps views
    // into the bytes it was given (records as their saved JSON, postings
    // packed), so it loads from its own copy and everything it retains counts:
    // right after the load, less the records' saved JSON; and once every record
    // and field has been used (what a long-lived page tends to), less the heap
    // of the same records parsed from JSON.
    const recordsJson = JSON.stringify(records);
    const h0 = heapMB();
    let parsedRecords = JSON.parse(recordsJson);
    row.recordsHeapMB = heapMB() - h0;
    parsedRecords = null;
    const h1 = heapMB();
    let fromBin = loadIndex(bin.slice());
    row.recordsSavedMB = records.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r)), 0) / 2 ** 20;
    row.binaryLoadedHeapMB = heapMB() - h1 - row.recordsSavedMB;
    for (let d = 0; d < fromBin.docCount; d++) fromBin.fieldsOf(d);
    row.binaryUsedHeapMB = heapMB() - h1 - row.recordsSavedMB - row.recordsHeapMB;
    row.indexVsText = row.indexHeapMB / row.textMB;
    row.loadedIndexVsText = row.binaryLoadedHeapMB / row.textMB;
    row.usedIndexVsText = row.binaryUsedHeapMB / row.textMB;
    row.binarySame = [...QUERIES, ...NEAR_MISS_QUERIES].every((q) => JSON.stringify(search(fromBin, q)) === JSON.stringify(search(index, q)));
    const afterLoad = latencies((q) => search(fromBin, q));
    row.loadedP50 = pct(afterLoad, 50);
    row.loadedP95 = pct(afterLoad, 95);
    fromBin = null;
  }

  // Brute force: every term of the query in each record's normalized text.
  const [scanPrepMs, texts] = time(() => records.map((r) => normalizeText(`${r.title} ${r.summary} ${r.notes.join(' ')}`).replace(/\s+/g, '')));
  row.scanPrepMs = scanPrepMs;
  const scan = latencies((q) => {
    const terms = normalizeText(q).split(/\s+/).filter(Boolean);
    const out = [];
    for (let i = 0; i < texts.length; i++) if (terms.every((t) => texts[i].includes(t))) out.push(i);
    return out;
  });
  row.scanP50 = pct(scan, 50);
  row.scanP95 = pct(scan, 95);

  if (!values['no-baseline']) {
    const before = heapMB();
    const [bBuild, base] = time(() => baselineIndex(records));
    row.baselineBuildMs = bBuild;
    row.baselineIndexHeapMB = heapMB() - before;
    const bJson = JSON.stringify(base);
    row.baselineSerializedMB = Buffer.byteLength(bJson) / 1e6;
    row.baselineSerializedGzipMB = gzipSync(bJson).length / 1e6;
    row.baselineLoadMs = time(() => MiniSearch.loadJSON(bJson, BASELINE_OPTIONS))[0];
    const b = latencies((q) => base.search(q));
    row.baselineP50 = pct(b, 50);
    row.baselineP95 = pct(b, 95);
    row.baselineFound = QUERIES.filter((q) => base.search(q, { combineWith: 'AND' }).length > 0).length;
    row.buildSpeedup = bBuild / buildMs;
    row.queryP50Speedup = row.baselineP50 / row.queryP50;
  }
  row.oursFound = QUERIES.filter((q) => search(index, q).some((h) => h.match === 'exact')).length;
  row.p95VsScan = row.queryP95 / row.scanP95;
  results.push(row);

  console.log(`## ${n.toLocaleString('en')} records (${fmt(row.megabytes)} MB)`);
  console.log(`parse            ${fmt(row.parseMBps, 1)} MB/s`);
  console.log(`buildIndex       ${fmt(buildMs, 0)} ms  (${fmt(row.buildRecordsPerSec, 0)} records/s)` + (row.baselineBuildMs ? `  baseline ${fmt(row.baselineBuildMs, 0)} ms → ${fmt(row.buildSpeedup, 1)}× faster` : ''));
  console.log(`query p50 / p95  ${fmt(row.queryP50, 3)} / ${fmt(row.queryP95, 3)} ms` + (row.baselineP50 ? `  baseline ${fmt(row.baselineP50, 3)} / ${fmt(row.baselineP95, 3)} ms → p50 ${fmt(row.queryP50Speedup, 1)}× faster` : ''));
  console.log(`brute-force scan ${fmt(row.scanP50, 3)} / ${fmt(row.scanP95, 3)} ms  → our p95 is ${fmt(row.p95VsScan, 2)}× the scan's`);
  console.log(`queries finding records (AND): ours ${row.oursFound}/${QUERIES.length}` + (row.baselineFound !== undefined ? `, baseline ${row.baselineFound}/${QUERIES.length}` : ''));
  console.log(`near-miss p50/p95 ${fmt(row.nearMissP50, 3)} / ${fmt(row.nearMissP95, 3)} ms (${NEAR_MISS_QUERIES.length} queries, ${row.nearMissFound} with hits) → p95 ${fmt(row.nearMissP95VsExact, 2)}× the exact queries' p95`);
  {
    const g = row.pages;
    console.log(`searchPage p50/p95 ${fmt(g.pageP50, 3)} / ${fmt(g.pageP95, 3)} ms with outlet+year facets; search ${fmt(g.searchP50, 3)} / ${fmt(g.searchP95, 3)} ms, the same queries alternating → ${fmt(g.pageP50 / g.searchP50, 2)}× / ${fmt(g.pageP95 / g.searchP95, 2)}×`);
    console.log(`  page 2 (offset 20) ${fmt(g.page2P50, 3)} / ${fmt(g.page2P95, 3)} ms; browse (empty query, newest first, facets) ${fmt(g.browseP50, 3)} / ${fmt(g.browseP95, 3)} ms, one year ${fmt(g.browseYearP50, 3)} / ${fmt(g.browseYearP95, 3)} ms`);
    console.log(`  searchPage first runs p95/max ${fmt(g.pageColdP95, 3)} / ${fmt(g.pageColdMax, 3)} ms (each query once on this index, before the warm-up both get)`);
    console.log(`  totals exact for ${g.exactTotals}/${QUERIES.length} queries; estimated ${g.estimatedTotals}, worst error ${fmt(100 * g.worstEstimateError, 1)}% against search's long list` + (g.exactMismatch ? ` — EXACT TOTAL WRONG for ${g.exactMismatch}` : ''));
  }
  console.log(`near-miss first runs p95/max ${fmt(row.nearMissColdP95, 3)} / ${fmt(row.nearMissColdMax, 3)} ms (each query once, before its warm-up)`);
  if (row.against) {
    const { ours: o, other: t } = row.against;
    const r = (key) => `${fmt(o[key], key.endsWith('MB') || key.endsWith('Ms') ? 0 : 3)} vs ${fmt(t[key], key.endsWith('MB') || key.endsWith('Ms') ? 0 : 3)} (${fmt(o[key] / t[key], 2)}×)`;
    console.log(`against ${row.against.path} (each alone in its own process, median of ${values.rounds} rounds; ours vs theirs):`);
    console.log(`  build ${r('buildMs')} ms, index heap ${r('indexHeapMB')} MB`);
    console.log(`  exact queries p50 ${r('queryP50')} ms, p95 ${r('queryP95')} ms; the fastest run of each, summed: ${r('queryMinSum')} ms`);
  }
  const vs = (ours, theirs, unit) => (theirs === undefined ? '' : `  baseline ${fmt(theirs, unit === 'MB' ? 2 : 0)} ${unit} → ${fmt(ours / theirs, 2)}×`);
  console.log(`heap after build ${fmt(row.heapAfterBuildMB, 0)} MB; the index alone ≈ ${fmt(row.indexHeapMB, 0)} MB` + vs(row.indexHeapMB, row.baselineIndexHeapMB, 'MB'));
  console.log(`serialized       ${fmt(row.serializedMB)} MB raw, ${fmt(row.serializedGzipMB)} MB gzipped (serialize ${fmt(serMs, 0)} ms)` + (row.baselineSerializedMB === undefined ? '' : `  baseline ${fmt(row.baselineSerializedMB)} MB raw, ${fmt(row.baselineSerializedGzipMB)} MB gzipped → ${fmt(row.serializedGzipMB / row.baselineSerializedGzipMB, 2)}× gzipped`));
  console.log(`loadIndex        ${fmt(loadMs, 0)} ms (same results after the round trip: ${row.roundTripSame})` + vs(loadMs, row.baselineLoadMs, 'ms'));
  console.log(`binary snapshot  ${fmt(row.binaryMB)} MB raw, ${fmt(row.binaryGzipMB)} MB gzipped (${fmt(row.binaryGzipMB / row.serializedGzipMB, 2)}× the JSON's gzipped; serialize ${fmt(binSerMs, 0)} ms)`);
  console.log(`binary load      ${fmt(row.binaryLoadMs, 0)} ms = ${fmt(row.binaryLoadVsBuild, 3)} of the build (1/${fmt(1 / row.binaryLoadVsBuild, 1)})` + vs(row.binaryLoadMs, row.baselineLoadMs, 'ms') + ` (same hits, scores, snippets: ${row.binarySame})`);
  console.log(`index memory     built ${fmt(row.indexHeapMB, 1)} MB = ${fmt(row.indexVsText, 2)}× the records' title+summary+notes (${fmt(row.textMB, 1)} MB UTF-8)`);
  console.log(`                 loaded ${fmt(row.binaryLoadedHeapMB, 1)} MB = ${fmt(row.loadedIndexVsText, 2)}× (the records' saved JSON, ${fmt(row.recordsSavedMB, 1)} MB, excluded); once every record and field is used ${fmt(row.binaryUsedHeapMB, 1)} MB = ${fmt(row.usedIndexVsText, 2)}× (records ${fmt(row.recordsHeapMB, 1)} MB excluded)`);
  console.log(`after load, first query of one character (日) ${fmt(row.oneCharFirstMs, 1)} ms`);
  console.log(`after load p50/p95 ${fmt(row.loadedP50, 3)} / ${fmt(row.loadedP95, 3)} ms (built: ${fmt(row.queryP50, 3)} / ${fmt(row.queryP95, 3)})`);
  console.log(`(brute-force scan: normalizing the records for it took ${fmt(row.scanPrepMs, 0)} ms)\n`);
}

if (values.json) writeFileSync(values.json, `${JSON.stringify({ node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, results }, null, 2)}\n`);
