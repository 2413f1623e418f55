/** The fastest of `runs` timings of `fn`, in ms: the least disturbed by GC and other load. */
export function bestOf(runs: number, fn: () => unknown): number {
  let best = Infinity;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
