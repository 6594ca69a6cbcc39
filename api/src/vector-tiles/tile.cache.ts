/**
 * A byte-bounded LRU of encoded vector tiles, for layers whose tiles are the same for every caller and
 * change only with a data release (reference layers such as admin units). Map insertion order is the
 * recency order: a hit moves the entry to the end, eviction takes from the front.
 */
export class TileCache {
  private readonly entries = new Map<string, Uint8Array>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): Uint8Array | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: Uint8Array): void {
    // Empty tiles cost a key; count them as 64 bytes so a sea of 204s cannot grow without bound.
    const size = (v: Uint8Array) => Math.max(v.byteLength, 64) + key.length;
    if (size(value) > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= size(old);
    }
    this.entries.set(key, value);
    this.bytes += size(value);
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= Math.max(v.byteLength, 64) + k.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}
