/**
 * tus uploads kept by `tusDatastore` and finished by `finishTusUpload`, for the local store and for
 * S3 (an in-process s3rver): a 13 MB upload in PATCHes of 3, 6 and 4 MB — smaller than S3's 5 MiB
 * part minimum on purpose — resumed through a second tus server with its own datastore (another
 * replica), then moved to the survey's key. Requests follow the tus 1.0 protocol text.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Server } from '@tus/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type S3TestServer } from '../../../tests/support/s3-server.ts';
import { createLocalStore } from '../storage/local.store.ts';
import { s3ClientConfig } from '../storage/s3.config.ts';
import { createS3Store } from '../storage/s3.store.ts';
import type { Store } from '../storage/store.ts';
import { finishTusUpload, tusDatastore } from './tus.datastore.ts';

const TUS = { 'Tus-Resumable': '1.0.0' };
const KEY = 'surveys/0b6f3f7e-0000-4000-8000-000000000001/v1/source.tif';

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A tus server (one "replica") over `store`, listening on a free loopback port. */
async function replica(store: Store, directory: string) {
  const tus = new Server({
    path: '/files',
    datastore: tusDatastore(store, directory),
    async onUploadFinish(_req, upload) {
      await finishTusUpload(store, directory, upload.id, KEY);
      return {};
    },
  });
  const server = http.createServer((req, res) => void tus.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function patch(url: string, offset: number, body: Uint8Array): Promise<number> {
  const res = await fetch(url, {
    method: 'PATCH',
    headers: { ...TUS, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
    body,
  });
  expect(res.status, await res.clone().text()).toBe(204);
  return Number(res.headers.get('upload-offset'));
}

let s3: S3TestServer;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(() => s3.close());

describe.each(['local', 's3'] as const)('tus datastore: %s store', (kind) => {
  let store: Store;
  let directory: string;
  const listUploads = async (): Promise<string[]> => {
    if (kind === 'local') return [];
    const raw = new S3Client(s3ClientConfig(s3.config));
    const page = await raw.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'tus/uploads/' }));
    raw.destroy();
    return (page.Contents ?? []).map((o) => o.Key ?? '');
  };

  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'belcheer-tus-'));
    store =
      kind === 'local'
        ? createLocalStore(path.join(directory, 'store'))
        : createS3Store({ bucket: s3.bucket, prefix: 'tus/', client: s3ClientConfig(s3.config) });
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('takes an upload in small PATCHes across two replicas and moves it to the survey key', async () => {
    const data = randomBytes(13 * 1024 * 1024 + 99);
    const a = await replica(store, path.join(directory, 'uploads'));
    const b = await replica(store, path.join(directory, 'uploads'));
    try {
      const created = await fetch(`${a.base}/files`, {
        method: 'POST',
        headers: { ...TUS, 'Upload-Length': String(data.length) },
      });
      expect(created.status).toBe(201);
      const location = new URL(created.headers.get('location') ?? '', a.base).pathname;
      let offset = await patch(a.base + location, 0, data.subarray(0, 3 * 1024 * 1024));
      offset = await patch(a.base + location, offset, data.subarray(offset, 9 * 1024 * 1024));
      expect(offset).toBe(9 * 1024 * 1024);

      const head = await fetch(b.base + location, { method: 'HEAD', headers: TUS });
      expect(head.headers.get('upload-offset')).toBe(String(9 * 1024 * 1024));
      offset = await patch(b.base + location, offset, data.subarray(offset));
      expect(offset).toBe(data.length);

      expect(await store.size(KEY)).toBe(data.length);
      expect((await bytesOf(store.read(KEY))).equals(data)).toBe(true);
      expect(await listUploads()).toEqual([]);
      if (kind === 's3') expect(await s3.openMultipartUploads()).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('terminates an upload in progress (DELETE)', async () => {
    const a = await replica(store, path.join(directory, 'uploads'));
    try {
      const created = await fetch(`${a.base}/files`, {
        method: 'POST',
        headers: { ...TUS, 'Upload-Length': String(12 * 1024 * 1024) },
      });
      const url = a.base + new URL(created.headers.get('location') ?? '', a.base).pathname;
      await patch(url, 0, randomBytes(3 * 1024 * 1024)); // held in a .part object on S3
      const gone = await fetch(url, { method: 'DELETE', headers: TUS });
      expect(gone.status).toBe(204);
      expect((await fetch(url, { method: 'HEAD', headers: TUS })).status).toBe(404);
      if (kind === 's3') expect(await s3.openMultipartUploads()).toBe(0);
      expect(await listUploads()).toEqual([]);
    } finally {
      await a.close();
    }
  });
});
