/**
 * Vector tiles and their TileJSON: picks the layer from the registry, applies who may read it, and builds
 * the tile on the database's backend — PostGIS ST_AsMVT on PostgreSQL, the tiler's JS cut (geojson-vt +
 * vt-pbf) on PGlite. Both give the same features (tests/tiler/mvt.test.ts compares them).
 * The ETag is a hash of the tile's bytes, so it changes exactly when what the caller would see changes.
 */
import { createHash } from 'node:crypto';
import { NotFoundError } from '@belcheer/processing';
import type { Db } from '../db/db.ts';
import { readableOrganisations, type Caller } from '../auth/caller.ts';
import { encodeMvt, type TileAddress } from '../../../tiler/src/mvt/index.ts';
import { findVectorLayer, VECTOR_LAYERS, type FieldType, type VectorLayer } from './vector.layers.ts';
import { BUFFER, EXTENT, layerBounds, postgisTile, tileFeatures } from './vector.tiles.repository.ts';

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

export function tileEtag(bytes: Uint8Array): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;
}

export interface VectorTileService {
  tile(caller: Caller, layerId: string, t: TileAddress, backend?: MvtBackend): Promise<VectorTile>;
  tileJson(caller: Caller, layerId: string, origin: string): Promise<TileJson>;
}

export function createVectorTileService(db: Db): VectorTileService {
  return {
    async tile(caller, layerId, t, backend = db.kind === 'postgres' ? 'postgis' : 'js') {
      const layer = layerOrThrow(layerId);
      const orgs = orgsOf(layer, caller);
      const bytes =
        backend === 'postgis'
          ? await postgisTile(db, layer, orgs, t)
          : encodeMvt([{ name: layer.id, features: await tileFeatures(db, layer, orgs, t) }], t, {
              extent: EXTENT,
              buffer: BUFFER,
            });
      return { bytes, etag: tileEtag(bytes), cacheControl: layer.cacheControl };
    },

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
