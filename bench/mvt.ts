/**
 * Vector tile benchmark (SPEC §5, issue 5 acceptance 5c): throughput of `/tiles/admin-units/{z}/{x}/{y}.mvt`
 * over HTTP (loopback, keep-alive, N concurrent clients) ÷ throughput of the bare PostGIS `ST_AsMVT`
 * statement for the same tiles, through a `pg` pool of the server's size, in the same run and at the
 * same concurrency. Target ≥ 0.8. The server runs in its own process (`api/src/main.ts`, as in
 * production); both clients run in this one. Needs a PostgreSQL/PostGIS: DATABASE_URL (e.g. from
 * tests/support/pg-cluster.sh). Tiles: every tile over Mongolia (87.7–119.9 °E, 41.6–52.2 °N) at zooms
 * 4–9, plus a deterministic sample at 10–12. First one uncached pass over every tile (each HTTP
 * request runs ST_AsMVT), then warm rounds alternating (bare, http, …), where admin-unit tiles come
 * from the server's tile cache; median of --runs. Prints one JSON object.
 *
 *   DATABASE_URL=… node --import tsx bench/mvt.ts [--concurrency 8] [--seconds 5] [--runs 3]
 */
import { parseArgs } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPostgresDatabase } from '../api/src/testing/test.server.ts';
import { startChildServer } from '../tests/support/child.server.ts';
import { findVectorLayer } from '../api/src/vector-tiles/vector.layers.ts';
import { BUFFER, EXTENT, postgisTileSql } from '../api/src/vector-tiles/vector.tiles.repository.ts';

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

function tiles(): Tile[] {
  const out: Tile[] = [];
  for (let z = 4; z <= 9; z++) out.push(...tileRange(z, 87.7, 41.6, 119.9, 52.2));
  for (let z = 10; z <= 12; z++) {
    const all = tileRange(z, 87.7, 41.6, 119.9, 52.2);
    const step = Math.max(1, Math.floor(all.length / 300));
    for (let i = 0; i < all.length; i += step) out.push(all[i]!);
  }
  return out;
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

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('bench/mvt.ts needs DATABASE_URL (a PostgreSQL/PostGIS)');
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
  });
  try {
    const layer = findVectorLayer('admin-units')!;
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const { token } = (await login.json()) as { token: string };
    const pool = new pg.Pool({ connectionString: database.url, max: poolSize });
    const sql = postgisTileSql(layer);
    const list = tiles();
    let bytesHttp = 0;
    let bytesBare = 0;
    let httpCalls = 0;
    let bareCalls = 0;
    const http = async (t: Tile) => {
      const res = await fetch(`${server.url}/tiles/admin-units/${t.z}/${t.x}/${t.y}.mvt`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = await res.arrayBuffer();
      if (res.status !== 200 && res.status !== 204) throw new Error(`${res.status} for ${t.z}/${t.x}/${t.y}`);
      bytesHttp += body.byteLength;
      httpCalls++;
      return body.byteLength;
    };
    const bare = async (t: Tile) => {
      const r = await pool.query<{ mvt: Buffer | null }>(sql, [[], t.z, t.x, t.y, BUFFER / EXTENT]);
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
    const coldBare = await once(bare);
    const coldHttp = await once(http);
    const rounds: { bare: number; http: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const b = await throughput(list, bare);
      const h = await throughput(list, http);
      rounds.push({ bare: b, http: h });
    }
    await pool.end();
    const bareTps = median(rounds.map((r) => r.bare));
    const httpTps = median(rounds.map((r) => r.http));
    console.log(
      JSON.stringify(
        {
          bench: 'mvt admin-units: HTTP ÷ bare ST_AsMVT',
          tiles: list.length,
          concurrency: CONCURRENCY,
          poolSize,
          seconds: SECONDS,
          rounds: rounds.map((r) => ({ bare: Math.round(r.bare), http: Math.round(r.http) })),
          bareTilesPerSecond: Math.round(bareTps),
          httpTilesPerSecond: Math.round(httpTps),
          ratio: Number((httpTps / bareTps).toFixed(3)),
          uncached: {
            bareTilesPerSecond: Math.round(coldBare),
            httpTilesPerSecond: Math.round(coldHttp),
            ratio: Number((coldHttp / coldBare).toFixed(3)),
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
