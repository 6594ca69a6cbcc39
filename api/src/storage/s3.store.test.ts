/**
 * What the S3 store does beyond the Store contract (store.contract.test.ts), against an in-process
 * s3rver: keys live under the STORAGE prefix, failed uploads leave no multipart upload behind,
 * deletePrefix pages past 1000 keys, moveObject copies on the server (in parts above the copy limit),
 * and open() sources read ahead so small nearby reads share one GET.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startS3Server, type S3TestServer } from '../../../tests/support/s3-server.ts';
import { openStore } from './open.store.ts';
import { s3ClientConfig } from './s3.config.ts';
import { createS3Store, isS3Store, type S3Store } from './s3.store.ts';

let server: S3TestServer;
let raw: S3Client;

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function bucketKeys(prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await raw.send(
      new ListObjectsV2Command({ Bucket: server.bucket, Prefix: prefix, ContinuationToken }),
    );
    for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return keys.sort();
}

function store(prefix: string, options: Parameters<typeof createS3Store>[1] = {}): S3Store {
  return createS3Store({ bucket: server.bucket, prefix, client: s3ClientConfig(server.config) }, options);
}

beforeAll(async () => {
  server = await startS3Server();
  raw = new S3Client(s3ClientConfig(server.config));
});
afterAll(async () => {
  raw.destroy();
  await server.close();
});

describe('S3 store', () => {
  it('is what openStore gives for STORAGE=s3://bucket/prefix, with keys under the prefix', async () => {
    const s = openStore(`s3://${server.bucket}/belcheer/prod`, server.config);
    expect(s.kind).toBe('s3');
    expect(isS3Store(s)).toBe(true);
    await s.put('surveys/a/v1/source.tif', Readable.from([Buffer.from('tiff')]));
    expect(await bucketKeys('belcheer/')).toEqual(['belcheer/prod/surveys/a/v1/source.tif']);

    const other = openStore(`s3://${server.bucket}/belcheer/staging/`, server.config);
    expect(await other.size('surveys/a/v1/source.tif')).toBeNull();
    await other.deletePrefix('surveys');
    expect(await s.size('surveys/a/v1/source.tif')).toBe(4);
  });

  it('aborts the multipart upload of a body that fails', async () => {
    const s = store('abort/', { partBytes: 5 * 1024 * 1024 });
    let sent = 0;
    const body = new Readable({
      read() {
        if (sent >= 16 * 1024 * 1024) return this.destroy(new Error('connection reset'));
        sent += 1024 * 1024;
        this.push(randomBytes(1024 * 1024));
      },
    });
    await expect(s.put('big.bin', body)).rejects.toThrow('connection reset');
    expect(await server.openMultipartUploads()).toBe(0);
    expect(await bucketKeys('abort/')).toEqual([]);
  });

  it('deletePrefix pages through more than 1000 keys', async () => {
    const s = store('many/');
    const keys = Array.from({ length: 1010 }, (_, i) => `gone/k${i}`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(keys.slice(i, i + 50).map((k) => s.put(k, Readable.from([Buffer.from('x')]))));
    }
    await s.put('kept/k', Readable.from([Buffer.from('x')]));
    await s.deletePrefix('gone');
    expect(await bucketKeys('many/')).toEqual(['many/kept/k']);
  });

  it.each([
    ['one CopyObject', {}],
    [
      'UploadPartCopy parts above the copy limit',
      { singleCopyLimit: 1024 * 1024, partBytes: 5 * 1024 * 1024 },
    ],
  ])('moveObject copies on the server (%s) and removes the source', async (_name, copy) => {
    const s = store('move/', { copy });
    const data = randomBytes(12 * 1024 * 1024 + 7);
    await s.put('uploads/abc', Readable.from([data]));
    expect(await s.moveObject('uploads/abc', 'surveys/x/v1/source.tif')).toEqual({ size: data.length });
    expect(await s.size('uploads/abc')).toBeNull();
    expect((await bytesOf(s.read('surveys/x/v1/source.tif'))).equals(data)).toBe(true);
    await expect(s.moveObject('uploads/abc', 'surveys/x/v2/source.tif')).rejects.toThrow('not found');
    await s.deletePrefix('surveys');
  });

  describe('read-ahead of open() sources', () => {
    const data = randomBytes(1024 * 1024);
    beforeAll(async () => {
      await store('ra/').put('file.bin', Readable.from([data]));
    });
    beforeEach(() => server.requests.clear());

    it('serves small reads within 64 KiB blocks from one GET', async () => {
      const source = await store('ra/').open('file.bin');
      const reads = Array.from({ length: 20 }, (_, i) => [100_000 + i * 1500, 700] as const);
      for (const [offset, length] of reads) {
        expect(
          Buffer.from(await source.fetch(offset, length)).equals(data.subarray(offset, offset + length)),
        ).toBe(true);
      }
      expect(server.requests.get('GET range')).toBe(1);
      await source.close();
    });

    it('shares one GET between concurrent reads of the same block', async () => {
      const source = await store('ra/').open('file.bin');
      const got = await Promise.all([
        source.fetch(200_000, 10),
        source.fetch(200_100, 10),
        source.fetch(200_200, 10),
      ]);
      expect(got.map((b) => Buffer.from(b).toString('hex'))).toEqual(
        [200_000, 200_100, 200_200].map((o) => data.subarray(o, o + 10).toString('hex')),
      );
      expect(server.requests.get('GET range')).toBe(1);
    });

    it('fetches reads of a block or more as asked, and every read without read-ahead', async () => {
      const source = await store('ra/').open('file.bin');
      await source.fetch(0, 256 * 1024);
      await source.fetch(0, 1000);
      expect(server.requests.get('GET range')).toBe(2);
      server.requests.clear();
      const plain = await store('ra/', { readAhead: false }).open('file.bin');
      for (let i = 0; i < 5; i++) await plain.fetch(300_000 + i * 100, 50);
      expect(server.requests.get('GET range')).toBe(5);
    });
  });
});
