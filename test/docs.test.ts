/**
 * The docs' examples, executed: every ```js block of README.md and docs/*.md
 * runs as a program (from the project's root, with `ja-digest-search`
 * resolving to this package) and, when an output block follows it ("It
 * prints:" and a ```text block), prints exactly that; every diagnostics.md
 * example input gives the diagnostic and the record fields the page shows.
 * A ```ts block is a type or a fragment: it must say so with a
 * `<!-- not run: why -->` line before it, so that no example goes unchecked
 * by accident.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDigest } from '../src/index.js';

const root = resolve(import.meta.dirname, '..');
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

interface Block {
  page: string;
  line: number;
  lang: string;
  code: string;
  /** The text just before the fence (the end of the previous block on). */
  before: string;
  /** The ```text block after it, when the text between says "prints". */
  output: string | null;
}

function blocks(page: string): Block[] {
  const text = readFileSync(join(root, page), 'utf8');
  const out: Block[] = [];
  const fence = /^```([a-z]*)\n([^]*?)^```$/gm;
  let last = 0;
  const all = [...text.matchAll(fence)];
  all.forEach((m, k) => {
    const next = all[k + 1];
    const between = next ? text.slice((m.index ?? 0) + m[0].length, next.index) : '';
    out.push({
      page,
      line: text.slice(0, m.index).split('\n').length,
      lang: m[1] ?? '',
      code: m[2] ?? '',
      before: text.slice(last, m.index),
      output: next && next[1] === 'text' && /prints/i.test(between) && between.length < 200 ? (next[2] ?? '') : null,
    });
    last = (m.index ?? 0) + m[0].length;
  });
  return out;
}

const all = pages.flatMap(blocks);
const programs = all.filter((b) => b.lang === 'js');

// A scratch project whose node_modules holds this package, as after `npm install ja-digest-search`.
const scratch = mkdtempSync(join(tmpdir(), 'docs-'));
mkdirSync(join(scratch, 'node_modules'));
symlinkSync(root, join(scratch, 'node_modules', 'ja-digest-search'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('docs: examples run', () => {
  it('the docs hold runnable examples', () => {
    expect(programs.length).toBeGreaterThanOrEqual(3);
  });

  it.skipIf(!existsSync(join(root, 'dist/index.js'))).each(programs.map((b) => [`${b.page}:${b.line}`, b] as const))('%s runs', (name, b) => {
    const file = join(scratch, `${name.replace(/[^a-z0-9]/gi, '_')}.mjs`);
    // Run from the project's root so that paths such as fixtures/seed-digest.txt resolve; imports resolve from the scratch project.
    writeFileSync(file, b.code);
    const run = spawnSync(process.execPath, [file], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, name).toBe('');
    expect(run.status, name).toBe(0);
    if (b.output !== null) expect(run.stdout, name).toBe(b.output);
  });

  it('every ```ts block says why it does not run', () => {
    const unmarked = all.filter((b) => b.lang === 'ts' && !/<!-- not run: [^>]+-->\s*$/.test(b.before)).map((b) => `${b.page}:${b.line}`);
    expect(unmarked).toEqual([]);
  });
});

/** A JSON example as a matcher: `<hash>` in a string stands for a generated ID's hash. */
function shown(json: string): Record<string, unknown> {
  const want = JSON.parse(json) as Record<string, unknown>;
  for (const [k, v] of Object.entries(want)) {
    if (typeof v === 'string' && v.includes('<hash>')) {
      const parts = v.split('<hash>').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      want[k] = expect.stringMatching(new RegExp(`^${parts.join('[0-9a-z]+')}$`));
    }
  }
  return want;
}

describe('docs: diagnostics.md examples', () => {
  const doc = readFileSync(join(root, 'docs', 'diagnostics.md'), 'utf8');
  const sections = doc.split(/^## /m).slice(1);
  const examples = sections
    .map((s) => {
      const code = /^`([a-z-]+)`/.exec(s)?.[1] ?? '';
      const input = /\*\*Example input\*\*[^]*?```text\n([^]*?)```/.exec(s)?.[1];
      const diagnostic = /\*\*Diagnostic:?\*\*[^]*?```json\n([^]*?)```/.exec(s)?.[1];
      const record = /\*\*Record\*\*[^]*?```json\n([^]*?)```/.exec(s)?.[1];
      return { code, input, diagnostic, record };
    })
    .filter((e) => e.input !== undefined);

  it('every section has an example', () => {
    expect(examples.length).toBeGreaterThanOrEqual(25);
  });

  it.each(examples.map((e) => [e.code, e] as const))('%s: the example input gives the diagnostic and the record shown', (_code, e) => {
    // The page writes invisible characters as escapes (`\uFEFF`); the example's trailing newline closes the fence.
    const input = (e.input ?? '').replace(/\\u([0-9A-Fa-f]{4})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\n$/, '');
    const result = parseDigest(input);
    if (e.diagnostic !== undefined) {
      expect(result.diagnostics, e.code).toContainEqual(expect.objectContaining(shown(e.diagnostic)));
    }
    if (e.record !== undefined) {
      const want = shown(e.record);
      expect(result.records.some((r) => expect.objectContaining(want).asymmetricMatch(r)), `${e.code}: ${JSON.stringify(result.records)}`).toBe(true);
    }
  });
});
