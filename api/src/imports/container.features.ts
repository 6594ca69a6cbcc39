/**
 * The container formats for other importers (field plots): a zipped Shapefile, KML/KMZ or GeoPackage
 * held in memory → its features in EPSG:4326 through the same readers and safety checks as the
 * pasture-unit import; null for GeoJSON and CSV, which the caller reads itself. The bytes are written to
 * a temporary folder (the readers work on files) that is removed before returning.
 * Reference: issue 7 "Import" (field plots too).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PayloadTooLargeError } from '@belcheer/processing';
import type { ImportFormat, SourceFeature } from './import.source.ts';
import { openSource } from './open.source.ts';
import { sniff } from './sniff.ts';

export async function containerFeatures(
  bytes: Buffer,
  options: { readonly crs?: string; readonly maxFeatures: number },
): Promise<{ format: ImportFormat; features: SourceFeature[] } | null> {
  const kind = sniff(bytes.subarray(0, 64));
  if (kind === 'json' || kind === 'csv') return null;
  const dir = await mkdtemp(path.join(tmpdir(), 'belcheer-import-'));
  try {
    const file = path.join(dir, 'upload');
    await writeFile(file, bytes);
    const source = await openSource(file, { crs: options.crs, workDir: dir });
    try {
      const features: SourceFeature[] = [];
      for await (const f of source.features) {
        if (features.length >= options.maxFeatures)
          throw new PayloadTooLargeError(
            `the file has more than ${options.maxFeatures} features; at most ${options.maxFeatures} are imported at once — split it`,
          );
        features.push(f);
      }
      return { format: source.format, features };
    } finally {
      source.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
