/**
 * `GET /api/exports/layers/{layer}.{format}` (issue 7 "Export"): pasture units, field plots or results
 * of the caller's organisations as GeoJSON, GeoPackage, zipped Shapefile, CSV or KML, filtered by
 * `soum`, `season`, `use` and `survey` where they apply; an attachment named `<layer>.<format>`. All but
 * the GeoPackage stream (vector.formats.ts). Registered before exportRoutes so `/api/exports/layers/…` is not
 * taken for an export id.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { requireCaller } from '../auth/caller.ts';
import { unitListQuery } from '../pasture-units/pasture.units.schemas.ts';
import { LAYER_IDS } from './export.layers.ts';
import { FORMAT_WRITERS, FORMATS } from './vector.formats.ts';
import { createVectorExportService } from './vector.exports.service.ts';

/** Express splits `pasture-units.shp.zip` at a dot of its choosing: the name is split again at the first dot. */
const params = z
  .strictObject({
    layer: z.string().meta({ description: `One of ${LAYER_IDS.join(', ')}` }),
    format: z.string().meta({ description: `One of ${FORMATS.join(', ')}` }),
  })
  .transform(({ layer, format }) => {
    const file = `${layer}.${format}`;
    const dot = file.indexOf('.');
    return { layer: file.slice(0, dot), format: file.slice(dot + 1) };
  })
  .pipe(
    z.strictObject({
      layer: z.enum(LAYER_IDS, `the layer is one of ${LAYER_IDS.join(', ')}`),
      format: z.enum(FORMATS, `the format is one of ${FORMATS.join(', ')}`),
    }),
  );

const query = unitListQuery.pick({ soum: true, season: true, use: true }).extend({
  survey: z
    .uuid('survey must be a survey id (UUID)')
    .optional()
    .meta({ description: 'Results and field plots of this survey' }),
});

export function vectorExportRoutes(db: Db): RouteDef[] {
  const exports = createVectorExportService(db);
  return [
    defineRoute(
      {
        method: 'get',
        path: '/api/exports/layers/:layer.:format',
        summary:
          'Pasture units, field plots or per-unit results of the caller’s organisations as GeoJSON, GeoPackage, zipped Shapefile, CSV (WKT geometry) or KML, in WGS 84; soum, season, use and survey filters where they apply',
        tags: ['exports'],
        access: 'user',
        params,
        query,
        response: { status: 200, description: 'The file', contentType: 'application/octet-stream' },
        errors: [404, 413],
      },
      async ({ caller, params: p, query: q, res }) => {
        const layer = await exports.layer(requireCaller(caller), p.layer, q);
        const writer = FORMAT_WRITERS[p.format];
        // built before the headers go out: a refusal while writing answers as a JSON error
        const body = writer.write(layer);
        const bytes = 'bytes' in body ? await body.bytes : null;
        res.setHeader('Content-Type', writer.contentType);
        res.setHeader('Content-Disposition', `attachment; filename="${p.layer}.${p.format}"`);
        res.setHeader('Cache-Control', 'private, no-cache');
        if (bytes) res.status(200).setHeader('Content-Length', bytes.length).end(bytes);
        else if ('chunks' in body) await pipeline(Readable.from(body.chunks), res.status(200));
        return undefined;
      },
    ),
  ];
}
