/**
 * Product files (SPEC §3 `GET /api/surveys/{id}/products/{product}.tif`, issue 6): the sample RGB
 * ortho processed; exg.tif (built at processing) is a float32 COG that GDAL validates, with its
 * description and statistics, whose pixels equal ExG computed here with numpy on the bands rasterio
 * reads from imagery.tif (NaN where transparent); gli.tif is built on request (202, then 200);
 * cover.tif is uint8 %; indices the bands cannot make are 400, another organisation 404.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { createSurvey, orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';
import { hasGdal, PYTHON, sh } from '../../processing/src/testing/gdal.ts';
import { validateCog } from '../../processing/src/cog/testing/gdal.ts';
import { waitForSurvey } from '../support/tus.ts';

let s: TestServer;
let user: OrgUser;
let other: OrgUser;
let id: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'belcheer-products-'));
  s = await startTestServer();
  user = await orgWithUser(s, 'Govi-Altai office');
  other = await orgWithUser(s, 'Khovd office');
  id = await createSurvey(s, user.token, { name: 'products' });
  const put = await s.request(`/api/surveys/${id}/imagery`, {
    method: 'PUT',
    token: user.token,
    body: await readFile('sample-data/drone/pix4d_alpha_nodata.tif'),
  });
  expect(put.status).toBe(202);
  expect((await waitForSurvey(s, user.token, id, 120_000)).status).toBe('ready');
}, 180_000);
afterAll(async () => {
  await s?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function download(file: string): Promise<string> {
  const res = await s.request(`/api/surveys/${id}/${file}`, { token: user.token });
  expect(res.status).toBe(200);
  const out = path.join(dir, file.replace(/\//g, '_'));
  writeFileSync(out, Buffer.from(await res.arrayBuffer()));
  return out;
}

const COMPARE = `
import sys, json
import numpy as np, rasterio
with rasterio.open(sys.argv[1]) as src:
    d = src.read().astype(np.float64)
    valid = d[3] > 0
with rasterio.open(sys.argv[2]) as p:
    ours = p.read(1).astype(np.float64)
    tags = p.tags(1)
    desc = p.descriptions[0]
    dtype = p.dtypes[0]
r, g, b = d[0], d[1], d[2]
s = r + g + b
with np.errstate(divide='ignore', invalid='ignore'):
    want = np.where(s == 0, np.nan, (2 * g - r - b) / s)
want[~valid] = np.nan
both = np.isfinite(want) & np.isfinite(ours)
print(json.dumps({
    "dtype": dtype, "description": desc,
    "nanMismatch": int((np.isnan(want) != np.isnan(ours)).sum()),
    "maxDiff": float(np.abs(ours[both] - want[both]).max()),
    "compared": int(both.sum()),
    "mean": float(want[np.isfinite(want)].mean()),
    "statsMean": float(tags.get("STATISTICS_MEAN", "nan")),
    "statsMin": float(tags.get("STATISTICS_MINIMUM", "nan")),
    "trueMin": float(np.nanmin(want)),
}))
`;

describe('product files', () => {
  it('lists exg among the stored products and serves it as a float32 COG equal to ExG of the bands', async () => {
    const exg = await download('products/exg.tif');
    if (!hasGdal) return;
    expect(validateCog(exg).status).toBe(0);
    const cog = await download('imagery.tif');
    const r = JSON.parse(await sh(PYTHON, ['-c', COMPARE, cog, exg])) as Record<string, number | string>;
    expect(r.dtype).toBe('float32');
    expect(r.description).toBe('exg');
    expect(r.nanMismatch).toBe(0);
    expect(r.compared as number).toBeGreaterThan(10_000);
    expect(r.maxDiff as number).toBeLessThan(1e-6);
    // Statistics come from an overview: close to, not equal to, the full-resolution mean.
    expect(Math.abs((r.statsMean as number) - (r.mean as number))).toBeLessThan(0.02);
    expect(r.statsMin as number).toBeGreaterThanOrEqual((r.trueMin as number) - 1e-6);
  });

  it('builds another index on request: 202 while queued, then the file', async () => {
    const first = await s.request(`/api/surveys/${id}/products/gli.tif`, { token: user.token });
    expect(first.status).toBe(202);
    expect(first.headers.get('retry-after')).toBe('5');
    let status = 202;
    for (let i = 0; i < 120 && status === 202; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const res = await s.request(`/api/surveys/${id}/products/gli.tif`, { token: user.token });
      status = res.status;
      await res.arrayBuffer();
    }
    expect(status).toBe(200);
  }, 90_000);

  it('serves cover.tif as uint8 percentages', async () => {
    const cover = await download('products/cover.tif');
    if (!hasGdal) return;
    const info = JSON.parse(await sh('gdalinfo', ['-json', '-stats', cover])) as {
      bands: { type: string; maximum: number; minimum: number }[];
    };
    expect(info.bands[0]!.type).toBe('Byte');
    expect(info.bands[0]!.maximum).toBeLessThanOrEqual(100);
  });

  it('refuses what the bands cannot make and hides other organisations’ surveys', async () => {
    const ndvi = await s.request(`/api/surveys/${id}/products/ndvi.tif`, { token: user.token });
    expect(ndvi.status).toBe(400);
    expect(((await ndvi.json()) as { error: { message: string } }).error.message).toMatch(
      /ndvi needs the nir band/,
    );
    expect((await s.request(`/api/surveys/${id}/products/ndwi.tif`, { token: user.token })).status).toBe(400);
    expect((await s.request(`/api/surveys/${id}/products/exg.tif`, { token: other.token })).status).toBe(404);
  });
});
