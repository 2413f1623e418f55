// Builds the browser demo's generated files from the built library (run
// `npm run build` first, or use `npm run demo:build`, which does both):
//
//   docs/demo/index.bin             serializeIndex(buildIndex(parseDigest(fixtures/seed-digest.txt)), { format: 'binary' })
//   docs/demo/ja-digest-search.js   dist/index.js bundled for the browser (esbuild, ESM, minified)
//
// `--records N` indexes N records of the benchmark's synthetic digest
// (bench/synthetic.mjs) instead of the seed digest: `npm run demo:build --
// --records 10000` (the e2e test expects the seed digest).
//
// Both are git-ignored. The page itself (index.html, demo.js, style.css) is
// checked in.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const demo = resolve(root, 'docs/demo');
const dist = resolve(root, 'dist/index.js');
if (!existsSync(dist)) {
  console.error('build-demo: dist/index.js does not exist; run `npm run build` first (or `npm run demo:build`)');
  process.exit(1);
}

// 1. The index, built in Node by the same library the page loads.
const lib = await import(pathToFileURL(dist).href);
const { values } = parseArgs({ options: { records: { type: 'string' } } });
const count = values.records === undefined ? 0 : Number(values.records);
if (!Number.isSafeInteger(count) || count < 0) {
  console.error(`build-demo: --records must be a whole number, got ${values.records}`);
  process.exit(2);
}
const seed = readFileSync(resolve(root, 'fixtures/seed-digest.txt'), 'utf8');
const { syntheticDigest } = await import(pathToFileURL(resolve(root, 'bench/synthetic.mjs')).href);
const { records, diagnostics } = lib.parseDigest(count > 0 ? syntheticDigest(count, seed) : seed);
if (records.length === 0) {
  console.error('build-demo: the digest gave no records');
  process.exit(1);
}
const indexFile = resolve(demo, 'index.bin');
writeFileSync(indexFile, lib.serializeIndex(lib.buildIndex(records), { format: 'binary' }));
// The JSON index earlier versions of the demo loaded.
rmSync(resolve(demo, 'index.json'), { force: true });

// 2. The library bundle (dependencies included: minisearch, tiny-segmenter, zod).
const bundleFile = resolve(demo, 'ja-digest-search.js');
await esbuild.build({
  entryPoints: [dist],
  outfile: bundleFile,
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
});

const size = (f) => `${(statSync(f).size / 1024).toFixed(1)} KiB`;
console.log(`build-demo: ${records.length} records (${diagnostics.length} diagnostics)`);
console.log(`  ${relative(root, indexFile)}  ${size(indexFile)}`);
console.log(`  ${relative(root, bundleFile)}  ${size(bundleFile)}`);
console.log('Serve docs/demo over HTTP to open it, e.g. `python3 -m http.server -d docs/demo 8000`.');
