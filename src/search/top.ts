/**
 * The first `k` of items offered one at a time, in the order `before`
 * defines: a size-k heap with the last of them at the root, so an item that
 * does not beat it costs one comparison (O(n log k), O(n) for most inputs).
 * The ranking's bounds and the browse's newest records both use it.
 */
export class TopK {
  private readonly heap: number[] = [];

  constructor(
    private readonly k: number,
    /** True when `a` comes before `b`. */
    private readonly before: (a: number, b: number) => boolean,
  ) {}

  offer(x: number): void {
    const { heap, before } = this;
    if (heap.length < this.k) {
      heap.push(x);
      for (let c = heap.length - 1; c > 0; ) {
        const p = (c - 1) >> 1;
        const up = heap[c] ?? 0;
        const parent = heap[p] ?? 0;
        if (!before(parent, up)) break;
        // Swaps through a temporary: destructuring allocated an array per swap.
        heap[c] = parent;
        heap[p] = up;
        c = p;
      }
    } else if (this.k > 0 && before(x, heap[0] ?? 0)) {
      heap[0] = x;
      this.down();
    }
  }

  /** The items kept, first first (items neither before the other keep the heap's order). */
  sorted(): number[] {
    const before = this.before;
    return this.heap.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }

  /** Moves the root down to its place: the last item kept at the root again. */
  private down(): void {
    const { heap, before } = this;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[m] ?? 0, heap[l] ?? 0)) m = l;
      if (r < heap.length && before(heap[m] ?? 0, heap[r] ?? 0)) m = r;
      if (m === i) return;
      const t = heap[i] ?? 0;
      heap[i] = heap[m] ?? 0;
      heap[m] = t;
      i = m;
    }
  }
}
