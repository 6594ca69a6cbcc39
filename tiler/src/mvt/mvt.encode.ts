/**
 * Cuts one Mapbox Vector Tile from features in lon/lat (EPSG:4326), in JS: geojson-vt clips and
 * projects them to the tile's integer grid, vt-pbf writes the protobuf. Pure (rows in, bytes out): the
 * embedded PGlite backend, whose PostGIS lacks ST_AsMVT, serves tiles this way, and they must hold the
 * same features as PostGIS `ST_AsMVT(ST_AsMVTGeom(geom, ST_TileEnvelope(z,x,y), extent, buffer, true))`.
 * So the tile's own zoom is geojson-vt's `maxZoom`, where it does not simplify: like ST_AsMVTGeom, only
 * snapping to the grid (and dropping repeated points) reduces the geometry.
 * Reference: MVT spec 2.1 (https://github.com/mapbox/vector-tile-spec/tree/master/2.1).
 */
import GeoJSONVT, { type LegacyFeature, type LegacyTile } from 'geojson-vt';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { TileAddress } from './tile.address.ts';
import { geojsonVtToPbf } from './vt.pbf.ts';

/** MVT attribute values; null properties are left out of the tile (as ST_AsMVT does). */
export type MvtValue = string | number | boolean;

export interface MvtFeatureInput {
  /** MVT feature id: an unsigned integer, or absent. */
  readonly id?: number;
  readonly properties: Readonly<Record<string, MvtValue | null>>;
  /** GeoJSON geometry in lon/lat (EPSG:4326). */
  readonly geometry: Geometry;
}

export interface MvtLayerInput {
  /** Layer name inside the tile (MapLibre's `source-layer`). */
  readonly name: string;
  readonly features: readonly MvtFeatureInput[];
}

export interface MvtOptions {
  /** Tile grid size (default 4096, as ST_AsMVT). */
  readonly extent?: number;
  /** Clip buffer around the tile in grid units (default 64, as ST_AsMVTGeom). */
  readonly buffer?: number;
}

export const MVT_EXTENT = 4096;
export const MVT_BUFFER = 64;

type Ring = [number, number][];

/** Drops consecutive repeated points, then collapsed rings (a polygon ring needs 4 points and an area;
 * a dropped outer ring takes its holes with it). */
function cleanFeature(f: LegacyFeature): LegacyFeature | null {
  if (f.type === 1) return f.geometry.length > 0 ? f : null;
  const rings: Ring[] = [];
  let skipHoles = false;
  for (const ring of f.geometry) {
    const out: Ring = [];
    for (const p of ring) {
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    if (f.type === 2) {
      if (out.length >= 2) rings.push(out);
      continue;
    }
    const area = ringArea(out);
    const outer = area > 0;
    if (!outer && skipHoles) continue;
    skipHoles = false;
    if (out.length < 4 || area === 0) {
      skipHoles = outer;
      continue;
    }
    rings.push(out);
  }
  if (rings.length === 0) return null;
  return { ...f, geometry: rings };
}

/** Shoelace area of a ring in tile coordinates (y down): positive for the clockwise outer rings of MVT. */
export function ringArea(ring: readonly (readonly [number, number])[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum / 2;
}

function toGeoJson(features: readonly MvtFeatureInput[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: features.map((f): Feature => ({
      type: 'Feature',
      ...(f.id !== undefined ? { id: f.id } : {}),
      properties: { ...f.properties },
      geometry: f.geometry,
    })),
  };
}

/** One layer of tile `t`, or null when nothing of it lands in the tile. */
export function cutLayer(
  features: readonly MvtFeatureInput[],
  t: TileAddress,
  options: MvtOptions = {},
): LegacyTile | null {
  if (features.length === 0) return null;
  const index = new GeoJSONVT(toGeoJson(features), {
    maxZoom: t.z,
    indexMaxZoom: 0,
    indexMaxPoints: 0,
    tolerance: 0,
    extent: options.extent ?? MVT_EXTENT,
    buffer: options.buffer ?? MVT_BUFFER,
  });
  const tile = index.getTile(t.z, t.x, t.y);
  if (!tile) return null;
  const kept = tile.features.map(cleanFeature).filter((f): f is LegacyFeature => f !== null);
  return kept.length > 0 ? { features: kept } : null;
}

/** The MVT bytes of tile `t`; an empty array when no layer has a feature there (answer 204). */
export function encodeMvt(
  layers: readonly MvtLayerInput[],
  t: TileAddress,
  options: MvtOptions = {},
): Uint8Array {
  const cut: Record<string, LegacyTile> = {};
  let any = false;
  for (const layer of layers) {
    const tile = cutLayer(layer.features, t, options);
    if (tile) {
      cut[layer.name] = tile;
      any = true;
    }
  }
  return any ? geojsonVtToPbf(cut, options.extent ?? MVT_EXTENT) : new Uint8Array(0);
}
