/**
 * An optional disk cache of encoded tiles (issue 5; config TILE_CACHE_DIR, TILE_CACHE_BYTES): a
 * directory of files named by the SHA-256 of survey id + version + product + render parameters +
 * z/x/y + format (a reprocessed survey has a new version, so its old tiles simply miss and age out).
 * A zero-length entry records an empty tile (the route's 204). Writes go to a temporary file renamed
 * into place, so a reader — in this process or another sharing the directory — sees either no file or
 * a whole one. The total size is bounded by least-recently-used eviction: an in-memory index ordered
 * by use, seeded from the files' modification times (set again on hits, at most once a minute) when
 * opened and re-read from the directory before evicting (at most every `rescanMs`), so that processes
 * sharing the directory order and evict one another's files too; between two scans the directory may
 * exceed the budget by what the other processes wrote. Cache faults (disk full, a file removed under
 * a reader) are misses, never errors.
 * Reference: titiler's cache-control / rio-tiler caching idea; linz/basemaps "tile cache".
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TileFormat } from './encode.ts';

export interface TileCacheKey {
  readonly surveyId: string;
  readonly version: number;
  readonly product: string;
  /** Render parameters (tile size, rescale, colormap…); the order of the fields does not matter. */
  readonly params: Readonly<Record<string, string | number | undefined>>;
  readonly z: number;
  readonly x: number;
  readonly y: number;
  readonly format: TileFormat;
}

export interface DiskTileCacheOptions {
  readonly dir: string;
  readonly maxBytes: number;
  /** Least interval between two reads of the whole directory before evicting (default one minute). */
  readonly rescanMs?: number;
  /** Temporary files older than this are leftovers of a crashed writer and removed (default one hour). */
  readonly staleTempMs?: number;
}

interface Entry {
  bytes: number;
  /** Last use known (ms): this process's reads and writes, or the file's mtime. */
  used: number;
  /** When the file's mtime was last set (ms), to refresh it at most once a minute on hits. */
  touched: number;
}

const TEMP = '.tmp';
const TOUCH_MS = 60_000;

/** The file name of a key: its SHA-256 in hex under a two-character fan-out directory. */
export function tileCachePath(dir: string, key: TileCacheKey): string {
  const params = Object.entries(key.params)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('&');
  const text = [key.surveyId, key.version, key.product, params, key.z, key.x, key.y, key.format].join('|');
  const hash = createHash('sha256').update(text).digest('hex');
  return path.join(dir, hash.slice(0, 2), `${hash}.${key.format}`);
}

export class DiskTileCache {
  /** Known files, least recently used first (Map order). */
  private readonly entries = new Map<string, Entry>();
  private total = 0;
  private lastScan = -Infinity;
  private evicting: Promise<void> | null = null;

  private constructor(private readonly options: Required<DiskTileCacheOptions>) {}

  /** Opens (creating) the cache directory and indexes the files already there. */
  static async open(options: DiskTileCacheOptions): Promise<DiskTileCache> {
    const cache = new DiskTileCache({ rescanMs: 60_000, staleTempMs: 3_600_000, ...options });
    await mkdir(options.dir, { recursive: true });
    await cache.scan();
    return cache;
  }

  /** Bytes of the files this process knows of. */
  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached tile (zero length: an empty tile), or null on a miss. */
  async get(key: TileCacheKey): Promise<Buffer | null> {
    const file = tileCachePath(this.options.dir, key);
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      this.forget(file);
      return null;
    }
    const now = Date.now();
    const entry = this.entries.get(file) ?? { bytes: body.length, used: now, touched: now };
    if (!this.entries.has(file)) this.total += body.length;
    entry.used = now;
    this.entries.delete(file);
    this.entries.set(file, entry);
    if (now - entry.touched > TOUCH_MS) {
      entry.touched = now;
      // Other processes order their eviction by mtime: mark the file as used.
      void utimes(file, now / 1000, now / 1000).catch(() => undefined);
    }
    return body;
  }

  /** Stores a tile (an empty Buffer for an empty tile); false when it was not stored. */
  async set(key: TileCacheKey, body: Uint8Array): Promise<boolean> {
    if (body.length > this.options.maxBytes) return false;
    const file = tileCachePath(this.options.dir, key);
    const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP}`;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(temp, body);
      await rename(temp, file);
    } catch {
      await rm(temp, { force: true }).catch(() => undefined);
      return false;
    }
    this.forget(file);
    const now = Date.now();
    this.entries.set(file, { bytes: body.length, used: now, touched: now });
    this.total += body.length;
    // A failed eviction (the directory removed under us…) is retried by the next write, never thrown.
    if (this.total > this.options.maxBytes) await this.evict().catch(() => undefined);
    return true;
  }

  private forget(file: string): void {
    const entry = this.entries.get(file);
    if (!entry) return;
    this.total -= entry.bytes;
    this.entries.delete(file);
  }

  /** Evicts least recently used files down to 90 % of the budget; one eviction at a time. */
  private evict(): Promise<void> {
    this.evicting ??= (async () => {
      try {
        if (Date.now() - this.lastScan >= this.options.rescanMs) await this.scan();
        const target = this.options.maxBytes * 0.9;
        for (const file of this.entries.keys()) {
          if (this.total <= target) break;
          this.forget(file);
          await unlink(file).catch(() => undefined);
        }
      } finally {
        this.evicting = null;
      }
    })();
    return this.evicting;
  }

  /**
   * Re-reads the directory: files written by other processes join the index in mtime order (older
   * first), files removed by them leave it, stale temporary files are deleted.
   */
  private async scan(): Promise<void> {
    this.lastScan = Date.now();
    const found: { file: string; bytes: number; mtime: number }[] = [];
    for (const sub of await readdir(this.options.dir, { withFileTypes: true })) {
      if (!sub.isDirectory()) continue;
      const folder = path.join(this.options.dir, sub.name);
      for (const name of await readdir(folder).catch(() => [] as string[])) {
        const file = path.join(folder, name);
        const s = await stat(file).catch(() => null);
        if (!s?.isFile()) continue;
        if (name.endsWith(TEMP)) {
          if (this.lastScan - s.mtimeMs > this.options.staleTempMs) await rm(file, { force: true });
          continue;
        }
        found.push({ file, bytes: s.size, mtime: s.mtimeMs });
      }
    }
    // One order for every process's files: the last use this process saw, else the file's mtime.
    const merged = found.map((f) => {
      const mine = this.entries.get(f.file);
      const used = Math.max(f.mtime, mine?.used ?? 0);
      return [f.file, { bytes: f.bytes, used, touched: mine?.touched ?? f.mtime }] as const;
    });
    merged.sort((a, b) => a[1].used - b[1].used);
    this.entries.clear();
    this.total = 0;
    for (const [file, entry] of merged) {
      this.entries.set(file, entry);
      this.total += entry.bytes;
    }
  }
}
