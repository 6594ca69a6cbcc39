/**
 * `GET /api/surveys/{id}/point?lon=&lat=` (issue 5 "Point query"): the band values and indices of the
 * survey's full-resolution pixel at a WGS 84 lon/lat, and whether that pixel counts as green cover.
 */
import { z } from 'zod';
import type { Tiler } from '../../../tiler/src/index.ts';
import type { Db } from '../db/db.ts';
import { requireCaller } from '../auth/caller.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import type { Store } from '../storage/store.ts';
import { assetSource, publishedSurvey } from './survey.sources.ts';

const coordinate = (name: string, limit: number) =>
  z
    .string()
    .regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, `${name} is a decimal number`)
    .transform(Number)
    .refine((v) => Math.abs(v) <= limit, `${name} is out of range −${limit}…${limit}`);

const pointSchema = z.object({
  lon: z.number(),
  lat: z.number(),
  inside: z.boolean().meta({ description: 'False outside the image or on a nodata / transparent pixel' }),
  pixel: z.object({ x: z.number().int(), y: z.number().int() }).nullable(),
  bands: z.record(z.string(), z.number()),
  indices: z.record(z.string(), z.number().nullable()),
  cover: z.object({ index: z.string(), threshold: z.number(), green: z.boolean().nullable() }).nullable(),
});

export function pointRoute({ db, store, tiler }: { db: Db; store: Store; tiler: Tiler }): RouteDef {
  return defineRoute(
    {
      method: 'get',
      path: '/api/surveys/:id/point',
      summary: 'Band values and indices of a survey at a WGS 84 lon/lat',
      tags: ['surveys'],
      access: 'user',
      params: z.strictObject({ id: z.uuid('the survey id must be a UUID') }),
      query: z.strictObject({ lon: coordinate('lon', 180), lat: coordinate('lat', 90) }),
      response: { status: 200, description: 'Values at the point', schema: pointSchema },
      errors: [404],
    },
    async ({ caller, params, query }) => {
      const record = await publishedSurvey(db, requireCaller(caller), params.id);
      const source = assetSource(store, record, 'cog');
      const values = await tiler.point(source.key, source.open, query.lon, query.lat, record.bandContext);
      const { cover } = record.survey;
      const coverValue = cover ? values.indices[cover.index] : undefined;
      return {
        lon: query.lon,
        lat: query.lat,
        ...values,
        cover: cover
          ? {
              ...cover,
              green: coverValue === undefined || coverValue === null ? null : coverValue >= cover.threshold,
            }
          : null,
      };
    },
  );
}
