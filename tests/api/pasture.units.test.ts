/**
 * Pasture units over HTTP (issue 7): GeoJSON in and out, geodesic area checked against PostGIS
 * `ST_Area(geography)` run by the test itself and against the ellipsoid zone formula worked out here,
 * every kind of bad geometry refused with its reason and location, optimistic locking between two
 * editors (428 / 412, nothing lost, history of both), soft delete and restore, organisation scoping
 * and roles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestServer,
  type TestServer,
} from '../../api/src/testing/test.server.ts';
import { orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';
import { lonLatRect as rect } from '../support/lonlat.rect.ts';

interface UnitFeature {
  type: 'Feature';
  id: string;
  geometry: { type: string; coordinates: number[][][][] };
  properties: Record<string, unknown> & { version: number; area_ha: number; deleted_at: string | null };
}
interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
interface HistoryBody {
  unit_id: string;
  history: {
    version: number;
    action: string;
    user: { id: string; name: string } | null;
    old_values: Record<string, unknown> | null;
    new_values: Record<string, unknown> | null;
  }[];
}

let s: TestServer;
let officer: OrgUser;
let officer2: OrgUser;
let agronomist: OrgUser;
let other: OrgUser;

/** A user of `role` in an existing organisation, signed in. */
async function userIn(organisationId: string, role: string, tag: string): Promise<OrgUser> {
  const admin = await s.login(ADMIN_EMAIL, ADMIN_PASSWORD);
  const email = `${tag}.${organisationId.slice(0, 8)}@test.mn`;
  const password = 'winter-camp-spring-camp-2026';
  const res = await s.request('/api/users', {
    method: 'POST',
    token: admin,
    json: { email, name: tag, role, organisationId, password },
  });
  expect(res.status).toBe(201);
  const userId = ((await res.json()) as { id: string }).id;
  return { organisationId, userId, token: await s.login(email, password) };
}

beforeAll(async () => {
  s = await startTestServer({ env: { WORKERS: '0' } });
  officer = await orgWithUser(s, 'Selenge land office', 'land_officer');
  officer2 = await userIn(officer.organisationId, 'land_officer', 'second-officer');
  agronomist = await userIn(officer.organisationId, 'agronomist', 'agronomist');
  other = await orgWithUser(s, 'Dornod land office', 'land_officer');
});
afterAll(async () => s?.destroy());

const unit = (geometry: unknown, properties: Record<string, unknown> = {}) => ({
  type: 'Feature',
  geometry,
  properties: { name: 'Зуслан 1', soum: 'MN4304', season: 'summer', use: 'pasture', ...properties },
});

async function create(token: string, body: unknown): Promise<Response> {
  return s.request('/api/pasture-units', { method: 'POST', token, json: body });
}

async function created(body: unknown): Promise<{ feature: UnitFeature; etag: string }> {
  const res = await create(officer.token, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return { feature: (await res.json()) as UnitFeature, etag: res.headers.get('etag')! };
}

function write(method: string, id: string, token: string, json?: unknown, ifMatch?: string) {
  return s.request(`/api/pasture-units/${id}${method === 'RESTORE' ? '/restore' : ''}`, {
    method: method === 'RESTORE' ? 'POST' : method,
    token,
    ...(json !== undefined ? { json } : {}),
    headers: ifMatch ? { 'if-match': ifMatch } : {},
  });
}

async function history(id: string, token = officer.token): Promise<HistoryBody> {
  const res = await s.request(`/api/pasture-units/${id}/history`, { token });
  expect(res.status).toBe(200);
  return (await res.json()) as HistoryBody;
}

/**
 * Area (m²) of the lon/lat quadrangle on the WGS 84 ellipsoid: the zone between the equator and
 * latitude φ covers π b² [sin φ / (1 − e² sin² φ) + ln((1 + e sin φ) / (1 − e sin φ)) / (2e)] over all
 * 360° of longitude (authalic-latitude formula); the quadrangle takes its Δλ / 360° share.
 */
function ellipsoidQuadArea(w: number, so: number, e: number, n: number): number {
  const a = 6378137;
  const f = 1 / 298.257223563;
  const b = a * (1 - f);
  const ecc = Math.sqrt(f * (2 - f));
  const zone = (lat: number) => {
    const x = Math.sin((lat * Math.PI) / 180);
    return (
      Math.PI * b * b * (x / (1 - ecc * ecc * x * x) + Math.log((1 + ecc * x) / (1 - ecc * x)) / (2 * ecc))
    );
  };
  return ((e - w) / 360) * (zone(n) - zone(so));
}

describe('create and read', () => {
  it('stores a Polygon as a MultiPolygon with the geodesic area of PostGIS ST_Area(geography)', async () => {
    const geometry = rect(106.9, 47.9, 106.91, 47.91);
    const { feature, etag } = await created(unit(geometry, { notes: 'Туул голын хөвөө' }));
    expect(etag).toBe(`"${feature.id}-v1"`);
    expect(feature.geometry.type).toBe('MultiPolygon');
    expect(feature.geometry.coordinates).toEqual([geometry.coordinates]);
    expect(feature.properties).toMatchObject({
      name: 'Зуслан 1',
      soum: 'MN4304',
      season: 'summer',
      use: 'pasture',
      notes: 'Туул голын хөвөө',
      reference_biomass_kg_ha: null,
      version: 1,
      deleted_at: null,
    });
    const [ref] = await s.db.query<{ ha: number }>(
      'SELECT ST_Area(ST_GeomFromGeoJSON($1::text)::geography) / 10000 AS ha',
      [JSON.stringify(geometry)],
    );
    expect(feature.properties.area_ha).toBeCloseTo(ref!.ha, 9);
    // By hand: 0.01° × 0.01° at 47.9° N ≈ 0.746 km × 1.112 km ≈ 83 ha; the ellipsoid formula within 0.1 %.
    const hand = ellipsoidQuadArea(106.9, 47.9, 106.91, 47.91) / 10_000;
    expect(hand).toBeGreaterThan(82);
    expect(hand).toBeLessThan(84);
    expect(Math.abs(feature.properties.area_ha - hand) / hand).toBeLessThan(0.001);

    const got = await s.request(`/api/pasture-units/${feature.id}`, { token: agronomist.token });
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toBe(etag);
    expect(((await got.json()) as UnitFeature).properties.area_ha).toBe(feature.properties.area_ha);
  });

  it('keeps a MultiPolygon with a hole, area as PostGIS computes it independently', async () => {
    const geometry = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [107.0, 48.0],
            [107.05, 48.0],
            [107.06, 48.04],
            [107.0, 48.03],
            [107.0, 48.0],
          ],
          [
            [107.01, 48.01],
            [107.01, 48.02],
            [107.02, 48.01],
            [107.01, 48.01],
          ],
        ],
        rect(107.1, 48.0, 107.12, 48.01).coordinates,
      ],
    };
    const { feature } = await created(unit(geometry, { season: 'winter', use: 'hayfield', soum: 'MN4310' }));
    const [ref] = await s.db.query<{ ha: number }>(
      'SELECT ST_Area(ST_GeomFromGeoJSON($1::text)::geography) / 10000 AS ha',
      [JSON.stringify(geometry)],
    );
    expect(feature.properties.area_ha).toBeCloseTo(ref!.ha, 9);
    expect(feature.geometry.coordinates).toEqual(geometry.coordinates);
  });

  it('lists a FeatureCollection filtered by soum, season, use and bbox', async () => {
    const list = async (q: string) => {
      const res = await s.request(`/api/pasture-units${q}`, { token: agronomist.token });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { type: string; features: UnitFeature[] };
      expect(body.type).toBe('FeatureCollection');
      return body.features.map((f) => f.properties.soum);
    };
    expect((await list('?soum=MN4310')).every((x) => x === 'MN4310')).toBe(true);
    expect(await list('?soum=MN4310')).toHaveLength(1);
    expect(await list('?season=winter&use=hayfield')).toEqual(['MN4310']);
    expect(await list('?bbox=107.09,47.99,107.2,48.1')).toEqual(['MN4310']);
    expect(await list('?bbox=100,40,101,41')).toEqual([]);
    const bad = await s.request('/api/pasture-units?bbox=1,2,3', { token: agronomist.token });
    expect(bad.status).toBe(400);
  });
});

describe('invalid geometry is reported, not fixed', () => {
  const cases: [string, unknown, string, (loc: number[]) => void][] = [
    [
      'longitude out of range',
      rect(179.99, 47, 180.5, 47.01),
      'out_of_range',
      (loc) => expect(loc).toEqual([180.5, 47]),
    ],
    [
      'latitude out of range',
      rect(106, 89.99, 106.01, 90.2),
      'out_of_range',
      (loc) => expect(loc).toEqual([106.01, 90.2]),
    ],
    [
      'unclosed ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [106, 47],
            [106.01, 47],
            [106.01, 47.01],
            [106, 47.01],
          ],
        ],
      },
      'ring_not_closed',
      (loc) => expect(loc).toEqual([106, 47.01]),
    ],
    [
      'fewer than 4 positions',
      {
        type: 'Polygon',
        coordinates: [
          [
            [106, 47],
            [106.01, 47],
            [106, 47],
          ],
        ],
      },
      'too_few_points',
      (loc) => expect(loc).toEqual([106, 47]),
    ],
    [
      'bow-tie',
      {
        type: 'Polygon',
        coordinates: [
          [
            [106, 47],
            [106.02, 47.02],
            [106.02, 47],
            [106, 47.02],
            [106, 47],
          ],
        ],
      },
      'self_intersection',
      // The diagonals cross at the centre (106.01, 47.01).
      (loc) => {
        expect(loc[0]).toBeCloseTo(106.01, 9);
        expect(loc[1]).toBeCloseTo(47.01, 9);
      },
    ],
    [
      'hole outside its shell (PostGIS ST_IsValidDetail)',
      {
        type: 'Polygon',
        coordinates: [
          rect(106, 47, 106.01, 47.01).coordinates[0],
          rect(106.02, 47, 106.03, 47.01).coordinates[0],
        ],
      },
      'hole_lies_outside_shell',
      (loc) => {
        expect(loc[0]).toBeGreaterThanOrEqual(106.02);
        expect(loc[0]).toBeLessThanOrEqual(106.03);
      },
    ],
    [
      'overlapping parts of a MultiPolygon (PostGIS ST_IsValidDetail)',
      {
        type: 'MultiPolygon',
        coordinates: [
          rect(106, 47, 106.02, 47.02).coordinates,
          rect(106.01, 47.01, 106.03, 47.03).coordinates,
        ],
      },
      'self_intersection',
      (loc) => {
        expect(loc[0]).toBeGreaterThanOrEqual(106.01);
        expect(loc[0]).toBeLessThanOrEqual(106.02);
        expect(loc[1]).toBeGreaterThanOrEqual(47.01);
        expect(loc[1]).toBeLessThanOrEqual(47.02);
      },
    ],
  ];

  it.each(cases)('%s → 400 with reason and location, nothing stored', async (_name, geometry, reason, at) => {
    const before = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM pasture_units');
    const res = await create(officer.token, unit(geometry));
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.details?.reason).toBe(reason);
    expect(body.error.message.length).toBeGreaterThan(10);
    const location = body.error.details?.location as number[];
    expect(location).toHaveLength(2);
    at(location);
    const after = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM pasture_units');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('refuses an unknown soum, a bad season and a Point', async () => {
    const soum = await create(officer.token, unit(rect(106, 47, 106.01, 47.01), { soum: 'MN9999' }));
    expect(soum.status).toBe(400);
    expect(((await soum.json()) as ErrorBody).error.message).toMatch(/MN9999/);
    const season = await create(officer.token, unit(rect(106, 47, 106.01, 47.01), { season: 'monsoon' }));
    expect(season.status).toBe(400);
    const point = await create(officer.token, unit({ type: 'Point', coordinates: [106, 47] }));
    expect(point.status).toBe(400);
    expect(((await point.json()) as ErrorBody).error.details?.reason).toBe('bad_type');
  });
});

describe('optimistic locking between two editors', () => {
  it('second PUT with the old ETag → 412 with the current version; nothing lost; history shows both', async () => {
    const { feature, etag: v1 } = await created(unit(rect(106.5, 47.5, 106.52, 47.51), { name: 'Өвөлжөө' }));
    const id = feature.id;
    const missing = await write('PUT', id, officer.token, unit(rect(106.5, 47.5, 106.52, 47.51)));
    expect(missing.status).toBe(428);
    expect(((await missing.json()) as ErrorBody).error.message).toMatch(/If-Match/);

    // Editor 1 moves the boundary.
    const newGeometry = rect(106.5, 47.5, 106.53, 47.51);
    const first = await write('PUT', id, officer.token, unit(newGeometry, { name: 'Өвөлжөө' }), v1);
    expect(first.status).toBe(200);
    const v2 = first.headers.get('etag');
    expect(v2).toBe(`"${id}-v2"`);
    const afterFirst = (await first.json()) as UnitFeature;
    expect(afterFirst.properties.area_ha).toBeGreaterThan(feature.properties.area_ha * 1.45);

    // Editor 2 still holds v1: refused, and editor 1's change stays.
    const stale = await write(
      'PUT',
      id,
      officer2.token,
      unit(rect(106.5, 47.5, 106.51, 47.51), { name: 'B' }),
      v1,
    );
    expect(stale.status).toBe(412);
    const err = (await stale.json()) as ErrorBody;
    expect(err.error.details).toMatchObject({ current_version: 2, etag: v2 });
    const now = (await (
      await s.request(`/api/pasture-units/${id}`, { token: officer2.token })
    ).json()) as UnitFeature;
    expect(now.properties).toMatchObject({ name: 'Өвөлжөө', version: 2 });
    expect(now.geometry.coordinates).toEqual([newGeometry.coordinates]);

    // Editor 2 reloads and patches the season only.
    const second = await write(
      'PATCH',
      id,
      officer2.token,
      { type: 'Feature', properties: { season: 'spring' } },
      v2!,
    );
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).toBe(`"${id}-v3"`);
    const afterSecond = (await second.json()) as UnitFeature;
    expect(afterSecond.properties).toMatchObject({ name: 'Өвөлжөө', season: 'spring', version: 3 });
    expect(afterSecond.geometry.coordinates).toEqual([newGeometry.coordinates]);

    const { history: h } = await history(id);
    expect(h.map((e) => [e.version, e.action, e.user?.id])).toEqual([
      [1, 'create', officer.userId],
      [2, 'update', officer.userId],
      [3, 'update', officer2.userId],
    ]);
    expect(h[0]!.old_values).toBeNull();
    expect(h[0]!.new_values).toMatchObject({ name: 'Өвөлжөө', geometry: { type: 'MultiPolygon' } });
    expect(h[1]!.old_values).toMatchObject({
      geometry: { coordinates: [rect(106.5, 47.5, 106.52, 47.51).coordinates] },
      area_ha: feature.properties.area_ha,
    });
    expect(h[1]!.new_values).toMatchObject({
      geometry: { coordinates: [newGeometry.coordinates] },
      area_ha: afterFirst.properties.area_ha,
    });
    expect(h[2]!.old_values).toEqual({ season: 'summer' });
    expect(h[2]!.new_values).toEqual({ season: 'spring' });

    const audit = await s.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE object_type = 'pasture_unit' AND object_id = $1 ORDER BY at, id`,
      [id],
    );
    expect(audit.map((r) => r.action)).toEqual(['create', 'update', 'update']);
  });

  it('PUT replaces (absent notes cleared), PATCH keeps what it does not name', async () => {
    const { feature, etag } = await created(
      unit(rect(106.6, 47.6, 106.61, 47.61), { notes: 'худаг', reference_biomass_kg_ha: 900 }),
    );
    const patched = await write(
      'PATCH',
      feature.id,
      officer.token,
      { type: 'Feature', properties: { name: 'Худагтай' } },
      etag,
    );
    const p = (await patched.json()) as UnitFeature;
    expect(p.properties).toMatchObject({ name: 'Худагтай', notes: 'худаг', reference_biomass_kg_ha: 900 });
    const put = await write(
      'PUT',
      feature.id,
      officer.token,
      unit(rect(106.6, 47.6, 106.61, 47.61)),
      patched.headers.get('etag')!,
    );
    expect(((await put.json()) as UnitFeature).properties).toMatchObject({
      notes: null,
      reference_biomass_kg_ha: null,
    });
  });
});

describe('soft delete and restore', () => {
  it('deletes with If-Match, hides from the list, restores with the history of both', async () => {
    const { feature, etag } = await created(unit(rect(106.7, 47.7, 106.71, 47.71), { name: 'Restorable' }));
    const id = feature.id;
    expect((await write('DELETE', id, officer.token)).status).toBe(428);
    expect((await write('DELETE', id, officer.token, undefined, `"${id}-v9"`)).status).toBe(412);
    const del = await write('DELETE', id, officer.token, undefined, etag);
    expect(del.status).toBe(204);
    expect(del.headers.get('etag')).toBe(`"${id}-v2"`);
    const names = async (q: string) =>
      (
        (await (await s.request(`/api/pasture-units${q}`, { token: officer.token })).json()) as {
          features: UnitFeature[];
        }
      ).features
        .filter((f) => f.id === id)
        .map((f) => f.properties.deleted_at !== null);
    expect(await names('')).toEqual([]);
    expect(await names('?include_deleted=true')).toEqual([true]);
    const edit = await write(
      'PATCH',
      id,
      officer.token,
      { type: 'Feature', properties: { name: 'x' } },
      `"${id}-v2"`,
    );
    expect(edit.status).toBe(409);

    const restored = await write('RESTORE', id, officer.token);
    expect(restored.status).toBe(200);
    expect(restored.headers.get('etag')).toBe(`"${id}-v3"`);
    expect(((await restored.json()) as UnitFeature).properties).toMatchObject({
      deleted_at: null,
      name: 'Restorable',
    });
    expect(await names('')).toEqual([false]);
    expect((await write('RESTORE', id, officer.token)).status).toBe(409);
    const { history: h } = await history(id);
    expect(h.map((e) => e.action)).toEqual(['create', 'delete', 'restore']);
    expect(h[1]!.old_values).toEqual({ deleted_at: null });
    expect(typeof h[1]!.new_values?.deleted_at).toBe('string');
  });
});

describe('organisations and roles', () => {
  it('another organisation gets 404 for every route and sees none in its list', async () => {
    const { feature, etag } = await created(unit(rect(106.8, 47.8, 106.81, 47.81)));
    const id = feature.id;
    expect((await s.request(`/api/pasture-units/${id}`, { token: other.token })).status).toBe(404);
    expect((await s.request(`/api/pasture-units/${id}/history`, { token: other.token })).status).toBe(404);
    expect((await write('PUT', id, other.token, unit(rect(106.8, 47.8, 106.81, 47.81)), etag)).status).toBe(
      404,
    );
    expect((await write('DELETE', id, other.token, undefined, etag)).status).toBe(404);
    expect((await write('RESTORE', id, other.token)).status).toBe(404);
    const list = (await (await s.request('/api/pasture-units', { token: other.token })).json()) as {
      features: unknown[];
    };
    expect(list.features).toEqual([]);
  });

  it('an agronomist reads but cannot create, edit or delete (403)', async () => {
    const { feature, etag } = await created(unit(rect(106.85, 47.85, 106.86, 47.86)));
    const id = feature.id;
    expect((await s.request(`/api/pasture-units/${id}`, { token: agronomist.token })).status).toBe(200);
    expect((await create(agronomist.token, unit(rect(106, 47, 106.01, 47.01)))).status).toBe(403);
    const put = await write('PUT', id, agronomist.token, unit(rect(106.85, 47.85, 106.87, 47.86)), etag);
    expect(put.status).toBe(403);
    expect(((await put.json()) as ErrorBody).error.message).toMatch(/land_officer/);
    expect(
      (await write('PATCH', id, agronomist.token, { type: 'Feature', properties: {} }, etag)).status,
    ).toBe(403);
    expect((await write('DELETE', id, agronomist.token, undefined, etag)).status).toBe(403);
    const unchanged = (await (
      await s.request(`/api/pasture-units/${id}`, { token: officer.token })
    ).json()) as UnitFeature;
    expect(unchanged.properties.version).toBe(1);
  });
});

describe('account changes reach the cached sessions at once', () => {
  it('a promoted agronomist edits at once; after a password change the old token is refused', async () => {
    const user = await userIn(officer.organisationId, 'agronomist', 'promoted');
    expect((await create(user.token, unit(rect(106.95, 47.95, 106.96, 47.96)))).status).toBe(403);
    const admin = await s.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const promote = await s.request(`/api/users/${user.userId}`, {
      method: 'PATCH',
      token: admin,
      json: { role: 'land_officer' },
    });
    expect(promote.status).toBe(200);
    expect((await create(user.token, unit(rect(106.95, 47.95, 106.96, 47.96)))).status).toBe(201);
    const change = await s.request(`/api/users/${user.userId}`, {
      method: 'PATCH',
      token: admin,
      json: { password: 'a-new-password-for-spring-2026' },
    });
    expect(change.status).toBe(200);
    expect((await s.request('/api/pasture-units', { token: user.token })).status).toBe(401);
  });
});
