/**
 * Vector tiles and their TileJSON: picks the layer from the registry, applies who may read it, and builds
 * the tile on the database's backend — PostGIS ST_AsMVT on PostgreSQL, the tiler's JS cut (geojson-vt +
 * vt-pbf) on PGlite. Both give the same features (tests/tiler/mvt.test.ts compares them).
 * The ETag is a hash of the tile's bytes, so it changes exactly when what the caller would see changes.
 * Tiles of reference layers (the same for every caller) are kept in a byte-bounded LRU; `clearCache`
 * empties it when reference data is reloaded. Organisation layers with `organisationCacheSeconds` share
 * it, keyed by the readable organisations, the layer's generation (`layer.generation.ts`) and a time
 * window, so a tile is at most that old and never older than the last write in this process or, once
 * its NOTIFY arrives, in another process on the same database (`layer.generation.ts`). A cached tile's
 * ETag is computed once.
 */
import { createHash } from 'node:crypto';
import { NotFoundError } from '@belcheer/processing';
import type { Db } from '../db/db.ts';
import { readableOrganisations, type Caller } from '../auth/caller.ts';
import { encodeMvt, type TileAddress } from '../../../tiler/src/mvt/index.ts';
import { findVectorLayer, VECTOR_LAYERS, type FieldType, type VectorLayer } from './vector.layers.ts';
import { BUFFER, EXTENT, layerBounds, postgisTile, tileFeatures } from './vector.tiles.repository.ts';
import { TileCache } from './tile.cache.ts';
import { layerGeneration } from './layer.generation.ts';

/** Which code cuts the tile: `postgis` (ST_AsMVT) needs a PostgreSQL backend; `js` works on both. */
export type MvtBackend = 'postgis' | 'js';

export interface VectorTile {
  /** MVT bytes; empty when the tile holds no feature. */
  readonly bytes: Uint8Array;
  readonly etag: string;
  readonly cacheControl: string;
}

export interface TileJson {
  readonly tilejson: '3.0.0';
  readonly name: string;
  readonly description: string;
  readonly scheme: 'xyz';
  readonly tiles: string[];
  readonly minzoom: number;
  readonly maxzoom: number;
  readonly bounds: [number, number, number, number];
  readonly center: [number, number, number];
  readonly vector_layers: {
    id: string;
    description: string;
    minzoom: number;
    maxzoom: number;
    fields: Record<string, FieldType>;
  }[];
}

/** Web Mercator's latitude limit: TileJSON's default bounds. */
const WORLD: [number, number, number, number] = [-180, -85.05112877980659, 180, 85.05112877980659];

export function layerOrThrow(id: string): VectorLayer {
  const layer = findVectorLayer(id);
  if (!layer)
    throw new NotFoundError(
      `no vector tile layer "${id}"; the layers are ${VECTOR_LAYERS.map((l) => l.id).join(', ')}`,
      'unknown_layer',
    );
  return layer;
}

function orgsOf(layer: VectorLayer, caller: Caller): string[] {
  return layer.readers === 'organisation' ? readableOrganisations(caller) : [];
}

/** The tile cache key of a tile, or null when the layer's tiles are not cached. */
function cacheKey(layer: VectorLayer, orgs: readonly string[], t: TileAddress): string | null {
  const at = `${t.z}/${t.x}/${t.y}`;
  if (layer.readers === 'reference') return `${layer.id}/${at}`;
  const seconds = layer.organisationCacheSeconds;
  if (!seconds) return null;
  const window = Math.floor(Date.now() / (seconds * 1000));
  return `${layer.id}/${orgs.join(',')}/g${layerGeneration(layer.id)}/w${window}/${at}`;
}

export function tileEtag(bytes: Uint8Array): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;
}

/** ETags of tiles held in the cache, so a hit does not hash its bytes again. */
const cachedEtags = new WeakMap<Uint8Array, string>();

function cachedEtag(bytes: Uint8Array): string {
  let etag = cachedEtags.get(bytes);
  if (!etag) {
    etag = tileEtag(bytes);
    cachedEtags.set(bytes, etag);
  }
  return etag;
}

export interface VectorTileService {
  tile(caller: Caller, layerId: string, t: TileAddress, backend?: MvtBackend): Promise<VectorTile>;
  tileJson(caller: Caller, layerId: string, origin: string): Promise<TileJson>;
  clearCache(): void;
}

export interface VectorTileOptions {
  /** Bytes of reference-layer tiles kept in memory (0: no cache). Default 32 MiB. */
  readonly cacheBytes?: number;
}

export function createVectorTileService(db: Db, options: VectorTileOptions = {}): VectorTileService {
  const cache = new TileCache(options.cacheBytes ?? 32 * 1024 * 1024);
  const defaultBackend: MvtBackend = db.kind === 'postgres' ? 'postgis' : 'js';

  async function makeTile(
    layer: VectorLayer,
    orgs: readonly string[],
    t: TileAddress,
    backend: MvtBackend,
  ): Promise<Uint8Array> {
    if (backend === 'postgis') return postgisTile(db, layer, orgs, t);
    const features = await tileFeatures(db, layer, orgs, t);
    return encodeMvt([{ name: layer.id, features }], t, { extent: EXTENT, buffer: BUFFER });
  }

  return {
    async tile(caller, layerId, t, backend) {
      const layer = layerOrThrow(layerId);
      const orgs = orgsOf(layer, caller);
      const key = backend ? null : cacheKey(layer, orgs, t);
      const cached = key ? cache.get(key) : undefined;
      if (cached) return { bytes: cached, etag: cachedEtag(cached), cacheControl: layer.cacheControl };
      const bytes = await makeTile(layer, orgs, t, backend ?? defaultBackend);
      // A write that committed while the tile was read changed the key: such a tile is not kept.
      if (key && key === cacheKey(layer, orgs, t)) cache.set(key, bytes);
      return { bytes, etag: key ? cachedEtag(bytes) : tileEtag(bytes), cacheControl: layer.cacheControl };
    },

    clearCache: () => cache.clear(),

    async tileJson(caller, layerId, origin) {
      const layer = layerOrThrow(layerId);
      const bounds = (await layerBounds(db, layer, orgsOf(layer, caller))) ?? WORLD;
      const zoom = Math.max(layer.minzoom, Math.min(layer.maxzoom, 5));
      return {
        tilejson: '3.0.0',
        name: layer.id,
        description: layer.description,
        scheme: 'xyz',
        tiles: [`${origin}/tiles/${layer.id}/{z}/{x}/{y}.mvt`],
        minzoom: layer.minzoom,
        maxzoom: layer.maxzoom,
        bounds,
        center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, zoom],
        vector_layers: [
          {
            id: layer.id,
            description: layer.description,
            minzoom: layer.minzoom,
            maxzoom: layer.maxzoom,
            fields: { ...layer.fields },
          },
        ],
      };
    },
  };
}
