/**
 * `GET /tiles/surveys/{id}/{product}/{z}/{x}/{y}.{png|webp}` and `…/{product}/tilejson.json`
 * (SPEC §3): Web Mercator raster tiles of a survey's COG rendered by @belcheer/tiler, with the
 * caller's access check (another organisation's survey is 404), an ETag of survey id + version +
 * parameters (304 on If-None-Match), Cache-Control, and 204 for a tile outside the footprint.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@belcheer/processing';
import {
  CONTENT_TYPES,
  parseRescale,
  productNamed,
  PRODUCTS,
  Tiler,
  TILE_FORMATS,
  validateTile,
  zoomRange,
  type Range,
  type TileSize,
} from '../../../tiler/src/index.ts';
import type { Db } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { readableOrganisations, requireCaller, type Caller } from '../auth/caller.ts';
import type { Store } from '../storage/store.ts';
import { getSurveyRecord, type SurveyRecord } from '../surveys/surveys.repository.ts';
import { cogKey } from '../surveys/survey.keys.ts';

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
    .meta({ description: `One of ${[...PRODUCTS.keys()].join(', ')}` }),
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
  rescale: z.string().max(64).optional().meta({ description: '`min,max` of the linear stretch onto 0–255' }),
};

const tileJsonSchema = z.object({
  tilejson: z.literal('3.0.0'),
  name: z.string(),
  scheme: z.literal('xyz'),
  tiles: z.array(z.string()),
  bounds: z.array(z.number()).length(4),
  center: z.array(z.number()).length(3),
  minzoom: z.number().int(),
  maxzoom: z.number().int(),
});

export interface TileRoutesDeps {
  readonly db: Db;
  readonly store: Store;
  /** Shared tiler (opened COGs cache); one is created when absent. */
  readonly tiler?: Tiler;
}

/** The caller's survey with published imagery, or NotFoundError. */
async function publishedSurvey(db: Db, caller: Caller, id: string): Promise<SurveyRecord> {
  const record = await getSurveyRecord(db, readableOrganisations(caller), id);
  if (record.survey.version < 1) {
    throw new NotFoundError(`survey ${id} has no processed imagery yet (status ${record.survey.status})`);
  }
  return record;
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

export function tileRoutes({ db, store, tiler = new Tiler() }: TileRoutesDeps): RouteDef[] {
  return [
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
        const product = productNamed(params.product);
        const rescale: Range | undefined = query.rescale ? parseRescale(query.rescale) : undefined;
        const tileSize = Number(query.tilesize ?? '256') as TileSize;
        const { survey } = await publishedSurvey(db, requireCaller(caller), params.id);
        const etag = `"${survey.id}-v${survey.version}-${product.name}-${tileSize}-${rescale?.join('_') ?? 'auto'}"`;
        if (notModified(req, res, etag)) return undefined;
        const key = cogKey(survey.id, survey.version);
        const { body } = await tiler.render(key, () => store.open(key), {
          tile,
          tileSize,
          product: product.name,
          params: rescale ? { rescale } : {},
          format: params.format,
        });
        if (!body) {
          res.status(204).end();
          return undefined;
        }
        res.status(200).type(CONTENT_TYPES[params.format]).send(body);
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
        const product = productNamed(params.product);
        if (query.rescale) parseRescale(query.rescale);
        const { survey } = await publishedSurvey(db, requireCaller(caller), params.id);
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
        };
      },
    ),
  ];
}
