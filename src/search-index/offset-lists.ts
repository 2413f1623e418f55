/**
 * Many short lists of offsets (a record's removed offsets, its dropped
 * separators), by slot, in one pool. A typed array per list cost about
 * 200 bytes of object for a handful of offsets: a tenth of the index's memory.
 */
const NONE = new Int32Array(0);

export class OffsetLists {
  private pool = new Int32Array(1024);
  private used = 0;
  /** By slot: where its list starts in the pool, and its length (-1: no list, null). */
  private start = new Int32Array(1024);
  private len = new Int32Array(1024).fill(-1);

  /** Sets a slot's list (null: none). A list set again leaves its old offsets unused in the pool. */
  set(slot: number, list: Int32Array | null): void {
    if (slot >= this.start.length) {
      let size = this.start.length * 2;
      while (size <= slot) size *= 2;
      const start = new Int32Array(size);
      start.set(this.start);
      this.start = start;
      const len = new Int32Array(size).fill(-1);
      len.set(this.len);
      this.len = len;
    }
    if (list === null) {
      this.len[slot] = -1;
      return;
    }
    if (this.used + list.length > this.pool.length) {
      const pool = new Int32Array(Math.max(this.used + list.length, this.pool.length * 2));
      pool.set(this.pool.subarray(0, this.used));
      this.pool = pool;
    }
    this.pool.set(list, this.used);
    this.start[slot] = this.used;
    this.len[slot] = list.length;
    this.used += list.length;
  }

  /** A slot's list (a view into the pool, not to be changed), or null. */
  get(slot: number): Int32Array | null {
    const n = slot < this.len.length ? (this.len[slot] ?? -1) : -1;
    if (n < 0) return null;
    if (n === 0) return NONE;
    const s = this.start[slot] ?? 0;
    return this.pool.subarray(s, s + n);
  }
}
