/**
 * The imagery store: one interface over a local folder (default) and, for scale, S3-compatible object
 * storage. Keys are relative paths such as `surveys/<id>/v2/cog.tif`. Writes are atomic: a key becomes
 * visible only once its bytes are complete, so a crash never leaves a half-written file behind a key.
 */
import type { Readable } from 'node:stream';
import type { ByteSource } from '@belcheer/processing';
import { ValidationError } from '@belcheer/processing';

export interface ByteRange {
  /** First byte, inclusive. */
  readonly start: number;
  /** Last byte, inclusive. */
  readonly end: number;
}

export interface Store {
  readonly kind: 'local' | 's3';
  /** Streams `body` to `key`, atomically. */
  put(key: string, body: Readable): Promise<{ size: number }>;
  /** Moves a finished local file to `key` (a rename when the store is on the same disk). */
  putFile(key: string, file: string): Promise<{ size: number }>;
  /** Size in bytes, or null when the key does not exist. */
  size(key: string): Promise<number | null>;
  /** The bytes of `key`, or of a range of it. */
  read(key: string, range?: ByteRange): Readable;
  /** Random access for the kernels. Call `close` when done. */
  open(key: string): Promise<ByteSource & { close(): Promise<void> }>;
  /** Deletes every key under `prefix/`. */
  deletePrefix(prefix: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;

/** Refuses keys that could escape the store (`..`, absolute paths, empty segments). */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((s) => s === '.' || s === '..')) {
    throw new ValidationError(`invalid storage key "${key}"`);
  }
  return key;
}
