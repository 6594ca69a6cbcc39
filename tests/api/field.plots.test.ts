/**
 * Field plots over HTTP (issue 6): CRUD of GeoJSON Point Features, CSV and GeoJSON import with errors
 * by row, dry run, all-or-nothing writes, unit conversions (hand-computed: 1 g/m² = 10 000 g/ha =
 * 10 kg/ha; 1 centner = 100 kg), photos, filters, roles and organisation scoping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { createSurvey, orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';

interface Feature {
  id: string;
  geometry: { type: 'Point'; coordinates: number[] };
  properties: Record<string, unknown>;
}
interface Report {
  dryRun: boolean;
  accepted: number;
  rejected: number;
  rows: { row: number; ok: boolean; id?: string; errors?: { field: string; message: string }[] }[];
}
interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

let s: TestServer;
let a: OrgUser;
let b: OrgUser;
beforeAll(async () => {
  s = await startTestServer({ env: { WORKERS: '0' } });
  a = await orgWithUser(s, 'Selenge office');
  b = await orgWithUser(s, 'Umnugovi office');
});
afterAll(async () => s?.destroy());

const feature = (lon: number, lat: number, properties: Record<string, unknown>) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { date: '2026-06-15', ...properties },
});

async function post(token: string, body: unknown): Promise<Response> {
  return s.request('/api/field-plots', { method: 'POST', token, json: body });
}

async function importText(
  token: string,
  text: string,
  query = '',
  contentType = 'text/csv',
): Promise<Response> {
  return s.request(`/api/field-plots/import${query}`, {
    method: 'POST',
    token,
    headers: { 'content-type': contentType },
    body: text,
  });
}

async function list(token: string, query = ''): Promise<Feature[]> {
  const res = await s.request(`/api/field-plots${query}`, { token });
  expect(res.status).toBe(200);
  const fc = (await res.json()) as { type: string; features: Feature[] };
  expect(fc.type).toBe('FeatureCollection');
  return fc.features;
}

/** Rows in the table, deleted ones included: what "nothing written" is checked against. */
async function storedCount(): Promise<number> {
  const rows = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM field_plots');
  return rows[0]!.n;
}

describe('field plots: one at a time', () => {
  it('creates, reads, replaces and soft-deletes a plot, converting biomass to kg/ha', async () => {
    const res = await post(
      a.token,
      feature(106.9, 47.9, { biomass_g_m2: 12.5, cover_pct: 63, notes: 'Stipa' }),
    );
    expect(res.status).toBe(201);
    const created = (await res.json()) as Feature;
    // 12.5 g/m² × 10 000 m²/ha ÷ 1 000 g/kg = 125 kg/ha.
    expect(created.properties).toMatchObject({
      date: '2026-06-15',
      biomass_kg_ha: 125,
      fresh: false,
      cover_pct: 63,
      height_cm: null,
      plot_size_m: 1,
      notes: 'Stipa',
      survey: null,
      photo_url: null,
    });
    expect(created.geometry.coordinates).toEqual([106.9, 47.9]);
    const got = (await (
      await s.request(`/api/field-plots/${created.id}`, { token: a.token })
    ).json()) as Feature;
    expect(got).toEqual(created);

    // PUT the GET body back with a new biomass in centner/ha: 3.2 c/ha × 100 kg/c = 320 kg/ha.
    const { biomass_kg_ha: _old, ...rest } = got.properties;
    const put = await s.request(`/api/field-plots/${created.id}`, {
      method: 'PUT',
      token: a.token,
      json: { ...got, properties: { ...rest, biomass_c_ha: 3.2, height_cm: 14, fresh: true } },
    });
    expect(put.status, await put.clone().text()).toBe(200);
    const replaced = (await put.json()) as Feature;
    expect(replaced.properties.biomass_kg_ha).toBeCloseTo(320, 9);
    expect(replaced.properties).toMatchObject({ height_cm: 14, fresh: true, cover_pct: 63 });

    const del = await s.request(`/api/field-plots/${created.id}`, { method: 'DELETE', token: a.token });
    expect(del.status).toBe(204);
    expect((await s.request(`/api/field-plots/${created.id}`, { token: a.token })).status).toBe(404);
    expect((await list(a.token)).map((f) => f.id)).not.toContain(created.id);
    const kept = await s.db.query<{ deleted: boolean }>(
      'SELECT deleted_at IS NOT NULL AS deleted FROM field_plots WHERE id = $1',
      [created.id],
    );
    expect(kept).toEqual([{ deleted: true }]);
  });

  it('refuses a bad plot with a message naming the field', async () => {
    const cases: [unknown, string][] = [
      [feature(106.9, 95, {}), 'latitude 95 is out of range -90…90'],
      [feature(47.9, 106.9, {}), 'looks like lon/lat are swapped'],
      [feature(2.35, 48.85, {}), 'outside Mongolia'],
      [feature(106.9, 47.9, { date: '2999-01-01' }), 'in the future'],
      [feature(106.9, 47.9, { biomass_g_m2: 10, biomass_kg_ha: 100 }), 'only one biomass'],
      [feature(106.9, 47.9, { cover_pct: 101 }), 'cover 101 is out of range 0…100'],
      [feature(106.9, 47.9, { height_cm: -1 }), 'height'],
      [feature(106.9, 47.9, { biomass_g_m2: -5 }), 'negative'],
      [{ ...feature(106.9, 47.9, {}), geometry: { type: 'LineString', coordinates: [[1, 2]] } }, 'geometry'],
    ];
    for (const [body, part] of cases) {
      const res = await post(a.token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as ErrorBody).error.message).toContain(part);
    }
  });

  it('lets agencies read but not write, and hides other organisations’ plots (404)', async () => {
    const agency = await orgWithUser(s, 'Agency office', 'agency');
    expect((await post(agency.token, feature(106.9, 47.9, {}))).status).toBe(403);
    expect((await importText(agency.token, 'lon,lat,date\n106.9,47.9,2026-06-01\n')).status).toBe(403);
    expect((await s.request('/api/field-plots', { token: agency.token })).status).toBe(200);

    const theirs = ((await (await post(b.token, feature(104, 44, { name: 'B' }))).json()) as Feature).id;
    expect((await list(a.token)).map((f) => f.id)).not.toContain(theirs);
    expect((await s.request(`/api/field-plots/${theirs}`, { token: a.token })).status).toBe(404);
    const put = await s.request(`/api/field-plots/${theirs}`, {
      method: 'PUT',
      token: a.token,
      json: feature(104, 44, {}),
    });
    expect(put.status).toBe(404);
    const del = await s.request(`/api/field-plots/${theirs}`, { method: 'DELETE', token: a.token });
    expect(del.status).toBe(404);
    expect((await s.request(`/api/field-plots/${theirs}/photo`, { token: a.token })).status).toBe(404);
    // Attaching to another organisation's survey: that survey does not exist for the caller.
    const bSurvey = await createSurvey(s, b.token);
    expect((await post(a.token, feature(106.9, 47.9, { survey: bSurvey }))).status).toBe(404);
    expect((await s.request(`/api/field-plots/${theirs}`, { token: b.token })).status).toBe(200);
  });
});

describe('field plots: import', () => {
  it('imports a CSV with BOM, ";" delimiter, aliases, DD.MM.YYYY, decimal commas and quoted fields', async () => {
    const survey = await createSurvey(s, a.token, { name: 'Import target' });
    const csv =
      '\uFEFFLongitude;Latitude;Date;Biomass_g_m2;Biomass (c/ha);Cover_pct;Height_cm;Fresh;Notes;Name;Plot_size_m\r\n' +
      '106,91;47,91;15.06.2026;12,5;;40;8;no;"Stipa; Cleistogenes";P1;0,5\r\n' +
      '106.92;47.92;2026-06-16;;3.2;55;;yes;"two\nlines";P2;\r\n' +
      '\r\n' +
      '106.93;47.93;2026-06-17;;;;;;;P3;\r\n';
    const before = await storedCount();
    const res = await importText(a.token, csv, `?survey=${survey}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const report = (await res.json()) as Report;
    expect(report).toMatchObject({ dryRun: false, accepted: 3, rejected: 0 });
    // Row = line in the file: the quoted field of row 3 spans lines 3–4, line 5 is empty.
    expect(report.rows.map((r) => [r.row, r.ok])).toEqual([
      [2, true],
      [3, true],
      [6, true],
    ]);
    expect(await storedCount()).toBe(before + 3);

    const byName = new Map((await list(a.token, `?survey=${survey}`)).map((f) => [f.properties.name, f]));
    expect([...byName.keys()].sort()).toEqual(['P1', 'P2', 'P3']);
    const p1 = byName.get('P1')!;
    expect(p1.geometry.coordinates).toEqual([106.91, 47.91]);
    // 12.5 g/m² → 125 kg/ha; 3.2 c/ha → 320 kg/ha (hand computation, see header).
    expect(p1.properties).toMatchObject({
      date: '2026-06-15',
      biomass_kg_ha: 125,
      cover_pct: 40,
      height_cm: 8,
      fresh: false,
      notes: 'Stipa; Cleistogenes',
      plot_size_m: 0.5,
      survey,
    });
    expect(byName.get('P2')!.properties.biomass_kg_ha).toBeCloseTo(320, 9);
    expect(byName.get('P2')!.properties).toMatchObject({ fresh: true, notes: 'two\nlines', plot_size_m: 1 });
    expect(byName.get('P3')!.properties).toMatchObject({ biomass_kg_ha: null, cover_pct: null });
    expect(report.rows.map((r) => r.id).sort()).toEqual([...byName.values()].map((f) => f.id).sort());
  });

  it('imports a GeoJSON FeatureCollection (as JSON or as a file)', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        feature(105.1, 46.1, { biomass_kg_ha: 410, cover: 35, name: 'G1', x: 1, y: 2 }),
        feature(105.2, 46.2, { 'Biomass g/m²': 7, name: 'G2' }),
      ],
    };
    const res = await s.request('/api/field-plots/import', { method: 'POST', token: a.token, json: fc });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as Report).accepted).toBe(2);
    const asFile = await importText(a.token, JSON.stringify(fc), '', 'application/octet-stream');
    expect(((await asFile.json()) as Report).accepted).toBe(2);
    const g = (await list(a.token, '?bbox=105.15,46.15,105.25,46.25')).map((f) => f.properties);
    expect(g).toHaveLength(2);
    // 7 g/m² × 10 = 70 kg/ha.
    expect(g.every((p) => p.name === 'G2' && p.biomass_kg_ha === 70)).toBe(true);
  });

  const BAD_CSV =
    'lon,lat,date,biomass_g_m2,biomass_kg_ha,cover,height\n' +
    '106.9,47.9,2026-06-01,10,,50,5\n' + // 2: fine
    '106.9,95,2026-06-01,,,,\n' + // 3: latitude out of range
    '47.9,106.9,2026-06-01,,,,\n' + // 4: swapped (latitude out of range, swapping fits)
    '50,88,2026-06-01,,,,\n' + // 5: in range but outside Mongolia; swapped would fit
    '106.9,47.9,2999-01-01,,,,\n' + // 6: future
    '106.9,47.9,31.02.2026,,,,\n' + // 7: no such day
    '106.9,47.9,2026-06-01,10,100,,\n' + // 8: two biomass columns
    '106.9,47.9,2026-06-01,,,120,-2\n' + // 9: cover, height
    ',47.9,2026-06-01,,,,\n'; // 10: lon missing

  it('reports errors by row and field, and a dry run writes nothing', async () => {
    const before = await storedCount();
    const res = await importText(a.token, BAD_CSV, '?dry_run=true');
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(report).toMatchObject({ dryRun: true, accepted: 1, rejected: 8 });
    const errors = new Map(report.rows.map((r) => [r.row, r.errors ?? []]));
    expect(errors.get(2)).toEqual([]);
    expect(errors.get(3)).toEqual([{ field: 'lat', message: 'latitude 95 is out of range -90…90' }]);
    expect(errors.get(4)![0]!.message).toBe(
      'latitude 106.9 is out of range -90…90; looks like lon/lat are swapped',
    );
    expect(errors.get(5)![0]!.message).toContain('outside Mongolia');
    expect(errors.get(5)![0]!.message).toContain('looks like lon/lat are swapped');
    expect(errors.get(6)).toEqual([{ field: 'date', message: expect.stringContaining('in the future') }]);
    expect(errors.get(7)).toEqual([{ field: 'date', message: 'date "31.02.2026" is not a calendar day' }]);
    expect(errors.get(8)).toEqual([
      { field: 'biomass', message: expect.stringContaining('only one biomass') },
    ]);
    expect(errors.get(9)!.map((e) => e.field)).toEqual(['cover', 'height']);
    expect(errors.get(10)).toEqual([
      { field: 'lon', message: expect.stringContaining('longitude is missing') },
    ]);
    expect(await storedCount()).toBe(before);
  });

  it('a failing import writes nothing and leaves existing plots untouched', async () => {
    const existing = (await (
      await post(a.token, feature(106.5, 47.5, { name: 'keep', cover_pct: 12 }))
    ).json()) as Feature;
    const before = await storedCount();
    const res = await importText(a.token, BAD_CSV);
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.message).toContain('8 of 9 rows are invalid; nothing was imported');
    const report = body.error.details as Report;
    expect(report).toMatchObject({ dryRun: false, accepted: 1, rejected: 8 });
    expect(report.rows.find((r) => r.row === 3)!.errors![0]!.message).toBe(
      'latitude 95 is out of range -90…90',
    );
    expect(await storedCount()).toBe(before);
    const again = (await (
      await s.request(`/api/field-plots/${existing.id}`, { token: a.token })
    ).json()) as Feature;
    expect(again).toEqual(existing);
  });

  it('reports GeoJSON features by number, refuses bad files and missing columns', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        feature(105.1, 46.1, {}),
        {
          type: 'Feature',
          geometry: { type: 'LineString', coordinates: [] },
          properties: { date: '2026-06-01' },
        },
      ],
    };
    const res = await s.request('/api/field-plots/import?dry_run=true', {
      method: 'POST',
      token: a.token,
      json: fc,
    });
    const report = (await res.json()) as Report;
    expect(report.rows).toEqual([
      { row: 1, ok: true },
      { row: 2, ok: false, errors: [{ field: 'geometry', message: expect.stringContaining('LineString') }] },
    ]);
    const noLat = await importText(a.token, 'lon,date\n106,2026-06-01\n');
    expect(noLat.status).toBe(400);
    expect(((await noLat.json()) as ErrorBody).error.message).toContain('no lat column');
    const twice = await importText(a.token, 'lon,x,lat,date\n106,106,47,2026-06-01\n');
    expect(((await twice.json()) as ErrorBody).error.message).toContain('"lon" and "x"');
    const unclosed = await importText(a.token, 'lon,lat,date,notes\n106,47,2026-06-01,"open\n');
    expect(unclosed.status).toBe(400);
    const missingSurvey = await importText(
      a.token,
      'lon,lat,date\n106,47,2026-06-01\n',
      `?survey=${crypto.randomUUID()}`,
    );
    expect(missingSurvey.status).toBe(404);
  });

  it('refuses more than 10 000 rows and more than 20 MB with 413', async () => {
    const rows = Array.from({ length: 10_001 }, () => '106.9,47.9,2026-06-01').join('\n');
    const many = await importText(a.token, `lon,lat,date\n${rows}\n`, '?dry_run=true');
    expect(many.status).toBe(413);
    expect(((await many.json()) as ErrorBody).error.message).toContain('10001');
    const big = await importText(
      a.token,
      `lon,lat,date,notes\n${'x'.repeat(21 * 2 ** 20)}\n`,
      '?dry_run=true',
    );
    expect(big.status).toBe(413);
  });
});

describe('field plots: filters and photos', () => {
  it('filters by survey, unit (PostGIS containment), bbox and date range', async () => {
    const survey = await createSurvey(s, a.token, { name: 'Filters' });
    const csv =
      'lon,lat,date,name\n' +
      '110.01,45.01,2026-05-01,in-unit-may\n' +
      '110.02,45.02,2026-07-01,in-unit-july\n' +
      '110.50,45.50,2026-07-02,outside-unit\n';
    expect((await importText(a.token, csv, `?survey=${survey}`)).status).toBe(200);
    const [unit] = await s.db.query<{ id: string }>(
      `INSERT INTO pasture_units (organisation_id, soum_code, name, season, use, geom, area_ha)
       SELECT $1, 'MN4304', 'Filter unit', 'summer', 'pasture', g, ST_Area(g::geography) / 10000
         FROM (SELECT ST_Multi(ST_MakeEnvelope(110, 45, 110.1, 45.1, 4326)) AS g) x RETURNING id`,
      [a.organisationId],
    );
    const names = async (q: string) =>
      (await list(a.token, q)).map((f) => f.properties.name as string).sort();
    expect(await names(`?survey=${survey}`)).toEqual(['in-unit-july', 'in-unit-may', 'outside-unit']);
    expect(await names(`?unit=${unit!.id}`)).toEqual(['in-unit-july', 'in-unit-may']);
    expect(await names(`?survey=${survey}&from=2026-06-01&to=2026-07-01`)).toEqual(['in-unit-july']);
    expect(await names('?bbox=110.4,45.4,110.6,45.6')).toEqual(['outside-unit']);
    const inUnit = await list(a.token, `?unit=${unit!.id}`);
    expect(inUnit.every((f) => f.properties.unit === unit!.id)).toBe(true);
    expect((await s.request('/api/field-plots?bbox=1,2,3', { token: a.token })).status).toBe(400);
    expect(await names(`?unit=${unit!.id}`).then(() => list(b.token, `?unit=${unit!.id}`))).toEqual([]);
  });

  it('stores a JPEG or PNG photo (sniffed), serves it back and refuses others', async () => {
    const plot = (await (await post(a.token, feature(106.7, 47.7, {}))).json()) as Feature;
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('not really an image body'),
    ]);
    const put = (type: string, body: Uint8Array) =>
      s.request(`/api/field-plots/${plot.id}/photo`, {
        method: 'PUT',
        token: a.token,
        headers: { 'content-type': type },
        body,
      });
    const stored = await put('image/png', png);
    expect(stored.status, await stored.clone().text()).toBe(200);
    expect(((await stored.json()) as Feature).properties.photo_url).toBe(`/api/field-plots/${plot.id}/photo`);
    const got = await s.request(`/api/field-plots/${plot.id}/photo`, { token: a.token });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await got.arrayBuffer()).equals(png)).toBe(true);

    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
    expect((await put('image/jpeg', jpeg)).status).toBe(200);
    const replaced = await s.request(`/api/field-plots/${plot.id}/photo`, { token: a.token });
    expect(replaced.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await replaced.arrayBuffer()).equals(jpeg)).toBe(true);

    const mismatch = await put('image/jpeg', png);
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as ErrorBody).error.message).toContain('image/png');
    expect((await put('image/gif', Buffer.from('GIF89a'))).status).toBe(400);
    expect((await put('image/png', Buffer.alloc(10 * 2 ** 20 + 1, 0x89))).status).toBe(413);
    const other = await s.request(`/api/field-plots/${plot.id}/photo`, {
      method: 'PUT',
      token: b.token,
      headers: { 'content-type': 'image/png' },
      body: png,
    });
    expect(other.status).toBe(404);
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await (await s.request('/api/openapi.json')).json()) as { paths: Record<string, object> };
    for (const p of [
      '/api/field-plots',
      '/api/field-plots/import',
      '/api/field-plots/{id}',
      '/api/field-plots/{id}/photo',
    ])
      expect(doc.paths[p], p).toBeDefined();
  });
});
