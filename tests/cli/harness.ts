/**
 * Helpers for the CLI's tests: temp files of random bytes, a temp config dir, and running the CLI
 * in-process (cli.ts `run`) with captured stdout/stderr, a fake sleep that records the backoff delays,
 * and an AbortController standing in for Ctrl-C.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../api/src/cli/cli.ts';
import type { CliIo, OutStream } from '../../api/src/cli/io.ts';
import { InterruptedError } from '../../api/src/cli/errors.ts';

export interface TempDir {
  readonly dir: string;
  remove(): Promise<void>;
}

export async function tempDir(prefix = 'belcheer-cli-'): Promise<TempDir> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes `size` random bytes; returns the path and the hex SHA-256. */
export async function randomFile(
  dir: string,
  name: string,
  size: number,
): Promise<{ path: string; sha256: string; bytes: Buffer }> {
  const file = path.join(dir, name);
  const bytes = randomBytes(size);
  const handle = await open(file, 'w');
  await handle.write(bytes);
  await handle.close();
  return { path: file, sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}

class Capture implements OutStream {
  text = '';
  constructor(
    readonly isTTY: boolean,
    readonly columns = 100,
  ) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Delays the CLI asked to sleep, in ms (not actually slept). */
  readonly sleeps: number[];
}

export interface RunOptions {
  readonly env: Record<string, string>;
  readonly tty?: boolean;
  /** Ctrl-C: aborting it interrupts the run. */
  readonly interrupt?: AbortController;
  /** Really sleep this fraction of each backoff delay (default 0: only yield). */
  readonly sleepScale?: number;
}

export async function runCli(argv: string[], options: RunOptions): Promise<CliRun> {
  const stdout = new Capture(false);
  const stderr = new Capture(options.tty ?? false);
  const sleeps: number[] = [];
  const interrupt = options.interrupt ?? new AbortController();
  const io: CliIo = {
    stdout,
    stderr,
    stdin: process.stdin,
    env: options.env,
    signal: interrupt.signal,
    fetch: globalThis.fetch,
    // a virtual clock: the delays not actually slept still pass
    now: () => Date.now() + sleeps.reduce((sum, ms) => sum + ms * (1 - (options.sleepScale ?? 0)), 0),
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      if (signal?.aborted) throw new InterruptedError();
      const scaled = ms * (options.sleepScale ?? 0);
      await new Promise((resolve) => (scaled > 0 ? setTimeout(resolve, scaled) : setImmediate(resolve)));
    },
  };
  const code = await run(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text, sleeps };
}
