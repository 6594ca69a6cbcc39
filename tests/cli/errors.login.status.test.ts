/**
 * Exit codes and messages for server errors (401, 404, 460), usage errors, `login` (token stored with
 * mode 0600, then used by `upload` without --token) and `status`.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from './fake.server.ts';
import { randomFile, runCli, tempDir, type TempDir } from './harness.ts';

const SURVEY = 'survey-42';
let server: FakeServer;
let tmp: TempDir;
let configDir: string;

beforeEach(async () => {
  server = await startFakeServer({ password: 'correct horse battery staple' });
  server.surveys.set(SURVEY, { states: [{ status: 'processing', progress: 37.4 }] });
  tmp = await tempDir();
  configDir = path.join(tmp.dir, 'config');
});

afterEach(async () => {
  await server.close();
  await tmp.remove();
});

describe('errors from the server', () => {
  it('401: prints the server message and exits 3', async () => {
    const file = await randomFile(tmp.dir, 'a.tif', 10_000);
    const r = await runCli(
      ['upload', '--survey', SURVEY, '--server', server.url, '--token', 'expired', file.path],
      { env: { BELCHEER_CONFIG_DIR: configDir } },
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('belcheer: the token is not valid or has expired');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('404 for an unknown survey: prints the server message and exits 4', async () => {
    const file = await randomFile(tmp.dir, 'a.tif', 10_000);
    const r = await runCli(
      ['upload', '--survey', 'nope', '--server', server.url, '--token', server.token, file.path],
      { env: { BELCHEER_CONFIG_DIR: configDir } },
    );
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('belcheer: survey nope not found');
  });

  it('a checksum refusal at the end is fatal and forgets the upload', async () => {
    const file = await randomFile(tmp.dir, 'a.tif', 10_000);
    server.onBytes = (u) => {
      const last = u.chunks.at(-1);
      if (u.offset === u.length && last) last[0] = (last[0] ?? 0) ^ 0xff; // corrupt in transit
    };
    const r = await runCli(
      ['upload', '--survey', SURVEY, '--server', server.url, '--token', server.token, '--no-wait', file.path],
      { env: { BELCHEER_CONFIG_DIR: configDir } },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SHA-256 mismatch');
    expect(JSON.parse(await readFile(path.join(configDir, 'uploads.json'), 'utf8'))).toEqual({});
  });

  it('a server that cannot be reached: gives up after --retries with a plain sentence', async () => {
    const file = await randomFile(tmp.dir, 'a.tif', 10_000);
    const url = server.url;
    await server.close();
    const r = await runCli(
      ['upload', '--survey', SURVEY, '--server', url, '--token', 't', '--retries', '2', file.path],
      { env: { BELCHEER_CONFIG_DIR: configDir } },
    );
    expect(r.code).toBe(1);
    expect(r.sleeps).toEqual([1000, 2000]);
    expect(r.stderr).toMatch(
      /giving up after 2 retries: cannot reach http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/,
    );
    server = await startFakeServer(); // for afterEach
  });
});

describe('usage errors exit 2', () => {
  const env = { BELCHEER_CONFIG_DIR: '/nonexistent/belcheer-test' };
  it.each([
    [['upload', '/etc/hostname'], '--survey is required'],
    [['upload', '--survey', 'x'], 'which file?'],
    [['upload', '--survey', 'x', '/no/such/file.tif'], 'no such file: /no/such/file.tif'],
    [['upload', '--survey', 'x', '--retries', 'many', '/etc/hostname'], '--retries takes a whole number'],
    [['upload', '--survey', 'x', '--chunk-size', 'huge', '/etc/hostname'], '--chunk-size: not a size'],
    [['upload', '--survey', 'x', '--frobnicate', '/etc/hostname'], "Unknown option '--frobnicate'"],
    [['upload', '--survey', 'x', '/etc/hostname'], 'no server: pass --server URL'],
    [['launch'], 'unknown command: launch'],
  ])('%j', async (argv, message) => {
    const r = await runCli(argv, { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('no token for the server: exits 3 and says how to sign in', async () => {
    const r = await runCli(['status', '--survey', 'x', '--server', server.url], {
      env: { BELCHEER_CONFIG_DIR: configDir },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      `not signed in to ${server.url}: run \`belcheer login --server ${server.url} --email E\``,
    );
  });
});

describe('belcheer login', () => {
  it('stores the token (mode 0600) and later commands use it', async () => {
    const env = { BELCHEER_CONFIG_DIR: configDir, BELCHEER_PASSWORD: 'correct horse battery staple' };
    const r = await runCli(['login', '--server', `${server.url}/`, '--email', 'agro@soum.mn'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `Signed in to ${server.url} as Test Agronomist <agro@soum.mn> (Arkhangai aimag)`,
    );
    const file = path.join(configDir, 'credentials.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(file, 'utf8')) as {
      server: string;
      servers: Record<string, { token: string }>;
    };
    expect(stored.server).toBe(server.url);
    expect(stored.servers[server.url]?.token).toBe(server.token);

    const upload = await randomFile(tmp.dir, 'after-login.tif', 20_000);
    const u = await runCli(['upload', '--survey', SURVEY, '--no-wait', upload.path], {
      env: { BELCHEER_CONFIG_DIR: configDir },
    });
    expect(u.code).toBe(0);
    expect(server.dataOf(server.only()).equals(upload.bytes)).toBe(true);
    expect((await stat(path.join(configDir, 'uploads.json'))).mode & 0o777).toBe(0o600);
  });

  it('a wrong password: the server message, exit 3, nothing stored', async () => {
    const r = await runCli(['login', '--server', server.url, '--email', 'agro@soum.mn'], {
      env: { BELCHEER_CONFIG_DIR: configDir, BELCHEER_PASSWORD: 'wrong' },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('belcheer: wrong email or password');
    await expect(stat(path.join(configDir, 'credentials.json'))).rejects.toThrow();
  });
});

describe('belcheer status', () => {
  const env = (): Record<string, string> => ({
    BELCHEER_CONFIG_DIR: configDir,
    BELCHEER_SERVER: server.url,
    BELCHEER_TOKEN: server.token,
  });

  it('prints status and progress', async () => {
    const r = await runCli(['status', '--survey', SURVEY], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`survey ${SURVEY} (Test survey)\nstatus:   processing\nprogress: 37 %\n`);
  });

  it('prints the error of a failed survey', async () => {
    server.surveys.set(SURVEY, {
      states: [{ status: 'failed', progress: 0, error: 'not a TIFF (magic bytes 89 50 4e 47)' }],
    });
    const r = await runCli(['status', '--survey', SURVEY], { env: env() });
    expect(r.stdout).toContain('error:    not a TIFF (magic bytes 89 50 4e 47)');
    const w = await runCli(['status', '--survey', SURVEY, '--wait'], { env: env() });
    expect(w.code).toBe(1);
    expect(w.stderr).toContain('processing failed: not a TIFF');
  });

  it('--json prints the server answer', async () => {
    const r = await runCli(['status', '--survey', SURVEY, '--json'], { env: env() });
    expect(JSON.parse(r.stdout)).toEqual({
      id: SURVEY,
      name: 'Test survey',
      status: 'processing',
      progress: 37.4,
    });
  });

  it('404: the server message, exit 4', async () => {
    const r = await runCli(['status', '--survey', 'missing'], { env: env() });
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('belcheer: survey missing not found\n');
  });
});
