/**
 * `npm run worker`: a process that only runs jobs (survey processing), for deployments on PostgreSQL
 * where workers scale apart from the API. Start as many as the machines allow.
 */
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { openDatabase } from './db/open.ts';
import { openStore } from './storage/open.store.ts';
import { startWorker } from './jobs/worker.ts';
import { jobHandlers, PERIODIC_JOBS } from './jobs/handlers.ts';
import { tileRendering } from './tiles/tile.render.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (config.database.kind === 'pglite') {
    throw new ConfigError(
      'npm run worker needs DATABASE_URL: the embedded database runs its worker inside `npm start`',
    );
  }
  const db = await openDatabase(config.database);
  const store = openStore(config.storage, config.s3);
  const rendering = tileRendering(store, config);
  rendering.start().catch((err: unknown) => logger.error({ err }, 'tile render threads failed to start'));
  const worker = startWorker(db, jobHandlers({ db, store, config, logger, rendering }), logger, {
    concurrency: Math.max(1, config.workers),
    leaseMs: config.jobLeaseMs,
    periodic: PERIODIC_JOBS,
  });
  logger.info({ worker: worker.workerId }, 'worker started');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'worker stopping');
      worker
        .stop()
        .then(() => db.close())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
