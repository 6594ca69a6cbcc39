/**
 * `belcheer upload` against a fake tus server: the bytes and SHA-256 that arrive, the metadata, chunking,
 * retries after dropped connections and 5xx, 409 handling, resuming after Ctrl-C, starting over when the
 * server lost the upload, and following the survey's processing afterwards.
 */
import { createHash } from 'node:crypto';
import { appendFile, readFile, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from './fake.server.ts';
import { randomFile, runCli, tempDir, type TempDir } from './harness.ts';

const MiB = 1024 * 1024;
const SURVEY = 'c0ffee00-0000-4000-8000-000000000001';

let server: FakeServer;
let tmp: TempDir;
let env: Record<string, string>;

beforeEach(async () => {
  server = await startFakeServer();
  server.surveys.set(SURVEY, { states: [{ status: 'ready', progress: 100 }] });
  tmp = await tempDir();
  env = {
    BELCHEER_CONFIG_DIR: path.join(tmp.dir, 'config'),
    BELCHEER_SERVER: server.url,
    BELCHEER_TOKEN: server.token,
  };
});

afterEach(async () => {
  await server.close();
  await tmp.remove();
});

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('belcheer upload', () => {
  it('sends the whole file in chunks with surveyId, filename and sha256 in the metadata', async () => {
    const file = await randomFile(tmp.dir, 'ortho 2024 Хотонт.tif', 5 * MiB + 12345);
    const r = await runCli(['upload', '--survey', SURVEY, '--chunk-size', '1M', '--no-wait', file.path], {
      env,
    });
    expect(r.stderr).toContain('hashing');
    expect(r.code).toBe(0);
    const upload = server.only();
    const received = server.dataOf(upload);
    expect(received.length).toBe(file.bytes.length);
    expect(received.equals(file.bytes)).toBe(true);
    expect(sha256(received)).toBe(file.sha256);
    expect(upload.metadata).toEqual({
      surveyId: SURVEY,
      filename: 'ortho 2024 Хотонт.tif',
      sha256: file.sha256,
    });
    const patches = server.log.filter((l) => l.method === 'PATCH');
    expect(patches).toHaveLength(6);
    expect(patches.every((p) => (p.contentLength ?? 0) <= MiB)).toBe(true);
    expect(r.stdout).toMatch(new RegExp(`uploaded .* to survey ${SURVEY} .*sha256 ${file.sha256}`));
    // done: nothing left to resume
    expect(
      JSON.parse(await readFile(path.join(env.BELCHEER_CONFIG_DIR ?? '', 'uploads.json'), 'utf8')),
    ).toEqual({});
  });

  it('survives the connection dropping mid-PATCH twice and a 409, resuming from the server offset', async () => {
    const file = await randomFile(tmp.dir, 'drop.tif', 3 * MiB);
    server.dropAfter = [300_000, 700_000];
    server.conflicts = 0;
    let conflictArmed = false;
    server.onBytes = (u) => {
      if (!conflictArmed && u.offset > 2 * MiB) {
        conflictArmed = true;
        server.conflicts = 1;
      }
    };
    const r = await runCli(['upload', '--survey', SURVEY, '--chunk-size', '1M', '--no-wait', file.path], {
      env,
    });
    expect(r.stderr).toContain('retry 1');
    expect(r.code).toBe(0);
    const received = server.dataOf(server.only());
    expect(received.equals(file.bytes)).toBe(true);
    expect(sha256(received)).toBe(file.sha256);
    const log = server.log;
    expect(log.filter((l) => l.method === 'PATCH' && l.status === 0)).toHaveLength(2);
    expect(log.filter((l) => l.status === 409)).toHaveLength(1);
    // each drop and the 409 were followed by a HEAD, and every PATCH started where the server was
    const heads = log.filter((l) => l.method === 'HEAD');
    expect(heads.length).toBe(3);
    const patchOffsets = log.filter((l) => l.method === 'PATCH').map((l) => l.uploadOffset);
    expect(patchOffsets.slice(0, 3)).toEqual([0, 300_000, 1_000_000]);
    // a drop after progress resets the backoff: 1 s each time
    expect(r.sleeps).toEqual([1000, 1000]);
    expect(r.stderr).toMatch(/409.*asking the server for its offset/);
  });

  it('retries 5xx with growing backoff and gives up after --retries N', async () => {
    const file = await randomFile(tmp.dir, 'busy.tif', 200_000);
    server.failWith = [503, 503, 503, 503, 503, 503, 503, 503];
    const r = await runCli(['upload', '--survey', SURVEY, '--retries', '3', '--no-wait', file.path], { env });
    expect(r.code).toBe(1);
    expect(r.sleeps).toEqual([1000, 2000, 4000]);
    expect(r.stderr).toContain('giving up after 3 retries: server answered 503: forced 503');
  });

  it('waits as long as a Retry-After asks (429, 503)', async () => {
    const file = await randomFile(tmp.dir, 'throttled.tif', 100_000);
    server.failWith = [429, 503];
    server.retryAfter = '30';
    const r = await runCli(['upload', '--survey', SURVEY, '--no-wait', file.path], { env });
    expect(r.code).toBe(0);
    expect(r.sleeps).toEqual([30_000, 30_000]);
  });

  it('stops, and forgets the upload, when the file changes during the upload', async () => {
    const file = await randomFile(tmp.dir, 'growing.tif', 3 * MiB);
    server.onBytes = (u) => {
      if (u.offset >= MiB && u.offset - u.chunks.at(-1)!.length < MiB) void appendFile(file.path, 'more');
    };
    const r = await runCli(['upload', '--survey', SURVEY, '--chunk-size', '1M', '--no-wait', file.path], {
      env,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file.path} changed during the upload (size ${3 * MiB} → ${3 * MiB + 4})`);
    expect(
      JSON.parse(await readFile(path.join(env.BELCHEER_CONFIG_DIR ?? '', 'uploads.json'), 'utf8')),
    ).toEqual({});
  });

  it('says so when the survey never leaves "uploading" after the upload (10 min)', async () => {
    server.surveys.set(SURVEY, { states: [{ status: 'uploading', progress: 0 }] });
    const file = await randomFile(tmp.dir, 'stuck.tif', 10_000);
    const r = await runCli(['upload', '--survey', SURVEY, file.path], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /survey .* is still "uploading" 10m0\ds after the upload: the server has not started processing it/,
    );
    expect(r.sleeps.length).toBeGreaterThan(290); // polled every 2 s
  });

  it('keeps retrying without --retries while the server is unreachable, then completes', async () => {
    const file = await randomFile(tmp.dir, 'flaky.tif', 2 * MiB);
    server.failWith = [502, 503, 503, 500, 503, 503, 503, 503];
    const r = await runCli(['upload', '--survey', SURVEY, '--no-wait', file.path], { env });
    expect(r.code).toBe(0);
    expect(r.sleeps).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect(server.dataOf(server.only()).equals(file.bytes)).toBe(true);
  });

  it('resumes after Ctrl-C from the offset the server has, sending less than the file', async () => {
    const file = await randomFile(tmp.dir, 'big.tif', 4 * MiB);
    const ctrlC = new AbortController();
    server.holdAt = Math.floor(2.5 * MiB);
    server.onHold = () => ctrlC.abort();
    const first = await runCli(['upload', '--survey', SURVEY, '--chunk-size', '1M', file.path], {
      env,
      interrupt: ctrlC,
    });
    expect(first.code).toBe(130);
    expect(first.stderr).toContain('run the same command again');
    const stored = JSON.parse(
      await readFile(path.join(env.BELCHEER_CONFIG_DIR ?? '', 'uploads.json'), 'utf8'),
    ) as Record<string, { url: string }>;
    expect(Object.values(stored)).toHaveLength(1);

    server.holdAt = null;
    server.received = 0;
    const hashedBefore = server.log.length;
    const second = await runCli(['upload', '--survey', SURVEY, '--chunk-size', '1M', file.path], { env });
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/resuming .* at 2\.50 MiB of 4\.00 MiB/);
    expect(second.stderr).not.toContain('hashing'); // the digest was remembered with the upload URL
    expect(server.received).toBe(4 * MiB - Math.floor(2.5 * MiB));
    expect(server.received).toBeLessThan(file.bytes.length);
    expect(server.log.slice(hashedBefore).some((l) => l.method === 'POST')).toBe(false);
    const received = server.dataOf(server.only());
    expect(sha256(received)).toBe(file.sha256);
    expect(second.stdout).toContain(`survey ${SURVEY}: ready`);
  });

  it('starts over when the server no longer has the upload (404 on HEAD)', async () => {
    const file = await randomFile(tmp.dir, 'lost.tif', 2 * MiB);
    const ctrlC = new AbortController();
    server.holdAt = MiB;
    server.onHold = () => ctrlC.abort();
    expect(
      (await runCli(['upload', '--survey', SURVEY, '--no-wait', file.path], { env, interrupt: ctrlC })).code,
    ).toBe(130);
    const lost = server.only();
    server.forget(lost.id);
    server.holdAt = null;
    server.received = 0;
    const r = await runCli(['upload', '--survey', SURVEY, '--no-wait', file.path], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('the server no longer has the upload');
    expect(r.stderr).toContain('starting over');
    expect(server.received).toBe(2 * MiB);
    expect(server.dataOf(server.only()).equals(file.bytes)).toBe(true);
  });

  it('does not resume into an old upload once the file changed (mtime)', async () => {
    const file = await randomFile(tmp.dir, 'changed.tif', MiB);
    const ctrlC = new AbortController();
    server.holdAt = 100_000;
    server.onHold = () => ctrlC.abort();
    expect(
      (await runCli(['upload', '--survey', SURVEY, '--no-wait', file.path], { env, interrupt: ctrlC })).code,
    ).toBe(130);
    const { mtime } = await stat(file.path);
    await utimes(file.path, mtime, new Date(mtime.getTime() + 60_000));
    server.holdAt = null;
    const r = await runCli(['upload', '--survey', SURVEY, '--no-wait', file.path], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('resuming');
    expect(server.uploads.size).toBe(2);
  });

  it('follows processing after the upload: queued → processing x % → ready', async () => {
    server.surveys.set(SURVEY, {
      states: [
        { status: 'queued', progress: 0 },
        { status: 'processing', progress: 40 },
        { status: 'processing', progress: 80 },
        { status: 'ready', progress: 100 },
      ],
    });
    const file = await randomFile(tmp.dir, 'watch.tif', 100_000);
    const r = await runCli(['upload', '--survey', SURVEY, file.path], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`survey ${SURVEY}: queued`);
    expect(r.stderr).toContain(`survey ${SURVEY}: processing 40 %`);
    expect(r.stdout).toContain(`survey ${SURVEY}: ready`);
    expect(r.sleeps.filter((ms) => ms === 2000)).toHaveLength(3);
  });

  it('exits 1 with the server error when processing fails', async () => {
    server.surveys.set(SURVEY, {
      states: [
        { status: 'processing', progress: 10 },
        { status: 'failed', progress: 10, error: 'not georeferenced: no tie point or transformation' },
      ],
    });
    const file = await randomFile(tmp.dir, 'bad.tif', 50_000);
    const r = await runCli(['upload', '--survey', SURVEY, file.path], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('processing failed: not georeferenced: no tie point or transformation');
  });

  it('draws a progress bar on a terminal', async () => {
    const file = await randomFile(tmp.dir, 'tty.tif', 3 * MiB);
    const r = await runCli(['upload', '--survey', SURVEY, '--chunk-size', '1M', '--no-wait', file.path], {
      env,
      tty: true,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('\r\x1b[K');
    expect(r.stderr).toMatch(/uploading \[#+\] +100\.0 % {2}3\.00 MiB \/ 3\.00 MiB/);
  });
});
