/**
 * Dynamic tiles under concurrent load (SPEC §5, issue 5 acceptance 5b): autocannon on loopback against
 * `/tiles/surveys/{id}/{product}/{z}/{x}/{y}.png` of a warm COG, at zooms native, native−1 and
 * native−2 (native = the TileJSON maxzoom), for `rgb` and one index product with a colormap
 * (`vari?colormap=rdylgn`). The server runs in its own process as in production (`api/src/main.ts`,
 * PGlite in a temporary DATA_DIR, or a fresh database on DATABASE_URL); the input is a make-ortho.py
 * RGBA ortho (UTM 48N, 5 cm) uploaded with `PUT /api/surveys/{id}/imagery`. Every tile intersecting
 * the footprint is requested once first (the cold pass: COG blocks not yet decoded), then autocannon
 * rotates over the same tile list (a shared counter, so connections spread over the tiles). Latency
 * percentiles are computed from every response's time; tiles/s counts 2xx answers. Targets: p95 < 25 ms
 * and ≥ 300 tiles/s on 2 cores. The load average is printed with the numbers. Prints one JSON object.
 *
 *   node --import tsx bench/tiles.load.ts [--size 8192] [--connections 12] [--duration 10] [--pipelining 4]
 *     [--no-index]   (the rgb product only)
 *     [--sweep 1,2,4,6,8]   (connection counts of the latency-against-throughput runs over all three zooms)
 *     [--tile-cache]   (the server gets a TILE_CACHE_DIR: the cold pass fills it, autocannon reads it)
 *     [--memory-cache] (keep the server's in-memory LRU of encoded tiles on; off by default, so the
 *                       numbers are those of dynamic rendering)   [--workers N]   (TILE_WORKERS)
 *     [--block-cache-mib N]   (TILE_BLOCK_CACHE_BYTES: the bound of each render thread's block cache per
 *                              COG; 8192² RGBA needs 336 MiB to keep native to native−2 decoded)
 *     [--profile server.cpuprofile]   (the server's CPU profile once the survey is ready, through
 *                                      bench/cpu.profile.ts; summarise with bench/cpu.profile.top.ts)
 */
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createPostgresDatabase } from '../api/src/testing/test.server.ts';
import { startChildServer } from '../tests/support/child.server.ts';
import { lonLatToMercator, tilesCovering, type TileAddress } from '../tiler/src/index.ts';
import { DiskTileCache } from '../tiler/src/disk.cache.ts';
import { ensureOrtho } from './gdal.baseline.ts';

/** The part of autocannon's programmatic API used here (the package ships no types). */
interface AutocannonOptions {
  readonly url: string;
  readonly connections: number;
  readonly duration: number;
  readonly pipelining: number;
  readonly headers: Record<string, string>;
  readonly requests: readonly { setupRequest: (req: { path: string }) => { path: string } }[];
}
interface AutocannonInstance extends PromiseLike<{ readonly errors: number; readonly timeouts: number }> {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
type Autocannon = (opts: AutocannonOptions) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const { values: args } = parseArgs({
  allowNegative: true,
  options: {
    size: { type: 'string', default: '8192' },
    connections: { type: 'string', default: '12' },
    sweep: { type: 'string', default: '1,2,4,6,8' },
    index: { type: 'boolean', default: true },
    duration: { type: 'string', default: '10' },
    pipelining: { type: 'string', default: '4' },
    dir: { type: 'string', default: join(tmpdir(), 'belcheer-bench-cog') },
    profile: { type: 'string' },
    'tile-cache': { type: 'boolean', default: false },
    'memory-cache': { type: 'boolean', default: false },
    workers: { type: 'string' },
    'block-cache-mib': { type: 'string' },
  },
});
const SIZE = Number(args.size);
const CONNECTIONS = Number(args.connections);
const SWEEP = args.sweep.split(',').map(Number);
const DURATION = Number(args.duration);
const PIPELINING = Number(args.pipelining);
const EMAIL = 'bench@belcheer.mn';
const PASSWORD = 'tiles under load, please';

interface Stats {
  readonly requests: number;
  readonly tilesPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly status: Record<string, number>;
  readonly non2xx: number;
  readonly errors: number;
  readonly meanBytes: number;
  /** CPU time of the process serving the tiles (all its threads: JS, sharp, zlib) per 2xx tile, in ms. */
  readonly cpuMsPerTile: number;
  /** 2 cores ÷ that CPU time: the tiles/s the server could do with the machine to itself. */
  readonly tilesPerSecondOn2FreeCores: number;
  readonly loadAverage: number[];
}

/** CPU time (user + system) of a process and all its threads so far, in ms (Linux /proc, 100 Hz ticks). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident memory of a process (Linux /proc), in MiB. */
function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

/** The server under test: its URL, a bearer token, its process id (for its CPU time). */
interface Target {
  readonly base: string;
  readonly token: string;
  readonly pid: number;
}

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const r2 = (v: number) => Number(v.toFixed(2));

function stats(
  times: number[],
  statuses: number[],
  bytes: number,
  seconds: number,
  errors: number,
  cpu: number,
): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const status: Record<string, number> = {};
  for (const s of statuses) status[s] = (status[s] ?? 0) + 1;
  const ok = statuses.filter((s) => s >= 200 && s < 300).length;
  return {
    requests: times.length,
    tilesPerSecond: Math.round(ok / seconds),
    p50: r2(percentile(sorted, 50)),
    p95: r2(percentile(sorted, 95)),
    p99: r2(percentile(sorted, 99)),
    max: r2(sorted.at(-1) ?? NaN),
    status,
    non2xx: times.length - ok,
    errors,
    meanBytes: Math.round(bytes / Math.max(1, times.length)),
    cpuMsPerTile: r2(cpu / ok),
    tilesPerSecondOn2FreeCores: Math.round((2000 * ok) / cpu),
    loadAverage: loadavg().map(r2),
  };
}

/** Response times, statuses and bytes of one run, and the server's CPU time since it began. */
class Recorder {
  private readonly times: number[] = [];
  private readonly statuses: number[] = [];
  private bytes = 0;
  private readonly start = performance.now();
  private readonly cpu0: number;

  constructor(private readonly pid: number) {
    this.cpu0 = cpuMs(pid);
  }

  record(ms: number, status: number, bytes: number): void {
    this.times.push(ms);
    this.statuses.push(status);
    this.bytes += bytes;
  }

  finish(errors: number): Stats {
    const seconds = (performance.now() - this.start) / 1000;
    return stats(this.times, this.statuses, this.bytes, seconds, errors, cpuMs(this.pid) - this.cpu0);
  }
}

/** One autocannon run over `paths` (a shared counter rotates through them). */
async function load(
  { base, token, pid }: Target,
  paths: readonly string[],
  pipelining: number,
  connections = CONNECTIONS,
) {
  let next = 0;
  const recorder = new Recorder(pid);
  const instance = autocannon({
    url: base,
    connections,
    duration: DURATION,
    pipelining,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }) }],
  });
  instance.on('response', (_client, status, size, ms) => recorder.record(ms, status, size));
  const result = await instance;
  return recorder.finish(result.errors + result.timeouts);
}

/** Every path once, `concurrency` at a time with fetch: the cold pass. */
async function once({ base, token, pid }: Target, paths: readonly string[], concurrency = 8) {
  let next = 0;
  const recorder = new Recorder(pid);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < paths.length) {
        const path = paths[next++]!;
        const t0 = performance.now();
        const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
        const size = (await res.arrayBuffer()).byteLength;
        recorder.record(performance.now() - t0, res.status, size);
      }
    }),
  );
  return recorder.finish(0);
}

async function api<T>(base: string, path: string, token: string | null, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${base}${path}`, { ...init, headers: { ...headers, ...init.headers } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const login = async (base: string, email: string, password: string) =>
  (
    await api<{ token: string }>(base, '/api/auth/login', null, {
      method: 'POST',
      body: JSON.stringify({ email, password }),
    })
  ).token;

/** An agronomist of a new organisation, signed in. */
async function benchUser(base: string): Promise<string> {
  const admin = await login(base, EMAIL, PASSWORD);
  const post = (path: string, body: object) =>
    api<{ id: string }>(base, path, admin, { method: 'POST', body: JSON.stringify(body) });
  const org = await post('/api/organisations', { name: 'Bench office', kind: 'aimag_office' });
  const email = 'agronomist@bench.mn';
  await post('/api/users', {
    email,
    name: 'Bench',
    role: 'agronomist',
    organisationId: org.id,
    password: PASSWORD,
  });
  return login(base, email, PASSWORD);
}

interface Survey {
  readonly status: string;
  readonly products: string[];
  readonly error?: unknown;
}

/** Uploads the ortho to a new survey and waits until it is ready; its id and seconds taken. */
async function uploadSurvey(base: string, token: string, file: string) {
  const { id } = await api<{ id: string }>(base, '/api/surveys', token, {
    method: 'POST',
    body: JSON.stringify({ name: 'Tile load', date: '2026-07-01', kind: 'rgb' }),
  });
  const start = performance.now();
  const put = await fetch(`${base}/api/surveys/${id}/imagery`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: await readFile(file),
  });
  if (put.status !== 202) throw new Error(`PUT imagery: ${put.status} ${await put.text()}`);
  for (;;) {
    const survey = await api<Survey>(base, `/api/surveys/${id}`, token);
    if (survey.status === 'ready') return { id, survey, seconds: (performance.now() - start) / 1000 };
    if (survey.status === 'failed') throw new Error(`processing failed: ${JSON.stringify(survey.error)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

interface TileJson {
  readonly bounds: [number, number, number, number];
  readonly maxzoom: number;
}

/** Paths of every tile of zoom `z` intersecting the TileJSON bounds. */
function tilePaths(tj: TileJson, z: number, prefix: string, query: string): string[] {
  const [w, s, e, n] = tj.bounds;
  const [minX, minY] = lonLatToMercator(w, s);
  const [maxX, maxY] = lonLatToMercator(e, n);
  const r = tilesCovering({ minX, minY, maxX, maxY }, z);
  const out: string[] = [];
  for (let y = r.minY; y <= r.maxY; y++) {
    for (let x = r.minX; x <= r.maxX; x++) {
      const t: TileAddress = { z, x, y };
      out.push(`${prefix}/${t.z}/${t.x}/${t.y}.png${query}`);
    }
  }
  return out;
}

/**
 * What a disk-cache hit would cost (the cache is not wired into the route yet): the native-zoom tiles
 * fetched once, stored in a DiskTileCache, then read back by 8 concurrent readers for half the duration.
 */
async function diskCacheHits(base: string, token: string, paths: readonly string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'belcheer-bench-disk-cache-'));
  try {
    const cache = await DiskTileCache.open({ dir, maxBytes: 1024 ** 3 });
    const key = (i: number) => ({
      surveyId: 'bench',
      version: 1,
      product: 'rgb',
      params: {},
      z: 0,
      x: i,
      y: 0,
    });
    for (let i = 0; i < paths.length; i++) {
      const res = await fetch(`${base}${paths[i]}`, { headers: { authorization: `Bearer ${token}` } });
      await cache.set({ ...key(i), format: 'png' }, new Uint8Array(await res.arrayBuffer()));
    }
    // This process serves the hits: its own CPU time is the cost of a hit.
    const recorder = new Recorder(process.pid);
    let next = 0;
    const until = performance.now() + (DURATION * 1000) / 2;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (performance.now() < until) {
          const t0 = performance.now();
          const body = await cache.get({ ...key(next++ % paths.length), format: 'png' });
          if (!body) throw new Error('disk cache miss');
          recorder.record(performance.now() - t0, 200, body.length);
        }
      }),
    );
    return { tiles: paths.length, cacheBytes: cache.bytes, ...recorder.finish(0) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Cold pass then autocannon per zoom and over all zooms, for one product. */
async function benchProduct(target: Target, id: string, product: string, query: string) {
  const { base, token } = target;
  const tj = await api<TileJson>(base, `/tiles/surveys/${id}/${product}/tilejson.json${query}`, token);
  const prefix = `/tiles/surveys/${id}/${product}`;
  const zooms = [tj.maxzoom, tj.maxzoom - 1, tj.maxzoom - 2];
  const perZoom: Record<string, unknown> = {};
  const all: string[] = [];
  for (const z of zooms) {
    const paths = tilePaths(tj, z, prefix, query);
    all.push(...paths);
    const cold = await once(target, paths);
    perZoom[`z${z}`] = { tiles: paths.length, cold, warm: await load(target, paths, 1) };
  }
  return {
    product: `${product}${query}`,
    zooms: perZoom,
    allZooms: { tiles: all.length, pipelining1: await load(target, all, 1) },
    // Latency against throughput: from one connection up to the bench's; a map in a browser keeps up to
    // six (HTTP/1.1's connections per host).
    connectionSweep: await sequential(SWEEP, async (connections) => ({
      connections,
      ...(await load(target, all, 1, connections)),
    })),
    allZoomsPipelined: { pipelining: PIPELINING, ...(await load(target, all, PIPELINING)) },
  };
}

async function sequential<T, R>(items: readonly T[], f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await f(item));
  return out;
}

/** SIGTERM and wait for the exit, so that the profiler writes its profile. */
function stopGracefully(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  mkdirSync(args.dir, { recursive: true });
  const ortho = join(args.dir, `ortho-rgba-${SIZE}.tif`);
  ensureOrtho(SIZE, ortho);
  const database = process.env.DATABASE_URL ? await createPostgresDatabase(process.env.DATABASE_URL) : null;
  const dataDir = await mkdtemp(join(tmpdir(), 'belcheer-bench-tiles-load-'));
  const server = await startChildServer({
    ...(database ? { DATABASE_URL: database.url } : {}),
    DATA_DIR: dataDir,
    BELCHEER_ADMIN_EMAIL: EMAIL,
    BELCHEER_ADMIN_PASSWORD: PASSWORD,
    SAMPLE_SURVEY: 'false',
    ...(args['tile-cache'] ? { TILE_CACHE_DIR: join(dataDir, 'tile-cache') } : {}),
    ...(args['memory-cache'] ? {} : { TILE_MEMORY_CACHE_BYTES: '0' }),
    ...(args.workers !== undefined ? { TILE_WORKERS: args.workers } : {}),
    ...(args['block-cache-mib'] !== undefined
      ? { TILE_BLOCK_CACHE_BYTES: String(Number(args['block-cache-mib']) * 1024 ** 2) }
      : {}),
    ...(args.profile
      ? {
          NODE_OPTIONS: '--import tsx --import ./bench/cpu.profile.ts',
          CPU_PROFILE: args.profile,
          CPU_PROFILE_ON_SIGNAL: '1',
        }
      : {}),
  });
  try {
    const token = await benchUser(server.url);
    const { id, survey, seconds } = await uploadSurvey(server.url, token, ortho);
    if (args.profile) server.process.kill('SIGUSR2');
    const target: Target = { base: server.url, token, pid: server.process.pid ?? 0 };
    const rssBefore = rssMiB(target.pid);
    const rgb = await benchProduct(target, id, 'rgb', '');
    const probe = await fetch(`${server.url}/tiles/surveys/${id}/vari/tilejson.json`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const index = probe.ok && args.index ? await benchProduct(target, id, 'vari', '?colormap=rdylgn') : null;
    const tj = await api<TileJson>(server.url, `/tiles/surveys/${id}/rgb/tilejson.json`, token);
    const native = tilePaths(tj, tj.maxzoom, `/tiles/surveys/${id}/rgb`, '');
    const rssAfter = rssMiB(target.pid);
    const diskCache = await diskCacheHits(server.url, token, native);
    console.log(
      JSON.stringify(
        {
          bench: 'dynamic tiles under load (autocannon, loopback)',
          date: new Date().toISOString(),
          machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
          database: database ? 'postgresql' : 'pglite',
          diskTileCache: args['tile-cache'],
          memoryTileCache: args['memory-cache'],
          tileWorkers: args.workers ?? 'default (one per core)',
          blockCacheMiB: args['block-cache-mib'] ?? 'default',
          serverRssMiB: { beforeTiles: rssBefore, afterTiles: rssAfter },
          ortho: `${SIZE}² RGBA uint8, make-ortho.py`,
          ingestSeconds: r2(seconds),
          products: survey.products,
          connections: CONNECTIONS,
          durationSeconds: DURATION,
          target: { p95Ms: 25, tilesPerSecond: 300 },
          results: index ? [rgb, index] : [rgb],
          diskCacheHitsInProcess: diskCache,
        },
        null,
        2,
      ),
    );
  } finally {
    if (args.profile) await stopGracefully(server.process);
    await server.kill();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
