/**
 * One raster tile of a survey product, shared by the express route (`tiles.routes.ts`) and the light
 * path (`raster.tiles.lean.ts`): the caller's published survey (404 otherwise, cached 5 s), the
 * parameters (400 naming what is wrong), the ETag of survey id + version + parameters, and the tile
 * from the caches or the render threads; `sendSurveyTile` writes it on node's response — ETag and
 * Cache-Control on every answer, 304 on If-None-Match, 204 outside the footprint, else the image.
 * Reference: SPEC §3; RFC 9110 §13.1.2 (If-None-Match).
 */
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  COLORMAP_NAMES,
  colormapNamed,
  CONTENT_TYPES,
  parseRescale,
  productNamed,
  TILE_FORMATS,
  validateTile,
  type Product,
  type RenderParams,
  type TileCacheKey,
  type TileFormat,
  type TileSize,
} from '../../../tiler/src/index.ts';
import { requireCaller, type Caller } from '../auth/caller.ts';
import type { Db } from '../db/db.ts';
import type { Store } from '../storage/store.ts';
import { matchesEtag } from '../vector-tiles/tile.response.ts';
import { assetSource } from './survey.sources.ts';
import type { TileRendering } from './tile.render.ts';
import { createTileRenderer, type TileRenderConfig } from './tile.renderer.ts';
import { tileSurveys } from './tile.surveys.ts';

/** Tiles may change when a survey is reprocessed (same URL, new version): revalidate after a minute. */
export const CACHE_CONTROL = 'private, max-age=60';

export const renderQuery = {
  tilesize: z
    .enum(['256', '512'], 'tilesize is 256 or 512')
    .optional()
    .meta({ description: 'Tile size in pixels (default 256)' }),
  rescale: z
    .string()
    .max(64)
    .optional()
    .meta({ description: '`min,max` of the linear stretch onto 0–255 or onto the colormap' }),
  colormap: z
    .string()
    .max(32)
    .optional()
    .meta({ description: `Colormap of an index product: ${COLORMAP_NAMES.join(', ')}` }),
};

export type RenderQuery = z.infer<z.ZodObject<typeof renderQuery>>;

/** Parsed `rescale` and `colormap` (400 naming what is wrong). */
export function renderParams(query: RenderQuery): RenderParams {
  if (query.colormap) colormapNamed(query.colormap);
  return {
    ...(query.rescale ? { rescale: parseRescale(query.rescale) } : {}),
    ...(query.colormap ? { colormap: query.colormap } : {}),
  };
}

export function etagOf(
  { id, version }: { id: string; version: number },
  product: Product,
  tileSize: number,
  render: RenderParams,
): string {
  return `"${id}-v${version}-${product.name}-${tileSize}-${render.rescale?.join('_') ?? 'auto'}-${render.colormap ?? 'default'}"`;
}

export interface SurveyTileRequest {
  readonly id: string;
  readonly product: string;
  readonly z: number;
  readonly x: number;
  readonly y: number;
  readonly format: (typeof TILE_FORMATS)[number];
  readonly query: RenderQuery;
}

export interface SurveyTile {
  readonly etag: string;
  /** True when If-None-Match named the ETag: nothing was rendered. */
  readonly notModified: boolean;
  /** The image; null outside the footprint (and when not modified). */
  readonly body: Buffer | null;
  readonly format: TileFormat;
}

export interface SurveyTileDeps {
  readonly db: Db;
  readonly store: Store;
  /** Tile caches (TILE_MEMORY_CACHE_BYTES, TILE_CACHE_DIR…). */
  readonly config: TileRenderConfig;
  /** Where tiles are rendered (the process's render threads). */
  readonly rendering: TileRendering;
}

export type SurveyTiles = ReturnType<typeof surveyTiles>;

export function surveyTiles({ db, store, config, rendering }: SurveyTileDeps) {
  const surveys = tileSurveys(db);
  const renderer = createTileRenderer(rendering, config);
  return {
    /** The tile for `caller`; throws the typed error (400, 404) of a bad request. */
    async tile(
      caller: Caller | null,
      req: SurveyTileRequest,
      ifNoneMatch: string | undefined,
    ): Promise<SurveyTile> {
      const tile = validateTile({ z: req.z, x: req.x, y: req.y });
      const render = renderParams(req.query);
      const tileSize = Number(req.query.tilesize ?? '256') as TileSize;
      const product = productNamed(req.product);
      const survey = await surveys.published(requireCaller(caller), req.id);
      const etag = etagOf(survey, product, tileSize, render);
      if (matchesEtag(ifNoneMatch, etag)) return { etag, notModified: true, body: null, format: req.format };
      const source = assetSource(store, { survey }, product.asset);
      const cacheKey: TileCacheKey = {
        surveyId: survey.id,
        version: survey.version,
        product: product.name,
        params: { tilesize: tileSize, rescale: render.rescale?.join(','), colormap: render.colormap },
        ...tile,
        format: req.format,
      };
      const body = await renderer.tile(source.key, cacheKey, {
        tile,
        tileSize,
        product: product.name,
        params: render,
        format: req.format,
        bands: survey.bandContext,
      });
      return { etag, notModified: false, body, format: req.format };
    },
  };
}

export function sendSurveyTile(res: ServerResponse, tile: SurveyTile): void {
  res.setHeader('ETag', tile.etag);
  res.setHeader('Cache-Control', CACHE_CONTROL);
  if (tile.notModified) {
    res.statusCode = 304;
    res.end();
  } else if (!tile.body) {
    res.statusCode = 204;
    res.end();
  } else {
    res.statusCode = 200;
    res.setHeader('Content-Type', CONTENT_TYPES[tile.format]);
    res.setHeader('Content-Length', tile.body.length);
    res.end(tile.body);
  }
}
