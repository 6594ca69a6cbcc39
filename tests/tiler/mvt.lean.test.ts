/**
 * The light request path of `/tiles/{layer}/{z}/{x}/{y}.mvt` (api/src/vector-tiles/vector.tiles.lean.ts)
 * answers as the SPEC says (SPEC §3): the MVT content type, a quoted ETag and 304 on If-None-Match
 * (exact, weak, in a list, `*`), 204 for an empty tile, 400 with the SPEC error JSON for a bad address,
 * 404 for an unknown layer, 401 without a valid credential (bearer or session cookie), and another
 * organisation's units never drawn. Express's router matches paths case-insensitively and the light path
 * does not, so `/TILES/…` is answered by the express route: both answers are compared header by header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';
import { decodeMvt, tileAt, tileBounds } from './mvt.decode.ts';
import { lonLatRect } from '../support/lonlat.rect.ts';

let s: TestServer;
let alpha: OrgUser;
let beta: OrgUser;
let alphaUnit: string;

const T = tileAt(106.905, 47.905, 14);
const unitTile = `/tiles/pasture-units/${T.z}/${T.x}/${T.y}.mvt`;
/** Selenge aimag: tile 6/50/21 holds its soums. */
const adminTile = '/tiles/admin-units/6/50/21.mvt';
const MVT = 'application/vnd.mapbox-vector-tile';

beforeAll(async () => {
  s = await startTestServer({ env: { WORKERS: '0' } });
  alpha = await orgWithUser(s, 'Tuv land office', 'land_officer');
  beta = await orgWithUser(s, 'Khentii land office', 'land_officer');
  const [w, so, e, n] = tileBounds(T.z, T.x, T.y);
  const res = await s.request('/api/pasture-units', {
    method: 'POST',
    token: alpha.token,
    json: {
      type: 'Feature',
      geometry: lonLatRect(w + 0.2 * (e - w), so + 0.2 * (n - so), w + 0.6 * (e - w), so + 0.6 * (n - so)),
      properties: { name: 'Өвөлжөө', soum: 'MN4304', season: 'winter', use: 'pasture' },
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  alphaUnit = ((await res.json()) as { id: string }).id;
}, 180_000);
afterAll(async () => s?.destroy());

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}${path}`, { headers });
  return { res, body: new Uint8Array(await res.arrayBuffer()) };
}

const bearer = (user: OrgUser) => ({ authorization: `Bearer ${user.token}` });

/** The headers a tile answer is made of (Date and the request id's value differ between requests). */
const HEADERS = [
  'content-type',
  'content-length',
  'etag',
  'cache-control',
  'vary',
  'x-content-type-options',
  'referrer-policy',
  'x-frame-options',
];

describe('the light vector tile path', () => {
  it('answers 200, 204 and 304 exactly as the express route does', async () => {
    const etag = (await get(adminTile, bearer(alpha))).res.headers.get('etag')!;
    const cases: [string, Record<string, string>][] = [
      [adminTile, bearer(alpha)],
      ['/tiles/admin-units/6/0/0.mvt', bearer(alpha)],
      [adminTile, { ...bearer(alpha), 'if-none-match': etag }],
      [unitTile, bearer(alpha)],
      [unitTile, bearer(beta)],
      [adminTile, { cookie: `belcheer_session=${alpha.token}` }],
      ['/tiles/admin-units/40/0/0.mvt', bearer(alpha)],
      ['/tiles/rivers/6/50/21.mvt', bearer(alpha)],
      [adminTile, {}],
    ];
    for (const [path, headers] of cases) {
      const lean = await get(path, headers);
      const routed = await get(path.replace('/tiles/', '/TILES/'), headers);
      const what = `${path} ${Object.keys(headers).join(',')}`;
      expect(lean.res.status, what).toBe(routed.res.status);
      for (const h of HEADERS)
        expect(lean.res.headers.get(h), `${what}: ${h}`).toBe(routed.res.headers.get(h));
      expect(lean.res.headers.get('x-request-id'), what).toMatch(/^[\w.-]+$/);
      expect(Buffer.from(lean.body).equals(Buffer.from(routed.body)), what).toBe(true);
    }
  });

  it('sends MVT bytes with a quoted ETag; If-None-Match exact, weak, in a list or * gives an empty 304', async () => {
    const { res, body } = await get(adminTile, bearer(alpha));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(MVT);
    expect(Number(res.headers.get('content-length'))).toBe(body.byteLength);
    expect(res.headers.get('cache-control')).toBe('private, max-age=86400, stale-while-revalidate=604800');
    expect(res.headers.get('vary')).toBe('Authorization, Cookie');
    expect(decodeMvt(body).get('admin-units')!.features.length).toBeGreaterThan(5);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await get(adminTile, { ...bearer(alpha), 'if-none-match': inm });
      expect(again.res.status, inm).toBe(304);
      expect(again.body.byteLength).toBe(0);
      expect(again.res.headers.get('etag')).toBe(etag);
    }
    const other = await get(adminTile, { ...bearer(alpha), 'if-none-match': '"other"' });
    expect(other.res.status).toBe(200);
    const empty = await get('/tiles/admin-units/6/0/0.mvt', bearer(alpha));
    expect(empty.res.status).toBe(204);
    expect(empty.body.byteLength).toBe(0);
    expect(empty.res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
  });

  it('refuses a bad address (400), an unknown layer (404) and a missing or bad credential (401)', async () => {
    const refusals: [string, Record<string, string>, number, string][] = [
      ['/tiles/admin-units/40/0/0.mvt', bearer(alpha), 400, 'tile_out_of_range'],
      ['/tiles/admin-units/6/64/0.mvt', bearer(alpha), 400, 'tile_out_of_range'],
      ['/tiles/admin-units/6/1.5/0.mvt', bearer(alpha), 400, 'invalid_request'],
      ['/tiles/rivers/6/50/21.mvt', bearer(alpha), 404, 'unknown_layer'],
      [adminTile, {}, 401, ''],
      [adminTile, { authorization: 'Bearer blc_not-a-session' }, 401, ''],
      [adminTile, { authorization: 'Basic YWRtaW46YWRtaW4=' }, 401, ''],
      [adminTile, { cookie: 'belcheer_session=blc_not-a-session' }, 401, ''],
    ];
    for (const [path, headers, status, code] of refusals) {
      const { res, body } = await get(path, headers);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const error = (
        JSON.parse(Buffer.from(body).toString('utf8')) as { error: { code: string; message: string } }
      ).error;
      if (code) expect(error.code, path).toBe(code);
      expect(error.message.length).toBeGreaterThan(0);
    }
  });

  it('draws an organisation’s units for it only; the session cookie works as the bearer token does', async () => {
    const own = await get(unitTile, bearer(alpha));
    expect(own.res.status).toBe(200);
    const ids = decodeMvt(own.body)
      .get('pasture-units')!
      .features.map((f) => f.properties.id);
    expect(ids).toEqual([alphaUnit]);
    expect((await get(unitTile, bearer(beta))).res.status).toBe(204);
    const byCookie = await get(unitTile, { cookie: `other=1; belcheer_session=${alpha.token}` });
    expect(byCookie.res.status).toBe(200);
    expect(Buffer.from(byCookie.body).equals(Buffer.from(own.body))).toBe(true);
  });
});
