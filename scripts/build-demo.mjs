// Builds the browser demo's generated files from the built library (run
// `npm run build` first, or use `npm run demo:build`, which does both):
//
//   docs/demo/index.json            serializeIndex(buildIndex(parseDigest(fixtures/seed-digest.txt)))
//   docs/demo/ja-digest-search.js   dist/index.js bundled for the browser (esbuild, ESM, minified)
//
// Both are git-ignored. The page itself (index.html, demo.js, style.css) is
// checked in.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
const seed = readFileSync(resolve(root, 'fixtures/seed-digest.txt'), 'utf8');
const { records, diagnostics } = lib.parseDigest(seed);
if (records.length === 0) {
  console.error('build-demo: the seed digest gave no records');
  process.exit(1);
}
const indexFile = resolve(demo, 'index.json');
writeFileSync(indexFile, lib.serializeIndex(lib.buildIndex(records)));

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
