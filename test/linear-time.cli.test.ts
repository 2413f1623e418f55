/**
 * The CLI's multi-file path takes time linear in the input (issue 10, repro
 * 4: `parse f f` on records without IDs took 5.9 s at 3 MB and 23.5 s at
 * 6 MB). Timed in-process, not by spawning: a process start is noisier than
 * the work. Sizes are interleaved and the best of several runs is kept, so a
 * burst of load on a shared machine hits every size alike; the bound (under
 * 10× for 4× the input) leaves room for noise but not for a quadratic term.
 * With the old unbounded `indexOf` per duplicate, the join took 12–14× for
 * 4× the input; now about 4–5×. The end-to-end case is mostly the parse and
 * catches only gross regressions.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseDigest } from '../src/index.js';
import { joinFiles, parseInputs } from '../src/cli/digest.js';
import type { ParsedFile } from '../src/cli/digest.js';
import type { Input } from '../src/cli/io.js';
import { noIdDigest } from './noid-digest.js';

const KB = 1024;
/** Bytes per file; each case reads copies of one file, as `parse f f` does. */
const JOIN_SIZES = [512 * KB, 1024 * KB, 2048 * KB] as const;
/** Smaller for the end-to-end case, where the parse takes most of the time. */
const END_TO_END_SIZES = [256 * KB, 512 * KB, 1024 * KB] as const;

// A collection before each timed run, so that no run pays for the garbage of
// the one before: the largest source of noise here. (Node has no gc() unless
// asked; a fresh context picks up the flag set now.)
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function copies(bytes: number, count: number): Input[] {
  const text = noIdDigest(bytes);
  return Array.from({ length: count }, (_, i) => ({ path: `f${i}.txt`, display: `f${i}.txt`, text, bytes: Buffer.byteLength(text) }));
}

/** The best time, in ms, of `runs` runs of `fn` at each size, the sizes taken in turn. */
function interleavedBest<T>(cases: readonly T[], runs: number, fn: (c: T) => unknown): number[] {
  const best = cases.map(() => Infinity);
  for (let r = 0; r < runs; r++) {
    cases.forEach((c, i) => {
      collect();
      const t0 = performance.now();
      fn(c);
      best[i] = Math.min(best[i] ?? Infinity, performance.now() - t0);
    });
  }
  return best;
}

function expectLinear(sizes: readonly number[], times: readonly number[], count: number): void {
  const [small = 0, , large = 0] = times;
  const shown = times.map((t) => `${t.toFixed(1)} ms`).join(', ');
  // A floor, so that a tiny first time cannot make a large ratio by itself.
  expect(large / Math.max(small, 2), `times for ${sizes.map((s) => `${s / KB} KB`).join(', ')} ×${count}: ${shown}`).toBeLessThan(10);
}

describe('the CLI joins several files in linear time', () => {
  it('parse f f f: joining the parsed copies, with their duplicate-id warnings, grows linearly', () => {
    // Parsed once up front: only the CLI's own work is timed. Three copies
    // rather than two weigh the duplicate handling more against the rest.
    const count = 3;
    const cases = JOIN_SIZES.map((bytes) => {
      const files = copies(bytes, count);
      const result = parseDigest(files[0]?.text ?? '');
      return files.map((input): ParsedFile => ({ input, result }));
    });
    for (const files of cases) {
      const joined = joinFiles(files);
      const perCopy = files[0]?.result.records.length ?? 0;
      expect(joined.records).toHaveLength(perCopy * count);
      // Every record of a later copy repeats one of the first: each is warned about.
      expect(joined.diagnostics.filter((d) => d.diagnostic.code === 'duplicate-id')).toHaveLength(perCopy * (count - 1));
    }
    expectLinear(JOIN_SIZES, interleavedBest(cases, 5, joinFiles), count);
  }, 60_000);

  it('parse f f: parsing and joining the copies end to end grows linearly', () => {
    const count = 2;
    const cases = END_TO_END_SIZES.map((bytes) => copies(bytes, count));
    expectLinear(END_TO_END_SIZES, interleavedBest(cases, 3, (files) => parseInputs(files)), count);
  }, 60_000);
});
