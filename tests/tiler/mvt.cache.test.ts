/**
 * The pasture-unit tile cache across processes (api/src/vector-tiles/layer.generation.ts): every
 * committed write to pasture_units sends `NOTIFY belcheer_layer_changed, 'pasture-units db'` from its
 * trigger (migration 008), and the notification drops this process's cached tiles of the layer at once —
 * not only when the 30 s window turns. The other writer (an API replica, a script) is played by SQL: an
 * UPDATE that this process's write path does not see. On both backends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';
import { decodeMvt, tileAt, tileBounds } from './mvt.decode.ts';
import { lonLatRect } from '../support/lonlat.rect.ts';

let s: TestServer;
let alpha: OrgUser;

const T = tileAt(106.905, 47.905, 14);
const tile = `/tiles/pasture-units/${T.z}/${T.x}/${T.y}.mvt`;
const [W, S, E, N] = tileBounds(T.z, T.x, T.y);

beforeAll(async () => {
  s = await startTestServer({ env: { WORKERS: '0' } });
  alpha = await orgWithUser(s, 'Tuv land office', 'land_officer');
}, 180_000);
afterAll(async () => s?.destroy());

async function createUnit(name: string, f: number) {
  const res = await s.request('/api/pasture-units', {
    method: 'POST',
    token: alpha.token,
    json: {
      type: 'Feature',
      geometry: lonLatRect(
        W + f * (E - W),
        S + f * (N - S),
        W + (f + 0.2) * (E - W),
        S + (f + 0.2) * (N - S),
      ),
      properties: { name, soum: 'MN4304', season: 'winter', use: 'pasture' },
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return { id: ((await res.json()) as { id: string }).id, etag: res.headers.get('etag')! };
}

async function names(): Promise<string[]> {
  const res = await s.request(tile, { token: alpha.token });
  if (res.status === 204) return [];
  expect(res.status).toBe(200);
  const layer = decodeMvt(new Uint8Array(await res.arrayBuffer())).get('pasture-units')!;
  return layer.features.map((f) => String(f.properties.name)).sort();
}

const window30s = () => Math.floor(Date.now() / 30_000);

describe('pasture-unit tiles cached across processes', () => {
  it('tells every process of an API write (NOTIFY with the layer, from the trigger)', async () => {
    const heard: string[] = [];
    await s.db.listen('belcheer_layer_changed', (payload) => heard.push(payload));
    const unit = await createUnit('Хаваржаа', 0.6);
    const del = await s.request(`/api/pasture-units/${unit.id}`, {
      method: 'DELETE',
      token: alpha.token,
      headers: { 'if-match': unit.etag },
    });
    expect(del.status).toBe(204);
    for (let i = 0; i < 50 && heard.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(heard.length).toBeGreaterThanOrEqual(2);
    for (const p of heard) expect(p).toBe('pasture-units db');
  });

  it('drops its cached tiles when another writer changes the table', async () => {
    // Start early in a 30 s window, so that the window cannot turn during the checks below.
    while (Date.now() % 30_000 > 20_000) await new Promise((r) => setTimeout(r, 250));
    const unit = await createUnit('Өвөлжөө', 0.1);
    const before = window30s();
    expect(await names()).toEqual(['Өвөлжөө']);
    // Another replica (or a script) renames the unit: this process's write path is not involved.
    await s.db.query(`UPDATE pasture_units SET name = 'Зуслан', version = version + 1 WHERE id = $1`, [
      unit.id,
    ]);
    let now = await names();
    for (let i = 0; i < 50 && now[0] !== 'Зуслан'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      now = await names();
    }
    expect(now).toEqual(['Зуслан']);
    expect(window30s()).toBe(before);
  });
});
