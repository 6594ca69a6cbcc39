/**
 * The S3-compatible store (STORAGE=s3://bucket/prefix): AWS S3, MinIO, Ceph RGW, Garage…
 * Writes stream as multipart uploads (@aws-sdk/lib-storage, 8 MiB parts, a few in flight): an object
 * appears only when its upload completes and a failed upload is aborted, so writes are atomic as the
 * Store interface asks. Reads are ranged GETs; `open` pins the object's ETag (If-Match), so an object
 * replaced while it is read fails the read instead of mixing two versions. `deletePrefix` lists and
 * deletes in batches of 1000. `moveObject` (for finished tus uploads) copies on the server side;
 * it and `deleteObject` are S3-only extensions of the Store interface.
 */
import { createReadStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { PassThrough, Readable, Transform, pipeline } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { ValidationError } from '@belcheer/processing';
import { checkKey, type ByteRange, type Store } from './store.ts';
import type { S3Settings } from './s3.config.ts';
import { copyObject, type CopyOptions } from './s3.copy.ts';
import { isInvalidRange, isMissingObject, isPreconditionFailed, missingKey } from './s3.errors.ts';
import { readAheadSource, type ReadAheadOptions } from './read.ahead.ts';
import { RangeTrim, answeredStart, trimBytes } from './s3.range.ts';

export interface S3Store extends Store {
  readonly kind: 's3';
  /** Bucket, key prefix and client options, e.g. for the tus datastore on the same bucket. */
  readonly settings: S3Settings;
  /** Moves `fromKey` to `toKey` by a server-side copy, then deletes `fromKey`. */
  moveObject(fromKey: string, toKey: string): Promise<{ size: number }>;
  /** Deletes one key (nothing happens when it does not exist). */
  deleteObject(key: string): Promise<void>;
}

export interface S3StoreOptions {
  /** Multipart upload part size (default 8 MiB; S3's minimum is 5 MiB). */
  readonly partBytes?: number;
  /** Parts uploaded at once; memory held is about partBytes × (queueSize + 1). */
  readonly queueSize?: number;
  readonly copy?: CopyOptions;
  /** Read-ahead of `open()` sources; `false` fetches every range as asked. */
  readonly readAhead?: ReadAheadOptions | false;
}

const MAX_UPLOAD_PARTS = 10_000;

export function isS3Store(store: Store): store is S3Store {
  return store.kind === 's3' && 'moveObject' in store;
}

function checkRange(range: ByteRange): string {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new ValidationError(`invalid byte range ${start}-${end}`);
  }
  return `bytes=${start}-${end}`;
}

/** The body of a GetObject answer as a Node stream (what the SDK returns on Node). */
function nodeBody(body: unknown, key: string): Readable {
  if (body instanceof Readable) return body;
  throw new Error(`GET ${key}: the S3 client returned no Node stream`);
}

export function createS3Store(settings: S3Settings, options: S3StoreOptions = {}): S3Store {
  const client = new S3Client(settings.client);
  const Bucket = settings.bucket;
  const objectKey = (key: string) => settings.prefix + checkKey(key);
  const partBytes = options.partBytes ?? 8 * 1024 * 1024;
  const queueSize = options.queueSize ?? 4;

  /** Uploads `body` to `key`; lib-storage aborts the multipart upload when `body` fails. */
  async function upload(key: string, body: Readable, size?: number): Promise<void> {
    const partSize = size === undefined ? partBytes : Math.max(partBytes, Math.ceil(size / MAX_UPLOAD_PARTS));
    await new Upload({
      client,
      params: { Bucket, Key: key, Body: body, ...(size === undefined ? {} : { ContentLength: size }) },
      partSize,
      queueSize,
      leavePartsOnError: false,
    }).done();
  }

  async function head(key: string): Promise<{ size: number; etag: string | undefined } | null> {
    try {
      const res = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
      return { size: res.ContentLength ?? 0, etag: res.ETag };
    } catch (err) {
      if (isMissingObject(err)) return null;
      throw err;
    }
  }

  return {
    kind: 's3',
    settings,

    async put(key: string, body: Readable) {
      const target = objectKey(key);
      let size = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          callback(null, chunk);
        },
      });
      let failure: unknown = null;
      pipeline(body, counted, (err) => {
        if (err) failure = err;
      });
      try {
        await upload(target, counted);
      } catch (err) {
        counted.destroy();
        throw failure ?? err;
      }
      if (failure) throw failure;
      return { size };
    },

    async putFile(key: string, file: string) {
      const target = objectKey(key);
      const { size } = await stat(file);
      const body = createReadStream(file);
      try {
        await upload(target, body, size);
      } finally {
        body.destroy();
      }
      await unlink(file);
      return { size };
    },

    async size(key: string) {
      return (await head(objectKey(key)))?.size ?? null;
    },

    read(key: string, range?: ByteRange) {
      const target = objectKey(key);
      const Range = range ? checkRange(range) : undefined;
      const out = new PassThrough();
      const abort = new AbortController();
      out.once('close', () => abort.abort());
      client
        .send(new GetObjectCommand({ Bucket, Key: target, Range }), { abortSignal: abort.signal })
        .then((res) => {
          const body = nodeBody(res.Body, key);
          if (!range) return pipelineAsync(body, out);
          const skip = range.start - answeredStart(res.ContentRange, `${key} ${Range}`);
          if (skip < 0) throw new Error(`GET ${key} ${Range}: the answer starts after the range`);
          return pipelineAsync(body, new RangeTrim(skip, range.end - range.start + 1), out);
        })
        .catch((err: unknown) => {
          if (isInvalidRange(err)) out.end();
          else out.destroy(isMissingObject(err) ? missingKey(key) : (err as Error));
        });
      return out;
    },

    async open(key: string) {
      const target = objectKey(key);
      const found = await head(target);
      if (!found) throw missingKey(key);
      const { size, etag } = found;
      const fetchRange = async (offset: number, length: number): Promise<Uint8Array> => {
        try {
          const res = await client.send(
            new GetObjectCommand({
              Bucket,
              Key: target,
              Range: `bytes=${offset}-${offset + length - 1}`,
              ...(etag ? { IfMatch: etag } : {}),
            }),
          );
          const bytes = (await res.Body?.transformToByteArray()) ?? new Uint8Array(0);
          const answered = answeredStart(res.ContentRange, `${key} bytes=${offset}-`);
          return trimBytes(bytes, answered, offset, length);
        } catch (err) {
          if (isPreconditionFailed(err))
            throw new Error(`storage key "${key}" was replaced while it was read`, { cause: err });
          if (isMissingObject(err)) throw missingKey(key);
          throw err;
        }
      };
      const exact = async (offset: number, length: number) => {
        const len = Math.max(0, Math.min(length, size - offset));
        return len === 0 ? new Uint8Array(0) : fetchRange(offset, len);
      };
      const source =
        options.readAhead === false
          ? { size, fetch: exact }
          : readAheadSource(size, exact, options.readAhead);
      return {
        size,
        fetch: (offset: number, length: number) => source.fetch(offset, length),
        close: async () => {},
      };
    },

    async deletePrefix(prefix: string) {
      const Prefix = `${objectKey(prefix)}/`;
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken }));
        const Objects = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
        if (Objects.length > 0) {
          const res = await client.send(
            new DeleteObjectsCommand({ Bucket, Delete: { Objects, Quiet: true } }),
          );
          const failed = res.Errors ?? [];
          if (failed.length > 0) {
            const first = failed[0];
            throw new Error(
              `deleting ${prefix}/: ${failed.length} object(s) not deleted, e.g. ${first?.Key}: ${first?.Code} ${first?.Message}`,
            );
          }
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },

    async moveObject(fromKey: string, toKey: string) {
      const from = objectKey(fromKey);
      const to = objectKey(toKey);
      const found = await head(from);
      if (!found) throw missingKey(fromKey);
      await copyObject(client, Bucket, from, to, found.size, options.copy);
      await client.send(new DeleteObjectCommand({ Bucket, Key: from }));
      return { size: found.size };
    },

    async deleteObject(key: string) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },
  };
}
