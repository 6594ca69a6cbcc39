/**
 * Difference tiles between two surveys (issue 6; SPEC §2.3): `GET /tiles/change/{from}/{to}/{index}/
 * {z}/{x}/{y}.{png|webp}` renders index(to) − index(from) per tile pixel through a diverging colormap
 * (rdylgn over ±0.3 unless `rescale`/`colormap` say otherwise), with `…/tilejson.json` and
 * `…/legend.json`. Both surveys must be readable (404) and have the index's bands (400). ETag of both
 * survey versions and the parameters; 204 where the surveys do not meet.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { indexBands, indexDefinition } from '@belcheer/processing';
import {
  changeLegend,
  CONTENT_TYPES,
  parseRescale,
  colormapNamed,
  renderChangeTile,
  Tiler,
  TILE_FORMATS,
  validateTile,
  zoomRange,
  type ChangeSide,
  type RenderParams,
  type TileSize,
} from '../../../tiler/src/index.ts';
import type { Db } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { requireCaller, type Caller } from '../auth/caller.ts';
import type { Store } from '../storage/store.ts';
import type { SurveyRecord } from '../surveys/surveys.repository.ts';
import { assetSource, publishedSurvey } from './survey.sources.ts';

const pair = {
  from: z.uuid('from is a survey UUID'),
  to: z.uuid('to is a survey UUID'),
  index: z.string().max(16).meta({ description: 'The index both surveys are compared on, e.g. ndvi' }),
};
const coordinate = (name: string) =>
  z
    .string()
    .regex(/^\d{1,10}$/, `${name} is a non-negative integer`)
    .transform(Number);

const style = {
  rescale: z
    .string()
    .max(64)
    .optional()
    .meta({ description: '`min,max` of the colormap (default -0.3,0.3)' }),
  colormap: z.string().max(32).optional().meta({ description: 'Colormap (default rdylgn)' }),
};
const sized = { ...style, tilesize: z.enum(['256', '512'], 'tilesize is 256 or 512').optional() };

const legendSchema = z
  .object({
    product: z.string(),
    title: z.object({ mn: z.string(), en: z.string() }),
    kind: z.literal('continuous'),
    colormap: z.string(),
    range: z.array(z.number()).length(2),
    stops: z.array(z.object({ value: z.number(), color: z.string() })),
  })
  .meta({ description: 'Legend of a difference layer: the diverging ramp and its range' });

/** TileJSON 3.0.0 of the layer (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0). */
const zoom = z.number().int();
const tileJsonSchema = z.object({
  tilejson: z.literal('3.0.0'),
  scheme: z.literal('xyz'),
  name: z.string(),
  tiles: z.array(z.string()),
  bounds: z.array(z.number()).length(4),
  minzoom: zoom,
  maxzoom: zoom,
  legend: legendSchema,
});

function styleOf(q: { rescale?: string | undefined; colormap?: string | undefined }): RenderParams {
  return {
    ...(q.rescale !== undefined ? { rescale: parseRescale(q.rescale) } : {}),
    ...(q.colormap !== undefined ? { colormap: colormapNamed(q.colormap).name } : {}),
  };
}

/** What every route here shares: GET, tiles, any signed-in user. */
const TILE_ROUTE = { method: 'get', tags: ['tiles'], access: 'user' } as const;

export interface ChangeTileRoutesDeps {
  readonly db: Db;
  readonly store: Store;
  /** The tiler the survey tiles use (opened COGs shared). */
  readonly tiler: Tiler;
}

export function changeTileRoutes({ db, store, tiler }: ChangeTileRoutesDeps): RouteDef[] {
  /** Both readable published surveys, each with the index's bands (400 naming what is missing). */
  async function surveys(caller: Caller | null, p: { from: string; to: string; index: string }) {
    const who = requireCaller(caller);
    const definition = indexDefinition(p.index);
    const records: SurveyRecord[] = [];
    for (const id of [p.from, p.to]) {
      const record = await publishedSurvey(db, who, id);
      indexBands(definition, record.bandContext);
      records.push(record);
    }
    return records as [SurveyRecord, SurveyRecord];
  }

  async function side(record: SurveyRecord): Promise<ChangeSide> {
    const { key, open } = assetSource(store, record, 'cog');
    return { source: await tiler.source(key, open), bands: record.bandContext };
  }

  function fresh(req: Request, res: Response, etag: string): boolean {
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, max-age=60');
    const sent = (req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
    return sent.includes(etag) || sent.includes('*');
  }

  return [
    defineRoute(
      {
        ...TILE_ROUTE,
        path: '/tiles/change/:from/:to/:index/:z/:x/:y.:format',
        summary: 'A difference tile index(to) − index(from) of two surveys; 204 where they do not meet',
        params: z.strictObject({
          ...pair,
          z: coordinate('z'),
          x: coordinate('x'),
          y: coordinate('y'),
          format: z.enum(TILE_FORMATS),
        }),
        query: z.strictObject(sized),
        response: { status: 200, description: 'The tile (PNG or WebP)', contentType: 'image/png' },
        errors: [204, 304, 404],
      },
      async ({ caller, params, query, req, res }) => {
        const tile = validateTile({ z: params.z, x: params.x, y: params.y });
        const render = styleOf(query);
        const tileSize = Number(query.tilesize ?? '256') as TileSize;
        const [from, to] = await surveys(caller, params);
        const etag = `"change-${from.survey.id}-v${from.survey.version}-${to.survey.id}-v${to.survey.version}-${params.index}-${tileSize}-${render.rescale?.join('_') ?? 'auto'}-${render.colormap ?? 'default'}"`;
        if (fresh(req, res, etag)) {
          res.status(304).end();
          return undefined;
        }
        const body = await renderChangeTile(await side(from), await side(to), {
          index: params.index,
          tile,
          tileSize,
          params: render,
          format: params.format,
        });
        if (!body) res.status(204).end();
        else res.status(200).type(CONTENT_TYPES[params.format]).send(body);
        return undefined;
      },
    ),
    defineRoute(
      {
        ...TILE_ROUTE,
        path: '/tiles/change/:from/:to/:index/tilejson.json',
        summary: 'TileJSON 3.0.0 of the difference layer of two surveys',
        params: z.strictObject(pair),
        query: z.strictObject({ ...sized, format: z.enum(TILE_FORMATS).optional() }),
        response: { status: 200, description: 'TileJSON', schema: tileJsonSchema },
        errors: [404],
      },
      async ({ caller, params, query, req }) => {
        const render = styleOf(query);
        const [from, to] = await surveys(caller, params);
        const [a, b] = [from.survey.bbox ?? [], to.survey.bbox ?? []];
        const bounds = [
          Math.max(a[0] ?? -180, b[0] ?? -180),
          Math.max(a[1] ?? -85.0511, b[1] ?? -85.0511),
          Math.min(a[2] ?? 180, b[2] ?? 180),
          Math.min(a[3] ?? 85.0511, b[3] ?? 85.0511),
        ];
        const gsd = Math.min(from.survey.gsd ?? Infinity, to.survey.gsd ?? Infinity);
        const size = Math.max(from.survey.width ?? 256, from.survey.height ?? 256);
        const tileSize = Number(query.tilesize ?? '256');
        const range = Number.isFinite(gsd)
          ? zoomRange(gsd, (bounds[1]! + bounds[3]!) / 2, size, tileSize)
          : { minzoom: 0, maxzoom: 22 };
        const search = new URLSearchParams();
        for (const key of ['tilesize', 'rescale', 'colormap'] as const) {
          const v = query[key];
          if (v !== undefined) search.set(key, v);
        }
        const qs = search.size > 0 ? `?${search.toString()}` : '';
        const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
        const base = `${origin}/tiles/change/${params.from}/${params.to}/${params.index}`;
        return {
          tilejson: '3.0.0',
          name: `${from.survey.name} → ${to.survey.name} — Δ${params.index}`,
          scheme: 'xyz',
          tiles: [`${base}/{z}/{x}/{y}.${query.format ?? 'png'}${qs}`],
          bounds,
          minzoom: range.minzoom,
          maxzoom: range.maxzoom,
          legend: changeLegend(params.index, render),
        };
      },
    ),
    defineRoute(
      {
        ...TILE_ROUTE,
        path: '/tiles/change/:from/:to/:index/legend.json',
        summary: 'Legend of the difference layer of two surveys: the diverging ramp, its range and stops',
        params: z.strictObject(pair),
        query: z.strictObject(style),
        response: { status: 200, description: 'Legend', schema: legendSchema },
        errors: [404],
      },
      async ({ caller, params, query }) => {
        await surveys(caller, params);
        return changeLegend(params.index, styleOf(query));
      },
    ),
  ];
}
