/**
 * Vector tile benchmark (SPEC §5, issue 5 acceptance 5c): throughput of `/tiles/{layer}/{z}/{x}/{y}.mvt`
 * over HTTP (loopback, node:http keep-alive, N concurrent clients) ÷ throughput of the bare PostGIS `ST_AsMVT`
 * statement for the same tiles, through a `pg` pool of the server's size, in the same run and at the
 * same concurrency. Target ≥ 0.8. The server runs in its own process (`api/src/main.ts`, as in
 * production); both clients run in this one. Needs a PostgreSQL/PostGIS: DATABASE_URL (e.g. from
 * tests/support/pg-cluster.sh).
 * - `--layer admin-units` (default): every tile over Mongolia (87.7–119.9 °E, 41.6–52.2 °N) at zooms 4–9
 *   plus a deterministic sample at 10–12; warm rounds come from the server's reference-tile cache.
 * - `--layer pasture-units`: first seeds `--units` (2,000) pasture units of the signed-in user's
 *   organisation into four soums of Töv and Selenge — star-shaped polygons of 24 vertices, 50–1,250 ha,
 *   centres from ST_GeneratePoints (seeded), geodesic area as the API stores it — then every tile over
 *   them at zooms 6–10 plus a sample at 11–14; warm rounds come from the server's tile cache (pasture-unit
 *   tiles are kept ≤ 30 s per organisation set). Also prints whether the tile query's plan uses the GiST
 *   index (EXPLAIN of one z12 tile).
 * First one uncached pass over every tile (each HTTP request runs ST_AsMVT), then warm rounds
 * alternating (bare, http, …); median of --runs. Prints one JSON object.
 * On a loaded machine wall-clock ratios mostly measure who gets the cores, so the uncached pass also
 * records CPU time (Linux /proc) of the server process and of the PostgreSQL backends of the bench's
 * database: `cpuMsPerTile` and `cpuRatio` = bare PostgreSQL CPU ÷ (server + PostgreSQL CPU) per tile,
 * the throughput ratio on cores of their own (the load generators' CPU left out on both sides).
 *
 *   DATABASE_URL=… node --import tsx bench/mvt.ts [--layer pasture-units] [--units 2000]
 *                  [--concurrency 8] [--seconds 5] [--runs 3]
 *                  [--profile server.cpuprofile]  (the server's CPU profile of the uncached HTTP pass,
 *                                                  then it stops: no cached rounds; bench/cpu.profile.top.ts)
 */
import { parseArgs } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import { Agent, get } from 'node:http';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPostgresDatabase } from '../api/src/testing/test.server.ts';
import { startChildServer } from '../tests/support/child.server.ts';
import { findVectorLayer, type VectorLayer } from '../api/src/vector-tiles/vector.layers.ts';
import {
  postgisTileParams,
  postgisTileSql,
  postgisTileStatement,
} from '../api/src/vector-tiles/vector.tiles.repository.ts';

interface Tile {
  readonly z: number;
  readonly x: number;
  readonly y: number;
}

const { values: args } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '5' },
    runs: { type: 'string', default: '3' },
    layer: { type: 'string', default: 'admin-units' },
    units: { type: 'string', default: '2000' },
    profile: { type: 'string' },
  },
});
const CONCURRENCY = Number(args.concurrency);
const SECONDS = Number(args.seconds);
const RUNS = Number(args.runs);

function tileRange(z: number, w: number, s: number, e: number, n: number): Tile[] {
  const k = 2 ** z;
  const tx = (lon: number) => Math.floor(((lon + 180) / 360) * k);
  const ty = (lat: number) => {
    const phi = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * k);
  };
  const out: Tile[] = [];
  for (let x = tx(w); x <= tx(e); x++) for (let y = ty(n); y <= ty(s); y++) out.push({ z, x, y });
  return out;
}

type Box = readonly [number, number, number, number];

/** Every tile over `box` at zooms `full`, plus about 300 evenly spaced ones at each zoom of `sampled`. */
function tiles(box: Box, full: readonly [number, number], sampled: readonly [number, number]): Tile[] {
  const out: Tile[] = [];
  for (let z = full[0]; z <= full[1]; z++) out.push(...tileRange(z, ...box));
  for (let z = sampled[0]; z <= sampled[1]; z++) {
    const all = tileRange(z, ...box);
    const step = Math.max(1, Math.floor(all.length / 300));
    for (let i = 0; i < all.length; i += step) out.push(all[i]!);
  }
  return out;
}

const MONGOLIA: Box = [87.7, 41.6, 119.9, 52.2];
/** Töv: Bayan, Arkhust; Selenge: Mandal, Bayangol. */
const SEED_SOUMS = ['MN4116', 'MN4110', 'MN4322', 'MN4310'];
const SEASONS = ['winter', 'spring', 'summer', 'autumn', 'reserve'];
const USES = ['pasture', 'pasture', 'pasture', 'hayfield', 'fallow'];

/** A deterministic pseudo-random sequence in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A star-shaped (hence simple) ring of 24 vertices around lon/lat, radius 400–2,000 m ± 30 %. */
function unitRing(lon: number, lat: number, rand: () => number): number[][] {
  const radius = 400 + 1600 * rand();
  const mPerDegLat = 111_320;
  const mPerDegLon = mPerDegLat * Math.cos((lat * Math.PI) / 180);
  const ring: number[][] = [];
  for (let k = 0; k < 24; k++) {
    const a = (2 * Math.PI * k) / 24;
    const r = radius * (0.7 + 0.6 * rand());
    ring.push([lon + (r * Math.cos(a)) / mPerDegLon, lat + (r * Math.sin(a)) / mPerDegLat]);
  }
  ring.push(ring[0]!);
  return ring;
}

/** Seeds `count` pasture units of `organisationId` into SEED_SOUMS; returns their extent. */
async function seedUnits(pool: pg.Pool, organisationId: string, count: number): Promise<Box> {
  const perSoum = Math.ceil(count / SEED_SOUMS.length);
  const centres = await pool.query<{ code: string; lon: number; lat: number }>(
    `SELECT a.code, ST_X(p.geom) AS lon, ST_Y(p.geom) AS lat
       FROM admin_units a, LATERAL ST_Dump(ST_GeneratePoints(a.geom, $2, 20260701)) AS p
      WHERE a.code = ANY ($1::text[])
      ORDER BY a.code, p.path`,
    [SEED_SOUMS, perSoum],
  );
  const rand = random(7);
  const units = centres.rows.slice(0, count).map((c, i) => ({
    soum: c.code,
    name: `Бэлчээр ${i + 1}`,
    season: SEASONS[i % SEASONS.length],
    use: USES[i % USES.length],
    geometry: { type: 'Polygon', coordinates: [unitRing(c.lon, c.lat, rand)] },
  }));
  await pool.query(
    `INSERT INTO pasture_units (organisation_id, soum_code, name, season, use, geom, area_ha)
     SELECT $1::uuid, u->>'soum', u->>'name', u->>'season', u->>'use', g, ST_Area(g::geography) / 10000
       FROM json_array_elements($2::json) AS u,
            LATERAL ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(u->>'geometry'), 4326)) AS g`,
    [organisationId, JSON.stringify(units)],
  );
  await pool.query('ANALYZE pasture_units');
  const e = await pool.query<{ w: number; s: number; e: number; n: number }>(
    `SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n
       FROM (SELECT ST_Extent(geom) AS x FROM pasture_units WHERE organisation_id = $1) AS q`,
    [organisationId],
  );
  const r = e.rows[0]!;
  return [r.w, r.s, r.e, r.n];
}

/** Whether PostgreSQL plans the layer's tile with the layer table's GiST index. */
async function usesGistIndex(pool: pg.Pool, layer: VectorLayer, orgs: string[], t: Tile): Promise<boolean> {
  const plan = await pool.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN ${postgisTileSql(layer)}`,
    postgisTileParams(orgs, t),
  );
  return plan.rows.some((r) => /_geom_idx/.test(r['QUERY PLAN']));
}

/**
 * GET with node's keep-alive agent: status and body length. A load generator about as light as the bare
 * side's pg client (fetch cost ~0.7 ms of this process's CPU a tile, 4× the pg client's).
 */
function httpGet(url: string, agent: Agent, headers: Record<string, string>) {
  return new Promise<{ status: number; bytes: number }>((resolve, reject) => {
    get(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** Runs `job` over the tiles round-robin from `concurrency` workers for `seconds`; tiles per second. */
async function throughput(list: readonly Tile[], job: (t: Tile) => Promise<number>): Promise<number> {
  let next = 0;
  let done = 0;
  const until = performance.now() + SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const t = list[next++ % list.length]!;
        await job(t);
        done++;
      }
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

/** CPU time (user + system) of processes so far, in ms (Linux /proc, 100 Hz ticks); gone ones count 0. */
function cpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process has exited.
    }
  }
  return ticks * 10;
}

/** CPU ms of the server, of the database's backends and of this process spent while `job` runs. */
async function cpuDuring(pool: pg.Pool, serverPid: number, job: () => Promise<unknown>) {
  const backends = async () =>
    (
      await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')
    ).rows.map((r) => r.pid);
  const db0 = new Map((await backends()).map((pid) => [pid, cpuMs([pid])]));
  const server0 = cpuMs([serverPid]);
  const client0 = process.cpuUsage();
  await job();
  const client = process.cpuUsage(client0);
  // A backend that started during the job counts from zero; one that ended is lost (pools keep theirs).
  const db = (await backends()).reduce((sum, pid) => sum + cpuMs([pid]) - (db0.get(pid) ?? 0), 0);
  return { server: cpuMs([serverPid]) - server0, db, client: (client.user + client.system) / 1000 };
}

/** SIGTERM and wait for the exit, so that the profiler writes its profile. */
function stopGracefully(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('bench/mvt.ts needs DATABASE_URL (a PostgreSQL/PostGIS)');
  const load0 = loadavg().map((l) => Number(l.toFixed(1)));
  const database = await createPostgresDatabase(process.env.DATABASE_URL);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'belcheer-bench-mvt-'));
  const poolSize = 10;
  const email = 'bench@belcheer.mn';
  const password = 'vector tiles all the way down';
  const server = await startChildServer({
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: String(poolSize),
    DATA_DIR: dataDir,
    BELCHEER_ADMIN_EMAIL: email,
    BELCHEER_ADMIN_PASSWORD: password,
    SAMPLE_SURVEY: 'false',
    ...(args.profile
      ? {
          NODE_OPTIONS: '--import tsx --import ./bench/cpu.profile.ts',
          CPU_PROFILE: args.profile,
          CPU_PROFILE_ON_SIGNAL: '1',
        }
      : {}),
  });
  try {
    const layer = findVectorLayer(args.layer);
    if (!layer) throw new Error(`no vector layer ${args.layer}`);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const { token } = (await login.json()) as { token: string };
    const pool = new pg.Pool({ connectionString: database.url, max: poolSize });
    // The very statement the server prepares: same name, SQL and parameters.
    const { name, sql } = postgisTileStatement(layer);
    const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    const { user } = (await me.json()) as { user: { organisation: { id: string } } };
    const orgs = layer.readers === 'organisation' ? [user.organisation.id] : [];
    const seeded = layer.id === 'pasture-units' ? await seedUnits(pool, orgs[0]!, Number(args.units)) : null;
    const list = seeded ? tiles(seeded, [6, 10], [11, 14]) : tiles(MONGOLIA, [4, 9], [10, 12]);
    const centre = seeded ? [(seeded[0] + seeded[2]) / 2, (seeded[1] + seeded[3]) / 2] : [106, 48];
    const gist = await usesGistIndex(
      pool,
      layer,
      orgs,
      tileRange(12, centre[0]!, centre[1]!, centre[0]!, centre[1]!)[0]!,
    );
    let bytesHttp = 0;
    let bytesBare = 0;
    let httpCalls = 0;
    let bareCalls = 0;
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const headers = { authorization: `Bearer ${token}` };
    const http = async (t: Tile) => {
      const { status, bytes } = await httpGet(
        `${server.url}/tiles/${layer.id}/${t.z}/${t.x}/${t.y}.mvt`,
        agent,
        headers,
      );
      if (status !== 200 && status !== 204) throw new Error(`${status} for ${t.z}/${t.x}/${t.y}`);
      bytesHttp += bytes;
      httpCalls++;
      return bytes;
    };
    const bare = async (t: Tile) => {
      const r = await pool.query<{ mvt: Buffer | null }>({
        name,
        text: sql,
        values: postgisTileParams(orgs, t),
      });
      const n = r.rows[0]?.mvt?.length ?? 0;
      bytesBare += n;
      bareCalls++;
      return n;
    };
    // Cold pass: every tile once, concurrently — the server's tile cache is empty, so each HTTP request
    // runs the same ST_AsMVT statement (plus the session lookup). The bare pass first warms PostgreSQL.
    const once = async (job: (t: Tile) => Promise<number>): Promise<number> => {
      let next = 0;
      const start = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < list.length) await job(list[next++]!);
        }),
      );
      return list.length / ((performance.now() - start) / 1000);
    };
    // Warm-up on other tiles (z13), so the server's connections, PostGIS caches and JIT are warm without
    // filling its tile cache with the measured tiles.
    const warm = tileRange(13, 104, 47, 108, 49.5).filter((_, i) => i % 7 === 0);
    for (const t of warm) await http(t);
    for (const t of warm) await bare(t);
    await once(bare);
    let coldBare = 0;
    let coldHttp = 0;
    const bareCpu = await cpuDuring(pool, server.process.pid!, async () => (coldBare = await once(bare)));
    if (args.profile) server.process.kill('SIGUSR2');
    const httpCpu = await cpuDuring(pool, server.process.pid!, async () => (coldHttp = await once(http)));
    if (args.profile) await stopGracefully(server.process);
    const perTile = (ms: number) => Number((ms / list.length).toFixed(3));
    // Cached rounds: the server answers from its tile cache (filled by the uncached pass; pasture-unit
    // tiles are dropped when their 30 s window turns, so a round may hold some misses: see the
    // PostgreSQL CPU of the server's side). The bare side has no cache: each tile runs ST_AsMVT.
    const rounds: { bare: number; http: number }[] = [];
    const cachedCpu = { server: 0, db: 0, tiles: 0 };
    for (let i = 0; i < (args.profile ? 0 : RUNS); i++) {
      const b = await throughput(list, bare);
      const calls = httpCalls;
      let h = 0;
      const cpu = await cpuDuring(pool, server.process.pid!, async () => (h = await throughput(list, http)));
      cachedCpu.server += cpu.server;
      cachedCpu.db += cpu.db;
      cachedCpu.tiles += httpCalls - calls;
      rounds.push({ bare: b, http: h });
    }
    await pool.end();
    agent.destroy();
    const bareTps = median(rounds.map((r) => r.bare));
    const httpTps = median(rounds.map((r) => r.http));
    const cachedPerTile = (ms: number) => Number((ms / cachedCpu.tiles).toFixed(3));
    console.log(
      JSON.stringify(
        {
          bench: `mvt ${layer.id}: HTTP ÷ bare ST_AsMVT`,
          ...(seeded ? { seededUnits: Number(args.units), seededExtent: seeded } : {}),
          tileQueryUsesGistIndex: gist,
          tiles: list.length,
          concurrency: CONCURRENCY,
          poolSize,
          seconds: SECONDS,
          loadAverage: { start: load0, end: loadavg().map((l) => Number(l.toFixed(1))) },
          uncached: {
            what: 'every HTTP request runs the ST_AsMVT statement (server tile cache empty for these tiles)',
            bareTilesPerSecond: Math.round(coldBare),
            httpTilesPerSecond: Math.round(coldHttp),
            ratio: Number((coldHttp / coldBare).toFixed(3)),
            cpuMsPerTile: {
              bare: { postgres: perTile(bareCpu.db), pgClient: perTile(bareCpu.client) },
              http: {
                server: perTile(httpCpu.server),
                postgres: perTile(httpCpu.db),
                httpClient: perTile(httpCpu.client),
              },
            },
            cpuRatio: Number((bareCpu.db / (httpCpu.server + httpCpu.db)).toFixed(3)),
          },
          cached: {
            what: "HTTP answered from the server's tile cache; bare still runs ST_AsMVT per tile",
            rounds: rounds.map((r) => ({ bare: Math.round(r.bare), http: Math.round(r.http) })),
            bareTilesPerSecond: Math.round(bareTps),
            httpTilesPerSecond: Math.round(httpTps),
            ratio: Number((httpTps / bareTps).toFixed(3)),
            cpuMsPerTile: {
              http: { server: cachedPerTile(cachedCpu.server), postgres: cachedPerTile(cachedCpu.db) },
            },
          },
          meanTileBytes: { http: Math.round(bytesHttp / httpCalls), bare: Math.round(bytesBare / bareCalls) },
          target: 0.8,
        },
        null,
        2,
      ),
    );
  } finally {
    await server.kill();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
