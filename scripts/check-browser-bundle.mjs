// Bundles dist/index.js for the browser, dependencies included (minisearch,
// tiny-segmenter, zod), and fails if anything in the bundle imports a Node
// built-in. Prints the bundle's size: raw (bundled, not minified), minified,
// and minified + gzipped.
//
//   node scripts/check-browser-bundle.mjs            human-readable report
//   node scripts/check-browser-bundle.mjs --json     the sizes as JSON on stdout
//   node scripts/check-browser-bundle.mjs --entry f  check another entry (default dist/index.js)
//
// Built-ins are caught twice: an esbuild plugin intercepts every `node:*`
// import and every bare built-in name (`fs`, `fs/promises`, …, from
// `module.builtinModules`) before esbuild resolves it, records who imported it
// and keeps it out of the bundle; then the metafile is checked for any import
// of a built-in or any external import at all. A small self-check first proves
// that the guard does catch `node:fs` and `path`, so it cannot pass by being
// broken.
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const entryArg = args.indexOf('--entry');
const entry = resolve(root, entryArg >= 0 && args[entryArg + 1] ? args[entryArg + 1] : 'dist/index.js');
const log = json ? (...m) => console.error(...m) : (...m) => console.log(...m);

const BARE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('node:')));

/** A module name that names a Node built-in: `node:…`, or a bare built-in with or without a subpath. */
export function isBuiltin(path) {
  if (path.startsWith('node:')) return true;
  return BARE_BUILTINS.has(path) || BARE_BUILTINS.has(path.split('/')[0]);
}

/** An esbuild plugin that records every import of a Node built-in in `found` and keeps it external. */
function builtinGuard(found) {
  const names = [...BARE_BUILTINS].map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const filter = new RegExp(`^(node:.*|(?:${names.join('|')})(?:/.*)?)$`);
  return {
    name: 'no-node-builtins',
    setup(build) {
      build.onResolve({ filter }, (a) => {
        found.push({ module: a.path, importer: a.importer ? relative(root, a.importer) : '(entry)', kind: a.kind });
        return { path: a.path, external: true };
      });
    },
  };
}

/** Bundles `entryPoints` (or `stdin`) for the browser; returns the output text, metafile and the built-ins found. */
async function bundle({ minify, stdin }) {
  const found = [];
  const result = await esbuild.build({
    ...(stdin ? { stdin: { contents: stdin, resolveDir: root, loader: 'js' } } : { entryPoints: [entry] }),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify,
    write: false,
    metafile: true,
    outfile: 'out.js',
    logLevel: 'silent',
    plugins: [builtinGuard(found)],
  });
  const out = result.outputFiles.find((f) => f.path.endsWith('.js'));
  if (!out) throw new Error('esbuild produced no JavaScript output');
  // Second line of defence: whatever reached the metafile as an import of a built-in, or as external.
  const fromMeta = [];
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    for (const imp of input.imports) {
      if (isBuiltin(imp.path) || imp.external) fromMeta.push({ module: imp.path, importer: file, kind: imp.kind });
    }
  }
  for (const o of Object.values(result.metafile.outputs)) {
    for (const imp of o.imports) if (isBuiltin(imp.path) || imp.external) fromMeta.push({ module: imp.path, importer: '(output)', kind: imp.kind });
  }
  return { code: out.contents, text: out.text, metafile: result.metafile, found, fromMeta };
}

function fail(message) {
  console.error(`check-browser-bundle: FAIL: ${message}`);
  process.exit(1);
}

// 1. The guard catches what it must (else a silent pass would prove nothing).
{
  const probe = await bundle({ minify: false, stdin: "import 'node:fs'; import 'path'; import 'fs/promises';" });
  const caught = new Set([...probe.found, ...probe.fromMeta].map((f) => f.module));
  for (const m of ['node:fs', 'path', 'fs/promises']) {
    if (!caught.has(m)) fail(`self-check: the guard did not catch an import of "${m}"`);
  }
}

// 2. The real bundle.
if (!existsSync(entry)) fail(`${relative(root, entry)} does not exist; run \`npm run build\` first`);
let raw;
let min;
try {
  raw = await bundle({ minify: false });
  min = await bundle({ minify: true });
} catch (e) {
  const errors = e && Array.isArray(e.errors) ? e.errors.map((x) => `  ${x.location?.file ?? ''}: ${x.text}`).join('\n') : String(e);
  fail(`esbuild could not bundle ${relative(root, entry)} for the browser:\n${errors}`);
}
const offenders = new Map();
for (const f of [...raw.found, ...raw.fromMeta, ...min.found, ...min.fromMeta]) offenders.set(`${f.importer} -> ${f.module}`, f);
if (offenders.size > 0) {
  fail(
    `the browser bundle of ${relative(root, entry)} imports Node built-ins or leaves imports external:\n` +
      [...offenders.values()].map((f) => `  ${f.importer} imports "${f.module}" (${f.kind})`).join('\n') +
      '\nThe library must run in browsers: keep node:* modules out of src/ (outside src/cli) and its dependencies.',
  );
}

// 3. Sizes.
const gz = gzipSync(min.code);
const packages = {};
const out = Object.values(min.metafile.outputs)[0];
for (const [file, info] of Object.entries(out.inputs)) {
  const m = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  const name = m ? m[1] : 'ja-digest-search';
  packages[name] = (packages[name] ?? 0) + info.bytesInOutput;
}
const sizes = {
  entry: relative(root, entry),
  esbuild: esbuild.version,
  raw: raw.code.byteLength,
  minified: min.code.byteLength,
  gzipped: gz.byteLength,
  minifiedByPackage: Object.fromEntries(Object.entries(packages).sort((a, b) => b[1] - a[1])),
};

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
if (json) {
  process.stdout.write(`${JSON.stringify(sizes, null, 2)}\n`);
} else {
  log(`browser bundle of ${sizes.entry} (esbuild ${sizes.esbuild}, platform browser, esm): no Node built-ins`);
  log(`  raw       ${String(sizes.raw).padStart(8)} B  ${kb(sizes.raw)}`);
  log(`  minified  ${String(sizes.minified).padStart(8)} B  ${kb(sizes.minified)}`);
  log(`  gzipped   ${String(sizes.gzipped).padStart(8)} B  ${kb(sizes.gzipped)}  (minified, zlib.gzipSync default level)`);
  log(`  minified bytes by package: ${Object.entries(sizes.minifiedByPackage).map(([k, v]) => `${k} ${kb(v)}`).join(', ')}`);
}
