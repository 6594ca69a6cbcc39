/**
 * Where raster tiles are rendered: on the render pool's threads (TILE_WORKERS, one per core by
 * default), or on this thread's Tiler when TILE_WORKERS=0. Shared by the tile routes (behind their
 * caches) and by the offline-package job, so a pyramid uses every core as the tile server does.
 */
import { Tiler, type TileQuery } from '../../../tiler/src/index.ts';
import type { Config } from '../config.ts';
import type { Store } from '../storage/store.ts';
import { RenderPool } from './render.pool.ts';

export type TileRenderingConfig = Pick<Config, 'storage' | 's3'> & {
  readonly tileRender: Pick<Config['tileRender'], 'workers' | 'blockCacheBytes'>;
};

/** Renders the tile of the COG at store key `key`; null when it is empty. */
export type RenderTile = (key: string, query: TileQuery) => Promise<Buffer | null>;

export function tileRendering(store: Store, config: TileRenderingConfig): RenderTile {
  const { workers, blockCacheBytes } = config.tileRender;
  // Up to 4 COGs open per thread, each with at most its block cache bound.
  const cacheBytes = 4 * blockCacheBytes;
  if (workers > 0) {
    const pool = new RenderPool(workers, {
      storage: config.storage,
      s3: config.s3,
      cacheBytes,
      blockCacheBytes,
    });
    return (key, query) => pool.render(key, query);
  }
  const tiler = new Tiler({ cacheBytes, blockCacheBytes });
  return async (key, query) => (await tiler.render(key, () => store.open(key), query)).body;
}
