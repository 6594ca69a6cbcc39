/**
 * `GET /tiles/surveys/{id}/{product}/{z}/{x}/{y}.{png|webp}`, `…/{product}/tilejson.json` and
 * `…/{product}/legend.json` (SPEC §3): Web Mercator raster tiles of a survey's products rendered by
 * @belcheer/tiler — `rgb`, the indices its bands allow, `cover` — with the caller's access check
 * (another organisation's survey is 404), an ETag of survey id + version + parameters (304 on
 * If-None-Match), Cache-Control, and 204 for a tile outside the footprint.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import {
  COLORMAP_NAMES,
  colormapNamed,
  CONTENT_TYPES,
  parseRescale,
  productNamed,
  PRODUCT_NAMES,
  Tiler,
  TILE_FORMATS,
  type TileCacheKey,
  validateTile,
  zoomRange,
  type Legend,
  type Product,
  type RenderParams,
  type TileSize,
} from '../../../tiler/src/index.ts';
import type { Db } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { requireCaller } from '../auth/caller.ts';
import type { Store } from '../storage/store.ts';
import type { SurveyRecord } from '../surveys/surveys.repository.ts';
import { assetSource, publishedSurvey } from './survey.sources.ts';
import { pointRoute } from './point.routes.ts';
import type { TileRendering } from './tile.render.ts';
import { createTileRenderer, type TileRenderConfig } from './tile.renderer.ts';
import { tileSurveys } from './tile.surveys.ts';

/** Tiles may change when a survey is reprocessed (same URL, new version): revalidate after a minute. */
const CACHE_CONTROL = 'private, max-age=60';

const tileIndex = (name: string) =>
  z
    .string()
    .regex(/^\d{1,10}$/, `${name} is a non-negative integer`)
    .transform(Number);

const surveyProduct = {
  id: z.uuid('the survey id must be a UUID'),
  product: z
    .string()
    .max(64)
    .meta({ description: `One of ${PRODUCT_NAMES.join(', ')} that the survey's bands allow` }),
};

const tileParams = z.strictObject({
  ...surveyProduct,
  z: tileIndex('z'),
  x: tileIndex('x'),
  y: tileIndex('y'),
  format: z.enum(TILE_FORMATS),
});

const renderQuery = {
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

/** Parsed `rescale` and `colormap` (400 naming what is wrong). */
function renderParams(query: { rescale?: string | undefined; colormap?: string | undefined }): RenderParams {
  if (query.colormap) colormapNamed(query.colormap);
  return {
    ...(query.rescale ? { rescale: parseRescale(query.rescale) } : {}),
    ...(query.colormap ? { colormap: query.colormap } : {}),
  };
}

const legendSchema = z
  .object({
    product: z.string(),
    title: z.object({ mn: z.string(), en: z.string() }),
    kind: z.enum(['continuous', 'classes', 'rgb']),
    colormap: z.string().optional(),
    range: z.array(z.number()).length(2).optional(),
    stops: z.array(z.object({ value: z.number(), color: z.string() })).optional(),
    classes: z
      .array(
        z.object({
          value: z.number(),
          color: z.string(),
          label: z.object({ mn: z.string(), en: z.string() }),
        }),
      )
      .optional(),
    unit: z.string().optional(),
  })
  .meta({ description: 'Legend of a product: a colour ramp with its range, or classes with labels' });

const tileJsonSchema = z.object({
  tilejson: z.literal('3.0.0'),
  name: z.string(),
  scheme: z.literal('xyz'),
  tiles: z.array(z.string()),
  bounds: z.array(z.number()).length(4),
  center: z.array(z.number()).length(3),
  minzoom: z.number().int(),
  maxzoom: z.number().int(),
  legend: legendSchema,
});

export interface TileRoutesDeps {
  readonly db: Db;
  readonly store: Store;
  /** Shared tiler (opened COGs cache) of legends, TileJSON and point queries; one is created when absent. */
  readonly tiler?: Tiler;
  /** Tile caches (TILE_MEMORY_CACHE_BYTES, TILE_CACHE_DIR…). */
  readonly config: TileRenderConfig;
  /** Where tiles are rendered (the process's render threads). */
  readonly rendering: TileRendering;
}

/** Product, survey and render context of a request; 400 when the survey's bands cannot make the product. */
async function productContext(
  deps: { db: Db; store: Store; tiler: Tiler },
  caller: Parameters<typeof requireCaller>[0],
  params: { id: string; product: string },
  render: RenderParams,
): Promise<{ product: Product; record: SurveyRecord; legend: () => Legend }> {
  const product = productNamed(params.product);
  const record = await publishedSurvey(deps.db, requireCaller(caller), params.id);
  const source = assetSource(deps.store, record, product.asset);
  const ctx = await deps.tiler.context(source.key, source.open, product.name, render, record.bandContext);
  return { product, record, legend: () => product.legend(ctx) };
}

function etagOf(
  { id, version }: { id: string; version: number },
  product: Product,
  tileSize: number,
  render: RenderParams,
): string {
  return `"${id}-v${version}-${product.name}-${tileSize}-${render.rescale?.join('_') ?? 'auto'}-${render.colormap ?? 'default'}"`;
}

function notModified(req: Request, res: Response, etag: string): boolean {
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', CACHE_CONTROL);
  const match = req.headers['if-none-match'];
  if (!match) return false;
  const tags = match.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes(etag) && !tags.includes('*')) return false;
  res.status(304).end();
  return true;
}

export function tileRoutes({
  db,
  store,
  tiler = new Tiler(),
  config,
  rendering,
}: TileRoutesDeps): RouteDef[] {
  const deps = { db, store, tiler };
  const surveys = tileSurveys(db);
  const renderer = createTileRenderer(rendering, config);
  return [
    pointRoute(deps),
    defineRoute(
      {
        method: 'get',
        path: '/tiles/surveys/:id/:product/:z/:x/:y.:format',
        summary: 'A Web Mercator (XYZ) raster tile of a survey product; 204 outside its footprint',
        tags: ['tiles'],
        access: 'user',
        params: tileParams,
        query: z.strictObject(renderQuery),
        response: { status: 200, description: 'The tile (PNG or WebP)', contentType: 'image/png' },
        errors: [204, 304, 404],
      },
      async ({ caller, params, query, req, res }) => {
        const tile = validateTile({ z: params.z, x: params.x, y: params.y });
        const render = renderParams(query);
        const tileSize = Number(query.tilesize ?? '256') as TileSize;
        const product = productNamed(params.product);
        const survey = await surveys.published(requireCaller(caller), params.id);
        const etag = etagOf(survey, product, tileSize, render);
        if (notModified(req, res, etag)) return undefined;
        const source = assetSource(store, { survey }, product.asset);
        const cacheKey: TileCacheKey = {
          surveyId: survey.id,
          version: survey.version,
          product: product.name,
          params: { tilesize: tileSize, rescale: render.rescale?.join(','), colormap: render.colormap },
          ...tile,
          format: params.format,
        };
        const rendered = await renderer.tile(source.key, cacheKey, {
          tile,
          tileSize,
          product: product.name,
          params: render,
          format: params.format,
          bands: survey.bandContext,
        });
        if (!rendered) {
          res.status(204).end();
          return undefined;
        }
        // The bytes may be a render thread's shared slot: given back once the response is done.
        res.once('close', rendered.release);
        res.status(200).type(CONTENT_TYPES[params.format]).send(rendered.body);
        return undefined;
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/tiles/surveys/:id/:product/tilejson.json',
        summary: 'TileJSON 3.0.0 of a survey product: tile URL, bounds, zoom range from the GSD',
        tags: ['tiles'],
        access: 'user',
        params: z.strictObject(surveyProduct),
        query: z.strictObject({ ...renderQuery, format: z.enum(TILE_FORMATS).optional() }),
        response: { status: 200, description: 'TileJSON', schema: tileJsonSchema },
        errors: [404],
      },
      async ({ caller, params, query, req }) => {
        const render = renderParams(query);
        const { product, record, legend } = await productContext(deps, caller, params, render);
        const { survey } = record;
        const tileSize = Number(query.tilesize ?? '256');
        const [west, south, east, north] = (survey.bbox ?? [-180, -85.0511, 180, 85.0511]) as [
          number,
          number,
          number,
          number,
        ];
        const lat = (south + north) / 2;
        const range = survey.gsd
          ? zoomRange(survey.gsd, lat, Math.max(survey.width ?? 256, survey.height ?? 256), tileSize)
          : { minzoom: 0, maxzoom: 22 };
        const search = new URLSearchParams();
        if (query.tilesize) search.set('tilesize', query.tilesize);
        if (query.rescale) search.set('rescale', query.rescale);
        if (query.colormap) search.set('colormap', query.colormap);
        const qs = search.size > 0 ? `?${search.toString()}` : '';
        const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
        const format = query.format ?? 'png';
        return {
          tilejson: '3.0.0',
          name: `${survey.name} — ${product.name}`,
          scheme: 'xyz',
          tiles: [`${origin}/tiles/surveys/${survey.id}/${product.name}/{z}/{x}/{y}.${format}${qs}`],
          bounds: [west, south, east, north],
          center: [(west + east) / 2, lat, range.maxzoom],
          minzoom: range.minzoom,
          maxzoom: range.maxzoom,
          legend: legend(),
        };
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/tiles/surveys/:id/:product/legend.json',
        summary: 'Legend of a survey product: colormap, range and stops, or classes with labels (mn, en)',
        tags: ['tiles'],
        access: 'user',
        params: z.strictObject(surveyProduct),
        query: z.strictObject({ rescale: renderQuery.rescale, colormap: renderQuery.colormap }),
        response: { status: 200, description: 'Legend', schema: legendSchema },
        errors: [404],
      },
      async ({ caller, params, query }) =>
        (await productContext(deps, caller, params, renderParams(query))).legend(),
    ),
  ];
}
