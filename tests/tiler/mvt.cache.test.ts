/**
 * The pasture-unit tile cache across processes (api/src/vector-tiles/layer.generation.ts): a write
 * through the API sends `NOTIFY belcheer_layer_changed, 'pasture-units <process>'`, and a notification
 * from another process (an API replica that wrote) drops this process's cached tiles of the layer at
 * once — not only when the 30 s window turns. The other replica is played by SQL: an UPDATE that this
 * process does not see, then the NOTIFY that replica would send. On both backends.
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
  it('tells other processes of an API write (NOTIFY with the layer)', async () => {
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
    for (const p of heard) expect(p).toMatch(/^pasture-units [0-9a-f-]{36}$/);
  });

  it('drops its cached tiles when another process notifies a write', async () => {
    const unit = await createUnit('Өвөлжөө', 0.1);
    const before = window30s();
    expect(await names()).toEqual(['Өвөлжөө']);
    // Another replica renames the unit: this process is not told by its own write path.
    await s.db.query(`UPDATE pasture_units SET name = 'Зуслан', version = version + 1 WHERE id = $1`, [
      unit.id,
    ]);
    const cached = await names();
    // The cache holds the old tile unless the 30 s window turned meanwhile.
    if (window30s() === before) expect(cached).toEqual(['Өвөлжөө']);
    await s.db.query(`SELECT pg_notify('belcheer_layer_changed', 'pasture-units another-replica')`);
    let now = await names();
    for (let i = 0; i < 50 && now[0] !== 'Зуслан'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      now = await names();
    }
    expect(now).toEqual(['Зуслан']);
  });
});
