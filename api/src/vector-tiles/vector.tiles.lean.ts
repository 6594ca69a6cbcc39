/**
 * The light request path of `GET /tiles/{layer}/{z}/{x}/{y}.mvt`: mounted ahead of express's router, it
 * answers the successful requests (200, 204, 304) with only what they need — match the path, check the
 * address and layer, authenticate (the session cache of `auth.service.ts`), the tile, ETag/304 and
 * Cache-Control — and hands every other request, and every request it cannot answer (bad address,
 * unknown layer, no or bad credential, a failed query), to `next`: the express route in
 * `vector.tiles.routes.ts` then answers it exactly as before (same zod checks, SPEC error JSON; a failed
 * query is run once more there). Requests other than GET (HEAD included) go to express too.
 * Reference: SPEC §3; BENCHMARKS.md, vector tiles (issue 5, 5c).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from '../auth/caller.ts';
import { credentialFromHeaders, type AuthService } from '../auth/auth.service.ts';
import { checkTileAddress, type TileAddress } from '../../../tiler/src/mvt/index.ts';
import { findVectorLayer } from './vector.layers.ts';
import type { Db } from '../db/db.ts';
import { createVectorTileService, type VectorTileService } from './vector.tiles.service.ts';
import { sendTile } from './tile.response.ts';
import { shareLayerChanges } from './layer.generation.ts';

/** The route's path, as the zod schemas of `vector.tiles.routes.ts` accept it (no percent-escapes). */
const TILE_PATH = /^\/tiles\/([a-z][a-z0-9-]{0,63})\/(\d{1,10})\/(\d{1,10})\/(\d{1,10})\.mvt(?:\?|$)/;

/** The tile address of a well-formed request for a known layer, else null (then express answers). */
function tileRequest(req: IncomingMessage): { layer: string; address: TileAddress } | null {
  if (req.method !== 'GET') return null;
  const m = TILE_PATH.exec(req.url ?? '');
  if (!m || !findVectorLayer(m[1]!)) return null;
  try {
    return { layer: m[1]!, address: checkTileAddress(Number(m[2]), Number(m[3]), Number(m[4])) };
  } catch {
    return null;
  }
}

/** The middleware: `(req, res, next)` on node's own request and response, usable in express or bare. */
export function leanVectorTiles(tiles: VectorTileService, auth: Pick<AuthService, 'authenticateToken'>) {
  async function answer(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const wanted = tileRequest(req);
    if (!wanted) return false;
    let caller: Caller | null;
    try {
      const { authorization, cookie } = req.headers;
      caller = await auth.authenticateToken(
        credentialFromHeaders(authorization ?? null, cookie ?? null),
        'user',
      );
    } catch {
      return false;
    }
    if (!caller) return false;
    sendTile(req, res, await tiles.tile(caller, wanted.layer, wanted.address));
    return true;
  }
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    answer(req, res).then(
      (answered) => answered || next(),
      () => (res.headersSent ? res.destroy() : next()),
    );
  };
}

/**
 * The light path over its own tile service (the express route keeps one for what it answers); starts
 * hearing other processes' layer writes, once per app (a failure leaves the cache's time window).
 */
export function leanVectorTileHandler(db: Db, auth: Pick<AuthService, 'authenticateToken'>) {
  shareLayerChanges(db).catch(() => undefined);
  return leanVectorTiles(createVectorTileService(db), auth);
}
