/**
 * `imagery.pmtiles` of a survey package: the survey's `rgb` product as 256 px PNG or WebP tiles from
 * its minzoom (the whole survey in one tile) to its native zoom — the TileJSON's range — over the
 * tiles that intersect the survey's bbox, built as gdal2tiles builds a pyramid (pyramid.ts): the
 * native zoom rendered on the render threads as `/tiles/surveys/{id}/rgb/{z}/{x}/{y}` serves it, each
 * zoom above averaged from its children.
 * Reference: SPEC §2.2 "offline package"; `tiles.routes.ts` (TileJSON zooms, tile rendering).
 */
import { buildPyramid, encodeTile, zoomRange } from '../../../tiler/src/index.ts';
import type { TileRendering } from '../tiles/tile.render.ts';
import type { SurveyRecord } from '../surveys/surveys.repository.ts';
import { packageCover, type LonLatBox } from './tile.list.ts';
import type { ArchivePlan } from './archive.build.ts';

const TILE_SIZE = 256;

/** The survey's bbox and the TileJSON's zoom range: the whole survey in one tile → the native zoom. */
export function rasterZooms(record: SurveyRecord) {
  const { survey } = record;
  const bbox = survey.bbox as unknown as LonLatBox;
  const lat = (bbox[1] + bbox[3]) / 2;
  const longer = Math.max(survey.width ?? TILE_SIZE, survey.height ?? TILE_SIZE);
  return { bbox, lat, ...zoomRange(survey.gsd ?? 1, lat, longer, TILE_SIZE) };
}

export function rasterPlan(
  rendering: TileRendering,
  cogKey: string,
  record: SurveyRecord,
  format: 'png' | 'webp',
  tempDir: string,
): ArchivePlan {
  const { survey } = record;
  const { bbox, lat, minzoom, maxzoom } = rasterZooms(record);
  const { covers, roots, count } = packageCover(bbox, minzoom, maxzoom);
  const query = {
    tileSize: TILE_SIZE,
    product: 'rgb',
    params: {},
    format,
    bands: record.bandContext,
  } as const;
  return {
    tileCount: count,
    produce: (emit) =>
      buildPyramid({
        minZoom: minzoom,
        maxZoom: maxzoom,
        tileSize: TILE_SIZE,
        roots,
        covers,
        subtree: (root) => rendering.subtree(cogKey, { ...query, root, maxZoom: maxzoom }),
        encode: (rgba) => encodeTile(rgba, TILE_SIZE, format),
        emit: ({ tile, body }) => emit(tile, body),
        concurrency: rendering.concurrency,
      }),
    options: {
      tileType: format,
      tileCompression: 'none',
      bounds: bbox,
      minZoom: minzoom,
      maxZoom: maxzoom,
      center: [(bbox[0] + bbox[2]) / 2, lat, maxzoom],
      metadata: {
        name: `${survey.name} — rgb`,
        description: `Drone survey ${survey.name} of ${survey.date}, natural colour`,
        attribution: survey.organisation.name,
        type: 'overlay',
        format,
        survey: survey.id,
        version: survey.version,
      },
      tempDir,
    },
  };
}
