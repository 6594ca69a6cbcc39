/**
 * The job kinds Belcheer runs and their handlers, shared by the in-process worker and `npm run worker`.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { Store } from '../storage/store.ts';
import type { TileRendering } from '../tiles/tile.render.ts';
import type { JobHandler, PeriodicJob } from './worker.ts';
import { PROCESS_JOB, PRODUCT_JOB } from '../surveys/survey.keys.ts';
import { createSurveyProcessor } from '../surveys/survey.process.ts';
import { ANALYSIS_JOB } from '../analysis/analysis.queue.ts';
import { createAnalysisJob } from '../analysis/analysis.job.ts';
import { createProductBuilder } from '../surveys/survey.products.ts';
import { EXPORT_JOB } from '../exports/export.keys.ts';
import { createExportBuilder } from '../exports/export.job.ts';
import { createExportSweeper, EXPIRE_JOB } from '../exports/export.expire.ts';

export interface HandlerDeps {
  readonly db: Db;
  readonly store: Store;
  readonly config: Config;
  readonly logger: Logger;
  /** The process's raster tile rendering (render threads), shared with the tile routes. */
  readonly rendering: TileRendering;
}

export function jobHandlers(deps: HandlerDeps): Record<string, JobHandler> {
  return {
    [PROCESS_JOB]: createSurveyProcessor(deps),
    [ANALYSIS_JOB]: createAnalysisJob(deps),
    [PRODUCT_JOB]: createProductBuilder(deps),
    [EXPORT_JOB]: createExportBuilder(deps),
    [EXPIRE_JOB]: createExportSweeper(deps),
  };
}

/** Housekeeping the workers enqueue on their own: the sweep of expired exports, hourly. */
export const PERIODIC_JOBS: readonly PeriodicJob[] = [{ kind: EXPIRE_JOB, everyMs: 60 * 60 * 1000 }];
