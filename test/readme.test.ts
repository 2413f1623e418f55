import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README', () => {
  it.skipIf(!existsSync(join(root, 'dist/index.js')))('quick start prints what the README says, pasted as is', () => {
    const section = readme.slice(readme.indexOf('## Quick start'));
    const code = /```js\n([^]*?)```/.exec(section)?.[1];
    const printed = /It prints:\s*```text\n([^]*?)```/.exec(section)?.[1];
    expect(code).toBeDefined();
    expect(printed).toBeDefined();
    // A fresh project whose node_modules holds this package, as after `npm install ja-digest-search`.
    const dir = mkdtempSync(join(tmpdir(), 'readme-'));
    try {
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(root, join(dir, 'node_modules', 'ja-digest-search'));
      writeFileSync(join(dir, 'quick-start.mjs'), code ?? '');
      const run = spawnSync(process.execPath, ['quick-start.mjs'], { cwd: dir, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(printed);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the two set-up commands', () => {
    expect(readme).toContain('npm install\nnpm test');
  });
});
