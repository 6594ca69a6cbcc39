/**
 * An S3-compatible server for tests: @20minutes/s3rver (a maintained fork of s3rver, Node ≥ 20) in
 * this process, on a free loopback port, over a temporary folder that `close()` removes.
 * Two gaps of s3rver are filled here, from the S3 API reference, because @tus/s3-store needs them:
 * ListParts (GET ?uploadId) and AbortMultipartUpload (DELETE ?uploadId), over s3rver's own part files.
 * Others fixed here: truncated ListObjectsV2 listings fail on Node ≥ 17 (DES continuation tokens),
 * and concurrent deletes of keys in one folder (DeleteObjects) race on folder cleanup.
 * s3rver also answers `bytes=0-0` with the whole object; the store trims such answers (s3.range.ts).
 * Signatures: AWS SDK v3 signs bucket-level paths with a trailing slash (`/bucket/`) where s3rver
 * canonicalises `/bucket`, so mismatched signatures are accepted (the access key is still checked).
 * `requests` counts what the server received, e.g. `GET` for ranged reads.
 */
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { S3Config } from '../../api/src/config.ts';

interface KoaContext {
  readonly method: string;
  readonly path: string;
  query: Record<string, string | string[] | undefined>;
  readonly headers: Record<string, string | string[] | undefined>;
  status: number;
  body: unknown;
  type: string;
}
type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

interface S3rverApp {
  readonly middleware: Middleware[];
  readonly store: {
    getResourcePath(bucket: string, key: undefined, resource: string): string;
    deleteObject(bucket: string, key: string): Promise<void>;
  };
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverApp;

const S3rver = createRequire(import.meta.url)('@20minutes/s3rver') as S3rverClass;

export const S3_TEST_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface S3TestServer {
  readonly endpoint: string;
  readonly bucket: string;
  /** What `loadConfig` would give for S3_ENDPOINT=<endpoint> and the test keys. */
  readonly config: S3Config;
  /** Requests received, by "METHOD" (and "METHOD range" for ranged GETs). */
  readonly requests: Map<string, number>;
  /** Multipart uploads begun and neither completed nor aborted. */
  openMultipartUploads(): Promise<number>;
  close(): Promise<void>;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function s3Error(ctx: KoaContext, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.type = 'application/xml';
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xml(message)}</Message></Error>`;
}

/** ListParts and AbortMultipartUpload over s3rver's upload folders (`<uploads>/<id>/<n>`, `<n>.md5`). */
function multipartGaps(app: S3rverApp): Middleware {
  return async (ctx, next) => {
    const uploadId = ctx.query.uploadId;
    const match = /^\/([^/]+)\/(.+)$/.exec(ctx.path);
    const listing = ctx.method === 'GET' && !('partNumber' in ctx.query);
    if (typeof uploadId !== 'string' || !match || (!listing && ctx.method !== 'DELETE')) return next();
    const [, bucket = '', key = ''] = match;
    const dir = path.join(app.store.getResourcePath(bucket, undefined, 'uploads'), path.basename(uploadId));
    const names = await readdir(dir).catch(() => null);
    if (!names) return s3Error(ctx, 404, 'NoSuchUpload', `upload ${uploadId} does not exist`);
    if (ctx.method === 'DELETE') {
      await rm(dir, { recursive: true, force: true });
      ctx.status = 204;
      return;
    }
    const marker = Number(ctx.query['part-number-marker'] ?? 0);
    const numbers = names
      .filter((n) => /^\d+$/.test(n))
      .map(Number)
      .filter((n) => n > marker)
      .sort((a, b) => a - b);
    const parts = await Promise.all(
      numbers.map(async (n) => {
        const file = path.join(dir, String(n));
        const [info, md5] = await Promise.all([stat(file), readFile(`${file}.md5`, 'utf8')]);
        return `<Part><PartNumber>${n}</PartNumber><LastModified>${info.mtime.toISOString()}</LastModified><ETag>"${md5.trim()}"</ETag><Size>${info.size}</Size></Part>`;
      }),
    );
    ctx.status = 200;
    ctx.type = 'application/xml';
    ctx.body = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
      `<Bucket>${xml(bucket)}</Bucket><Key>${xml(decodeURIComponent(key))}</Key><UploadId>${xml(uploadId)}</UploadId>`,
      `<PartNumberMarker>${marker}</PartNumberMarker><NextPartNumberMarker>${numbers.at(-1) ?? marker}</NextPartNumberMarker>`,
      '<MaxParts>10000</MaxParts><IsTruncated>false</IsTruncated>',
      ...parts,
      '</ListPartsResult>',
    ].join('');
  };
}

/**
 * ListObjectsV2 through s3rver's V1 listing: s3rver encrypts V2 continuation tokens with DES, which
 * OpenSSL 3 (Node ≥ 17) refuses, so a truncated V2 listing fails. Here the token is the last key
 * (base64url), passed to V1 as `marker`, and the V1 answer is given V2's fields. Runs after s3rver's
 * XML encoder is installed, so it sees the answer as an object.
 */
const listObjectsV2: Middleware = async (ctx, next) => {
  const q = ctx.query;
  if (ctx.method !== 'GET' || q['list-type'] !== '2') return next();
  const token = typeof q['continuation-token'] === 'string' ? q['continuation-token'] : undefined;
  const startAfter = typeof q['start-after'] === 'string' ? q['start-after'] : undefined;
  const marker = token !== undefined ? Buffer.from(token, 'base64url').toString('utf8') : startAfter;
  const v1: Record<string, string | string[] | undefined> = { ...q, marker };
  for (const name of ['list-type', 'continuation-token', 'start-after', 'fetch-owner']) delete v1[name];
  ctx.query = v1;
  await next();
  const result = (ctx.body as { ListBucketResult?: Record<string, unknown> } | undefined)?.ListBucketResult;
  if (!result) return;
  const contents = ([] as Array<{ Key: string }>).concat((result.Contents as Array<{ Key: string }>) ?? []);
  const last = contents.at(-1)?.Key;
  delete result.Marker;
  delete result.NextMarker;
  result.KeyCount = contents.length;
  if (token !== undefined) result.ContinuationToken = token;
  else if (startAfter !== undefined) result.StartAfter = startAfter;
  if (result.IsTruncated && last !== undefined) {
    result.NextContinuationToken = Buffer.from(last, 'utf8').toString('base64url');
  }
};

export async function startS3Server(bucket = 'belcheer-test'): Promise<S3TestServer> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'belcheer-s3-'));
  const app = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: process.env.S3_DEBUG !== '1',
    directory,
    vhostBuckets: false,
    allowMismatchedSignatures: true,
    configureBuckets: [{ name: bucket }],
  });
  const requests = new Map<string, number>();
  const counter: Middleware = async (ctx, next) => {
    const name = ctx.method + (ctx.headers.range ? ' range' : '');
    requests.set(name, (requests.get(name) ?? 0) + 1);
    await next();
  };
  app.middleware.unshift(counter, multipartGaps(app));
  // After s3rver's logger and XML encoder (now at 2 and 3), before its routes.
  app.middleware.splice(4, 0, listObjectsV2);
  // DeleteObjects deletes its keys concurrently, and each delete then removes its emptied folders:
  // two of them race on the same folder and one fails with ENOENT, after its object is gone.
  const deleteObject = app.store.deleteObject.bind(app.store);
  app.store.deleteObject = (b, k) =>
    deleteObject(b, k).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  const { port } = await app.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    config: {
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { ...S3_TEST_CREDENTIALS, sessionToken: null },
    },
    requests,
    async openMultipartUploads() {
      const uploads = app.store.getResourcePath(bucket, undefined, 'uploads');
      return (await readdir(uploads).catch(() => [])).length;
    },
    async close() {
      await app.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
