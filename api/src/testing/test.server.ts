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
import { copyTemplate, pgliteTemplate, templateKey } from './pglite.template.ts';

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

function databaseUrl(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A new empty database on the server of `baseUrl`, or — with `template` — a copy of the migrated
 * test template (`CREATE DATABASE … TEMPLATE`), made once per schema under an advisory lock by
 * `make(url)`, which must leave no connection open to it.
 */
export async function createPostgresDatabase(
  baseUrl: string,
  template?: { readonly key: string; readonly make: (url: string) => Promise<void> },
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `belcheer_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    if (template) {
      const tpl = `belcheer_tpl_${template.key}`;
      await admin.query(`SELECT pg_advisory_lock(hashtext('belcheer test template'))`);
      try {
        const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [tpl]);
        if (found.rowCount === 0) {
          const staging = `${tpl}_staging`;
          await admin.query(`DROP DATABASE IF EXISTS ${staging} WITH (FORCE)`);
          await admin.query(`CREATE DATABASE ${staging}`);
          await template.make(databaseUrl(baseUrl, staging));
          await admin.query(`ALTER DATABASE ${staging} RENAME TO ${tpl}`);
        }
      } finally {
        await admin.query(`SELECT pg_advisory_unlock(hashtext('belcheer test template'))`);
      }
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${tpl}`);
    } else {
      await admin.query(`CREATE DATABASE ${name}`);
    }
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl(baseUrl, name),
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
  const base = {
    PORT: '0',
    HOST: '127.0.0.1',
    BELCHEER_ADMIN_EMAIL: ADMIN_EMAIL,
    BELCHEER_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
    SAMPLE_SURVEY: 'false',
  };
  /** Starts and stops a server on a new data folder (and `env`), leaving a migrated database; returns the folder. */
  const made = async (env: Record<string, string>): Promise<string> => {
    const dir = await mkdtemp(path.join(tmpdir(), 'belcheer-template-'));
    const server = await startServer(
      loadConfig({ ...base, DATA_DIR: dir, ...env }),
      pino({ level: 'silent' }),
    );
    await server.close(1000);
    return dir;
  };
  const server0 = process.env.DATABASE_URL;
  const created =
    server0 && !options.databaseUrl
      ? await createPostgresDatabase(server0, {
          key: await templateKey(),
          make: async (url) => {
            await rm(await made({ DATABASE_URL: url }), { recursive: true, force: true });
          },
        })
      : null;
  const databaseUrl = options.databaseUrl ?? created?.url ?? null;
  const config = loadConfig({
    ...base,
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  });
  // A new embedded database starts as a copy of the migrated template (see pglite.template.ts).
  if (config.database.kind === 'pglite' && !options.dataDir) {
    const template = await pgliteTemplate(async (staging) => {
      const dir = await made({});
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
