/**
 * Offline packages end to end (issue 5; SPEC §2.2): a small UTM survey in Erdenesant soum (Töv) is
 * processed, a pasture unit is inserted by SQL, a survey package is built by the job, and its archives
 * are read back through HTTP range requests by the `pmtiles` package — the way MapLibre's pmtiles
 * protocol reads them. Checks: header zooms equal the TileJSON's, a raster tile at the native zoom is
 * byte for byte the tile `/tiles/surveys/{id}/rgb/…` serves and decodes with sharp, an MVT tile decodes
 * with @mapbox/vector-tile and holds the admin units, the pasture unit and the survey, the zip lists
 * its files (Python's zipfile), another organisation gets 404.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { PMTiles, TileType, type RangeResponse, type Source } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { createSurvey, orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';
import { findVectorLayer } from '../../api/src/vector-tiles/vector.layers.ts';
import { EXPIRE_JOB } from '../../api/src/exports/export.expire.ts';
import { enqueue } from '../../api/src/jobs/queue.ts';
import { hasGdal, PYTHON, runOk, sh } from '../../processing/src/testing/gdal.ts';
import { waitForSurvey } from '../support/tus.ts';
import { decodeMvt } from '../tiler/mvt.decode.ts';

/** Inside Erdenesant soum (MN4179, Töv aimag MN41): UTM zone 48N. */
const LON = 104.4868;
const LAT = 47.2585;
const SIZE = 512;
const GSD = 0.25;

/** A pmtiles Source reading the archive from the server with HTTP Range requests and the bearer token. */
class HttpRangeSource implements Source {
  readonly ranges: string[] = [];
  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}
  getKey(): string {
    return this.url;
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const range = `bytes=${offset}-${offset + length - 1}`;
    this.ranges.push(range);
    const res = await fetch(this.url, { headers: { authorization: `Bearer ${this.token}`, range } });
    if (res.status !== 206) throw new Error(`${range} of ${this.url}: ${res.status} ${await res.text()}`);
    return { data: await res.arrayBuffer() };
  }
}

/** Decoded RGBA of a PNG or WebP tile (an opaque tile may be stored without alpha). */
async function rgbaOf(bytes: Buffer): Promise<Uint8Array> {
  return new Uint8Array(await sharp(bytes).ensureAlpha().raw().toBuffer());
}

/** XYZ tile of zoom z containing lon/lat, from the OSM slippy-map formula. */
function tileAt(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  };
}

let s: TestServer;
let user: OrgUser;
let other: OrgUser;
let dir: string;
let surveyId: string;
let exportId: string;
let exportMs: number;
let exportBody: { status: string; progress: number; files: { name: string; size: number }[] };

async function waitForExport(id: string, token: string, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const body = (await (await s.request(`/api/exports/${id}`, { token })).json()) as typeof exportBody;
    if (body.status === 'ready' || body.status === 'failed') return body;
    if (Date.now() > until) throw new Error(`export ${id} still ${body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** POST /api/exports of a survey package. */
const requestPackage = (token: string, survey: string, extra: Record<string, string> = {}) =>
  s.request('/api/exports', { method: 'POST', token, json: { kind: 'survey-package', survey, ...extra } });

const archive = (file: string) =>
  new PMTiles(new HttpRangeSource(`${s.url}/api/exports/${exportId}/${file}`, user.token));

beforeAll(async () => {
  s = await startTestServer();
  user = await orgWithUser(s, 'Töv office');
  other = await orgWithUser(s, 'Uvs office');
  dir = await mkdtemp(path.join(tmpdir(), 'belcheer-export-test-'));
  // A smooth RGB field, 512² px at 0.25 m in UTM 48N, centred on LON, LAT.
  runOk(PYTHON, [
    '-c',
    `
import numpy as np
from osgeo import gdal, osr
wgs = osr.SpatialReference(); wgs.ImportFromEPSG(4326); wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
utm = osr.SpatialReference(); utm.ImportFromEPSG(32648)
cx, cy, _ = osr.CoordinateTransformation(wgs, utm).TransformPoint(${LON}, ${LAT})
n = ${SIZE}
y, x = np.mgrid[0:n, 0:n].astype(np.float64)
bands = [90 + 60 * np.sin(x / 23.0), 120 + 50 * np.cos(y / 31.0), 70 + 40 * np.sin((x + y) / 41.0)]
ds = gdal.GetDriverByName('GTiff').Create('${dir}/ortho.tif', n, n, 3, gdal.GDT_Byte, ['PHOTOMETRIC=RGB'])
ds.SetGeoTransform((cx - n * ${GSD} / 2, ${GSD}, 0, cy + n * ${GSD} / 2, 0, -${GSD}))
ds.SetProjection(utm.ExportToWkt())
for i, b in enumerate(bands): ds.GetRasterBand(i + 1).WriteArray(b.round().astype(np.uint8))
ds = None
`,
  ]);
  surveyId = await createSurvey(s, user.token, { name: 'Erdenesant spring' });
  const put = await s.request(`/api/surveys/${surveyId}/imagery`, {
    method: 'PUT',
    token: user.token,
    body: await readFile(path.join(dir, 'ortho.tif')),
  });
  expect(put.status).toBe(202);
  expect((await waitForSurvey(s, user.token, surveyId, 120_000)).status).toBe('ready');
  // A pasture unit over the survey's centre, 60 m square.
  const d = 0.0004;
  await s.db.query(
    `INSERT INTO pasture_units (organisation_id, soum_code, name, season, use, geom, area_ha)
     SELECT $1, 'MN4179', 'Spring camp', 'spring', 'pasture', g, ST_Area(g::geography) / 10000
       FROM (SELECT ST_Multi(ST_MakeEnvelope($2, $3, $4, $5, 4326)) AS g) q`,
    [user.organisationId, LON - d, LAT - d, LON + d, LAT + d],
  );
  const started = Date.now();
  const post = await requestPackage(user.token, surveyId);
  expect(post.status).toBe(202);
  const queued = (await post.json()) as { id: string; status: string; progress: number };
  expect(queued).toMatchObject({ status: 'queued', progress: 0 });
  exportId = queued.id;
  exportBody = await waitForExport(exportId, user.token);
  exportMs = Date.now() - started;
}, 300_000);
afterAll(async () => {
  await s?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasGdal)('survey package', () => {
  it('finishes with three files and 100 %', () => {
    expect(exportBody.status).toBe('ready');
    expect(exportBody.progress).toBe(100);
    expect(exportBody.files.map((f) => f.name).sort()).toEqual([
      'imagery.pmtiles',
      'package.zip',
      'vectors.pmtiles',
    ]);
    console.info(`survey package of ${SIZE}² px: ${exportMs} ms`, exportBody.files);
  });

  it('serves a file by ranges: 206 with Content-Range', async () => {
    const res = await s.request(`/api/exports/${exportId}/imagery.pmtiles`, {
      token: user.token,
      headers: { range: 'bytes=0-6' },
    });
    expect(res.status).toBe(206);
    const size = exportBody.files.find((f) => f.name === 'imagery.pmtiles')!.size;
    expect(res.headers.get('content-range')).toBe(`bytes 0-6/${size}`);
    expect(new TextDecoder().decode(await res.arrayBuffer())).toBe('PMTiles');
  });

  it('holds the rgb tiles of the TileJSON zoom range: the native zoom as served, each zoom above from its children', async () => {
    const tileJson = (await (
      await s.request(`/tiles/surveys/${surveyId}/rgb/tilejson.json`, { token: user.token })
    ).json()) as { minzoom: number; maxzoom: number };
    const imagery = archive('imagery.pmtiles');
    const header = await imagery.getHeader();
    expect(header).toMatchObject({
      tileType: TileType.Png,
      minZoom: tileJson.minzoom,
      maxZoom: tileJson.maxzoom,
      clustered: true,
    });
    expect(header.minLon).toBeLessThan(LON);
    expect(header.maxLon).toBeGreaterThan(LON);
    const served = async (t: { z: number; x: number; y: number }) => {
      const res = await s.request(`/tiles/surveys/${surveyId}/rgb/${t.z}/${t.x}/${t.y}.png`, {
        token: user.token,
      });
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };
    const packedRgba = async (z: number, x: number, y: number) => {
      const packed = await imagery.getZxy(z, x, y);
      return packed ? rgbaOf(Buffer.from(packed.data)) : null;
    };
    // The native zoom: byte for byte the tile the route serves.
    const native = tileAt(LON, LAT, tileJson.maxzoom);
    const packed = await imagery.getZxy(native.z, native.x, native.y);
    expect(packed, `tile ${native.z}/${native.x}/${native.y}`).toBeDefined();
    expect(Buffer.from(packed!.data).equals(await served(native))).toBe(true);
    expect(await sharp(Buffer.from(packed!.data)).metadata()).toMatchObject({
      format: 'png',
      width: 256,
      height: 256,
    });
    // Each zoom above, as gdal2tiles -r average: every pixel the alpha-weighted mean of its 2 × 2
    // child pixels (worked here from the decoded children), and close to the tile warped directly.
    for (let z = tileJson.maxzoom - 1; z >= tileJson.minzoom; z--) {
      const t = tileAt(LON, LAT, z);
      const parent = await packedRgba(t.z, t.x, t.y);
      expect(parent, `tile ${z}/${t.x}/${t.y}`).not.toBeNull();
      const kids = await Promise.all(
        [0, 1, 2, 3].map((q) => packedRgba(z + 1, 2 * t.x + (q & 1), 2 * t.y + (q >> 1))),
      );
      let worst = 0;
      for (let py = 0; py < 256; py++)
        for (let px = 0; px < 256; px++) {
          const kid = kids[(py >> 7) * 2 + (px >> 7)];
          const taps = [0, 1, 2, 3].map((k) => {
            const cx = 2 * (px & 127) + (k & 1);
            const cy = 2 * (py & 127) + (k >> 1);
            return kid
              ? Array.from(kid.subarray((cy * 256 + cx) * 4, (cy * 256 + cx) * 4 + 4))
              : [0, 0, 0, 0];
          });
          const alpha = taps.reduce((a, p) => a + p[3]!, 0);
          const want = [0, 1, 2].map((b) =>
            alpha ? taps.reduce((a, p) => a + p[b]! * p[3]!, 0) / alpha : 0,
          );
          want.push(alpha / 4);
          const got = Array.from(parent!.subarray((py * 256 + px) * 4, (py * 256 + px) * 4 + 4));
          for (let b = 0; b < 4; b++) worst = Math.max(worst, Math.abs(got[b]! - want[b]!));
        }
      expect(worst, `zoom ${z}: largest difference to the children's mean`).toBeLessThanOrEqual(0.5);
      const direct = await rgbaOf(await served(t));
      let sum = 0;
      let opaque = 0;
      for (let i = 0; i < direct.length; i += 4)
        if (direct[i + 3] === 255 && parent![i + 3] === 255) {
          for (let b = 0; b < 3; b++) sum += Math.abs(direct[i + b]! - parent![i + b]!);
          opaque += 3;
        }
      expect(opaque).toBeGreaterThan(0);
      expect(sum / opaque, `zoom ${z}: mean difference to the tile warped directly`).toBeLessThan(8);
    }
    // A tile of the native zoom far from the survey is not in the archive.
    const far = tileAt(LON + 1, LAT, tileJson.maxzoom);
    expect(await imagery.getZxy(far.z, far.x, far.y)).toBeUndefined();
  });

  it('packs WebP tiles when asked, the bytes the .webp tile route serves', async () => {
    const post = await requestPackage(user.token, surveyId, { format: 'webp' });
    const { id } = (await post.json()) as { id: string };
    expect((await waitForExport(id, user.token)).status).toBe('ready');
    const imagery = new PMTiles(
      new HttpRangeSource(`${s.url}/api/exports/${id}/imagery.pmtiles`, user.token),
    );
    const header = await imagery.getHeader();
    expect(header.tileType).toBe(TileType.Webp);
    const t = tileAt(LON, LAT, header.maxZoom);
    const packed = await imagery.getZxy(t.z, t.x, t.y);
    const served = await s.request(`/tiles/surveys/${surveyId}/rgb/${t.z}/${t.x}/${t.y}.webp`, {
      token: user.token,
    });
    expect(Buffer.from(packed!.data).equals(Buffer.from(await served.arrayBuffer()))).toBe(true);
    expect((await sharp(Buffer.from(packed!.data)).metadata()).format).toBe('webp');
  });

  it('holds vector tiles 6–15 with the admin units, the survey and the pasture unit', async () => {
    const vectors = archive('vectors.pmtiles');
    const header = await vectors.getHeader();
    expect(header).toMatchObject({ tileType: TileType.Mvt, minZoom: 6, maxZoom: 15 });
    const metadata = (await vectors.getMetadata()) as { vector_layers: { id: string }[] };
    const ids = metadata.vector_layers.map((l) => l.id);
    expect(ids).toEqual(expect.arrayContaining(['admin-units', 'surveys']));
    for (const z of [15, 10, 6]) {
      const t = tileAt(LON, LAT, z);
      const tile = await vectors.getZxy(t.z, t.x, t.y);
      expect(tile, `tile ${z}/${t.x}/${t.y}`).toBeDefined();
      const layers = decodeMvt(new Uint8Array(tile!.data));
      const codes = layers.get('admin-units')!.features.map((f) => f.properties.code);
      expect(codes).toEqual(expect.arrayContaining(['MN4179', 'MN41']));
      if (z < 10) continue;
      // The 128 m survey and the 60 m unit are a few MVT units wide at zoom 10 (1 unit ≈ 6.6 m at 47° N),
      // less than one at zoom 6, where the encoders drop them.
      expect(layers.get('surveys')!.features.map((f) => f.properties.id)).toEqual([surveyId]);
      if (findVectorLayer('pasture-units')) {
        expect(ids).toContain('pasture-units');
        expect(layers.get('pasture-units')?.features.map((f) => f.properties.name)).toEqual(['Spring camp']);
      }
    }
  });

  it('zips both archives, the style and a README', async () => {
    const res = await s.request(`/api/exports/${exportId}/package.zip`, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const zip = path.join(dir, 'package.zip');
    await writeFile(zip, Buffer.from(await res.arrayBuffer()));
    const listing = JSON.parse(
      await sh(PYTHON, [
        '-c',
        `import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps({i.filename: i.file_size for i in z.infolist()} | {"style": json.loads(z.read("style.json"))["sources"]}))`,
        zip,
      ]),
    ) as Record<string, unknown>;
    const sizes = Object.fromEntries(exportBody.files.map((f) => [f.name, f.size]));
    expect(listing).toMatchObject({
      'imagery.pmtiles': sizes['imagery.pmtiles'],
      'vectors.pmtiles': sizes['vectors.pmtiles'],
      style: {
        imagery: { type: 'raster', url: 'pmtiles://imagery.pmtiles' },
        vectors: { type: 'vector', url: 'pmtiles://vectors.pmtiles' },
      },
    });
    expect(Object.keys(listing)).toEqual(expect.arrayContaining(['style.json', 'README.txt']));
  });

  it("answers 404 for another organisation's export, 400 for a bad request, 409 before processing, 413 too big", async () => {
    expect((await s.request(`/api/exports/${exportId}`, { token: other.token })).status).toBe(404);
    const file = await s.request(`/api/exports/${exportId}/imagery.pmtiles`, { token: other.token });
    expect(file.status).toBe(404);
    const theirs = await requestPackage(other.token, surveyId);
    expect(theirs.status).toBe(404);
    const bad = await requestPackage(user.token, surveyId, { format: 'jpeg' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/png or webp/);
    const unknownFile = await s.request(`/api/exports/${exportId}/other.bin`, { token: user.token });
    expect(unknownFile.status).toBe(400);
    const unprocessed = await createSurvey(s, user.token, { name: 'not uploaded yet' });
    const early = await requestPackage(user.token, unprocessed);
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { message: string } }).error.message).toMatch(
      /no processed imagery yet \(status created\)/,
    );
    // Pretend the survey is 200,000 px over 0.5° × 0.5° at 0.25 m: at its native zoom 19 alone,
    // 0.5 / 360 · 2^19 ≈ 728 columns by ~1,070 rows of tiles — far past 100,000, refused with 413.
    const [saved] = await s.db.query<{ bbox: number[]; width: number }>(
      'SELECT bbox, width FROM surveys WHERE id = $1',
      [surveyId],
    );
    await s.db.query('UPDATE surveys SET bbox = $2, width = 200000 WHERE id = $1', [
      surveyId,
      [LON - 0.25, LAT - 0.25, LON + 0.25, LAT + 0.25],
    ]);
    try {
      const huge = await requestPackage(user.token, surveyId);
      expect(huge.status).toBe(413);
      expect(((await huge.json()) as { error: { message: string } }).error.message).toMatch(
        /would make \d+ raster tiles \(zooms \d+–\d+\); an offline package holds at most 100000/,
      );
    } finally {
      await s.db.query('UPDATE surveys SET bbox = $2, width = $3 WHERE id = $1', [
        surveyId,
        saved!.bbox,
        saved!.width,
      ]);
    }
  });

  it('deletes the files of an expired export in the sweep job, keeps its row, and answers 404 expired', async () => {
    const stored = path.join(s.config.storage, 'exports', exportId);
    expect((await readdir(stored)).sort()).toEqual(['imagery.pmtiles', 'package.zip', 'vectors.pmtiles']);
    await s.db.query(`UPDATE exports SET expires_at = now() - interval '1 day' WHERE id = $1`, [exportId]);
    const body = (await (await s.request(`/api/exports/${exportId}`, { token: user.token })).json()) as {
      status: string;
      files?: unknown;
    };
    expect(body.status).toBe('expired');
    expect(body.files).toBeUndefined();
    const gone = await s.request(`/api/exports/${exportId}/package.zip`, { token: user.token });
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: { code: string } }).error.code).toBe('expired');
    // The server's worker enqueued a sweep when it started (and would again hourly); this one is by hand.
    const [started] = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM jobs WHERE kind = $1', [
      EXPIRE_JOB,
    ]);
    expect(started!.n).toBeGreaterThanOrEqual(1);
    await enqueue(s.db, EXPIRE_JOB, {});
    const until = Date.now() + 30_000;
    while (existsSync(stored) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(stored)).toBe(false);
    const [row] = await s.db.query<{ files: unknown; status: string }>(
      'SELECT files, status FROM exports WHERE id = $1',
      [exportId],
    );
    expect(row).toEqual({ files: null, status: 'ready' });
  });
});
