/**
 * Export jobs: ask for a survey package (the survey must be readable by the caller and processed),
 * follow its status, and find a finished file. The work itself runs in the `export.build` job.
 * Access: every signed-in user may export what they can read; another organisation's export is 404.
 */
import { ConflictError, NotFoundError, PayloadTooLargeError } from '@belcheer/processing';
import type { Db } from '../db/db.ts';
import { readableOrganisations, type Caller } from '../auth/caller.ts';
import { audit } from '../audit/audit.ts';
import { enqueue } from '../jobs/queue.ts';
import { getSurveyRecord } from '../surveys/surveys.repository.ts';
import {
  EXPORT_JOB,
  exportJobKey,
  exportPrefix,
  MAX_PACKAGE_RASTER_TILES,
  type PackageFile,
} from './export.keys.ts';
import { rasterZooms } from './raster.archive.ts';
import { packageTileCount } from './tile.list.ts';
import * as repo from './exports.repository.ts';

export interface ExportPayload {
  readonly exportId: string;
}

export interface ExportView {
  readonly id: string;
  readonly kind: 'survey-package';
  readonly params: repo.SurveyPackageParams;
  /** `expired`: was ready, past `expiresAt`; its files are deleted (or about to be). */
  readonly status: repo.ExportStatus | 'expired';
  readonly progress: number;
  readonly error?: string;
  readonly files?: { name: PackageFile; size: number; url: string }[];
  readonly size?: number;
  readonly createdAt: string;
  readonly finishedAt?: string;
  readonly expiresAt?: string;
}

/** When a ready export expired, or null while it is downloadable (or not ready). */
function expiredOn(e: repo.ExportRecord): Date | null {
  if (e.status !== 'ready' || e.expiresAt === null) return null;
  const at = new Date(e.expiresAt);
  return at.getTime() < Date.now() ? at : null;
}

function view(e: repo.ExportRecord): ExportView {
  const expired = expiredOn(e) !== null;
  const files = Object.entries((!expired && e.files) || {}).map(([name, size]) => ({
    name: name as PackageFile,
    size,
    url: `/api/exports/${e.id}/${name}`,
  }));
  return {
    id: e.id,
    kind: e.kind,
    params: e.params,
    status: expired ? 'expired' : e.status,
    progress: Math.round(e.progress * 10) / 10,
    ...(e.error ? { error: e.error } : {}),
    ...(files.length > 0 ? { files } : {}),
    ...(e.size !== null ? { size: e.size } : {}),
    createdAt: new Date(e.createdAt).toISOString(),
    ...(e.finishedAt ? { finishedAt: new Date(e.finishedAt).toISOString() } : {}),
    ...(e.expiresAt ? { expiresAt: new Date(e.expiresAt).toISOString() } : {}),
  };
}

export function createExportService(db: Db) {
  return {
    async create(caller: Caller, body: { survey: string; format?: 'png' | 'webp' }): Promise<ExportView> {
      const record = await getSurveyRecord(db, readableOrganisations(caller), body.survey);
      if (record.survey.version < 1)
        throw new ConflictError(
          `survey ${body.survey} has no processed imagery yet (status ${record.survey.status}): export it once it is ready`,
        );
      const { bbox, minzoom, maxzoom } = rasterZooms(record);
      const tiles = packageTileCount(bbox, minzoom, maxzoom);
      if (tiles > MAX_PACKAGE_RASTER_TILES)
        throw new PayloadTooLargeError(
          `survey ${body.survey} would make ${tiles} raster tiles (zooms ${minzoom}–${maxzoom}); an offline package holds at most ${MAX_PACKAGE_RASTER_TILES}`,
        );
      const params: repo.SurveyPackageParams = { survey: body.survey, format: body.format ?? 'png' };
      const id = await db.transaction(async (tx) => {
        const exportId = await repo.insertExport(tx, {
          organisationId: caller.organisationId,
          userId: caller.userId,
          kind: 'survey-package',
          params,
        });
        const payload: ExportPayload = { exportId };
        await enqueue(tx, EXPORT_JOB, payload, { dedupeKey: exportJobKey(exportId), maxAttempts: 3 });
        await audit(tx, caller, 'create', 'export', exportId, { kind: 'survey-package', ...params });
        return exportId;
      });
      return view(await repo.getExport(db, null, id));
    },

    get: async (caller: Caller, id: string): Promise<ExportView> =>
      view(await repo.getExport(db, readableOrganisations(caller), id)),

    /** Store key and size of a finished export's file; 409 while it is being built, 404 once expired. */
    async file(
      caller: Caller,
      id: string,
      name: PackageFile,
    ): Promise<{ key: string; size: number; record: repo.ExportRecord }> {
      const record = await repo.getExport(db, readableOrganisations(caller), id);
      if (record.status !== 'ready')
        throw new ConflictError(
          `export ${id} is ${record.status}${record.status === 'failed' ? `: ${record.error ?? 'unknown error'}` : ` (${Math.round(record.progress)} %)`}; its files are served once it is ready`,
        );
      const expired = expiredOn(record);
      if (expired) throw new NotFoundError(`export ${id} expired on ${expired.toISOString()}`, 'expired');
      const size = record.files?.[name];
      if (size === undefined) throw new NotFoundError(`export ${id} has no file ${name}`);
      return { key: `${record.storageKey ?? exportPrefix(id)}/${name}`, size, record };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
