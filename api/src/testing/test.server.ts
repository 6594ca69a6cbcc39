/**
 * A real Belcheer server for tests, on a free port, with its own fresh database: a new PGlite folder,
 * or — when DATABASE_URL is set — a new database created on that PostgreSQL server (dropped at close).
 * So the same test files run against both backends.
 */
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig, type Config } from '../config.ts';
import { startServer, type RunningServer } from '../server.ts';
import { copyTemplate, pgliteTemplate } from './pglite.template.ts';

export const ADMIN_EMAIL = 'admin@test.belcheer.mn';
export const ADMIN_PASSWORD = 'correct horse battery staple';

export interface TestServer extends RunningServer {
  readonly config: Config;
  readonly dataDir: string;
  /** fetch relative to the server, with JSON helpers. */
  request(pathname: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  /** Signs in and returns the bearer token. */
  login(email: string, password: string): Promise<string>;
  /** Stops the server and deletes its database and data folder. */
  destroy(): Promise<void>;
}

export async function createPostgresDatabase(
  baseUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `belcheer_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestServerOptions {
  /** Reuse a data folder (restart tests); a new temp folder otherwise. */
  readonly dataDir?: string;
  /** Reuse a database URL (restart tests on PostgreSQL). */
  readonly databaseUrl?: string;
  readonly env?: Record<string, string>;
}

export async function startTestServer(
  options: TestServerOptions = {},
): Promise<TestServer & { databaseUrl: string | null }> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'belcheer-test-')));
  const server0 = process.env.DATABASE_URL;
  const created = server0 && !options.databaseUrl ? await createPostgresDatabase(server0) : null;
  const databaseUrl = options.databaseUrl ?? created?.url ?? null;
  const base = {
    PORT: '0',
    HOST: '127.0.0.1',
    BELCHEER_ADMIN_EMAIL: ADMIN_EMAIL,
    BELCHEER_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
    SAMPLE_SURVEY: 'false',
  };
  const config = loadConfig({
    ...base,
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  });
  // A new embedded database starts as a copy of the migrated template (see pglite.template.ts).
  if (config.database.kind === 'pglite' && !options.dataDir) {
    const template = await pgliteTemplate(async (staging) => {
      const dir = await mkdtemp(path.join(tmpdir(), 'belcheer-template-'));
      const made = await startServer(loadConfig({ ...base, DATA_DIR: dir }), pino({ level: 'silent' }));
      await made.close(1000);
      await rename(path.join(dir, 'db'), staging);
      await rm(dir, { recursive: true, force: true });
    });
    await copyTemplate(template, config.database.dir);
  }
  const server = await startServer(config, pino({ level: 'silent' }));

  async function request(
    pathname: string,
    init: RequestInit & { token?: string; json?: unknown } = {},
  ): Promise<Response> {
    const { token, json, headers, ...rest } = init;
    const h = new Headers(headers);
    if (token) h.set('authorization', `Bearer ${token}`);
    if (json !== undefined) h.set('content-type', 'application/json');
    return fetch(`${server.url}${pathname}`, {
      ...rest,
      headers: h,
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  }

  async function login(email: string, password: string): Promise<string> {
    const res = await request('/api/auth/login', { method: 'POST', json: { email, password } });
    if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  }

  return {
    ...server,
    config,
    dataDir,
    databaseUrl,
    request,
    login,
    async destroy() {
      await server.close(1000);
      await created?.drop();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
