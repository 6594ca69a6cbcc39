/**
 * Where a raster tile is kept and rendered: `tile.render.ts` (the render threads) behind an in-memory byte-bounded LRU of encoded tiles (TILE_MEMORY_CACHE_BYTES;
 * concurrent requests for one tile share one render) and the optional disk cache (TILE_CACHE_DIR).
 * Keys carry the survey version, so a reprocessed survey never meets its old tiles.
 */
import { ByteLru, DiskTileCache, type TileCacheKey, type TileQuery } from '../../../tiler/src/index.ts';
import type { Config } from '../config.ts';
import type { TileRendering } from './tile.render.ts';
import { ownedTile, type TileBytes } from './tile.slots.ts';

/** Bytes an empty tile (and the key) is counted as in the memory cache. */
const ENTRY_OVERHEAD = 256;

export type TileRenderConfig = Pick<Config, 'tileCache' | 'tileRender'>;

export interface TileRenderer {
  /**
   * The encoded tile of the COG at `key` (from a cache or rendered); null when it is empty. Release
   * it once it is sent.
   */
  tile(key: string, cacheKey: TileCacheKey, query: TileQuery): Promise<TileBytes | null>;
}

function memoryKey(k: TileCacheKey): string {
  const p = k.params;
  return `${k.surveyId}/${k.version}/${k.product}/${p.tilesize}/${p.rescale ?? ''}/${p.colormap ?? ''}/${k.z}/${k.x}/${k.y}.${k.format}`;
}

/** The tile's bytes for a cache to keep: a view of a render thread's shared slot is copied and released. */
function keep(tile: TileBytes): Buffer {
  if (!(tile.body.buffer instanceof SharedArrayBuffer)) return tile.body;
  const copy = Buffer.from(tile.body);
  tile.release();
  return copy;
}

export function createTileRenderer(rendering: TileRendering, config: TileRenderConfig): TileRenderer {
  const { memoryCacheBytes } = config.tileRender;
  const disk = config.tileCache ? DiskTileCache.open(config.tileCache) : null;
  const memory = memoryCacheBytes > 0 ? new ByteLru<Buffer | null>(memoryCacheBytes) : null;

  async function fromDisk(key: string, cacheKey: TileCacheKey, query: TileQuery): Promise<TileBytes | null> {
    const cache = await disk;
    const hit = await cache?.get(cacheKey);
    if (hit) return hit.length > 0 ? ownedTile(hit) : null;
    const tile = await rendering.tile(key, query);
    if (!cache) return tile;
    const body = tile && keep(tile);
    void cache.set(cacheKey, body ?? Buffer.alloc(0));
    return body && ownedTile(body);
  }

  return {
    async tile(key, cacheKey, query) {
      if (!memory) return fromDisk(key, cacheKey, query);
      const body = await memory.get(memoryKey(cacheKey), async () => {
        const tile = await fromDisk(key, cacheKey, query);
        const kept = tile && keep(tile);
        return { value: kept, bytes: (kept?.length ?? 0) + ENTRY_OVERHEAD };
      });
      return body && ownedTile(body);
    },
  };
}
