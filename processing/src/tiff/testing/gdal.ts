/**
 * Test helper: rasterio (system Python) dumps reference pixels and masks of the files the reader
 * tests open, outside our code. GDAL itself is reached through ../../testing/gdal.ts.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PYTHON, sh } from '../../testing/gdal.ts';

const REFERENCE_SCRIPT = fileURLToPath(new URL('./rasterio.reference.py', import.meta.url));

export interface ReferenceJob {
  readonly path: string;
  /** null for full resolution, else rasterio's overview_level (0 = first overview). */
  readonly overview: number | null;
  /** Output prefix: <out>.data and <out>.mask. */
  readonly out: string;
}

/** Dumps every job's pixels and dataset mask with rasterio, in one Python process. */
export async function rasterioReference(jobs: ReadonlyArray<ReferenceJob>): Promise<void> {
  await sh(PYTHON, [REFERENCE_SCRIPT, JSON.stringify(jobs)]);
}

/** The reference of one job: samples as bytes (little-endian) and the mask. */
export async function loadReference(job: ReferenceJob): Promise<{ data: Uint8Array; mask: Uint8Array }> {
  const [data, mask] = await Promise.all([readFile(`${job.out}.data`), readFile(`${job.out}.mask`)]);
  return { data: new Uint8Array(data), mask: new Uint8Array(mask) };
}
