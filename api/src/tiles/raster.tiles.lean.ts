/**
 * The light request path of `GET /tiles/surveys/{id}/{product}/{z}/{x}/{y}.{png|webp}`: mounted ahead
 * of express's router, it answers the successful requests (200, 204, 304) with only what they need —
 * match the path, parse the query with the route's own schema, authenticate (the session cache of
 * `auth.service.ts`), the tile (`survey.tile.ts`, the route's very code) — and hands every other
 * request, and every request it cannot answer (a bad address or query, no or bad credential, another
 * organisation's survey, a failed render), to `next`: the express route then answers it exactly as
 * before (same zod checks, SPEC error JSON). Requests other than GET (HEAD included) go to express too.
 * Measured: express's router walk, middleware and zod made ~40 % of the main thread's allocation per
 * tile, and on the embedded database's large heap every collection is dear (BENCHMARKS.md, 5b).
 * Reference: SPEC §3; `vector.tiles.lean.ts` (the same for vector tiles).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { TILE_FORMATS } from '../../../tiler/src/index.ts';
import { credentialFromHeaders, type AuthService } from '../auth/auth.service.ts';
import { renderQuery, sendSurveyTile, type SurveyTileRequest, type SurveyTiles } from './survey.tile.ts';

/** The route's path as its zod schemas accept it: a UUID, a product name, z/x/y digits, the format. */
const TILE_PATH =
  /^\/tiles\/surveys\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/([^/?]{1,64})\/(\d{1,10})\/(\d{1,10})\/(\d{1,10})\.([a-z]+)(?:\?(.*))?$/;

const querySchema = z.strictObject(renderQuery);

/** The tile request of a well-formed GET, else null (then express answers). */
function tileRequest(req: IncomingMessage): SurveyTileRequest | null {
  if (req.method !== 'GET') return null;
  const m = TILE_PATH.exec(req.url ?? '');
  if (!m) return null;
  const format = m[6] as SurveyTileRequest['format'];
  if (!TILE_FORMATS.includes(format)) return null;
  const search = new URLSearchParams(m[7] ?? '');
  const keys = [...search.keys()];
  if (new Set(keys).size !== keys.length) return null; // repeated keys: the route's 400
  const query = querySchema.safeParse(Object.fromEntries(search));
  if (!query.success) return null;
  return {
    id: m[1]!,
    product: m[2]!,
    z: Number(m[3]),
    x: Number(m[4]),
    y: Number(m[5]),
    format,
    query: query.data,
  };
}

/** The middleware: `(req, res, next)` on node's own request and response, usable in express or bare. */
export function leanRasterTiles(tiles: SurveyTiles, auth: Pick<AuthService, 'authenticateToken'>) {
  async function answer(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const wanted = tileRequest(req);
    if (!wanted) return false;
    try {
      const { authorization, cookie } = req.headers;
      const caller = await auth.authenticateToken(
        credentialFromHeaders(authorization ?? null, cookie ?? null),
        'user',
      );
      if (!caller) return false;
      sendSurveyTile(res, await tiles.tile(caller, wanted, req.headers['if-none-match']));
      return true;
    } catch {
      return false;
    }
  }
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    answer(req, res).then(
      (answered) => answered || next(),
      () => (res.headersSent ? res.destroy() : next()),
    );
  };
}
