/**
 * Grazing plans end to end: a hand-computed worked example of 3 herder groups on 4 pasture units
 * (DOMAIN §5–§7), bands, the CSV read back, the PDF rendered by poppler (pdftoppm, pdftotext),
 * approval rights, optimistic locking, and the PAdES signature checked by `pdfsig`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestServer,
  type TestServer,
} from '../../api/src/testing/test.server.ts';
import { createSurvey, orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';

/** Async spawn (the in-process server must keep answering); resolves with stdout whatever the exit code. */
function run(cmd: string, args: string[], cwd?: string): Promise<{ code: number; stdout: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd });
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out) }));
  });
}

let s: TestServer;
let dir: string;
let adminToken: string;
let soumOffice: OrgUser; // agronomist of a soum office in Ömnögovi (MN46)
let aimagOffice: OrgUser; // land officer of the Ömnögovi aimag office
let selenge: OrgUser; // land officer of an office of Selenge (MN43)
const units: Record<string, string> = {};

async function setAimag(org: OrgUser, aimagCode: string): Promise<void> {
  const res = await s.request(`/api/organisations/${org.organisationId}`, {
    method: 'PATCH',
    token: adminToken,
    json: { aimagCode },
  });
  expect(res.status).toBe(200);
}

/** A square unit of Nomgon soum (MN4625); the plan uses its stored area_ha, set here to a round value. */
async function insertUnit(org: OrgUser, name: string, areaHa: number, i: number): Promise<string> {
  const x = 105.0 + i * 0.06;
  const square = [
    [
      [x, 42.9],
      [x + 0.04, 42.9],
      [x + 0.04, 42.93],
      [x, 42.93],
      [x, 42.9],
    ],
  ];
  const rows = await s.db.query<{ id: string }>(
    `INSERT INTO pasture_units (organisation_id, soum_code, name, season, use, geom, area_ha)
     VALUES ($1, 'MN4625', $2, 'summer', 'pasture',
             ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3), 4326)), $4) RETURNING id`,
    [org.organisationId, name, JSON.stringify({ type: 'Polygon', coordinates: square }), areaHa],
  );
  return rows[0]!.id;
}

async function insertResult(
  survey: string,
  unit: string,
  biomass: number | null,
  cls: string | null,
  at: string,
): Promise<void> {
  await s.db.query(
    `INSERT INTO results (survey_id, unit_id, survey_version, unit_version, organisation_id, product, stats,
                          coverage_pct, biomass_kg_ha, recovery_class, computed_at)
     VALUES ($1, $2, 1, 1, $3, 'ndvi', '{}'::jsonb, 100, $4, $5, $6)`,
    [survey, unit, soumOffice.organisationId, biomass, cls, at],
  );
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'belcheer-plans-'));
  s = await startTestServer({ env: { WORKERS: '0', BELCHEER_SECRET_KEY: randomBytes(32).toString('hex') } });
  adminToken = await s.login(ADMIN_EMAIL, ADMIN_PASSWORD);
  soumOffice = await orgWithUser(s, 'Nomgon soum office', 'agronomist');
  aimagOffice = await orgWithUser(s, 'Ömnögovi aimag office', 'land_officer');
  selenge = await orgWithUser(s, 'Selenge aimag office', 'land_officer');
  await setAimag(soumOffice, 'MN46');
  await setAimag(aimagOffice, 'MN46');
  await setAimag(selenge, 'MN43');
  units.u1 = await insertUnit(soumOffice, 'Баянбулаг', 1000, 0);
  units.u2 = await insertUnit(soumOffice, 'Хөндий', 500, 1);
  units.u3 = await insertUnit(soumOffice, 'Enger', 2000, 2);
  units.u4 = await insertUnit(soumOffice, 'Шинэ талбай', 800, 3);
  const older = await createSurvey(s, soumOffice.token, { soum: 'MN4625', date: '2025-07-01' });
  const latest = await createSurvey(s, soumOffice.token, { soum: 'MN4625', date: '2026-06-20' });
  // U1: an older result (F 900) and the latest (F 600, class I): the latest is used.
  await insertResult(older, units.u1, 900, 'I', '2025-07-10T00:00:00Z');
  await insertResult(latest, units.u1, 600, 'I', '2026-06-25T00:00:00Z');
  await insertResult(latest, units.u2, 400, 'III', '2026-06-25T00:00:00Z');
  await insertResult(latest, units.u3, 300, 'V', '2026-06-25T00:00:00Z');
  // U4: uncalibrated (fewer than 5 plots): no kg/ha → capacity unknown, "no survey".
  await insertResult(latest, units.u4, null, null, '2026-06-25T00:00:00Z');
});
afterAll(async () => {
  await s?.destroy();
  await rm(dir, { recursive: true, force: true });
});

/**
 * Worked example — summer plan 2026: 1 Jun – 30 Nov = 30+31+31+30+31+30 = 183 days; U = 0.30, I = 1.4.
 * Groups (NSO factors horse 7, cattle 6, camel 5, sheep 1, goat 0.9):
 *   G1: 10 horses 70 + 20 cattle 120 + 200 sheep 200 + 100 goats 90 = 480 SU
 *   G2: 4 camels 20 + 150 sheep 150 + 50 goats 45 = 215 SU
 *   G3: 20 horses 140 + 30 cattle 180 + 300 sheep 300 + 200 goats 180 = 800 SU
 * Grazable forage F·A·U·(1 − cut):
 *   U1 600·1000·0.3·1.00 = 180 000 kg;  U2 400·500·0.3·0.90 = 54 000 kg;  U3 300·2000·0.3·0.85 = 153 000 kg
 * Demand (SU × days × 1.4):
 *   U1: G1 480·183 = 87 840 SU·d + G2 Jun–Jul 215·61 = 13 115 → 100 955 SU·d = 141 337 kg → 78.5206 % sufficient
 *   U2: G3 Jun–Jul 800·61 = 48 800 + G2 Aug–Nov 215·122 = 26 230 → 75 030 SU·d = 105 042 kg → 194.5222 % 1–3×
 *   U3: G3 Aug–Sep 800·61 = 48 800 SU·d = 68 320 kg → 44.6536 % reserve
 *   U4: G3 Oct–Nov 800·61 = 48 800 SU·d = 68 320 kg, no survey → unknown
 * Capacity for 183 days (÷ 1.4·183 = 256.2 kg/SU): U1 702.576, U2 210.773, U3 597.190 SU.
 * Totals: demand 383 019 kg, 273 585 SU·d; surveyed 314 699 kg ÷ 387 000 kg = 81.3176 %.
 */
const WORKED = {
  u1: {
    pct: (141337 / 180000) * 100,
    band: 'sufficient',
    capacity: 180000 / 256.2,
    demandKg: 141337,
    suDays: 100955,
  },
  u2: {
    pct: (105042 / 54000) * 100,
    band: 'exceeds_1_3',
    capacity: 54000 / 256.2,
    demandKg: 105042,
    suDays: 75030,
  },
  u3: {
    pct: (68320 / 153000) * 100,
    band: 'reserve',
    capacity: 153000 / 256.2,
    demandKg: 68320,
    suDays: 48800,
  },
};

function planBody(): Record<string, unknown> {
  return {
    name: 'Номгон — зуслан 2026',
    soumCode: 'MN4625',
    season: 'summer',
    year: 2026,
    groups: [
      { name: 'Батын хот айл', livestock: { horse: 10, cattle: 20, sheep: 200, goat: 100 } },
      { name: 'Доржийн хот айл', livestock: { camel: 4, sheep: 150, goat: 50 } },
      { name: 'Сүхээгийн хот айл', livestock: { horse: 20, cattle: 30, sheep: 300, goat: 200 } },
    ],
    assignments: [
      { group: 'Батын хот айл', unitId: units.u1 },
      { group: 'Доржийн хот айл', unitId: units.u1, startDate: '2026-06-01', endDate: '2026-07-31' },
      { group: 'Сүхээгийн хот айл', unitId: units.u2, startDate: '2026-06-01', endDate: '2026-07-31' },
      { group: 'Доржийн хот айл', unitId: units.u2, startDate: '2026-08-01', endDate: '2026-11-30' },
      { group: 'Сүхээгийн хот айл', unitId: units.u3, startDate: '2026-08-01', endDate: '2026-09-30' },
      { group: 'Сүхээгийн хот айл', unitId: units.u4, startDate: '2026-10-01', endDate: '2026-11-30' },
    ],
  };
}

interface UnitView {
  id: string;
  name: string;
  forageStatus: string;
  forageKgHa: number | null;
  capacitySu: number | null;
  demandSuDays: number;
  demandKg: number;
  utilisationPct: number | null;
  band: string | null;
  overgrazed: boolean;
}
interface PlanView {
  id: string;
  status: string;
  days: number;
  startDate: string;
  endDate: string;
  units: UnitView[];
  totals: Record<string, number | null>;
  approved: { name: string } | null;
}

let plan: PlanView;
let etag: string;

describe('grazing plans: the worked example', () => {
  it('creates the plan with the season’s default dates and the hand-computed utilisation', async () => {
    const res = await s.request('/api/grazing-plans', {
      method: 'POST',
      token: soumOffice.token,
      json: planBody(),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    plan = (await res.json()) as PlanView;
    etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f-]+-v1"$/);
    expect([plan.startDate, plan.endDate, plan.days, plan.status]).toEqual([
      '2026-06-01',
      '2026-11-30',
      183,
      'draft',
    ]);
    const byId = new Map(plan.units.map((u) => [u.id, u]));
    for (const key of ['u1', 'u2', 'u3'] as const) {
      const u = byId.get(units[key]!)!;
      expect(u.utilisationPct!, key).toBeCloseTo(WORKED[key].pct, 9);
      expect(u.capacitySu!, key).toBeCloseTo(WORKED[key].capacity, 9);
      expect(u.demandKg, key).toBeCloseTo(WORKED[key].demandKg, 6);
      expect(u.demandSuDays, key).toBeCloseTo(WORKED[key].suDays, 6);
      expect(u.band, key).toBe(WORKED[key].band);
    }
    expect(byId.get(units.u1!)!.forageKgHa).toBe(600); // the latest result, not the older 900
    expect(byId.get(units.u2!)!.overgrazed).toBe(true);
    expect(plan.units.filter((u) => u.overgrazed).map((u) => u.name)).toEqual(['Хөндий']);
    const u4 = byId.get(units.u4!)!;
    expect(u4).toMatchObject({
      forageStatus: 'no_survey',
      utilisationPct: null,
      band: null,
      capacitySu: null,
    });
    expect(u4.demandKg).toBeCloseTo(68320, 6);
    expect(plan.totals.demandKg!).toBeCloseTo(383019, 6);
    expect(plan.totals.demandSuDays!).toBeCloseTo(273585, 6);
    expect(plan.totals.utilisationPct!).toBeCloseTo((314699 / 387000) * 100, 9);
    expect(plan.totals).toMatchObject({ overgrazedUnits: 1, unitsWithoutSurvey: 1, areaHa: 4300 });
  });

  it('refuses a group on two units at once, a unit of another soum and dates outside the plan', async () => {
    const body = planBody();
    const overlap = {
      ...body,
      assignments: [...(body.assignments as object[]), { group: 'Батын хот айл', unitId: units.u3 }],
    };
    const res = await s.request('/api/grazing-plans', {
      method: 'POST',
      token: soumOffice.token,
      json: overlap,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /already on another unit/,
    );
    const outside = {
      ...body,
      assignments: [
        { group: 'Батын хот айл', unitId: units.u1, startDate: '2026-05-01', endDate: '2026-06-30' },
      ],
    };
    const res2 = await s.request('/api/grazing-plans', {
      method: 'POST',
      token: soumOffice.token,
      json: outside,
    });
    expect(res2.status).toBe(400);
    const elsewhere = { ...body, soumCode: 'MN4622' };
    const res3 = await s.request('/api/grazing-plans', {
      method: 'POST',
      token: soumOffice.token,
      json: elsewhere,
    });
    expect(((await res3.json()) as { error: { message: string } }).error.message).toMatch(
      /is in soum MN4625/,
    );
  });

  it('writes report.csv with a BOM and the same numbers', async () => {
    for (const lang of ['en', 'mn'] as const) {
      const res = await s.request(`/api/grazing-plans/${plan.id}/report.csv?lang=${lang}`, {
        token: soumOffice.token,
      });
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = parse(new TextDecoder().decode(bytes.slice(3)), { bom: false }) as string[][];
      expect(lines).toHaveLength(1 + 4 + 1);
      const header = lines[0]!;
      const col = (name: string) => header.indexOf(name);
      const names =
        lang === 'en'
          ? ['Pasture unit', 'Utilisation, %', 'Demand, kg', 'Note']
          : ['Бэлчээрийн нэгж', 'Ашиглалт, %', 'Хэрэгцээ, кг', 'Тайлбар'];
      const [unitCol, pctCol, kgCol, noteCol] = names.map(col);
      const row = (unitName: string) => lines.find((l) => l[unitCol!] === unitName)!;
      expect(Number(row('Баянбулаг')[pctCol!])).toBeCloseTo(WORKED.u1.pct, 1);
      expect(Number(row('Хөндий')[pctCol!])).toBeCloseTo(WORKED.u2.pct, 1);
      expect(Number(row('Enger')[pctCol!])).toBeCloseTo(WORKED.u3.pct, 1);
      expect(Number(row('Хөндий')[kgCol!])).toBeCloseTo(105042, 1);
      expect(row('Шинэ талбай')[pctCol!]).toBe('');
      expect(row('Шинэ талбай')[noteCol!]).toBe(lang === 'en' ? 'no survey' : 'судалгаа алга');
      expect(Number(lines[5]![pctCol!])).toBeCloseTo((314699 / 387000) * 100, 1);
      expect(Number(lines[5]![kgCol!])).toBeCloseTo(383019, 1);
    }
  });

  it('renders report.pdf: poppler draws the map and reads the title, units and Cyrillic', async () => {
    for (const lang of ['mn', 'en'] as const) {
      const res = await s.request(`/api/grazing-plans/${plan.id}/report.pdf?lang=${lang}`, {
        token: soumOffice.token,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const file = path.join(dir, `draft-${lang}.pdf`);
      await writeFile(file, Buffer.from(await res.arrayBuffer()));
      const text = (await run('pdftotext', ['-layout', file, '-'])).stdout.toString('utf8');
      expect(text).toContain(lang === 'mn' ? 'Бэлчээр ашиглалтын төлөвлөгөө' : 'Grazing plan');
      for (const name of ['Баянбулаг', 'Хөндий', 'Enger', 'Шинэ талбай', 'Сүхээгийн хот айл'])
        expect(text).toContain(name);
      expect(text).toContain(lang === 'mn' ? 'судалгаа алга' : 'no survey');
      expect(text).toContain('194.5'); // U2's utilisation, as in the CSV
      const fonts = (await run('pdffonts', [file])).stdout.toString();
      expect(fonts).toMatch(/DejaVuSans.*yes/);
      // Render page 1 at 30 dpi as PPM and look for the band colours of the map.
      await run('pdftoppm', ['-r', '30', '-f', '1', '-l', '1', file, path.join(dir, `page-${lang}`)]);
      const ppm = await readFile(path.join(dir, `page-${lang}-1.ppm`));
      const headerEnd = ppm.indexOf('\n255\n') + 5;
      const px = ppm.subarray(headerEnd);
      const near = (r: number, g: number, b: number) => {
        let n = 0;
        for (let i = 0; i + 2 < px.length; i += 3) {
          if (Math.abs(px[i]! - r) < 12 && Math.abs(px[i + 1]! - g) < 12 && Math.abs(px[i + 2]! - b) < 12)
            n++;
        }
        return n;
      };
      expect(near(0x1a, 0x96, 0x41), 'reserve green (Enger)').toBeGreaterThan(50);
      expect(near(0xfd, 0xae, 0x61), 'exceeds 1–3× orange (Хөндий)').toBeGreaterThan(50);
      expect(near(0xbd, 0xbd, 0xbd), 'no survey grey').toBeGreaterThan(50);
    }
  });
});

describe('grazing plans: locking, workflow and signing', () => {
  it('answers 412 on a stale If-Match', async () => {
    const put = await s.request(`/api/grazing-plans/${plan.id}`, {
      method: 'PUT',
      token: soumOffice.token,
      headers: { 'if-match': etag },
      json: planBody(),
    });
    expect(put.status).toBe(200);
    const newTag = put.headers.get('etag')!;
    expect(newTag).not.toBe(etag);
    const stale = await s.request(`/api/grazing-plans/${plan.id}`, {
      method: 'PUT',
      token: soumOffice.token,
      headers: { 'if-match': etag },
      json: planBody(),
    });
    expect(stale.status).toBe(412);
    etag = newTag;
  });

  it('lets only a land officer of the soum’s aimag approve, and only with a certificate', async () => {
    const submit = await s.request(`/api/grazing-plans/${plan.id}/submit`, {
      method: 'POST',
      token: soumOffice.token,
    });
    expect(submit.status).toBe(200);
    expect(((await submit.json()) as PlanView).status).toBe('submitted');
    // The agronomist who drafted it may not approve.
    const own = await s.request(`/api/grazing-plans/${plan.id}/approve`, {
      method: 'POST',
      token: soumOffice.token,
    });
    expect(own.status).toBe(403);
    // Another aimag's land officer does not see it at all…
    const other = await s.request(`/api/grazing-plans/${plan.id}/approve`, {
      method: 'POST',
      token: selenge.token,
    });
    expect(other.status).toBe(404);
    // …and cannot approve even its own office's plan for a soum of Ömnögovi.
    const selengePlan = await s.request('/api/grazing-plans', {
      method: 'POST',
      token: selenge.token,
      json: { soumCode: 'MN4625', season: 'winter', year: 2026 },
    });
    const sp = (await selengePlan.json()) as PlanView;
    expect([sp.startDate, sp.endDate]).toEqual(['2025-12-01', '2026-05-31']);
    await s.request(`/api/grazing-plans/${sp.id}/submit`, { method: 'POST', token: selenge.token });
    const forbidden = await s.request(`/api/grazing-plans/${sp.id}/approve`, {
      method: 'POST',
      token: selenge.token,
    });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { error: { message: string } }).error.message).toMatch(/aimag MN46/);
    // The Ömnögovi land officer sees the submitted plan, but has no certificate yet.
    const noCert = await s.request(`/api/grazing-plans/${plan.id}/approve`, {
      method: 'POST',
      token: aimagOffice.token,
    });
    expect(noCert.status).toBe(409);
    expect(((await noCert.json()) as { error: { message: string } }).error.message).toMatch(
      /no signing certificate/,
    );
  });

  it('approves with a throw-away certificate; pdfsig finds the PAdES signature valid', async () => {
    // A throw-away CA and a land officer's certificate signed by it, as PKCS#12 (like an ESIGN one).
    const o = (args: string[]) => run('openssl', args, dir);
    await o([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=Belcheer Test CA',
    ]);
    await o([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'lo.key',
      '-out',
      'lo.csr',
      '-subj',
      '/CN=Test Land Officer/O=Omnogovi aimag office',
    ]);
    await o([
      'x509',
      '-req',
      '-in',
      'lo.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'lo.pem',
      '-days',
      '2',
    ]);
    await o([
      'pkcs12',
      '-export',
      '-inkey',
      'lo.key',
      '-in',
      'lo.pem',
      '-certfile',
      'ca.pem',
      '-out',
      'lo.p12',
      '-passout',
      'pass:gazar-2026',
    ]);
    const pkcs12 = (await readFile(path.join(dir, 'lo.p12'))).toString('base64');
    const certPath = `/api/organisations/${aimagOffice.organisationId}/signing-certificate`;
    const wrong = await s.request(certPath, {
      method: 'PUT',
      token: adminToken,
      json: { pkcs12, passphrase: 'wrong' },
    });
    expect(wrong.status).toBe(400);
    const notAdmin = await s.request(certPath, {
      method: 'PUT',
      token: aimagOffice.token,
      json: { pkcs12, passphrase: 'gazar-2026' },
    });
    expect(notAdmin.status).toBe(403);
    const put = await s.request(certPath, {
      method: 'PUT',
      token: adminToken,
      json: { pkcs12, passphrase: 'gazar-2026' },
    });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { subject: string }).subject).toContain('CN=Test Land Officer');
    const stored = await s.db.query<{ p12_encrypted: string }>(
      'SELECT p12_encrypted FROM signing_certificates',
    );
    expect(stored[0]!.p12_encrypted.startsWith('v1:')).toBe(true);

    const stale = await s.request(`/api/grazing-plans/${plan.id}/approve`, {
      method: 'POST',
      token: aimagOffice.token,
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412); // submitting changed the version
    const ok = await s.request(`/api/grazing-plans/${plan.id}/approve`, {
      method: 'POST',
      token: aimagOffice.token,
    });
    expect(ok.status, await ok.clone().text()).toBe(200);
    const approved = (await ok.json()) as PlanView;
    expect(approved.status).toBe('approved');
    expect(approved.approved?.name).toBe('land_officer of Ömnögovi aimag office');

    const edit = await s.request(`/api/grazing-plans/${plan.id}`, {
      method: 'PUT',
      token: soumOffice.token,
      json: planBody(),
    });
    expect(edit.status).toBe(409);

    for (const lang of ['mn', 'en'] as const) {
      const pdf = await s.request(`/api/grazing-plans/${plan.id}/report.pdf?lang=${lang}`, {
        token: soumOffice.token,
      });
      expect(pdf.status).toBe(200);
      const file = path.join(dir, `signed-${lang}.pdf`);
      await writeFile(file, Buffer.from(await pdf.arrayBuffer()));
      const sig = (await run('pdfsig', [file])).stdout.toString();
      expect(sig).toContain('Signature Type: ETSI.CAdES.detached');
      expect(sig).toContain('Signer Certificate Common Name: Test Land Officer');
      expect(sig).toContain('Signature Validation: Signature is Valid');
      expect(sig).toContain('Total document signed');
      // The throw-away CA is in no trust store, so poppler reports the issuer as untrusted; the
      // signature over the document's bytes is what is checked above.
      expect(sig).toMatch(
        /Certificate Validation: (Certificate issuer isn't Trusted|Certificate is Trusted)/,
      );
      const text = (await run('pdftotext', [file, '-'])).stdout.toString('utf8');
      expect(text).toContain('land_officer of Ömnögovi aimag office');
    }
  });
});
