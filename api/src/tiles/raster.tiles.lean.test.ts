/**
 * The light raster tile path answers only what it can answer in full and hands the rest to `next`
 * untouched: other methods and paths, a bad query (unknown or repeated key, bad tilesize), an unknown
 * format, failed authentication, a tile that throws (bad product, another organisation's survey).
 * Driven over a real node:http server with fake tiles and auth; `next` answers 599 so a hand-over
 * shows. Parity with the express route on a real survey: tests/tiler/tiles.api.test.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, UnauthorizedError } from '@belcheer/processing';
import type { Caller } from '../auth/caller.ts';
import { leanRasterTiles } from './raster.tiles.lean.ts';
import type { SurveyTileRequest, SurveyTiles } from './survey.tile.ts';

const caller: Caller = {
  userId: 'u1',
  email: 'a@b.mn',
  name: 'A',
  role: 'agronomist',
  organisationId: 'o1',
  organisationName: 'O',
};
const ID = '0b8e6c1e-6f1d-4d0e-9d2a-1f3c5e7a9b11';
const asked: SurveyTileRequest[] = [];

const tiles: SurveyTiles = {
  async tile(_caller, req, ifNoneMatch) {
    asked.push(req);
    if (req.product === 'ndvi') throw new Error('the survey has no nir band');
    if (req.id !== ID) throw new NotFoundError(`survey ${req.id} not found`);
    const etag = `"${req.id}-v1-${req.product}"`;
    if (ifNoneMatch === etag) return { etag, notModified: true, body: null, format: req.format };
    const body = req.z === 5 ? null : Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    return { etag, notModified: false, body, format: req.format };
  },
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
  const lean = leanRasterTiles(tiles, auth);
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
const tile = `/tiles/surveys/${ID}/rgb/18/100/200`;

describe('leanRasterTiles', () => {
  it('answers a valid request: 200 with the image, 204 outside, 304 on a matching If-None-Match', async () => {
    const ok = await fetch(`${url}${tile}.png?tilesize=512&rescale=0,200`, { headers: good });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect(ok.headers.get('etag')).toBe(`"${ID}-v1-rgb"`);
    expect(ok.headers.get('cache-control')).toBe('private, max-age=60');
    expect([...new Uint8Array(await ok.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(asked.at(-1)).toEqual({
      id: ID,
      product: 'rgb',
      z: 18,
      x: 100,
      y: 200,
      format: 'png',
      query: { tilesize: '512', rescale: '0,200' },
    });
    const webp = await fetch(`${url}${tile}.webp`, { headers: { cookie: 'belcheer_session=good' } });
    expect([webp.status, webp.headers.get('content-type')]).toEqual([200, 'image/webp']);
    const empty = await fetch(`${url}/tiles/surveys/${ID}/rgb/5/1/1.png`, { headers: good });
    expect(empty.status).toBe(204);
    const same = await fetch(`${url}${tile}.png`, {
      headers: { ...good, 'if-none-match': `"${ID}-v1-rgb"` },
    });
    expect(same.status).toBe(304);
  });

  it('hands everything else to next, asking for no tile when the request is not valid', async () => {
    const before = asked.length;
    const handed: [string, RequestInit][] = [
      [`${tile}.png`, { method: 'HEAD', headers: good }],
      [`${tile}.gif`, { headers: good }],
      [`${tile}.png?tilesize=300`, { headers: good }],
      [`${tile}.png?size=256`, { headers: good }],
      [`${tile}.png?tilesize=256&tilesize=512`, { headers: good }],
      [`/TILES/surveys/${ID}/rgb/18/100/200.png`, { headers: good }],
      [`/tiles/surveys/not-a-uuid/rgb/18/100/200.png`, { headers: good }],
      [`/tiles/surveys/${ID}/rgb/tilejson.json`, { headers: good }],
      [`${tile}.png`, {}],
      [`${tile}.png`, { headers: { authorization: 'Bearer bad' } }],
    ];
    for (const [path, init] of handed) {
      const res = await fetch(`${url}${path}`, init);
      expect(res.status, `${init.method ?? 'GET'} ${path}`).toBe(599);
    }
    expect(asked.length).toBe(before);
  });

  it('hands a request whose tile failed to next (the express route answers the error)', async () => {
    for (const path of [
      `/tiles/surveys/${ID}/ndvi/18/100/200.png`,
      `/tiles/surveys/${ID.replace('0b8e', '1b8e')}/rgb/18/100/200.png`,
    ]) {
      const res = await fetch(`${url}${path}`, { headers: good });
      expect(res.status, path).toBe(599);
    }
    expect(asked.slice(-2).map((r) => r.product)).toEqual(['ndvi', 'rgb']);
  });
});
