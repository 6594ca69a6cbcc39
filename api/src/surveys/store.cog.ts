/**
 * Writes a COG into the store: built in a temporary folder by the streaming writer, then moved in
 * under its key; skipped when the key is already stored (so a rerun of a job reuses finished steps).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeCog, type CogOptions, type CogProgress, type RasterReader } from '@belcheer/processing';
import type { Store } from '../storage/store.ts';

/** What to write: the raster and the writer's options, prepared only when the key is missing. */
export interface CogSource {
  readonly reader: RasterReader;
  readonly options?: CogOptions;
}

/** The stored size of `key`, writing the prepared raster as a COG there first unless it exists. */
export async function storeCog(
  store: Store,
  key: string,
  prepare: () => Promise<CogSource> | CogSource,
  onProgress: CogProgress = () => undefined,
): Promise<number> {
  const existing = await store.size(key);
  if (existing !== null) return existing;
  const dir = await mkdtemp(path.join(tmpdir(), 'belcheer-cog-'));
  try {
    const out = path.join(dir, 'out.tif');
    const { reader, options } = await prepare();
    await writeCog(reader, { path: out }, options, onProgress);
    return (await store.putFile(key, out)).size;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
