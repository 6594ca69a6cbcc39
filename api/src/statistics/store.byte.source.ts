/**
 * The opener module of the statistics threads (processing ZonalPool): a store key read by ranges from
 * the store that STORAGE names, opened in the thread from the settings it is sent.
 * Reference: processing/src/stats/zonal.threads.ts (ZonalThreadJob.opener).
 */
import type { ByteSource } from '@belcheer/processing';
import type { S3Config } from '../config.ts';
import { openStore } from '../storage/open.store.ts';

/** What a statistics thread opens: a key of the store `storage` (with its S3 settings). */
export interface StoreRaster {
  readonly storage: string;
  readonly s3: S3Config;
  readonly key: string;
}

export function openByteSource(raster: unknown): Promise<ByteSource & { close(): Promise<void> }> {
  const { storage, s3, key } = raster as StoreRaster;
  return openStore(storage, s3).open(key);
}
