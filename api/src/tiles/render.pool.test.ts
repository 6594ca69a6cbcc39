/**
 * The render pool: a tile rendered on a thread is byte-identical to the same tile rendered on the
 * main thread's Tiler (the pool only moves the work), decodes as a 256² PNG with opaque pixels over
 * the sample ortho, and a typed error thrown in a thread arrives as that type (400 for a product the
 * bands cannot make); a pyramid subtree comes back from a thread as the main thread's Tiler makes it —
 * the same tiles, byte for byte, its leaves the tiles `render` gives. Rendering accuracy itself is
 * tests/tiler/tile.accuracy.test.ts (vs gdalwarp).
 */
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { ValidationError } from '@belcheer/processing';
import { lonLatToMercator, Tiler, tileSpan, type TileQuery } from '../../../tiler/src/index.ts';
import { loadConfig } from '../config.ts';
import { createLocalStore } from '../storage/local.store.ts';
import { RenderPool } from './render.pool.ts';

const root = path.resolve('sample-data/drone');
const key = 'pix4d_alpha_nodata.tif';
const pool = new RenderPool(2, {
  storage: root,
  s3: loadConfig({}).s3,
  cacheBytes: 64 * 1024 * 1024,
  blockCacheBytes: 16 * 1024 * 1024,
});
afterAll(() => pool.close());

/** The z18 tile over the ortho's centre (gdalinfo: 115.15967–115.16187 °E, 8.58379–8.58621 °S). */
function centreTile(z: number) {
  const [mx, my] = lonLatToMercator((115.1596765 + 115.1618627) / 2, (-8.5837869 - 8.586204) / 2);
  const half = Math.PI * 6378137;
  return { z, x: Math.floor((mx + half) / tileSpan(z)), y: Math.floor((half - my) / tileSpan(z)) };
}

const query = (product: string): TileQuery => ({
  tile: centreTile(18),
  tileSize: 256,
  product,
  params: {},
  format: 'png',
  bands: { names: ['red', 'green', 'blue', 'alpha'], reflectance: null },
});

describe('RenderPool', () => {
  it('renders on a thread what the main thread renders, as a 256² PNG', async () => {
    const store = createLocalStore(root);
    const local = await new Tiler().render(key, () => store.open(key), query('rgb'));
    const [a, b] = await Promise.all([pool.render(key, query('rgb')), pool.render(key, query('rgb'))]);
    expect(local.body).not.toBeNull();
    expect(a?.body.equals(local.body as Buffer)).toBe(true);
    expect(b?.body.equals(local.body as Buffer)).toBe(true);
    const { data, info } = await sharp(a!.body).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([256, 256]);
    let opaque = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) opaque++;
    expect(opaque).toBeGreaterThan(1000);
  }, 60_000);

  it('renders a pyramid subtree on a thread as the main thread does, its leaves as single tiles', async () => {
    const store = createLocalStore(root);
    const tiler = new Tiler();
    const { tile: _tile, ...rest } = query('rgb');
    const subtree = { ...rest, root: centreTile(17), maxZoom: 19 };
    const local = await tiler.subtree(key, () => store.open(key), subtree);
    const pooled = await pool.subtree(key, subtree);
    const bytes = (tiles: typeof local.tiles) =>
      new Map(tiles.map((t) => [`${t.tile.z}/${t.tile.x}/${t.tile.y}`, t.body && Buffer.from(t.body)]));
    const [mine, theirs] = [bytes(local.tiles), bytes(pooled.tiles)];
    expect([...theirs.keys()].sort()).toEqual([...mine.keys()].sort());
    for (const [name, body] of mine)
      expect(theirs.get(name)?.equals(body!) ?? body === null, name).toBe(true);
    expect(Buffer.from(pooled.rgba!).equals(Buffer.from(local.rgba!))).toBe(true);
    // The root and those of its 4 children and 16 grandchildren over the ortho (gdalinfo's corners).
    const [west, north] = lonLatToMercator(115.1596765, -8.5837869);
    const [east, south] = lonLatToMercator(115.1618627, -8.586204);
    const half = Math.PI * 6378137;
    let over = 0;
    for (let z = 17; z <= 19; z++) {
      const k = 2 ** (z - 17);
      const { x: rx, y: ry } = subtree.root;
      for (let x = rx * k; x < (rx + 1) * k; x++)
        for (let y = ry * k; y < (ry + 1) * k; y++) {
          const [x0, y1] = [-half + x * tileSpan(z), half - y * tileSpan(z)];
          if (x0 < east && x0 + tileSpan(z) > west && y1 > south && y1 - tileSpan(z) < north) over++;
        }
    }
    expect(mine.size).toBe(over);
    expect(over).toBeGreaterThan(3);
    const single = await tiler.render(key, () => store.open(key), { ...rest, tile: centreTile(19) });
    expect(mine.get(`19/${centreTile(19).x}/${centreTile(19).y}`)?.equals(single.body!)).toBe(true);
  }, 60_000);

  it('rebuilds a typed error of the thread', async () => {
    const err = await pool.render(key, query('ndvi')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).message).toMatch(/nir|NIR|band/);
  }, 60_000);
});
