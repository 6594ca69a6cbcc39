/**
 * Change between two surveys (issue 6; SPEC §2.3): two RGB orthos of the same 512 × 512 px laid on the
 * Web Mercator tile grid at zoom 19 (made here with numpy), with r + g + b = 300 in every pixel. The
 * later one has green + 6 and red − 6 everywhere, so ExG = (2g − r − b)/(r + g + b) rises by exactly
 * 18/300 = 0.06; in its right half green and red move by a further ±k(y) (a varying change), and its
 * top-left corner is nodata. A pasture unit in the left half, inserted by SQL before the uploads, gets
 * results from each survey's analysis job. Checked: Δ mean = 0.06 (by construction), Δ cover = the
 * difference of the two analyses' cover %, Δ biomass null (no plots: uncalibrated), 35 days; the
 * difference values of each tile equal ExG(to) − ExG(from) computed here in float64 on the pixels GDAL
 * reads for the same tile from the two survey COGs (gdal.Warp to the tile, bilinear), NaN where the later
 * survey has none; the PNG's colours are rdylgn's at those values; the legend; 400/404/409 cases.
 * Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTiff } from '../../processing/src/index.ts';
import { memorySource } from '../../processing/src/tiff/testing/memory.source.ts';
import { hasGdal, PYTHON, sh } from '../../processing/src/testing/gdal.ts';
import {
  changeValues,
  colormapNamed,
  lutIndex,
  tileBounds,
  tileSpan,
  WarpSource,
  type ChangeSide,
  type TileAddress,
} from '../../tiler/src/index.ts';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { createSurvey, orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';
import { waitForSurvey } from '../support/tus.ts';

const Z = 19;
const X0 = 418_000;
const Y0 = 190_000;
const SIZE = 512;
const OFFSET = 18 / 300;
const TILES: TileAddress[] = [0, 1].flatMap((dy) => [0, 1].map((dx) => ({ z: Z, x: X0 + dx, y: Y0 + dy })));
const BANDS = { names: ['red', 'green', 'blue'], reflectance: null };

const ORTHO_PY = `
import sys
import numpy as np
from osgeo import gdal, osr
n, later = ${SIZE}, sys.argv[2] == 'to'
y, x = np.mgrid[0:n, 0:n].astype(np.float64)
g = (110 + 20 * np.sin(x / 23.0) * np.cos(y / 31.0)).round()
b = (70 + 10 * np.cos(x / 17.0 + y / 29.0)).round()
if later:
    k = np.where(x >= n // 2, (8 * np.sin(y / 13.0)).round(), 0)
    g = g + 6 + k
r = 300 - g - b
data = np.stack([r, g, b]).astype(np.uint8)
if later:
    data[:, :48, :48] = 0
ds = gdal.GetDriverByName('GTiff').Create(sys.argv[1], n, n, 3, gdal.GDT_Byte, ['PHOTOMETRIC=RGB'])
ds.SetGeoTransform((float(sys.argv[3]), float(sys.argv[5]), 0, float(sys.argv[4]), 0, -float(sys.argv[5])))
srs = osr.SpatialReference(); srs.ImportFromEPSG(3857); ds.SetProjection(srs.ExportToWkt())
for i in range(3):
    ds.GetRasterBand(i + 1).WriteArray(data[i])
    if later:
        ds.GetRasterBand(i + 1).SetNoDataValue(0)
ds = None
`;

let s: TestServer;
let user: OrgUser;
let other: OrgUser;
let dir: string;
let unitId: string;
const ids = { from: '', to: '' };
const cogs = { from: '', to: '' };
type Json = Record<string, unknown>;

async function upload(role: 'from' | 'to', date: string): Promise<string> {
  const { minX, maxY } = tileBounds(TILES[0]!);
  const file = path.join(dir, `${role}.tif`);
  const res = String(tileSpan(Z) / 256);
  await sh(PYTHON, [path.join(dir, 'ortho.py'), file, role, String(minX), String(maxY), res]);
  const id = await createSurvey(s, user.token, { name: role, date });
  const put = await s.request(`/api/surveys/${id}/imagery`, {
    method: 'PUT',
    token: user.token,
    body: await readFile(file),
  });
  expect(put.status).toBe(202);
  return id;
}

/** The analysis of a survey once ready and current: each unit's cover %. */
async function analysed(id: string): Promise<Map<string, number | null>> {
  for (const until = Date.now() + 120_000; Date.now() < until;) {
    const a = (await (await s.request(`/api/surveys/${id}/analysis`, { token: user.token })).json()) as {
      status: string;
      stale: boolean;
      units: { features: { properties: { unit_id: string; cover_pct: number | null } }[] };
    };
    if (a.status === 'ready' && !a.stale)
      return new Map(a.units.features.map((f) => [f.properties.unit_id, f.properties.cover_pct]));
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`analysis of ${id} not ready`);
}

/** ExG(to) − ExG(from) in float64 on the pixels gdal.Warp reads for a tile from each COG (NaN where masked). */
const REFERENCE_PY = `
import sys
import numpy as np
from osgeo import gdal
bounds = [float(v) for v in sys.argv[3:7]]
def exg(path):
    ds = gdal.Warp('', path, format='MEM', dstSRS='EPSG:3857', outputBounds=bounds, width=256, height=256,
                   resampleAlg='bilinear', outputType=gdal.GDT_Float64, dstNodata=float('nan'))
    r, g, b = ds.ReadAsArray()
    return (2 * g - r - b) / (r + g + b)
(exg(sys.argv[2]) - exg(sys.argv[1])).astype('<f8').tofile(sys.argv[7])
`;

async function referenceChange(tile: TileAddress): Promise<Float64Array> {
  const b = tileBounds(tile);
  const out = path.join(dir, `ref-${tile.x}-${tile.y}.f64`);
  const script = path.join(dir, 'reference.py');
  await writeFile(script, REFERENCE_PY);
  const bounds = [b.minX, b.minY, b.maxX, b.maxY].map(String);
  await sh(PYTHON, [script, cogs.from, cogs.to, ...bounds, out]);
  const raw = await readFile(out);
  return new Float64Array(raw.buffer, raw.byteOffset, raw.byteLength / 8);
}

beforeAll(async () => {
  if (!hasGdal) return;
  dir = await mkdtemp(path.join(tmpdir(), 'belcheer-change-'));
  await writeFile(path.join(dir, 'ortho.py'), ORTHO_PY);
  s = await startTestServer();
  user = await orgWithUser(s, 'Arkhangai office', 'land_officer');
  other = await orgWithUser(s, 'Dornod office');
  // the unit: pixels 64–224 across, 96–416 down (left half, clear of the nodata corner)
  const { minX, maxY } = tileBounds(TILES[0]!);
  const px = tileSpan(Z) / 256;
  const [x0, x1, y0, y1] = [minX + 64 * px, minX + 224 * px, maxY - 416 * px, maxY - 96 * px];
  const [soum] = await s.db.query<{ code: string }>(
    `SELECT code FROM admin_units WHERE level = 'soum' ORDER BY code LIMIT 1`,
  );
  const [row] = await s.db.query<{ id: string }>(
    `INSERT INTO pasture_units (organisation_id, soum_code, name, season, use, geom, area_ha)
     SELECT $1, $2, 'autumn camp', 'autumn', 'pasture', g, ST_Area(g::geography) / 10000
       FROM (SELECT ST_Transform(ST_MakeEnvelope($3, $4, $5, $6, 3857), 4326) AS g0) t0,
            LATERAL (SELECT ST_Multi(g0) AS g) t RETURNING id`,
    [user.organisationId, soum!.code, x0, y0, x1, y1],
  );
  unitId = row!.id;
  ids.from = await upload('from', '2026-06-15');
  ids.to = await upload('to', '2026-07-20');
  for (const role of ['from', 'to'] as const) {
    expect((await waitForSurvey(s, user.token, ids[role], 120_000)).status).toBe('ready');
    const res = await s.request(`/api/surveys/${ids[role]}/imagery.tif`, { token: user.token });
    cogs[role] = path.join(dir, `${role}.cog.tif`);
    await writeFile(cogs[role], Buffer.from(await res.arrayBuffer()));
  }
}, 300_000);

afterAll(async () => {
  await s?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasGdal)('change between two surveys', () => {
  it('gives Δ mean ExG = 0.06, Δ cover, no Δ biomass and 35 days for the unit', async () => {
    const [coverFrom, coverTo] = [await analysed(ids.from), await analysed(ids.to)];
    const res = await s.request(`/api/change?from=${ids.from}&to=${ids.to}`, { token: user.token });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { index: string; days: number; units: Json[] };
    expect(body).toMatchObject({ index: 'exg', days: 35 });
    expect(body.units).toHaveLength(1);
    const [u] = body.units as {
      unit_id: string;
      delta_mean: number;
      delta_cover_pct: number | null;
      delta_biomass_kg_ha: number | null;
    }[];
    expect(u!.unit_id).toBe(unitId);
    expect(u!.delta_mean).toBeCloseTo(OFFSET, 6);
    const [cf, ct] = [coverFrom.get(unitId), coverTo.get(unitId)];
    expect(u!.delta_cover_pct).toBeCloseTo(ct! - cf!, 9);
    expect(u!.delta_biomass_kg_ha).toBeNull();
  }, 240_000);

  it.each(TILES.map((t) => [`${t.x}/${t.y}`, t] as const))(
    'tile %s: the difference equals ExG(to) − ExG(from) on GDAL-read pixels (1e-6), NaN alike',
    async (_, tile) => {
      const side = async (cog: string): Promise<ChangeSide> => ({
        source: new WarpSource(await openTiff(memorySource(new Uint8Array(await readFile(cog))))),
        bands: BANDS,
      });
      const ours = await changeValues(await side(cogs.from), await side(cogs.to), {
        index: 'exg',
        tile,
        tileSize: 256,
        params: {},
      });
      const ref = await referenceChange(tile);
      let worst = 0;
      let nan = 0;
      for (let p = 0; p < ref.length; p++) {
        expect(Number.isNaN(ours![p]!), `pixel ${p}`).toBe(Number.isNaN(ref[p]!));
        if (Number.isNaN(ref[p]!)) nan++;
        else worst = Math.max(worst, Math.abs(ours![p]! - ref[p]!));
      }
      expect(worst).toBeLessThan(1e-6);
      expect(nan).toBe(tile.x === X0 && tile.y === Y0 ? 48 * 48 : 0);
      // the PNG: rdylgn over -0.1…0.1 at the reference values (±1 LUT step at rounding ties), clear on NaN
      const png = await s.request(
        `/tiles/change/${ids.from}/${ids.to}/exg/${Z}/${tile.x}/${tile.y}.png?rescale=-0.1,0.1`,
        {
          token: user.token,
        },
      );
      expect(png.status).toBe(200);
      const { data } = await sharp(Buffer.from(await png.arrayBuffer()))
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const { lut } = colormapNamed('rdylgn');
      let off = 0;
      for (let p = 0; p < ref.length; p++) {
        if (Number.isNaN(ref[p]!)) {
          expect(data[p * 4 + 3]).toBe(0);
          continue;
        }
        const i = lutIndex(ref[p]!, -0.1, 0.1);
        const near = [i - 1, i, i + 1].some(
          (k) => k >= 0 && k < 256 && [0, 1, 2].every((c) => lut[k * 3 + c] === data[p * 4 + c]),
        );
        if (!near) off++;
      }
      expect(off).toBe(0);
    },
    60_000,
  );

  it('serves the legend (rdylgn, ±0.3 by default, rescale honoured) and a TileJSON', async () => {
    const base = `/tiles/change/${ids.from}/${ids.to}/exg`;
    const legend = (await (await s.request(`${base}/legend.json`, { token: user.token })).json()) as Json;
    expect(legend).toMatchObject({
      product: 'change-exg',
      kind: 'continuous',
      colormap: 'rdylgn',
      range: [-0.3, 0.3],
    });
    const stops = legend.stops as { value: number; color: string }[];
    expect(stops).toHaveLength(11);
    expect(stops[5]!.value).toBeCloseTo(0, 12);
    const { lut } = colormapNamed('rdylgn');
    const hex = (k: number) =>
      `#${[0, 1, 2].map((c) => lut[k * 3 + c]!.toString(16).padStart(2, '0')).join('')}`;
    expect(stops.map((t) => t.color)).toEqual(stops.map((t) => hex(lutIndex(t.value, -0.3, 0.3))));
    const rescaled = (await (
      await s.request(`${base}/legend.json?rescale=-0.1,0.2`, { token: user.token })
    ).json()) as Json;
    expect(rescaled.range).toEqual([-0.1, 0.2]);
    const tj = (await (await s.request(`${base}/tilejson.json`, { token: user.token })).json()) as Json;
    expect(tj).toMatchObject({ tilejson: '3.0.0', scheme: 'xyz' });
    expect((tj.tiles as string[])[0]).toMatch(new RegExp(`${base}/\\{z\\}/\\{x\\}/\\{y\\}\\.png$`));
  });

  it('refuses: another organisation 404, a missing index 400, different indices 400, no results 409', async () => {
    const q = `/api/change?from=${ids.from}&to=${ids.to}`;
    expect((await s.request(q, { token: other.token })).status).toBe(404);
    const tile = `/tiles/change/${ids.from}/${ids.to}`;
    expect((await s.request(`${tile}/exg/${Z}/${X0}/${Y0}.png`, { token: other.token })).status).toBe(404);
    const ndvi = await s.request(`${tile}/ndvi/${Z}/${X0}/${Y0}.png`, { token: user.token });
    expect(ndvi.status).toBe(400);
    expect(((await ndvi.json()) as { error: { message: string } }).error.message).toMatch(/nir/);
    await s.db.query(`UPDATE results SET product = 'vari' WHERE survey_id = $1`, [ids.to]);
    const mixed = await s.request(q, { token: user.token });
    expect(mixed.status).toBe(400);
    expect(((await mixed.json()) as { error: { message: string } }).error.message).toMatch(
      /exg \(from\) and vari \(to\)/,
    );
    await s.db.query(`DELETE FROM results WHERE survey_id = $1`, [ids.to]);
    const none = await s.request(q, { token: user.token });
    expect(none.status).toBe(409);
    expect(((await none.json()) as { error: { message: string } }).error.message).toContain(ids.to);
  });
});
