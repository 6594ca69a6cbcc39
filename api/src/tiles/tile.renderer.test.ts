/**
 * Where a tile is rendered and kept: with TILE_WORKERS=0 on the main thread, with threads on the pool —
 * the same bytes either way, a 256² PNG — and a second request of the same key answered from the
 * in-memory LRU (the very buffer, nothing rendered again), while another survey version is a new key.
 */
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { lonLatToMercator, tileSpan, type TileCacheKey, type TileQuery } from '../../../tiler/src/index.ts';
import { loadConfig } from '../config.ts';
import { createLocalStore } from '../storage/local.store.ts';
import { tileRendering } from './tile.render.ts';
import { createTileRenderer } from './tile.renderer.ts';

const root = path.resolve('sample-data/drone');
const key = 'pix4d_alpha_nodata.tif';
const store = createLocalStore(root);
const config = (workers: number) => ({
  ...loadConfig({ STORAGE: root }),
  tileRender: { workers, memoryCacheBytes: 8 * 1024 * 1024, blockCacheBytes: 16 * 1024 * 1024 },
});

/** The z18 tile over the ortho's centre (gdalinfo: 115.15967–115.16187 °E, 8.58379–8.58621 °S). */
const [mx, my] = lonLatToMercator((115.1596765 + 115.1618627) / 2, (-8.5837869 - 8.586204) / 2);
const half = Math.PI * 6378137;
const tile = { z: 18, x: Math.floor((mx + half) / tileSpan(18)), y: Math.floor((half - my) / tileSpan(18)) };
const query: TileQuery = {
  tile,
  tileSize: 256,
  product: 'rgb',
  params: {},
  format: 'png',
  bands: { names: ['red', 'green', 'blue', 'alpha'], reflectance: null },
};
const cacheKey = (version: number): TileCacheKey => ({
  surveyId: 's',
  version,
  product: 'rgb',
  params: { tilesize: 256 },
  ...tile,
  format: 'png',
});

describe('createTileRenderer', () => {
  it('renders the same PNG on the main thread and on the pool, and keeps it in memory', async () => {
    const main = createTileRenderer(tileRendering(store, config(0)), config(0));
    const pooled = createTileRenderer(tileRendering(store, config(1)), config(1));
    const a = (await main.tile(key, cacheKey(1), query))!.body;
    const b = await pooled.tile(key, cacheKey(1), query);
    expect(b?.body.equals(a)).toBe(true);
    const meta = await sharp(a).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 256, 256]);
    expect((await main.tile(key, cacheKey(1), query))?.body).toBe(a);
    const next = (await main.tile(key, cacheKey(2), query))?.body;
    expect(next).not.toBe(a);
    expect(next?.equals(a)).toBe(true);
  }, 60_000);

  it('without a memory cache, hands over the thread’s shared slot, and a released slot is used again', async () => {
    const uncached = { ...config(1), tileRender: { ...config(1).tileRender, memoryCacheBytes: 0 } };
    const pooled = createTileRenderer(tileRendering(store, uncached), uncached);
    const first = (await pooled.tile(key, cacheKey(1), query))!;
    expect(first.body.buffer).toBeInstanceOf(SharedArrayBuffer);
    const meta = await sharp(Buffer.from(first.body)).metadata();
    expect([meta.format, meta.width]).toEqual(['png', 256]);
    const { byteOffset } = first.body;
    const bytes = Buffer.from(first.body);
    first.release();
    first.release(); // a second release gives nothing back twice
    const second = (await pooled.tile(key, cacheKey(1), query))!;
    expect(second.body.byteOffset).toBe(byteOffset);
    expect(second.body.equals(bytes)).toBe(true);
    second.release();
  }, 60_000);
});
