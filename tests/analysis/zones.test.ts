/**
 * Vigour zones through the API (issue 6): an RGB ortho made here with numpy (UTM 48N, 50 cm, three
 * vertical stripes of greenness whose VARI is 1/6, 1/3 and 4/9, plus a 3 × 3 px island of the top level
 * inside the first stripe) and a cropland unit inserted by SQL on pixel edges. Expected, by hand: 3
 * zones whose areas are the stripes' areas within the unit (the island merged away), the zone's VARI
 * equal to the stripe's (zone 1's with the island's pixels); the same on the 50 cm overview. The GeoJSON's area
 * is measured with OGR in UTM; the zip is opened with GDAL/OGR (CRS, fields, feature count).
 * A pasture-use unit and a unit off the survey → 400, another organisation → 404.
 * Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { createSurvey, orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';
import { hasGdal, PYTHON, sh } from '../../processing/src/testing/gdal.ts';
import { waitForSurvey } from '../support/tus.ts';

const X0 = 512000;
const Y0 = 5480000;
const GSD = 0.25;
/** Stripes by column [from, to) of the 600 × 400 px ortho and their green DN (red 80, blue 60). */
const STRIPES = [
  { cols: [0, 160], green: 100 },
  { cols: [160, 360], green: 130 },
  { cols: [360, 600], green: 160 },
] as const;
/** VARI = (g − r) / (g + r − b) of each stripe, by hand: 20/120, 50/150, 80/180. */
const VARI = [1 / 6, 1 / 3, 4 / 9];
/** The cropland unit: columns 40–560, rows 40–360 → stripes of 120, 200 and 200 columns × 320 rows. */
const UNIT = [X0 + 10, Y0 - 90, X0 + 140, Y0 - 10] as const;
const STRIPE_HA = [120, 200, 200].map((cols) => (cols * 320 * GSD * GSD) / 10_000);
/** Zone 1's mean VARI by hand: its 38 400 px, 9 of them the merged island at 4/9. */
const ZONE1_MEAN = (9 * (4 / 9) + (38_400 - 9) * (1 / 6)) / 38_400;
const ISLAND_HA = (9 * GSD * GSD) / 10_000;
const expectedMean = (i: number) => (i === 0 ? ZONE1_MEAN : VARI[i]!);

const ORTHO_PY = `
import sys
import numpy as np
from osgeo import gdal, osr
h, w = 400, 600
g = np.zeros((h, w), np.uint8)
for c0, c1, v in ${JSON.stringify(STRIPES.map((s) => [...s.cols, s.green]))}:
    g[:, c0:c1] = v
g[100:103, 80:83] = 160  # a 3 x 3 px island (0.5625 m2) of the top level in the first stripe
ds = gdal.GetDriverByName('GTiff').Create(sys.argv[1], w, h, 3, gdal.GDT_Byte, ['PHOTOMETRIC=RGB'])
ds.SetGeoTransform((${X0}, ${GSD}, 0, ${Y0}, 0, -${GSD}))
srs = osr.SpatialReference(); srs.ImportFromEPSG(32648); ds.SetProjection(srs.ExportToWkt())
for i, band in enumerate([np.full((h, w), 80, np.uint8), g, np.full((h, w), 60, np.uint8)]):
    ds.GetRasterBand(i + 1).WriteArray(band)
ds = None
`;

/** Area in m² (UTM 48N) of each feature of a WGS 84 FeatureCollection, by GDAL/OGR. */
const AREA_PY = `
import json, sys
from osgeo import ogr, osr
wgs84 = osr.SpatialReference(); wgs84.ImportFromEPSG(4326)
wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
utm = osr.SpatialReference(); utm.ImportFromEPSG(32648)
to_utm = osr.CoordinateTransformation(wgs84, utm)
out = []
for f in json.load(open(sys.argv[1]))['features']:
    g = ogr.CreateGeometryFromJson(json.dumps(f['geometry']))
    g.Transform(to_utm)
    out.append(g.GetArea())
print(json.dumps(out))
`;

/** The zipped Shapefile as OGR reads it: CRS, fields, features (ZONE, AREA_HA, MEAN, area). */
const OGR_PY = `
import json, sys
from osgeo import ogr
ds = ogr.Open('/vsizip/' + sys.argv[1])
layer = ds.GetLayer(0)
srs = layer.GetSpatialRef()
srs.AutoIdentifyEPSG()
defn = layer.GetLayerDefn()
print(json.dumps({
  'epsg': srs.GetAuthorityCode(None), 'name': srs.GetName(),
  'fields': [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())],
  'features': [{'zone': f.GetField('ZONE'), 'area_ha': f.GetField('AREA_HA'), 'mean': f.GetField('MEAN'),
                'area': f.GetGeometryRef().GetArea(), 'valid': f.GetGeometryRef().IsValid()} for f in layer],
}))
`;

interface Zone {
  properties: { zone: number; rate: number; area_ha: number; mean: number; from: number | null };
  geometry: { type: string };
}
interface Zones {
  type: string;
  breaks: number[];
  level: number;
  resolution_m: number;
  source_crs: string;
  features: Zone[];
}

let s: TestServer;
let user: OrgUser;
let other: OrgUser;
let dir: string;
let survey: string;
const units: Record<string, string> = {};

const rect = ([x0, y0, x1, y1]: readonly number[]) =>
  `SRID=32648;MULTIPOLYGON(((${x0} ${y0},${x1} ${y0},${x1} ${y1},${x0} ${y1},${x0} ${y0})))`;

async function insertUnit(name: string, use: string, box: readonly number[]): Promise<string> {
  const [soum] = await s.db.query<{ code: string }>(
    `SELECT code FROM admin_units WHERE level = 'soum' ORDER BY code LIMIT 1`,
  );
  const [row] = await s.db.query<{ id: string }>(
    `INSERT INTO pasture_units (organisation_id, soum_code, name, season, use, geom, area_ha)
     SELECT $1, $2, $3, 'summer', $4, g, ST_Area(g::geography) / 10000
       FROM (SELECT ST_Transform(ST_GeomFromEWKT($5), 4326) AS g) t RETURNING id`,
    [user.organisationId, soum!.code, name, use, rect(box)],
  );
  return row!.id;
}

const zonesUrl = (unit: string, query: string) =>
  `/api/pasture-units/${unit}/zones?survey=${survey}&index=vari&classes=3&${query}`;

async function zones(unit: string, query: string): Promise<Zones> {
  const res = await s.request(zonesUrl(unit, query), { token: user.token });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Zones;
}

beforeAll(async () => {
  if (!hasGdal) return;
  dir = await mkdtemp(path.join(tmpdir(), 'belcheer-zones-'));
  const ortho = path.join(dir, 'stripes.tif');
  await writeFile(path.join(dir, 'ortho.py'), ORTHO_PY);
  await sh(PYTHON, [path.join(dir, 'ortho.py'), ortho]);
  s = await startTestServer();
  user = await orgWithUser(s, 'Darkhan farm office', 'agronomist');
  other = await orgWithUser(s, 'Khovd office');
  survey = await createSurvey(s, user.token, { name: 'stripes' });
  const put = await s.request(`/api/surveys/${survey}/imagery`, {
    method: 'PUT',
    token: user.token,
    body: await readFile(ortho),
  });
  expect(put.status).toBe(202);
  expect((await waitForSurvey(s, user.token, survey, 120_000)).status).toBe('ready');
  units.field = await insertUnit('wheat field', 'cropland', UNIT);
  units.pasture = await insertUnit('spring pasture', 'pasture', UNIT);
  units.away = await insertUnit('far field', 'cropland', [X0 + 1000, Y0 - 90, X0 + 1100, Y0 - 10]);
}, 240_000);

afterAll(async () => {
  await s?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasGdal)('vigour zones of a cropland unit', () => {
  it.each(['jenks', 'quantile'])(
    '%s: 3 zones with the stripes’ areas and VARI, the island merged',
    async (m) => {
      const fc = await zones(units.field!, `method=${m}`);
      expect(fc).toMatchObject({ type: 'FeatureCollection', level: 0, source_crs: 'EPSG:32648' });
      expect(fc.resolution_m).toBeCloseTo(GSD, 9);
      expect(fc.features.map((f) => f.properties.zone)).toEqual([1, 2, 3]);
      expect(fc.features.map((f) => f.properties.rate)).toEqual([1, 2, 3]);
      fc.features.forEach((f, i) => {
        expect(f.geometry.type).toBe('MultiPolygon');
        expect(f.properties.area_ha).toBeCloseTo(STRIPE_HA[i]!, 9);
        expect(f.properties.mean).toBeCloseTo(expectedMean(i), 6);
      });
      const file = path.join(dir, `zones-${m}.geojson`);
      await writeFile(file, JSON.stringify(fc));
      await writeFile(path.join(dir, 'area.py'), AREA_PY);
      const areas = JSON.parse(await sh(PYTHON, [path.join(dir, 'area.py'), file])) as number[];
      // the stripe's area, up to the straight-edge error of a vertex-wise reprojection
      areas.forEach((a, i) => expect(Math.abs(a - STRIPE_HA[i]! * 10_000)).toBeLessThan(0.015));
    },
  );

  it('keeps the island with min_area_m2 below its 0.5625 m²', async () => {
    const fc = await zones(units.field!, 'method=jenks&min_area_m2=0.5');
    expect(fc.features[0]!.properties.area_ha).toBeCloseTo(STRIPE_HA[0]! - ISLAND_HA, 9);
    expect(fc.features[2]!.properties.area_ha).toBeCloseTo(STRIPE_HA[2]! + ISLAND_HA, 9);
  });

  it('reads the overview closest to resolution_m (0.6 → 0.5 m) and gets the same zones', async () => {
    const fc = await zones(units.field!, 'method=jenks&resolution_m=0.6');
    expect(fc.level).toBe(1);
    expect(fc.resolution_m).toBeCloseTo(0.5, 9);
    // stripe and unit edges fall on even columns and rows: the 2 × 2 averages keep them exactly
    fc.features.forEach((f, i) => expect(f.properties.area_ha).toBeCloseTo(STRIPE_HA[i]!, 9));
  });

  it('exports a zipped Shapefile in UTM 48N that OGR reads', async () => {
    const res = await s.request(
      `/api/pasture-units/${units.field}/zones.zip?survey=${survey}&index=vari&method=jenks`,
      { token: user.token },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/zip/);
    const zip = path.join(dir, 'zones.zip');
    await writeFile(zip, Buffer.from(await res.arrayBuffer()));
    await writeFile(path.join(dir, 'ogr.py'), OGR_PY);
    const shp = JSON.parse(await sh(PYTHON, [path.join(dir, 'ogr.py'), zip])) as {
      epsg: string | null;
      name: string;
      fields: string[];
      features: { zone: number; area_ha: number; mean: number; area: number; valid: boolean }[];
    };
    expect(shp.name).toMatch(/UTM.*48N/);
    expect(shp.epsg).toBe('32648');
    expect(shp.fields).toEqual(['ZONE', 'FROM', 'TO', 'PIXELS', 'AREA_HA', 'MEAN', 'MIN', 'MAX']);
    expect(shp.features.map((f) => f.zone)).toEqual([1, 2, 3]);
    shp.features.forEach((f, i) => {
      expect(f.valid).toBe(true);
      expect(Math.abs(f.area - STRIPE_HA[i]! * 10_000)).toBeLessThan(0.01); // UTM m²
      expect(f.mean).toBeCloseTo(expectedMean(i), 6);
    });
    const geojson = await s.request(
      zonesUrl(units.field!, 'method=jenks').replace('/zones?', '/zones.geojson?'),
      {
        token: user.token,
      },
    );
    expect(geojson.headers.get('content-type')).toMatch(/application\/geo\+json/);
  });

  it('refuses a pasture unit (400 naming the use), a unit off the survey (400), another organisation (404)', async () => {
    const pasture = await s.request(zonesUrl(units.pasture!, ''), { token: user.token });
    expect(pasture.status).toBe(400);
    expect(((await pasture.json()) as { error: { message: string } }).error.message).toMatch(/pasture/);
    const away = await s.request(zonesUrl(units.away!, ''), { token: user.token });
    expect(away.status).toBe(400);
    expect(((await away.json()) as { error: { message: string } }).error.message).toMatch(/does not cover/);
    expect((await s.request(zonesUrl(units.field!, ''), { token: other.token })).status).toBe(404);
    const bad = await s.request(zonesUrl(units.field!, 'classes=7'), { token: user.token });
    expect(bad.status).toBe(400);
  });
});
