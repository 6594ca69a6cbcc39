/**
 * Opened survey COGs kept across statistics requests (header parsed once, decoded blocks shared by all
 * the polygons of all requests), keyed by store key — a key names one version, so no invalidation is
 * needed. The least recently used entry is closed beyond `capacity`.
 */
import { openTiff, type Tiff } from '@belcheer/processing';
import type { Store } from '../storage/store.ts';

interface Entry {
  readonly tiff: Promise<Tiff>;
  readonly close: () => Promise<void>;
}

export class CogCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: Store,
    private readonly capacity = 8,
    private readonly cacheBytes = 64 * 1024 * 1024,
  ) {}

  open(key: string): Promise<Tiff> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.tiff;
    }
    const source = this.store.open(key);
    const tiff = source.then((s) => openTiff(s, { cacheBytes: this.cacheBytes }));
    const entry = { tiff, close: () => source.then((s) => s.close()) };
    this.entries.set(key, entry);
    tiff.catch(() => this.entries.delete(key));
    for (const [old, e] of this.entries) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(old);
      void e.close().catch(() => undefined);
    }
    return tiff;
  }
}
