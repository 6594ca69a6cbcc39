/**
 * writeCog: a raster in, a Cloud Optimized GeoTIFF out, in bounded memory. Tiles of every level
 * are compressed into per-level temporary files while the source is read once, top to bottom;
 * then the header (whose offsets are now known) and the level files, smallest overview first,
 * go to the output. A path output is written beside its target and renamed into place; temporary
 * files are removed whatever happens.
 * Reference: SPEC §2.1 "Conversion to a Cloud Optimized GeoTIFF"; DESIGN.md "cog/".
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ByteSink, RasterReader } from '../raster/types.ts';
import { buildHeader } from './cog.header.ts';
import type { CogOptions } from './cog.options.ts';
import { deflateLevelOf } from './cog.options.ts';
import type { CogPlan, LevelSize } from './cog.plan.ts';
import { planCog } from './cog.plan.ts';
import { feedPyramid } from './feed.pyramid.ts';
import { FileSink } from './file.sink.ts';
import { LevelFile } from './level.file.ts';
import { Pyramid } from './pyramid.ts';
import { TileDeflater } from './tile.deflate.ts';

/** A local file path (written atomically), or any sequential sink: closed on success, left open on failure. */
export type CogOutput = { readonly path: string } | ByteSink;

export interface CogResult {
  /** Size of the written file in bytes. */
  readonly bytes: number;
  readonly bigTiff: boolean;
  /** Full resolution, then each overview. */
  readonly levels: ReadonlyArray<LevelSize>;
  /** True when an internal 1-bit mask was written (alpha and nodata need none). */
  readonly mask: boolean;
}

/** Fraction 0–1 of the work done. */
export type CogProgress = (fraction: number) => void;

/** Share of the progress bar for reading and compressing; the rest is copying into the output. */
const PIXEL_SHARE = 0.9;

interface Job {
  readonly reader: RasterReader;
  readonly plan: CogPlan;
  readonly deflater: TileDeflater;
  readonly forceBigTiff: boolean;
  readonly onProgress: CogProgress;
}

async function writeToSink(job: Job, sink: ByteSink, tempDir: string): Promise<CogResult> {
  const { reader, plan, deflater, onProgress } = job;
  const withMask = plan.rule.kind === 'mask';
  const dir = await mkdtemp(join(tempDir, '.belcheer-cog-'));
  const files: LevelFile[] = [];
  try {
    for (const [l, level] of plan.levels.entries()) {
      files.push(await LevelFile.create(join(dir, `level-${l}`), level.tilesX * level.tilesY, withMask));
    }
    const pyramid = new Pyramid(plan, files, deflater);
    await feedPyramid(reader, plan, pyramid, (done, total) => onProgress((PIXEL_SHARE * done) / total));
    for (const file of files) await file.flush();

    const header = buildHeader(plan, files, job.forceBigTiff);
    await sink.write(header.bytes);
    const dataBytes = files.reduce((sum, f) => sum + f.size, 0);
    let copied = 0;
    for (const file of [...files].reverse()) {
      await file.copyTo(sink, (n) => {
        copied += n;
        onProgress(PIXEL_SHARE + ((1 - PIXEL_SHARE) * copied) / dataBytes);
      });
    }
    onProgress(1);
    return {
      bytes: header.bytes.length + dataBytes,
      bigTiff: header.bigTiff,
      levels: plan.levels,
      mask: withMask,
    };
  } finally {
    await Promise.allSettled(files.map((f) => f.close()));
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Writes `reader`'s raster as a COG: 512 px tiles, DEFLATE with predictor, overviews down to
 * ≤ 512 px averaged with respect to alpha / mask / nodata, IFDs first. See CogOptions.
 */
export async function writeCog(
  reader: RasterReader,
  out: CogOutput,
  options: CogOptions = {},
  onProgress: CogProgress = () => undefined,
): Promise<CogResult> {
  const job: Job = {
    reader,
    plan: planCog(reader.info, options.bandMetadata),
    deflater: new TileDeflater(deflateLevelOf(options)),
    forceBigTiff: options.forceBigTiff ?? false,
    onProgress,
  };
  if (!('path' in out)) {
    const result = await writeToSink(job, out, options.tempDir ?? tmpdir());
    await out.close();
    return result;
  }
  const partial = `${out.path}.${randomUUID()}.partial`;
  const sink = await FileSink.create(partial);
  try {
    const result = await writeToSink(job, sink, options.tempDir ?? dirname(out.path));
    await sink.close();
    await rename(partial, out.path);
    return result;
  } catch (error) {
    await sink.abort().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}
