/**
 * Where tus keeps uploads in progress, and how a finished one reaches the store. With the local store:
 * a FileStore under DATA_DIR/uploads, and the finished file is renamed into the store. With an S3
 * store: @tus/s3-store in the same bucket under `<prefix>uploads/` (one multipart upload per tus
 * upload, parts of 8 MiB, a `.info` object for its metadata), so any api replica can take the next
 * PATCH; the finished object is copied on the S3 side to the survey's key, then it and its `.info`
 * are deleted. S3 needs parts of at least 5 MiB: a PATCH that ends on a smaller remainder leaves it
 * in a `.part` object that the next PATCH takes back.
 */
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { S3Store } from '@tus/s3-store';
import type { DataStore } from '@tus/server';
import { isS3Store } from '../storage/s3.store.ts';
import type { S3Settings } from '../storage/s3.config.ts';
import type { Store } from '../storage/store.ts';

/** Store key (under the store's prefix) of a tus upload's object; `.info` and `.part` sit beside it. */
export const tusUploadKey = (uploadId: string) => `uploads/${uploadId}`;

/** Puts the keys of an S3 request of @tus/s3-store under `prefix` (it has no prefix option of its own). */
function withKeyPrefix<T extends object>(input: T, prefix: string): T {
  const out = { ...input } as Record<string, unknown>;
  if (typeof out.Key === 'string') out.Key = prefix + out.Key;
  const del = out.Delete as { Objects?: Array<{ Key?: string }> } | undefined;
  if (del?.Objects)
    out.Delete = { ...del, Objects: del.Objects.map((o) => ({ ...o, Key: prefix + (o.Key ?? '') })) };
  return out as T;
}

/** @tus/s3-store with every key under `<store prefix>uploads/`. */
class PrefixedS3Store extends S3Store {
  constructor(settings: S3Settings) {
    super({ partSize: 8 * 1024 * 1024, s3ClientConfig: { ...settings.client, bucket: settings.bucket } });
    const prefix = settings.prefix + tusUploadKey('');
    this.client.middlewareStack.add(
      (next) => (args) => next({ ...args, input: withKeyPrefix(args.input, prefix) }),
      {
        step: 'initialize',
        name: 'belcheerTusKeyPrefix',
      },
    );
  }

  /** Termination: @tus/s3-store aborts the multipart upload but leaves a pending `.part` behind. */
  override async remove(id: string): Promise<void> {
    await super.remove(id);
    await this.deleteIncompletePart(id);
  }

  /**
   * Not used: listing the bucket's multipart uploads would reach beyond `uploads/`. Abandoned uploads
   * are for a bucket lifecycle rule (AbortIncompleteMultipartUpload) and the uploads table.
   */
  override async deleteExpired(): Promise<number> {
    return 0;
  }
}

/** The tus datastore for `store`: on the same disk as a local store, in the same bucket as an S3 one. */
export function tusDatastore(store: Store, directory: string): DataStore {
  return isS3Store(store) ? new PrefixedS3Store(store.settings) : new FileStore({ directory });
}

/** Moves the finished upload `uploadId` to `key` of the store; replaces `store.putFile(key, <file>)`. */
export async function finishTusUpload(
  store: Store,
  directory: string,
  uploadId: string,
  key: string,
): Promise<{ size: number }> {
  if (!isS3Store(store)) return store.putFile(key, path.join(directory, uploadId));
  const moved = await store.moveObject(tusUploadKey(uploadId), key);
  await store.deleteObject(`${tusUploadKey(uploadId)}.info`);
  return moved;
}
