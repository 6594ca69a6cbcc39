/**
 * `vectors.pmtiles` of a survey package: in each tile of zooms 6–15 over the survey's soum (or the
 * survey's bbox when it has no soum), the registered vector layers `admin-units`, `pasture-units`,
 * `field-plots` and `surveys` as the caller would get them from `/tiles/{layer}/{z}/{x}/{y}.mvt`.
 *
 * One tile holding several layers is the concatenation of the single-layer tiles: an MVT tile is the
 * protobuf message `Tile { repeated Layer layers = 3; }`, and a protobuf parser reading concatenated
 * messages appends their repeated fields (Protocol Buffers encoding, "Concatenating messages"), so the
 * bytes decode as one tile with every layer; the layers keep distinct names, as the Vector Tile spec
 * §4.1 requires. The package test decodes such tiles with @mapbox/vector-tile.
 * Reference: SPEC §2.2; Mapbox Vector Tile spec 2.1; PMTiles v3 `vector_layers` metadata.
 */
import type { Queryable } from '../db/db.ts';
import type { Caller } from '../auth/caller.ts';
import type { TileAddress } from '../../../tiler/src/index.ts';
import type { VectorTileService } from '../vector-tiles/vector.tiles.service.ts';
import { findVectorLayer, type VectorLayer } from '../vector-tiles/vector.layers.ts';
import type { SurveyRecord } from '../surveys/surveys.repository.ts';
import { packageTiles, type LonLatBox } from './tile.list.ts';
import type { ArchivePlan } from './archive.build.ts';

/** Tiles made at once: enough to overlap the database's work without holding many tiles in memory. */
const CONCURRENCY = 8;

export const VECTOR_MINZOOM = 6;
export const VECTOR_MAXZOOM = 15;
/** The layers a package carries, in drawing order, when the registry has them. */
export const PACKAGE_LAYER_IDS = ['admin-units', 'pasture-units', 'field-plots', 'surveys'] as const;

export function packageLayers(): VectorLayer[] {
  return PACKAGE_LAYER_IDS.map((id) => findVectorLayer(id)).filter((l): l is VectorLayer => l !== undefined);
}

/** The soum's bbox, or the survey's when it has none (or an unknown one). */
export async function packageBounds(db: Queryable, record: SurveyRecord): Promise<LonLatBox> {
  const soum = record.survey.soum;
  if (soum) {
    const rows = await db.query<{ w: number; s: number; e: number; n: number }>(
      `SELECT ST_XMin(geom)::float8 AS w, ST_YMin(geom)::float8 AS s, ST_XMax(geom)::float8 AS e, ST_YMax(geom)::float8 AS n
         FROM admin_units WHERE code = $1`,
      [soum],
    );
    const r = rows[0];
    if (r) return [r.w, r.s, r.e, r.n];
  }
  return record.survey.bbox as unknown as LonLatBox;
}

export function vectorPlan(
  service: VectorTileService,
  caller: Caller,
  record: SurveyRecord,
  bounds: LonLatBox,
  tempDir: string,
): ArchivePlan {
  const layers = packageLayers();
  const bytesOf = async (tile: TileAddress) => {
    const parts: Uint8Array[] = [];
    for (const layer of layers) {
      if (tile.z < layer.minzoom || tile.z > layer.maxzoom) continue;
      parts.push((await service.tile(caller, layer.id, tile)).bytes);
    }
    return Buffer.concat(parts);
  };
  const tiles = packageTiles(bounds, VECTOR_MINZOOM, VECTOR_MAXZOOM);
  return {
    tileCount: tiles.length,
    async produce(emit) {
      for (let i = 0; i < tiles.length; i += CONCURRENCY) {
        const batch = tiles.slice(i, i + CONCURRENCY);
        const bodies = await Promise.all(batch.map(bytesOf));
        for (const [j, tile] of batch.entries()) await emit(tile, bodies[j] ?? null);
      }
    },
    options: {
      tileType: 'mvt',
      tileCompression: 'gzip',
      bounds,
      minZoom: VECTOR_MINZOOM,
      maxZoom: VECTOR_MAXZOOM,
      center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, VECTOR_MINZOOM + 4],
      metadata: {
        name: `${record.survey.name} — vectors`,
        description: `Admin units, pasture units, field plots and surveys around survey ${record.survey.name}`,
        attribution: `Boundaries: NSO Mongolia / OCHA (CC BY-IGO); ${record.survey.organisation.name}`,
        type: 'overlay',
        format: 'pbf',
        vector_layers: layers.map((l) => ({
          id: l.id,
          description: l.description,
          minzoom: Math.max(l.minzoom, VECTOR_MINZOOM),
          maxzoom: Math.min(l.maxzoom, VECTOR_MAXZOOM),
          fields: { ...l.fields },
        })),
      },
      tempDir,
    },
  };
}
