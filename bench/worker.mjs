// One build of this library measured alone in a fresh process, for `bench.mjs --against`:
// node --expose-gc bench/worker.mjs <path to dist/index.js> <records> <reps>
// Prints one JSON line: build time, index heap, exact and near-miss query latencies.
import { NEAR_MISS_QUERIES, QUERIES } from './queries.mjs';
import { syntheticDigest } from './synthetic.mjs';

const [libPath, size, repsArg] = process.argv.slice(2);
const lib = await import(new URL(libPath, `file://${process.cwd()}/`).href);
const n = Number(size);
const reps = Number(repsArg ?? 9);
const gc = globalThis.gc ?? (() => {});
const heapMB = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
};
const pct = (arr, p) => {
  const s = [...arr].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

// Warm the JIT on a small digest first, as bench.mjs does.
const warm = lib.buildIndex(lib.parseDigest(syntheticDigest(500, undefined, 1)).records);
for (let k = 0; k < 5; k++) for (const q of [...QUERIES, ...NEAR_MISS_QUERIES]) lib.search(warm, q);

const records = lib.parseDigest(syntheticDigest(n)).records;
const before = heapMB();
const t0 = performance.now();
const index = lib.buildIndex(records);
const buildMs = performance.now() - t0;
const indexHeapMB = heapMB() - before;
/** All samples, and the sum over queries of each query's fastest run: the work a query costs, with the machine's noise (GC, other load) left out. */
const latencies = (queries) => {
  const out = [];
  let minSum = 0;
  for (const q of queries) {
    lib.search(index, q);
    let min = Infinity;
    for (let r = 0; r < reps; r++) {
      const s = performance.now();
      lib.search(index, q);
      const ms = performance.now() - s;
      out.push(ms);
      if (ms < min) min = ms;
    }
    minSum += min;
  }
  return { out, minSum };
};
const exact = latencies(QUERIES);
const near = latencies(NEAR_MISS_QUERIES);
console.log(
  JSON.stringify({
    buildMs,
    indexHeapMB,
    queryP50: pct(exact.out, 50),
    queryP95: pct(exact.out, 95),
    queryMinSum: exact.minSum,
    nearMissP50: pct(near.out, 50),
    nearMissP95: pct(near.out, 95),
    nearMissMinSum: near.minSum,
  }),
);
