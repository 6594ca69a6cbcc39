/**
 * The disk tile cache: round trips and misses for every part of the key, the byte bound and the
 * least-recently-used order (sizes counted by walking the directory, not by the cache), reopening,
 * stale temporary files, two caches sharing a directory, and a reader in this process never seeing
 * half of a tile another process is writing.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskTileCache, tileCachePath, type TileCacheKey } from './disk.cache.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'belcheer-disk-cache-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const key = (over: Partial<TileCacheKey> = {}): TileCacheKey => ({
  surveyId: '6f1c2a4e-0000-4000-8000-000000000001',
  version: 1,
  product: 'rgb',
  params: { tilesize: 256 },
  z: 20,
  x: 812345,
  y: 356789,
  format: 'png',
  ...over,
});
const body = (n: number, fill: number) => Buffer.alloc(n, fill);

/** Files and bytes in the directory, walked independently of the cache. */
function onDisk(root: string): { files: string[]; bytes: number } {
  const files: string[] = [];
  let bytes = 0;
  for (const sub of readdirSync(root)) {
    for (const name of readdirSync(path.join(root, sub))) {
      files.push(name);
      bytes += statSync(path.join(root, sub, name)).size;
    }
  }
  return { files, bytes };
}

describe('DiskTileCache', () => {
  it('returns what was stored, and misses for another version, product, parameter, tile or format', async () => {
    const cache = await DiskTileCache.open({ dir, maxBytes: 1 << 20 });
    expect(await cache.get(key())).toBeNull();
    expect(await cache.set(key(), body(100, 7))).toBe(true);
    expect(await cache.get(key())).toEqual(body(100, 7));
    for (const other of [
      { version: 2 },
      { product: 'vari' },
      { params: { tilesize: 512 } },
      { params: { tilesize: 256, colormap: 'rdylgn' } },
      { z: 19 },
      { x: 812346 },
      { y: 356788 },
      { format: 'webp' as const },
      { surveyId: '6f1c2a4e-0000-4000-8000-000000000002' },
    ]) {
      expect(await cache.get(key(other)), JSON.stringify(other)).toBeNull();
    }
  });

  it('ignores the order of the parameters and undefined ones; keeps an empty tile as zero bytes', async () => {
    const cache = await DiskTileCache.open({ dir, maxBytes: 1 << 20 });
    await cache.set(key({ params: { tilesize: 256, rescale: '0,100', colormap: undefined } }), body(10, 1));
    expect(await cache.get(key({ params: { rescale: '0,100', tilesize: 256 } }))).toEqual(body(10, 1));
    await cache.set(key({ z: 5 }), Buffer.alloc(0));
    expect((await cache.get(key({ z: 5 })))?.length).toBe(0);
  });

  it('names files by a hash inside the directory, never by the key', async () => {
    const cache = await DiskTileCache.open({ dir, maxBytes: 1 << 20 });
    await cache.set(key(), body(10, 1));
    const { files } = onDisk(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{64}\.png$/);
    expect(tileCachePath(dir, key()).startsWith(dir + path.sep)).toBe(true);
  });

  it('stays within its byte budget, evicting the least recently used tile first', async () => {
    // Budget 1000 B, tiles of 300 B: a, b, c fit (900); reading a makes b the oldest; d (1200) evicts
    // down to 90 % of the budget, i.e. b alone.
    const cache = await DiskTileCache.open({ dir, maxBytes: 1000 });
    for (const x of [1, 2, 3]) await cache.set(key({ x }), body(300, x));
    await cache.get(key({ x: 1 }));
    await cache.set(key({ x: 4 }), body(300, 4));
    expect(onDisk(dir).bytes).toBe(900);
    expect(await cache.get(key({ x: 2 }))).toBeNull();
    for (const x of [1, 3, 4]) expect(await cache.get(key({ x }))).toEqual(body(300, x));
    for (let x = 10; x < 60; x++) await cache.set(key({ x }), body(97 + x, x));
    expect(onDisk(dir).bytes).toBeLessThanOrEqual(1000);
    expect(cache.bytes).toBe(onDisk(dir).bytes);
    expect(await cache.set(key({ x: 99 }), body(1001, 0))).toBe(false);
  });

  it('finds the tiles of an earlier run when reopened, and removes stale temporary files only', async () => {
    const first = await DiskTileCache.open({ dir, maxBytes: 1 << 20 });
    await first.set(key({ x: 1 }), body(123, 1));
    await first.set(key({ x: 2 }), body(77, 2));
    const folder = path.join(dir, 'ab');
    mkdirSync(folder, { recursive: true });
    const stale = path.join(folder, 'x.png.1.abc.tmp');
    const fresh = path.join(folder, 'y.png.2.def.tmp');
    writeFileSync(stale, 'half');
    writeFileSync(fresh, 'half');
    const twoHoursAgo = Date.now() / 1000 - 7200;
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    const second = await DiskTileCache.open({ dir, maxBytes: 1 << 20 });
    expect(second.bytes).toBe(200);
    expect(second.size).toBe(2);
    expect(await second.get(key({ x: 1 }))).toEqual(body(123, 1));
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });

  it('keeps a directory shared by two caches within the budget (plus one tile of the other)', async () => {
    const a = await DiskTileCache.open({ dir, maxBytes: 1000, rescanMs: 0 });
    const b = await DiskTileCache.open({ dir, maxBytes: 1000, rescanMs: 0 });
    for (let x = 0; x < 20; x++) await (x % 2 ? a : b).set(key({ x }), body(300, x));
    expect(onDisk(dir).bytes).toBeLessThanOrEqual(1300);
    // A tile the other cache wrote is a hit, and one it evicted a miss.
    expect(await a.get(key({ x: 18 }))).toEqual(body(300, 18));
    expect(await a.get(key({ x: 0 }))).toBeNull();
  });

  it('keeps working when its directory is removed under it', async () => {
    const cache = await DiskTileCache.open({ dir, maxBytes: 500 });
    await cache.set(key({ x: 1 }), body(300, 1));
    await rm(dir, { recursive: true, force: true });
    expect(await cache.set(key({ x: 2 }), body(300, 2))).toBe(true);
    expect(await cache.get(key({ x: 1 }))).toBeNull();
  });

  it('never hands a reader half of a tile another process is writing', async () => {
    const cache = await DiskTileCache.open({ dir, maxBytes: 1 << 30 });
    // The other process rewrites one tile 40 times, alternating 2 MiB of 1s and 3 MiB of 2s.
    const writer = `
      import { DiskTileCache } from ${JSON.stringify(path.resolve('tiler/src/disk.cache.ts'))};
      const c = await DiskTileCache.open({ dir: process.argv[1], maxBytes: 1 << 30 });
      const k = JSON.parse(process.argv[2]);
      for (let i = 0; i < 40; i++) await c.set(k, Buffer.alloc(i % 2 ? 3 << 20 : 2 << 20, i % 2 ? 2 : 1));
    `;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', writer, dir, JSON.stringify(key())],
      { stdio: 'inherit' },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let reads = 0;
    let running = true;
    void exited.then(() => (running = false));
    while (running) {
      const got = await cache.get(key());
      if (!got) continue;
      reads++;
      const whole =
        (got.length === 2 << 20 && got.every((v) => v === 1)) ||
        (got.length === 3 << 20 && got.every((v) => v === 2));
      expect(whole, `read ${got.length} bytes`).toBe(true);
    }
    expect(await exited).toBe(0);
    expect(reads).toBeGreaterThan(0);
  }, 60_000);
});
