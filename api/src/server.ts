/**
 * Starting and stopping the API process: open the database (migrations), load reference data,
 * ensure the first admin, listen, and shut down gracefully (stop accepting, let in-flight requests
 * finish for up to `graceMs`, then close the database).
 */
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import { openDatabase } from './db/open.ts';
import { createApp } from './app.ts';
import { loadAdminUnitsIfEmpty } from './admin-units/admin.units.load.ts';
import { ensureFirstAdmin, type BootstrapResult } from './auth/bootstrap.ts';
import { openStore } from './storage/open.store.ts';
import { startWorker } from './jobs/worker.ts';
import { jobHandlers, PERIODIC_JOBS } from './jobs/handlers.ts';
import { releaseAllLeases } from './jobs/queue.ts';
import { createSurveyService } from './surveys/surveys.service.ts';
import { ensureSampleSurvey } from './surveys/sample.survey.ts';
import { tileRendering, type TileRendering } from './tiles/tile.render.ts';

export interface RunningServer {
  readonly url: string;
  readonly db: Db;
  readonly app: Express;
  readonly firstAdmin: BootstrapResult | null;
  /** The render threads of tiles and packages (main.ts starts them at boot). */
  readonly rendering: TileRendering;
  close(graceMs?: number): Promise<void>;
}

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const started = Date.now();
  const db = await openDatabase(config.database);
  logger.info({ database: db.kind, ms: Date.now() - started }, 'database ready');
  const loaded = await loadAdminUnitsIfEmpty(db, `${config.sampleDataDir}/admin`);
  if (loaded > 0) logger.info({ units: loaded }, 'admin units loaded from sample-data');
  const firstAdmin = await ensureFirstAdmin(db, config.admin);
  const store = openStore(config.storage, config.s3);
  if (db.kind === 'pglite') {
    const released = await releaseAllLeases(db);
    if (released > 0) logger.warn({ jobs: released }, 'requeued jobs interrupted by the previous stop');
  }
  const rendering = tileRendering(store, config);
  const handlers = jobHandlers({ db, store, config, logger, rendering });
  const worker =
    config.workers > 0
      ? startWorker(db, handlers, logger, {
          concurrency: config.workers,
          leaseMs: config.jobLeaseMs,
          periodic: PERIODIC_JOBS,
        })
      : null;
  const surveys = createSurveyService(db, store, () => worker?.nudge());
  if (config.sampleSurvey) {
    const sample = await ensureSampleSurvey(db, store, surveys, config.sampleDataDir);
    if (sample) logger.info({ survey: sample }, 'sample survey queued for processing');
  }
  const app = createApp({ config, db, logger, store, surveys, rendering });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  logger.info({ url, ms: Date.now() - started }, 'listening');

  let closing: Promise<void> | null = null;
  async function close(graceMs = 10_000): Promise<void> {
    closing ??= (async () => {
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await done;
      clearTimeout(timer);
      await worker?.stop();
      await db.close();
    })();
    return closing;
  }
  return { url, db, app, firstAdmin, rendering, close };
}
