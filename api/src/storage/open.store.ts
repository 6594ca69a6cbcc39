/**
 * The store that STORAGE names: a local folder path (default DATA_DIR/store) or `s3://bucket/prefix`.
 */
import path from 'node:path';
import { ConfigError } from '../config.ts';
import { createLocalStore } from './local.store.ts';
import type { Store } from './store.ts';

export function openStore(storage: string): Store {
  if (/^s3:\/\//i.test(storage)) {
    throw new ConfigError(
      `STORAGE=${storage}: S3-compatible storage is not available in this build yet; use a local folder`,
    );
  }
  return createLocalStore(path.resolve(storage.replace(/^file:\/\//, '')));
}
