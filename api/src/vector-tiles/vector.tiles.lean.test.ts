/**
 * The light tile path answers only what it can answer in full and hands the rest to `next` untouched:
 * other methods and paths, bad addresses, unknown layers, failed authentication, a failed tile. Driven
 * over a real node:http server with a fake tile service and auth; `next` answers 599 so a hand-over shows.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnauthorizedError } from '@belcheer/processing';
import type { Caller } from '../auth/caller.ts';
import type { TileAddress } from '../../../tiler/src/mvt/index.ts';
import { leanVectorTiles } from './vector.tiles.lean.ts';
import type { VectorTileService } from './vector.tiles.service.ts';

const caller: Caller = {
  userId: 'u1',
  email: 'a@b.mn',
  name: 'A',
  role: 'agronomist',
  organisationId: 'o1',
  organisationName: 'O',
};
const asked: { layer: string; t: TileAddress }[] = [];

const tiles: VectorTileService = {
  async tile(_caller, layer, t) {
    asked.push({ layer, t });
    if (t.z === 13) throw new Error('database down');
    const bytes = t.z === 5 ? new Uint8Array(0) : new Uint8Array([0x1a, 0x02, 0x78, 0x01]);
    return { bytes, etag: '"abc"', cacheControl: 'private, max-age=30' };
  },
  tileJson: () => Promise.reject(new Error('not used')),
  clearCache: () => undefined,
};

const auth = {
  async authenticateToken(token: string | null) {
    if (token !== 'good') throw new UnauthorizedError('authentication required');
    return caller;
  },
};

let server: Server;
let url: string;

beforeAll(async () => {
  const lean = leanVectorTiles(tiles, auth);
  server = createServer((req, res) =>
    lean(req, res, () => {
      res.statusCode = 599;
      res.end('next');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const good = { authorization: 'Bearer good' };

describe('leanVectorTiles', () => {
  it('answers a valid tile request: 200 with the bytes, 204 when empty, 304 on a matching If-None-Match', async () => {
    const ok = await fetch(`${url}/tiles/admin-units/6/50/21.mvt`, { headers: good });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(ok.headers.get('etag')).toBe('"abc"');
    expect(ok.headers.get('cache-control')).toBe('private, max-age=30');
    expect([...new Uint8Array(await ok.arrayBuffer())]).toEqual([0x1a, 0x02, 0x78, 0x01]);
    expect(asked.at(-1)).toEqual({ layer: 'admin-units', t: { z: 6, x: 50, y: 21 } });
    const empty = await fetch(`${url}/tiles/pasture-units/5/1/1.mvt`, {
      headers: { cookie: 'belcheer_session=good' },
    });
    expect(empty.status).toBe(204);
    const same = await fetch(`${url}/tiles/admin-units/6/50/21.mvt?v=2`, {
      headers: { ...good, 'if-none-match': 'W/"abc"' },
    });
    expect(same.status).toBe(304);
  });

  it('hands everything else to next, without asking for a tile when the request is not valid', async () => {
    const before = asked.length;
    const handed: [string, RequestInit][] = [
      ['/tiles/admin-units/6/50/21.mvt', { method: 'HEAD', headers: good }],
      ['/tiles/admin-units/6/50/21.pbf', { headers: good }],
      ['/tiles/admin-units/tilejson.json', { headers: good }],
      ['/TILES/admin-units/6/50/21.mvt', { headers: good }],
      ['/tiles/admin%2Dunits/6/50/21.mvt', { headers: good }],
      ['/tiles/admin-units/23/0/0.mvt', { headers: good }],
      ['/tiles/admin-units/6/64/0.mvt', { headers: good }],
      ['/tiles/rivers/6/50/21.mvt', { headers: good }],
      ['/tiles/admin-units/6/50/21.mvt', {}],
      ['/tiles/admin-units/6/50/21.mvt', { headers: { authorization: 'Bearer bad' } }],
      ['/tiles/admin-units/6/50/21.mvt', { headers: { authorization: 'Basic Z29vZA==' } }],
      ['/api/surveys', { headers: good }],
    ];
    for (const [path, init] of handed) {
      const res = await fetch(`${url}${path}`, init);
      expect(res.status, `${init.method ?? 'GET'} ${path}`).toBe(599);
    }
    expect(asked.length).toBe(before);
  });

  it('hands a request whose tile failed to next (the express route answers the error)', async () => {
    const res = await fetch(`${url}/tiles/admin-units/13/0/0.mvt`, { headers: good });
    expect(res.status).toBe(599);
    expect(asked.at(-1)?.t.z).toBe(13);
  });
});
