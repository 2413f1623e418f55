// Steady-state query time of one build of the library, for A/B comparisons
// of two commits on the same machine (run them alternately, several times):
//
//   node bench/steady.mjs <records> <path to dist/index.js> [near]
//
// Builds an index over <records> synthetic records, warms up, then runs the
// 30 benchmark queries 9 times each, 20 rounds, and prints the mean time per
// query (`near`: the 30 near-miss queries instead). Unlike bench.mjs's
// p50/p95 (one sample per run), the mean over 5,400 runs is stable to a few
// percent on a quiet machine.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NEAR_MISS_QUERIES, QUERIES as EXACT } from './queries.mjs';
import { syntheticDigest } from './synthetic.mjs';

const [size, libPath, which] = process.argv.slice(2);
const QUERIES = which === 'near' ? NEAR_MISS_QUERIES : EXACT;
if (!size || !libPath) {
  console.error('usage: node bench/steady.mjs <records> <path to dist/index.js>');
  process.exit(2);
}
const lib = await import(pathToFileURL(resolve(libPath)).href);
const { records } = lib.parseDigest(syntheticDigest(Number(size)));
const index = lib.buildIndex(records);
for (let k = 0; k < 3; k++) for (const q of QUERIES) lib.search(index, q);
const t = performance.now();
for (let k = 0; k < 20; k++) for (const q of QUERIES) for (let r = 0; r < 9; r++) lib.search(index, q);
console.log(`${libPath}: ${(((performance.now() - t) / (20 * QUERIES.length * 9)) * 1000).toFixed(1)} µs per ${which === 'near' ? 'near-miss ' : ''}query (${size} records)`);
