/**
 * The `export.build` job: one survey package. Reads as the user who asked (their organisations'
 * data only), renders `imagery.pmtiles` and `vectors.pmtiles` into a temporary folder, zips them with
 * the style and README, and moves the three files to `exports/<id>/` in the store; progress goes to
 * the export row and the job (tiles 0–95 %, packing the rest). A failure is recorded on the export,
 * as final when the queue will not retry.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readableOrganisations } from '../auth/caller.ts';
import type { HandlerDeps } from '../jobs/handlers.ts';
import { isPermanent, PermanentJobError, type JobContext, type JobHandler } from '../jobs/worker.ts';
import { getSurveyRecord } from '../surveys/surveys.repository.ts';
import { assetSource } from '../tiles/survey.sources.ts';
import { createVectorTileService } from '../vector-tiles/vector.tiles.service.ts';
import { buildArchive } from './archive.build.ts';
import { exportPrefix, type PackageFile } from './export.keys.ts';
import type { ExportPayload } from './exports.service.ts';
import * as repo from './exports.repository.ts';
import { packageReadme, packageStyle } from './package.style.ts';
import { writeZip } from './package.zip.ts';
import { rasterPlan } from './raster.archive.ts';
import { packageBounds, packageLayers, vectorPlan } from './vector.archive.ts';

/** Share of the progress bar the tiles take; zipping and storing the files take the rest. */
const TILES_PERCENT = 95;

function parsePayload(payload: unknown): ExportPayload {
  const p = payload as Partial<ExportPayload> | null;
  if (!p || typeof p.exportId !== 'string') throw new PermanentJobError('malformed export.build payload');
  return { exportId: p.exportId };
}

/** Counts finished tiles and reports each whole percent once. */
function tileProgress(total: number, report: (percent: number) => Promise<void>) {
  let done = 0;
  let reported = 0;
  return async () => {
    done++;
    // The pyramid may visit a few tiles more or fewer than its bbox counts (it follows the footprint).
    const percent = Math.min(TILES_PERCENT, Math.floor((done / Math.max(1, total)) * TILES_PERCENT));
    if (percent > reported) {
      reported = percent;
      await report(percent);
    }
  };
}

export function createExportBuilder({ db, store, logger, rendering }: HandlerDeps): JobHandler {
  const vectors = createVectorTileService(db);

  async function build(id: string, record: repo.ExportRecord, ctx: JobContext, dir: string) {
    const caller = await repo.exportCaller(db, record.userId);
    if (!caller) throw new PermanentJobError(`the user who asked for export ${id} is disabled or gone`);
    const survey = await getSurveyRecord(db, readableOrganisations(caller), record.params.survey);
    const report = async (percent: number) => {
      await repo.setProgress(db, id, percent);
      await ctx.progress(percent);
    };
    const raster = rasterPlan(
      rendering,
      assetSource(store, survey, 'cog').key,
      survey,
      record.params.format,
      dir,
    );
    const vector = vectorPlan(vectors, caller, survey, await packageBounds(db, survey), dir);
    const onTile = tileProgress(raster.tileCount + vector.tileCount, report);
    const files: Record<Exclude<PackageFile, 'package.zip'>, string> = {
      'imagery.pmtiles': path.join(dir, 'imagery.pmtiles'),
      'vectors.pmtiles': path.join(dir, 'vectors.pmtiles'),
    };
    const started = Date.now();
    const imagery = await buildArchive(files['imagery.pmtiles'], raster, onTile, ctx.signal);
    const vectorTiles = await buildArchive(files['vectors.pmtiles'], vector, onTile, ctx.signal);
    const layers = packageLayers();
    const zip = path.join(dir, 'package.zip');
    await writeZip(zip, files, {
      'style.json': JSON.stringify(packageStyle(survey, imagery.maxZoom, layers), null, 2),
      'README.txt': packageReadme(survey, layers),
    });
    const sizes: Partial<Record<PackageFile, number>> = {};
    for (const [name, file] of Object.entries({ ...files, 'package.zip': zip })) {
      sizes[name as PackageFile] = (await store.putFile(`${exportPrefix(id)}/${name}`, file)).size;
    }
    await repo.markReady(db, id, exportPrefix(id), sizes);
    logger.info(
      {
        export: id,
        survey: survey.survey.id,
        ms: Date.now() - started,
        imagery,
        vectors: vectorTiles,
        sizes,
      },
      'survey package ready',
    );
  }

  return async (payload, ctx) => {
    const { exportId } = parsePayload(payload);
    const record = await repo.getExport(db, null, exportId);
    if (record.status === 'ready') return;
    await repo.markRunning(db, exportId);
    const dir = await mkdtemp(path.join(tmpdir(), 'belcheer-export-'));
    try {
      await build(exportId, record, ctx, dir);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await repo.markFailed(db, exportId, message, isPermanent(err) || ctx.attempt >= ctx.maxAttempts);
      throw err;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
