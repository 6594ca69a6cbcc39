/**
 * The store that STORAGE names: a local folder path (default DATA_DIR/store) or `s3://bucket/prefix`
 * with the S3_* / AWS_* settings (`config.s3`), e.g. `openStore(config.storage, config.s3)`.
 */
import path from 'node:path';
import { ConfigError, type S3Config } from '../config.ts';
import { createLocalStore } from './local.store.ts';
import { s3Settings } from './s3.config.ts';
import { createS3Store } from './s3.store.ts';
import type { Store } from './store.ts';

export function openStore(storage: string, s3?: S3Config): Store {
  if (/^s3:\/\//i.test(storage)) {
    // Without the settings an S3_ENDPOINT would be ignored and the requests would go to AWS.
    if (!s3)
      throw new ConfigError(
        `STORAGE=${storage}: the S3 settings were not passed (openStore(storage, config.s3))`,
      );
    return createS3Store(s3Settings(storage, s3));
  }
  return createLocalStore(path.resolve(storage.replace(/^file:\/\//, '')));
}
