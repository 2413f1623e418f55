// Checks the package as users get it: publint and attw on the packed tarball,
// then the built entry points loaded once with `import` and once with `require`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });

const dir = mkdtempSync(join(tmpdir(), 'ja-digest-search-pack-'));
try {
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
  const tarball = join(dir, JSON.parse(out)[0].filename);
  run('npx', ['--no-install', 'publint', '--strict', tarball]);
  run('npx', ['--no-install', 'attw', '--pack', '.', '--profile', 'node16']);

  const seed = readFileSync(join(root, 'fixtures/seed-digest.txt'), 'utf8');
  const esm = await import(pathToFileURL(join(root, 'dist/index.js')).href);
  const cjs = createRequire(import.meta.url)(join(root, 'dist/index.cjs'));
  for (const [kind, mod] of [['import', esm], ['require', cjs]]) {
    const { records } = mod.parseDigest(seed);
    if (records.length !== 34) throw new Error(`${kind}: expected 34 records, got ${records.length}`);
    if (typeof mod.buildIndex === 'function') {
      const index = mod.buildIndex(records);
      const hits = mod.search(mod.loadIndex(mod.serializeIndex(index)), 'ルッテ');
      if (hits.length === 0) throw new Error(`${kind}: search for ルッテ found nothing`);
    }
    console.log(`${kind}: ok (${records.length} records)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
