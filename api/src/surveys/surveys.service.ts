/**
 * Surveys: create, read, edit, delete, and accepting a new source file for a survey (from tus or a
 * plain PUT), which starts a new version and queues its processing. Access: readers see their
 * organisations' surveys; land officers, agronomists and admins of the owning organisation write.
 */
import { ForbiddenError, ValidationError } from '@belcheer/processing';
import type { Db, Queryable } from '../db/db.ts';
import type { Caller } from '../auth/caller.ts';
import { readableOrganisations } from '../auth/caller.ts';
import { audit } from '../audit/audit.ts';
import type { Store } from '../storage/store.ts';
import { cancelJobs, enqueue } from '../jobs/queue.ts';
import * as repo from './surveys.repository.ts';
import type { Survey } from './surveys.schemas.ts';
import {
  PROCESS_JOB,
  PRODUCT_JOB,
  processJobKey,
  productJobKey,
  sourceKey,
  surveyPrefix,
} from './survey.keys.ts';

const WRITER_ROLES: ReadonlySet<Caller['role']> = new Set(['admin', 'land_officer', 'agronomist']);

export interface ProcessPayload {
  readonly surveyId: string;
  readonly version: number;
  /** Lower-case hex SHA-256 the client declared for the whole file, checked before processing. */
  readonly expectedSha256: string | null;
}

export interface ProductPayload {
  readonly surveyId: string;
  readonly version: number;
  readonly product: string;
}

function assertWriter(caller: Caller): void {
  if (!WRITER_ROLES.has(caller.role)) throw new ForbiddenError(`${caller.role} users cannot change surveys`);
}

async function checkSoum(db: Queryable, soum: string | null | undefined): Promise<void> {
  if (!soum) return;
  const rows = await db.query(`SELECT 1 FROM admin_units WHERE code = $1 AND level = 'soum'`, [soum]);
  if (rows.length === 0) throw new ValidationError(`soum: no soum has the code ${soum}`);
}

export function createSurveyService(db: Db, store: Store, onQueued: () => void = () => undefined) {
  /** The survey if the caller may write it (404 outside their organisations, 403 for read-only roles). */
  async function writable(
    q: Queryable,
    caller: Caller,
    id: string,
    forUpdate = false,
  ): Promise<repo.SurveyRecord> {
    const record = await repo.getSurveyRecord(q, readableOrganisations(caller), id, forUpdate);
    assertWriter(caller);
    if (record.organisationId !== caller.organisationId)
      throw new ForbiddenError('only the owning organisation edits a survey');
    return record;
  }

  return {
    writable,

    list: (caller: Caller, q: Parameters<typeof repo.listSurveys>[2]) =>
      repo.listSurveys(db, readableOrganisations(caller), q),

    get: async (caller: Caller, id: string): Promise<Survey> =>
      (await repo.getSurveyRecord(db, readableOrganisations(caller), id)).survey,

    async create(
      caller: Caller,
      body: {
        name: string;
        date: string;
        kind: Survey['kind'];
        bands?: string[];
        soum?: string;
        reflectance?: { scale: number; offset: number };
      },
    ): Promise<Survey> {
      assertWriter(caller);
      return db.transaction(async (tx) => {
        await checkSoum(tx, body.soum);
        const id = await repo.insertSurvey(tx, {
          organisationId: caller.organisationId,
          userId: caller.userId,
          name: body.name,
          date: body.date,
          kind: body.kind,
          bands: body.bands ?? null,
          soum: body.soum ?? null,
          reflectance: body.reflectance ?? null,
        });
        await audit(tx, caller, 'create', 'survey', id, { name: body.name, kind: body.kind });
        return (await repo.getSurveyRecord(tx, null, id)).survey;
      });
    },

    async update(
      caller: Caller,
      id: string,
      change: Parameters<typeof repo.updateSurveyFields>[2],
    ): Promise<Survey> {
      return db.transaction(async (tx) => {
        await writable(tx, caller, id, true);
        await checkSoum(tx, change.soum);
        await repo.updateSurveyFields(tx, id, change);
        await audit(tx, caller, 'update', 'survey', id, change);
        return (await repo.getSurveyRecord(tx, null, id)).survey;
      });
    },

    async remove(caller: Caller, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        await writable(tx, caller, id, true);
        await repo.softDeleteSurvey(tx, id);
        await cancelJobs(tx, `${PROCESS_JOB}:${id}:`);
        await audit(tx, caller, 'delete', 'survey', id);
      });
      await store.deletePrefix(surveyPrefix(id));
    },

    /** Starts a new version for an upload of `filename` (`size` bytes); returns the version number. */
    async beginUpload(
      caller: Caller,
      id: string,
      source: { filename: string; size: number },
    ): Promise<number> {
      return db.transaction(async (tx) => {
        const record = await writable(tx, caller, id, true);
        if (record.survey.status === 'queued' || record.survey.status === 'processing') {
          throw new ValidationError(
            `survey ${id} is ${record.survey.status}: wait until it is ready or failed before uploading again`,
            undefined,
            'survey_busy',
          );
        }
        return repo.beginVersion(tx, id, source);
      });
    },

    /**
     * The source of `version` is in the store: record it and queue processing. A stale version (a
     * newer upload started meanwhile) is dropped.
     */
    async sourceArrived(
      id: string,
      version: number,
      size: number,
      expectedSha256: string | null,
    ): Promise<boolean> {
      const queued = await db.transaction(async (tx) => {
        const record = await repo.getSurveyRecord(tx, null, id, true);
        if (record.pendingVersion !== version) return false;
        await repo.insertAsset(tx, {
          surveyId: id,
          version,
          kind: 'source',
          key: sourceKey(id, version),
          size,
          sha256: null,
        });
        await repo.setSurveyStatus(tx, id, 'queued', { progress: 0, error: null });
        const payload: ProcessPayload = { surveyId: id, version, expectedSha256 };
        await enqueue(tx, PROCESS_JOB, payload, { dedupeKey: processJobKey(id, version), maxAttempts: 3 });
        return true;
      });
      if (queued) onQueued();
      return queued;
    },

    /**
     * Queues the build of an index product of the published version (once: identical requests share
     * the job); the caller has already checked that the survey's bands allow it.
     */
    async requestProduct(id: string, version: number, product: string): Promise<void> {
      const payload: ProductPayload = { surveyId: id, version, product };
      const job = await enqueue(db, PRODUCT_JOB, payload, {
        dedupeKey: productJobKey(id, version, product),
        maxAttempts: 3,
      });
      if (job !== null) onQueued();
    },

    /** Bytes are arriving: the survey's progress follows the upload. */
    uploadProgress: (id: string, version: number, percent: number) =>
      repo.setUploadProgress(db, id, version, percent),

    /** An upload that cannot be processed: the survey fails with `message`, the published version stays. */
    async uploadFailed(id: string, version: number, message: string): Promise<void> {
      await db.transaction(async (tx) => {
        const record = await repo.getSurveyRecord(tx, null, id, true);
        if (record.pendingVersion === version)
          await repo.setSurveyStatus(tx, id, 'failed', { error: message });
      });
    },
  };
}

export type SurveyService = ReturnType<typeof createSurveyService>;
