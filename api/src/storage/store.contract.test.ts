/**
 * The Store contract (store.ts), run with the same cases against every implementation: the local
 * folder and S3 (an in-process s3rver, tests/support/s3-server.ts). Expected bytes are the bytes
 * written; ranges follow HTTP's inclusive `start-end`, clipped at the end of the object.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '@belcheer/processing';
import { startS3Server, type S3TestServer } from '../../../tests/support/s3-server.ts';
import { createLocalStore } from './local.store.ts';
import { s3ClientConfig } from './s3.config.ts';
import { createS3Store } from './s3.store.ts';
import type { Store } from './store.ts';

interface Backend {
  readonly name: string;
  start(): Promise<{ store: Store; stop(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'local',
    async start() {
      const root = await mkdtemp(path.join(os.tmpdir(), 'belcheer-store-'));
      return { store: createLocalStore(root), stop: () => rm(root, { recursive: true, force: true }) };
    },
  },
  {
    name: 's3',
    async start() {
      const server: S3TestServer = await startS3Server();
      const store = createS3Store(
        { bucket: server.bucket, prefix: 'contract/', client: s3ClientConfig(server.config) },
        { partBytes: 5 * 1024 * 1024 },
      );
      return { store, stop: () => server.close() };
    },
  },
];

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Compares bytes by length and first difference, so a failure prints two numbers, not megabytes. */
function expectBytes(got: Uint8Array, want: Uint8Array): void {
  const n = Math.min(got.length, want.length);
  let diff = -1;
  for (let i = 0; i < n && diff < 0; i++) if (got[i] !== want[i]) diff = i;
  expect({ length: got.length, firstDifference: diff }).toEqual({ length: want.length, firstDifference: -1 });
}

/** `data` in uneven chunks, like a network body. */
function chunked(data: Buffer, chunk = 700_001): Readable {
  const pieces: Buffer[] = [];
  for (let i = 0; i < data.length; i += chunk) pieces.push(data.subarray(i, i + chunk));
  return Readable.from(pieces);
}

/** Emits `bytes` random bytes, then fails. */
function failingAfter(bytes: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= bytes) {
        this.destroy(new Error('client went away'));
        return;
      }
      const n = Math.min(256 * 1024, bytes - sent);
      sent += n;
      this.push(randomBytes(n));
    },
  });
}

describe.each(backends)('Store contract: $name', (backend) => {
  let store: Store;
  let stop: () => Promise<void>;
  let scratch: string;
  const data = randomBytes(3 * 1024 * 1024 + 12_345);

  beforeAll(async () => {
    ({ store, stop } = await backend.start());
    scratch = await mkdtemp(path.join(os.tmpdir(), 'belcheer-store-src-'));
    await store.put('surveys/s1/v1/source.tif', chunked(data));
  });
  afterAll(async () => {
    await stop();
    await rm(scratch, { recursive: true, force: true });
  });

  it('puts, sizes and reads back a few MB byte for byte', async () => {
    const { size } = await store.put('round/trip.bin', chunked(data));
    expect(size).toBe(data.length);
    expect(await store.size('round/trip.bin')).toBe(data.length);
    expectBytes(await bytesOf(store.read('round/trip.bin')), data);
  });

  it('reads ranges: first, middle and last byte, a clipped end, a start past the end', async () => {
    const key = 'surveys/s1/v1/source.tif';
    const n = data.length;
    expectBytes(await bytesOf(store.read(key, { start: 0, end: 0 })), data.subarray(0, 1));
    expectBytes(
      await bytesOf(store.read(key, { start: 1_000_000, end: 1_065_535 })),
      data.subarray(1_000_000, 1_065_536),
    );
    expectBytes(await bytesOf(store.read(key, { start: n - 1, end: n - 1 })), data.subarray(n - 1));
    expectBytes(await bytesOf(store.read(key, { start: n - 10, end: n + 1000 })), data.subarray(n - 10));
    expect((await bytesOf(store.read(key, { start: n + 5, end: n + 10 }))).length).toBe(0);
  });

  it('opens a source for random access: fetch at offsets, clipped at the end', async () => {
    const source = await store.open('surveys/s1/v1/source.tif');
    try {
      const n = data.length;
      expect(source.size).toBe(n);
      const at = async (offset: number, length: number) => Buffer.from(await source.fetch(offset, length));
      expectBytes(await at(0, 16), data.subarray(0, 16));
      expectBytes(await at(65_530, 20), data.subarray(65_530, 65_550));
      expectBytes(await at(2_000_000, 300_000), data.subarray(2_000_000, 2_300_000));
      expectBytes(await at(n - 5, 100), data.subarray(n - 5));
      expect((await at(n + 10, 5)).length).toBe(0);
      const offsets = Array.from({ length: 40 }, (_, i) => (i * 7919 * 97) % n);
      const got = await Promise.all(offsets.map((o) => at(o, 3000)));
      got.forEach((bytes, i) => expectBytes(bytes, data.subarray(offsets[i], (offsets[i] ?? 0) + 3000)));
    } finally {
      await source.close();
    }
  });

  it('leaves no object when the body fails, and keeps the object it would have replaced', async () => {
    await expect(store.put('failed/new.bin', failingAfter(12 * 1024 * 1024))).rejects.toThrow(
      'client went away',
    );
    expect(await store.size('failed/new.bin')).toBeNull();
    await expect(store.put('failed/small.bin', failingAfter(1000))).rejects.toThrow('client went away');
    expect(await store.size('failed/small.bin')).toBeNull();

    await store.put('failed/kept.bin', Readable.from([Buffer.from('version 1')]));
    await expect(store.put('failed/kept.bin', failingAfter(6 * 1024 * 1024))).rejects.toThrow();
    expect((await bytesOf(store.read('failed/kept.bin'))).toString()).toBe('version 1');
  });

  it('putFile moves a finished local file to the key', async () => {
    const file = path.join(scratch, 'cog.tif');
    const bytes = randomBytes(2 * 1024 * 1024 + 3);
    await writeFile(file, bytes);
    const { size } = await store.putFile('surveys/s1/v1/cog.tif', file);
    expect(size).toBe(bytes.length);
    expect(existsSync(file)).toBe(false);
    expectBytes(await bytesOf(store.read('surveys/s1/v1/cog.tif')), bytes);
  });

  it('deletePrefix removes the keys under prefix/ and nothing else', async () => {
    const keys = ['del/p/a', 'del/p/b/c.tif', 'del/pp/a', 'del/q/p/a', 'del/p-x'];
    for (const key of keys) await store.put(key, Readable.from([Buffer.from(key)]));
    await store.deletePrefix('del/p');
    expect(await store.size('del/p/a')).toBeNull();
    expect(await store.size('del/p/b/c.tif')).toBeNull();
    for (const key of ['del/pp/a', 'del/q/p/a', 'del/p-x']) expect(await store.size(key)).toBe(key.length);
    await store.deletePrefix('del/nothing-here');
  });

  it('refuses keys that could escape the store', async () => {
    for (const key of ['../x', '/abs', 'a//b', 'a/../b', 'a/./b', '', 'a/']) {
      await expect(store.put(key, Readable.from([Buffer.from('x')])), key).rejects.toThrow(ValidationError);
      await expect(store.size(key), key).rejects.toThrow(ValidationError);
      await expect(store.open(key), key).rejects.toThrow(ValidationError);
      await expect(store.deletePrefix(key), key).rejects.toThrow(ValidationError);
      await writeFile(path.join(scratch, 'src.tif'), 'x');
      await expect(store.putFile(key, path.join(scratch, 'src.tif')), key).rejects.toThrow(ValidationError);
      expect(() => store.read(key), key).toThrow(ValidationError);
    }
  });

  it('putFile with an invalid key leaves the file where it was', async () => {
    const file = path.join(scratch, 'kept.tif');
    await writeFile(file, 'x');
    await expect(store.putFile('../escape.tif', file)).rejects.toThrow(ValidationError);
    expect(existsSync(file)).toBe(true);
  });

  it('answers null for the size of a missing key, and fails to read or open it', async () => {
    expect(await store.size('missing/key.tif')).toBeNull();
    await expect(bytesOf(store.read('missing/key.tif'))).rejects.toThrow();
    await expect(store.open('missing/key.tif')).rejects.toThrow();
  });
});
