/**
 * The installed command as a user runs it (`npx belcheer`, a child process through bin/belcheer.mjs):
 * help, version, an exit code, and an upload killed with SIGKILL mid-transfer (as by a reboot or a
 * dead battery) that resumes when the same command runs again, and a clean Ctrl-C (SIGINT).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from './fake.server.ts';
import { randomFile, tempDir, type TempDir } from './harness.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'node_modules/.bin/belcheer');
const MiB = 1024 * 1024;

interface Exited {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<Exited> } {
  const child = spawn(BIN, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Exited>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

let server: FakeServer;
let tmp: TempDir;

beforeEach(async () => {
  server = await startFakeServer();
  server.surveys.set('s1', { states: [{ status: 'ready', progress: 100 }] });
  tmp = await tempDir();
});

afterEach(async () => {
  await server.close();
  await tmp.remove();
});

describe('the belcheer command', () => {
  it('is linked in node_modules/.bin, executable, and answers --help and --version', async () => {
    expect(statSync(path.join(ROOT, 'api/bin/belcheer.mjs')).mode & 0o111).not.toBe(0);
    const help = await start(['--help']).done;
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('belcheer upload --survey ID FILE');
    const version = await start(['--version']).done;
    expect(version.stdout).toMatch(/^belcheer \d+\.\d+\.\d+\n$/);
  });

  it('exits 3 with the message of a 401', async () => {
    const file = await randomFile(tmp.dir, 'x.tif', 1000);
    const r = await start(['upload', '--survey', 's1', '--server', server.url, '--token', 'bad', file.path], {
      BELCHEER_CONFIG_DIR: tmp.dir,
    }).done;
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('belcheer: the token is not valid or has expired');
  });

  for (const signal of ['SIGKILL', 'SIGINT'] as const) {
    it(`resumes after ${signal} mid-upload when the same command runs again`, async () => {
      const file = await randomFile(tmp.dir, 'ortho.tif', 6 * MiB);
      const env = {
        BELCHEER_CONFIG_DIR: path.join(tmp.dir, 'cfg'),
        BELCHEER_SERVER: server.url,
        BELCHEER_TOKEN: server.token,
      };
      const args = ['upload', '--survey', 's1', '--chunk-size', '2M', file.path];
      server.holdAt = Math.floor(3.5 * MiB);
      const first = start(args, env);
      server.onHold = () => first.child.kill(signal);
      const stopped = await first.done;
      if (signal === 'SIGINT') {
        expect(stopped.code).toBe(130);
        expect(stopped.stderr).toContain('run the same command again');
      } else {
        expect(stopped.signal).toBe('SIGKILL');
      }
      server.holdAt = null;
      server.received = 0;
      const second = await start(args, env).done;
      expect(second.stderr).toContain('resuming');
      expect(second.code).toBe(0);
      expect(server.received).toBeLessThan(file.bytes.length);
      expect(server.received).toBe(6 * MiB - Math.floor(3.5 * MiB));
      const upload = server.only();
      expect(server.dataOf(upload).equals(file.bytes)).toBe(true);
      expect(upload.metadata.sha256).toBe(file.sha256);
      expect(second.stdout).toContain('survey s1: ready');
    });
  }
});
