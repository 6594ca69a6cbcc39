/**
 * Where raster tiles are rendered: on the render pool's threads (TILE_WORKERS, one per core by
 * default), or on this thread's Tiler when TILE_WORKERS=0. Shared by the tile routes (behind their
 * caches) and by the offline-package job, whose pyramid sends subtrees (pyramid.ts) to the threads so
 * that it uses every core as the tile server does. One per process (server.ts, worker.main.ts), so
 * the routes and the jobs share the threads and their block caches.
 */
import { Tiler, type SubtreeQuery, type SubtreeResult, type TileQuery } from '../../../tiler/src/index.ts';
import type { Config } from '../config.ts';
import type { Store } from '../storage/store.ts';
import { RenderPool } from './render.pool.ts';
import { ownedTile, type TileBytes } from './tile.slots.ts';

export type TileRenderingConfig = Pick<Config, 'storage' | 's3'> & {
  readonly tileRender: Pick<Config['tileRender'], 'workers' | 'blockCacheBytes'>;
};

export interface TileRendering {
  /** Renders the tile of the COG at store key `key`; null when it is empty. Release it once sent. */
  tile(key: string, query: TileQuery): Promise<TileBytes | null>;
  /** Renders a subtree of a pyramid of that COG (Tiler.subtree). */
  subtree(key: string, query: SubtreeQuery): Promise<SubtreeResult>;
  /** Subtrees worth having in flight: two per thread, so none waits between them. */
  readonly concurrency: number;
  /** Starts the render threads now (a process does at boot, so its first tiles do not wait ~1 s). */
  start(): Promise<void>;
}

export function tileRendering(store: Store, config: TileRenderingConfig): TileRendering {
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
    return {
      tile: (key, query) => pool.render(key, query),
      subtree: (key, query) => pool.subtree(key, query),
      concurrency: 2 * workers,
      start: () => pool.start(),
    };
  }
  const tiler = new Tiler({ cacheBytes, blockCacheBytes });
  const open = (key: string) => () => store.open(key);
  return {
    tile: async (key, query) => {
      const { body } = await tiler.render(key, open(key), query);
      return body && ownedTile(body);
    },
    subtree: (key, query) => tiler.subtree(key, open(key), query),
    concurrency: 2,
    start: () => Promise.resolve(),
  };
}
