/**
 * The `export.expire` job: deletes the stored files of exports past their expiry date (EXPORT_TTL_DAYS
 * after they were built) and forgets their file list; the export row stays, so its owner is told
 * "expired" rather than "not found". Workers enqueue it periodically (PERIODIC_JOBS), deduplicated,
 * so one sweep runs at a time however many workers there are.
 */
import type { HandlerDeps } from '../jobs/handlers.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { exportPrefix } from './export.keys.ts';
import * as repo from './exports.repository.ts';

export const EXPIRE_JOB = 'export.expire';

/** Exports handled per database round trip. */
const BATCH = 100;

export function createExportSweeper({
  db,
  store,
  logger,
}: Pick<HandlerDeps, 'db' | 'store' | 'logger'>): JobHandler {
  return async (_payload, ctx) => {
    let removed = 0;
    for (;;) {
      const batch = await repo.expiredWithFiles(db, BATCH);
      for (const e of batch) {
        ctx.signal.throwIfAborted();
        await store.deletePrefix(e.storageKey ?? exportPrefix(e.id));
        await repo.forgetFiles(db, e.id);
        removed++;
      }
      if (batch.length < BATCH) break;
    }
    if (removed > 0) logger.info({ exports: removed }, 'expired exports deleted');
  };
}
