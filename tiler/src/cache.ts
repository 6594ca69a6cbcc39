/**
 * A byte-bounded least-recently-used cache of promises: concurrent requests for the same key share
 * one load, a failed load is forgotten, and entries are evicted oldest-first once the total of their
 * declared sizes exceeds the budget. Used for opened COGs (headers, IFDs) per survey version;
 * decoded blocks live in the processing block cache of each opened Tiff.
 */
export interface Sized<V> {
  readonly value: V;
  /** Approximate bytes held by the value. */
  readonly bytes: number;
  /** Called when the entry is evicted (e.g. to close a file). */
  readonly dispose?: () => void;
}

export class ByteLru<V> {
  private readonly entries = new Map<string, Promise<Sized<V>>>();
  private readonly sizes = new Map<string, number>();
  private total = 0;

  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached value of `key`, loading it with `load` when absent. */
  async get(key: string, load: () => Promise<Sized<V>>): Promise<V> {
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      return (await entry).value;
    }
    entry = load();
    this.entries.set(key, entry);
    try {
      const loaded = await entry;
      if (this.entries.get(key) === entry) {
        this.sizes.set(key, loaded.bytes);
        this.total += loaded.bytes;
        this.evict(key);
      }
      return loaded.value;
    } catch (error) {
      if (this.entries.get(key) === entry) this.entries.delete(key);
      throw error;
    }
  }

  /** Drops `key` now. */
  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.release(key, entry);
  }

  private release(key: string, entry: Promise<Sized<V>>): void {
    const bytes = this.sizes.get(key);
    if (bytes !== undefined) {
      this.total -= bytes;
      this.sizes.delete(key);
    }
    void entry.then(
      (e) => e.dispose?.(),
      () => undefined,
    );
  }

  /** Evicts the oldest loaded entries (never `keep`) while over budget. */
  private evict(keep: string): void {
    for (const [key, entry] of this.entries) {
      if (this.total <= this.maxBytes) return;
      if (key === keep || !this.sizes.has(key)) continue;
      this.entries.delete(key);
      this.release(key, entry);
    }
  }
}
