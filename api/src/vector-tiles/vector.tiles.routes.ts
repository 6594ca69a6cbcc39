/**
 * `GET /tiles/{layer}/{z}/{x}/{y}.mvt` and `GET /tiles/{layer}/tilejson.json` (SPEC §3): Mapbox Vector
 * Tiles of the registered layers (admin units, survey footprints, …) for MapLibre and QGIS, with ETag
 * (304 on If-None-Match) and Cache-Control; a tile without features is 204.
 */
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { requireCaller } from '../auth/caller.ts';
import { checkTileAddress } from '../../../tiler/src/mvt/index.ts';
import { VECTOR_LAYERS } from './vector.layers.ts';
import { createVectorTileService } from './vector.tiles.service.ts';
import { MVT_CONTENT_TYPE, sendTile } from './tile.response.ts';

const layerParam = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,63}$/, 'a layer name is lower-case letters, digits and dashes')
  .meta({ description: `One of ${VECTOR_LAYERS.map((l) => l.id).join(', ')}` });
const tileIndex = (name: string) =>
  z
    .string()
    .regex(/^\d{1,10}$/, `${name} is a non-negative integer`)
    .transform(Number);

const tileParams = z.strictObject({
  layer: layerParam,
  z: tileIndex('z'),
  x: tileIndex('x'),
  y: tileIndex('y'),
});

const tileJsonSchema = z.object({
  tilejson: z.literal('3.0.0'),
  name: z.string(),
  description: z.string(),
  scheme: z.literal('xyz'),
  tiles: z.array(z.string()),
  minzoom: z.number().int(),
  maxzoom: z.number().int(),
  bounds: z.array(z.number()).length(4),
  center: z.array(z.number()).length(3),
  vector_layers: z.array(
    z.object({
      id: z.string(),
      description: z.string(),
      minzoom: z.number().int(),
      maxzoom: z.number().int(),
      fields: z.record(z.string(), z.enum(['String', 'Number', 'Boolean'])),
    }),
  ),
});

export function vectorTileRoutes(db: Db): RouteDef[] {
  const tiles = createVectorTileService(db);
  return [
    defineRoute(
      {
        method: 'get',
        path: '/tiles/:layer/tilejson.json',
        summary: 'TileJSON 3.0.0 of a vector tile layer: URL template, bounds, zooms, fields',
        tags: ['tiles'],
        access: 'user',
        params: z.strictObject({ layer: layerParam }),
        response: { status: 200, description: 'TileJSON 3.0.0', schema: tileJsonSchema },
        errors: [404],
      },
      async ({ caller, params, req, res }) => {
        res.setHeader('Cache-Control', 'private, max-age=60');
        return tiles.tileJson(requireCaller(caller), params.layer, `${req.protocol}://${req.get('host')}`);
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/tiles/:layer/:z/:x/:y.mvt',
        summary: 'A Mapbox Vector Tile (extent 4096, buffer 64) of a layer; 204 when it holds no feature',
        tags: ['tiles'],
        access: 'user',
        params: tileParams,
        response: { status: 200, description: 'The tile (MVT 2.1)', contentType: MVT_CONTENT_TYPE },
        errors: [404],
      },
      async ({ caller, params, req, res }) => {
        const address = checkTileAddress(params.z, params.x, params.y);
        sendTile(req, res, await tiles.tile(requireCaller(caller), params.layer, address));
        return undefined;
      },
    ),
  ];
}
