/**
 * Admin units loaded from sample-data on first start: Mongolia's 22 aimag-level units and 339
 * soums with NSO P-codes, names in Mongolian and Latin, and geodesic areas checked against
 * GeographicLib's exact ellipsoidal polygon area (Karney 2013), an implementation independent of PostGIS.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Geodesic, PolygonArea } from 'geographiclib-geodesic';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestServer,
  type TestServer,
} from '../../api/src/testing/test.server.ts';

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await startTestServer();
  token = await s.login(ADMIN_EMAIL, ADMIN_PASSWORD);
});
afterAll(async () => s?.destroy());

interface Unit {
  id: string;
  properties: {
    code: string;
    level: string;
    parent_code: string | null;
    name_mn: string | null;
    name_en: string;
    area_ha: number;
  };
  geometry: { type: string; coordinates: number[][][][] };
}

async function units(query: string): Promise<Unit[]> {
  const res = await s.request(`/api/admin-units${query}`, { token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { features: Unit[] }).features;
}

/** Geodesic area (m²) of a MultiPolygon on WGS 84 by GeographicLib: outer rings minus holes. */
function geodesicArea(coords: number[][][][]): number {
  let total = 0;
  for (const polygon of coords) {
    polygon.forEach((ring, i) => {
      const p = new PolygonArea.PolygonArea(Geodesic.WGS84, false);
      for (const [lon, lat] of ring.slice(0, -1)) p.AddPoint(lat!, lon!);
      const area = Math.abs(p.Compute(false, true).area ?? 0);
      total += i === 0 ? area : -area;
    });
  }
  return total;
}

describe('admin units', () => {
  it('holds every aimag and soum of the shipped files, with their codes', async () => {
    const aimags = await units('?level=aimag');
    const soums = await units('?level=soum');
    const shipped = JSON.parse(await readFile('sample-data/admin/mongolia-soums.geojson', 'utf8')) as {
      features: { properties: { ADM2_PCODE: string } }[];
    };
    expect(aimags).toHaveLength(22);
    expect(soums).toHaveLength(339);
    expect(soums.map((f) => f.properties.code).sort()).toEqual(
      shipped.features.map((f) => f.properties.ADM2_PCODE).sort(),
    );
    const aimagCodes = new Set(aimags.map((a) => a.properties.code));
    for (const soum of soums) {
      expect(aimagCodes.has(soum.properties.parent_code ?? '')).toBe(true);
      expect(soum.properties.code.slice(0, 4)).toBe(soum.properties.parent_code);
      expect(soum.geometry.type).toBe('MultiPolygon');
    }
  });

  it('names units in Mongolian and Latin', async () => {
    const [selenge] = await units('?level=aimag&bbox=106,49.9,106.2,50.1');
    expect(selenge?.properties).toMatchObject({ code: 'MN43', name_mn: 'Сэлэнгэ', name_en: 'Selenge' });
    const [bagaxangai] = (await units('?level=soum&parent=MN11')).filter(
      (u) => u.properties.code === 'MN1104',
    );
    expect(bagaxangai?.properties).toMatchObject({ name_mn: 'Багахангай', name_en: 'Bagaxangai' });
    const single = await s.request('/api/admin-units/MN4304', { token });
    expect(((await single.json()) as Unit).properties).toMatchObject({
      name_en: 'Altanbulag',
      parent_code: 'MN43',
    });
    expect((await s.request('/api/admin-units/MN9999', { token })).status).toBe(404);
  });

  it('stores geodesic areas equal to GeographicLib’s to 0.01 %', async () => {
    const all = [...(await units('?level=aimag')), ...(await units('?level=soum'))];
    let worst = 0;
    for (const u of all) {
      const reference = geodesicArea(u.geometry.coordinates) / 10_000;
      worst = Math.max(worst, Math.abs(u.properties.area_ha - reference) / reference);
    }
    expect(worst).toBeLessThan(1e-4);
    // Mongolia's total (the aimag-level units tile the country): about 1.5645 million km² (NSO).
    const total = (await units('?level=aimag')).reduce((sum, u) => sum + u.properties.area_ha, 0);
    expect(total / 1e8).toBeCloseTo(1.5645, 1);
  });

  it('filters by bbox with a spatial index', async () => {
    const indexes = await s.db.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'admin_units'`,
    );
    expect(indexes.map((r) => r.indexdef)).toContainEqual(expect.stringMatching(/USING gist \(geom\)/));
    const soums = await units('?level=soum&bbox=106,49.9,106.2,50.1');
    expect(soums.length).toBeGreaterThan(0);
    expect(
      soums.every((u) => u.properties.parent_code === 'MN43' || u.properties.parent_code === 'MN45'),
    ).toBe(true);
  });

  it('is reference data for signed-in users only', async () => {
    expect((await s.request('/api/admin-units?level=aimag')).status).toBe(401);
  });
});
