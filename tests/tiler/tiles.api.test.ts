/**
 * Raster tiles through the API (issue 5; SPEC §3): the sample Pix4D ortho (UTM 50S, RGBA) uploaded
 * and processed, then its tiles: a PNG / WebP that decodes with the requested size and opaque pixels
 * over the footprint, 204 outside, 400 with the SPEC error shape for bad requests, 404 for another
 * organisation, 304 for the ETag, and its TileJSON.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { createSurvey, orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';
import { lonLatToMercator, tileSpan } from '../../tiler/src/index.ts';
import { waitForSurvey } from '../support/tus.ts';

let s: TestServer;
let user: OrgUser;
let other: OrgUser;
let id: string;
let centre: { z: number; x: number; y: number };

/** XYZ tile of zoom z containing lon/lat. */
function tileAt(lon: number, lat: number, z: number) {
  const [mx, my] = lonLatToMercator(lon, lat);
  const half = Math.PI * 6378137;
  return { z, x: Math.floor((mx + half) / tileSpan(z)), y: Math.floor((half - my) / tileSpan(z)) };
}

async function opaquePixels(body: ArrayBuffer): Promise<{ width: number; height: number; opaque: number }> {
  const { data, info } = await sharp(Buffer.from(body))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let opaque = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) opaque++;
  return { width: info.width, height: info.height, opaque };
}

let tileCacheDir: string;

beforeAll(async () => {
  tileCacheDir = await mkdtemp(path.join(tmpdir(), 'belcheer-tile-cache-'));
  s = await startTestServer({ env: { TILE_CACHE_DIR: tileCacheDir } });
  user = await orgWithUser(s, 'Bayankhongor office');
  other = await orgWithUser(s, 'Uvs office');
  id = await createSurvey(s, user.token, { name: 'tiles' });
  const bytes = await readFile('sample-data/drone/pix4d_alpha_nodata.tif');
  const put = await s.request(`/api/surveys/${id}/imagery`, {
    method: 'PUT',
    token: user.token,
    body: bytes,
  });
  expect(put.status).toBe(202);
  const survey = await waitForSurvey(s, user.token, id, 120_000);
  expect(survey.status).toBe('ready');
  const [w, south, e, north] = survey.bbox as number[];
  centre = tileAt((w! + e!) / 2, (south! + north!) / 2, 18);
}, 180_000);
afterAll(async () => {
  await s?.destroy();
  if (tileCacheDir) await rm(tileCacheDir, { recursive: true, force: true });
});

/** Files of the disk tile cache and their sizes. */
async function cachedFiles(): Promise<number[]> {
  const sizes: number[] = [];
  for (const entry of await readdir(tileCacheDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && !entry.name.endsWith('.tmp')) {
      sizes.push((await stat(path.join(entry.parentPath, entry.name))).size);
    }
  }
  return sizes;
}

const url = (t: { z: number; x: number; y: number }, ext = 'png', q = '') =>
  `/tiles/surveys/${id}/rgb/${t.z}/${t.x}/${t.y}.${ext}${q}`;

describe('raster tiles', () => {
  it('renders a PNG over the footprint, at 256 and 512 px', async () => {
    const res = await s.request(url(centre), { token: user.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toMatch(/max-age/);
    const png = await opaquePixels(await res.arrayBuffer());
    expect(png).toMatchObject({ width: 256, height: 256 });
    expect(png.opaque).toBeGreaterThan(1000);

    const big = await s.request(url(centre, 'png', '?tilesize=512'), { token: user.token });
    expect(big.status).toBe(200);
    expect(await opaquePixels(await big.arrayBuffer())).toMatchObject({ width: 512, height: 512 });
  });

  it('renders WebP and honours rescale', async () => {
    const res = await s.request(url(centre, 'webp', '?rescale=0,128'), { token: user.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect((await opaquePixels(await res.arrayBuffer())).opaque).toBeGreaterThan(1000);
  });

  it('answers 204 for a tile outside the footprint', async () => {
    const res = await s.request(url({ z: 18, x: 0, y: 0 }), { token: user.token });
    expect(res.status).toBe(204);
  });

  it('keeps rendered tiles in the disk cache (TILE_CACHE_DIR), empty ones as empty files', async () => {
    // Earlier tests' tiles are written to the cache in the background: let them land first.
    await new Promise((r) => setTimeout(r, 300));
    const before = (await cachedFiles()).length;
    const t = { ...centre, x: centre.x + 1 };
    const first = await s.request(url(t, 'webp', '?tilesize=512'), { token: user.token });
    const body = Buffer.from(await first.arrayBuffer());
    await new Promise((r) => setTimeout(r, 200));
    const sizes = await cachedFiles();
    expect(sizes.length).toBe(before + 1);
    expect(sizes).toContain(first.status === 200 ? body.length : 0);
    const again = await s.request(url(t, 'webp', '?tilesize=512'), { token: user.token });
    expect(again.status).toBe(first.status);
    expect(Buffer.from(await again.arrayBuffer()).equals(body)).toBe(true);
    await s.request(url({ z: 18, x: 1, y: 1 }), { token: user.token });
    await new Promise((r) => setTimeout(r, 200));
    expect(await cachedFiles()).toContain(0);
  });

  it('answers 304 when the ETag matches, and changes the ETag with the parameters', async () => {
    const first = await s.request(url(centre), { token: user.token });
    const etag = first.headers.get('etag');
    expect(etag).toMatch(new RegExp(`^"${id}-v1-rgb-256-`));
    const again = await s.request(url(centre), { token: user.token, headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    const other = await s.request(url(centre, 'png', '?rescale=0,100'), { token: user.token });
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it.each([
    ['z=40', `/tiles/surveys/ID/rgb/40/0/0.png`, /zoom 40/],
    ['x out of range', `/tiles/surveys/ID/rgb/2/4/0.png`, /x 4 is outside 0–3/],
    ['an unknown product', `/tiles/surveys/ID/nope/2/1/1.png`, /unknown product "nope"/],
    ['rescale a ≥ b', `/tiles/surveys/ID/rgb/2/1/1.png?rescale=10,10`, /rescale min 10 is not below max 10/],
    ['tilesize 300', `/tiles/surveys/ID/rgb/2/1/1.png?tilesize=300`, /tilesize/],
    ['an unknown format', `/tiles/surveys/ID/rgb/2/1/1.jpg`, /format/],
    ['an index the bands cannot make', `/tiles/surveys/ID/ndvi/2/1/1.png`, /ndvi needs the nir band/],
    ['SAVI without a reflectance scale', `/tiles/surveys/ID/savi/2/1/1.png`, /savi needs the nir band/],
    ['an unknown colormap', `/tiles/surveys/ID/vari/2/1/1.png?colormap=jet`, /unknown colormap "jet"/],
    [
      'an unknown colormap in a legend',
      `/tiles/surveys/ID/vari/legend.json?colormap=jet`,
      /unknown colormap/,
    ],
  ])('refuses %s with 400 and the SPEC error shape', async (_name, path, message) => {
    const res = await s.request(path.replace('ID', id), { token: user.token });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(typeof body.error.code).toBe('string');
    expect(body.error.message).toMatch(message);
  });

  it("answers 404 for another organisation's survey, 401 without credentials", async () => {
    const res = await s.request(url(centre), { token: other.token });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await s.request(url(centre))).status).toBe(401);
    expect((await s.request(`/tiles/surveys/${id}/rgb/tilejson.json`, { token: other.token })).status).toBe(
      404,
    );
  });

  it('serves TileJSON 3.0.0 with bounds and zooms from the GSD', async () => {
    const res = await s.request(`/tiles/surveys/${id}/rgb/tilejson.json?tilesize=512`, { token: user.token });
    expect(res.status).toBe(200);
    const tj = (await res.json()) as Record<string, unknown>;
    expect(tj.tilejson).toBe('3.0.0');
    expect((tj.tiles as string[])[0]).toMatch(
      new RegExp(`/tiles/surveys/${id}/rgb/\\{z\\}/\\{x\\}/\\{y\\}\\.png\\?tilesize=512$`),
    );
    const [w, south, e, north] = tj.bounds as number[];
    expect(w).toBeCloseTo(115.1597, 3);
    expect(e).toBeCloseTo(115.1619, 3);
    expect(south).toBeLessThan(north!);
    // 0.3527 m at 8.6°S = 0.357 Mercator m: zoom 18 for 256 px tiles (0.597 m), 17 for 512 px.
    expect(tj.maxzoom).toBe(17);
    expect(tj.minzoom as number).toBeLessThanOrEqual(tj.maxzoom as number);
  });
});

describe('index products, legends and the point query', () => {
  it('lists the products the bands allow: rgb, the eight RGB indices and cover', async () => {
    const survey = (await (await s.request(`/api/surveys/${id}`, { token: user.token })).json()) as {
      products: string[];
      cover?: { index: string; threshold: number };
    };
    expect(survey.products).toEqual([
      'rgb',
      'vari',
      'exg',
      'exgr',
      'gli',
      'ngrdi',
      'tgi',
      'mgrvi',
      'rgbvi',
      'cover',
    ]);
    expect(survey.cover?.index).toBe('exg');
    expect(Number.isFinite(survey.cover?.threshold)).toBe(true);
  });

  it('renders an index tile through the default and a chosen colormap, with distinct ETags', async () => {
    const base = `/tiles/surveys/${id}/vari/${centre.z}/${centre.x}/${centre.y}.png`;
    const res = await s.request(base, { token: user.token });
    expect(res.status).toBe(200);
    expect((await opaquePixels(await res.arrayBuffer())).opaque).toBeGreaterThan(1000);
    const magma = await s.request(`${base}?colormap=magma&rescale=-0.2,0.2`, { token: user.token });
    expect(magma.status).toBe(200);
    expect(magma.headers.get('etag')).not.toBe(res.headers.get('etag'));
    expect(magma.headers.get('etag')).toMatch(/magma/);
  });

  it('renders the cover classes', async () => {
    const res = await s.request(`/tiles/surveys/${id}/cover/${centre.z}/${centre.x}/${centre.y}.png`, {
      token: user.token,
    });
    expect(res.status).toBe(200);
    expect((await opaquePixels(await res.arrayBuffer())).opaque).toBeGreaterThan(1000);
  });

  it('serves legends: a colour ramp for an index, classes for cover, and one inside the TileJSON', async () => {
    const vari = (await (
      await s.request(`/tiles/surveys/${id}/vari/legend.json`, { token: user.token })
    ).json()) as {
      kind: string;
      colormap: string;
      range: number[];
      stops: { value: number; color: string }[];
    };
    expect(vari).toMatchObject({ kind: 'continuous', colormap: 'rdylgn', range: [-0.3, 0.5] });
    expect(vari.stops).toHaveLength(11);
    // ColorBrewer RdYlGn ends.
    expect(vari.stops[0]).toEqual({ value: -0.3, color: '#a50026' });
    expect(vari.stops[10]!.color).toBe('#006837');
    const chosen = (await (
      await s.request(`/tiles/surveys/${id}/exg/legend.json?colormap=viridis&rescale=0,0.5`, {
        token: user.token,
      })
    ).json()) as { range: number[]; stops: { color: string }[] };
    expect(chosen.range).toEqual([0, 0.5]);
    expect(chosen.stops[0]!.color).toBe('#440154');
    const cover = (await (
      await s.request(`/tiles/surveys/${id}/cover/legend.json`, { token: user.token })
    ).json()) as {
      kind: string;
      classes: { label: { mn: string; en: string } }[];
    };
    expect(cover.kind).toBe('classes');
    expect(cover.classes.map((c) => c.label.en)).toEqual([
      '0–10 % Very sparse',
      '10–25 % Sparse',
      '25–50 % Moderate',
      '50–75 % Dense',
      '75–100 % Very dense',
    ]);
    const tj = (await (
      await s.request(`/tiles/surveys/${id}/ndvi/tilejson.json`, { token: user.token })
    ).json()) as {
      error?: unknown;
    };
    expect(tj.error).toBeDefined();
    const tjVari = (await (
      await s.request(`/tiles/surveys/${id}/vari/tilejson.json?colormap=greens`, { token: user.token })
    ).json()) as {
      tiles: string[];
      legend: { colormap: string };
    };
    expect(tjVari.tiles[0]).toMatch(/colormap=greens/);
    expect(tjVari.legend.colormap).toBe('greens');
  });

  it('answers the point query with band values and indices computed from them', async () => {
    const survey = (await (await s.request(`/api/surveys/${id}`, { token: user.token })).json()) as {
      bbox: number[];
    };
    const [w, south, e, north] = survey.bbox;
    const lon = (w! + e!) / 2;
    const lat = (south! + north!) / 2;
    const res = await s.request(`/api/surveys/${id}/point?lon=${lon}&lat=${lat}`, { token: user.token });
    expect(res.status).toBe(200);
    const p = (await res.json()) as {
      inside: boolean;
      pixel: { x: number; y: number };
      bands: Record<string, number>;
      indices: Record<string, number | null>;
      cover: { index: string; threshold: number; green: boolean };
    };
    expect(p.inside).toBe(true);
    const { red: r, green: g, blue: b } = p.bands as { red: number; green: number; blue: number };
    expect(Object.keys(p.bands)).toEqual(['red', 'green', 'blue']);
    expect(p.indices.vari).toBeCloseTo((g - r) / (g + r - b), 6);
    expect(p.indices.ngrdi).toBeCloseTo((g - r) / (g + r), 6);
    expect(p.indices.exg).toBeCloseTo((2 * g - r - b) / (r + g + b), 6);
    expect(p.cover.green).toBe((p.indices.exg as number) >= p.cover.threshold);

    const outside = (await (
      await s.request(`/api/surveys/${id}/point?lon=100&lat=47`, { token: user.token })
    ).json()) as {
      inside: boolean;
      bands: object;
    };
    expect(outside).toMatchObject({ inside: false, bands: {} });
    expect((await s.request(`/api/surveys/${id}/point?lon=200&lat=47`, { token: user.token })).status).toBe(
      400,
    );
    expect((await s.request(`/api/surveys/${id}/point?lon=100`, { token: user.token })).status).toBe(400);
    expect(
      (await s.request(`/api/surveys/${id}/point?lon=${lon}&lat=${lat}`, { token: other.token })).status,
    ).toBe(404);
  });
});
