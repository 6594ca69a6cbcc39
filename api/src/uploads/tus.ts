/**
 * Resumable uploads (tus 1.0: core, creation, termination) at /api/uploads, on @tus/server with a
 * FileStore under DATA_DIR/uploads — uploads survive dropped connections and server restarts.
 * Every request is authenticated; an upload is visible only to its uploader's organisation (another
 * organisation gets 404, as for every object). `Upload-Metadata` carries `surveyId`, `filename` and
 * optionally `sha256` (hex, whole file; checked before processing). When the last byte arrives the
 * file moves into the store as the survey's new source and processing is queued.
 */
import { randomUUID } from 'node:crypto';
import { Server, EVENTS } from '@tus/server';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { BelcheerError, NotFoundError, UnauthorizedError, ValidationError } from '@belcheer/processing';
import type { Db } from '../db/db.ts';
import type { Caller } from '../auth/caller.ts';
import { credentialFromHeaders, type AuthService } from '../auth/auth.service.ts';
import { toHttpError } from '../http/error.map.ts';
import type { Store } from '../storage/store.ts';
import type { SurveyService } from '../surveys/surveys.service.ts';
import { sourceKey } from '../surveys/survey.keys.ts';
import { checkFilename } from '../surveys/filename.ts';
import * as repo from './uploads.repository.ts';
import { finishTusUpload, tusDatastore } from './tus.datastore.ts';
import {
  CHECKSUM_ALGORITHMS,
  checksumMatches,
  parseUploadChecksum,
  readBody,
  sendWebResponse,
  webRequest,
} from './tus.checksum.ts';

export const TUS_PATH = '/api/uploads';
/** Largest PATCH body read into memory to verify its Upload-Checksum. */
const MAX_CHECKSUMMED_CHUNK = 64 * 1024 * 1024;

/** Errors for tus hooks: @tus/server answers `{status_code, body}`; the body is our JSON error shape. */
function tusError(err: unknown): { status_code: number; body: string } {
  const { status, body } = toHttpError(err);
  return { status_code: status, body: JSON.stringify(body) };
}

export interface TusDeps {
  readonly db: Db;
  readonly store: Store;
  readonly auth: AuthService;
  readonly surveys: SurveyService;
  readonly directory: string;
  readonly maxUploadBytes: number;
  readonly logger: Logger;
}

export function tusHandler({
  db,
  store,
  auth,
  surveys,
  directory,
  maxUploadBytes,
  logger,
}: TusDeps): RequestHandler {
  const callers = new WeakMap<object, Caller>();

  async function callerOf(req: Request): Promise<Caller> {
    const cached = callers.get(req);
    if (cached) return cached;
    const token = credentialFromHeaders(req.headers.get('authorization'), req.headers.get('cookie'));
    const caller = await auth.authenticateToken(token, 'user');
    if (!caller) throw new UnauthorizedError();
    callers.set(req, caller);
    return caller;
  }

  const server = new Server({
    path: TUS_PATH,
    datastore: tusDatastore(store, directory),
    relativeLocation: true,
    respectForwardedHeaders: true,
    maxSize: maxUploadBytes,
    postReceiveInterval: 500,
    namingFunction: () => randomUUID().replace(/-/g, ''),
    async onIncomingRequest(req, uploadId) {
      try {
        const caller = await callerOf(req);
        if (req.method === 'POST') return;
        const upload = await repo.getUpload(db, uploadId);
        if (!upload || upload.organisation_id !== caller.organisationId)
          throw new NotFoundError(`upload ${uploadId} not found`);
      } catch (err) {
        throw tusError(err);
      }
    },
    async onUploadCreate(req, upload) {
      try {
        const caller = await callerOf(req);
        const meta = upload.metadata ?? {};
        const surveyId = meta.surveyId ?? '';
        if (!/^[0-9a-f-]{36}$/i.test(surveyId))
          throw new ValidationError('Upload-Metadata must carry surveyId (the survey’s UUID)');
        const filename = checkFilename(meta.filename ?? 'imagery.tif');
        const expected = meta.sha256 ? meta.sha256.toLowerCase() : null;
        if (expected !== null && !/^[0-9a-f]{64}$/.test(expected))
          throw new ValidationError('Upload-Metadata sha256 must be 64 hex digits');
        if (upload.size === undefined)
          throw new ValidationError('Upload-Length is required (deferred length is not supported)');
        if (upload.size === 0)
          throw new ValidationError('empty upload: Upload-Length is 0', undefined, 'empty_upload');
        const version = await surveys.beginUpload(caller, surveyId, { filename, size: upload.size });
        await repo.insertUpload(db, {
          id: upload.id,
          surveyId,
          organisationId: caller.organisationId,
          userId: caller.userId,
          filename,
          size: upload.size,
          expectedSha256: expected,
          version,
        });
        return {};
      } catch (err) {
        throw tusError(err);
      }
    },
    async onUploadFinish(_req, upload) {
      try {
        const row = await repo.getUpload(db, upload.id);
        if (!row) throw new NotFoundError(`upload ${upload.id} not found`);
        const stored = await finishTusUpload(
          store,
          directory,
          upload.id,
          sourceKey(row.survey_id, row.version),
        );
        await repo.markUploadCompleted(db, upload.id);
        await surveys.sourceArrived(row.survey_id, row.version, stored.size, row.expected_sha256);
        return {};
      } catch (err) {
        logger.error({ err, upload: upload.id }, 'finishing an upload failed');
        throw tusError(err);
      }
    },
    onResponseError(_req, err) {
      if (err instanceof BelcheerError) return tusError(err);
      if ('status_code' in err && typeof err.body === 'string' && err.body.startsWith('{')) return err;
      if ('status_code' in err) {
        return {
          status_code: err.status_code,
          body: JSON.stringify({ error: { code: 'tus', message: err.body.trim() } }),
        };
      }
      logger.error({ err }, 'tus request failed');
      return tusError(err);
    },
  });

  server.on(EVENTS.POST_TERMINATE, (_req, _res, id) => {
    repo.getUpload(db, id).then(
      async (row) => {
        if (!row) return;
        await repo.deleteUpload(db, id);
        if (!row.completed_at)
          await surveys.uploadFailed(row.survey_id, row.version, 'the upload was cancelled');
      },
      (err: unknown) => logger.error({ err, upload: id }, 'cleaning up a terminated upload failed'),
    );
  });

  /** The survey's progress follows its upload: during long PATCHes and after each one. */
  function recordProgress(uploadId: string, offset: number): void {
    repo
      .getUpload(db, uploadId)
      .then(async (row) => {
        if (row && offset < row.size)
          await surveys.uploadProgress(row.survey_id, row.version, (100 * offset) / row.size);
      })
      .catch((err: unknown) => logger.warn({ err, upload: uploadId }, 'recording upload progress failed'));
  }
  server.on(EVENTS.POST_RECEIVE, (_req, upload) => recordProgress(upload.id, upload.offset));

  const extensionHeaders = (response: Response): Record<string, string> => ({
    'Tus-Extension': [response.headers.get('tus-extension'), 'checksum'].filter(Boolean).join(','),
    'Tus-Checksum-Algorithm': CHECKSUM_ALGORITHMS.join(','),
  });

  return (req, res, next) => {
    if (req.method === 'PATCH') {
      res.once('finish', () => {
        const offset = Number(res.getHeader('upload-offset'));
        if (res.statusCode === 204 && Number.isFinite(offset))
          recordProgress(req.path.split('/').pop() ?? '', offset);
      });
    }
    const checksum = req.get('upload-checksum');
    if (req.method === 'OPTIONS') {
      server
        .handleWeb(webRequest(req, null))
        .then((response) => sendWebResponse(res, response, extensionHeaders(response)))
        .catch(next);
      return;
    }
    if (req.method !== 'PATCH' || !checksum) {
      server.handle(req, res).catch(next);
      return;
    }
    (async () => {
      const expected = parseUploadChecksum(checksum);
      const body = await readBody(req, MAX_CHECKSUMMED_CHUNK);
      if (!checksumMatches(expected, body)) {
        res
          .status(460)
          .setHeader('Tus-Resumable', '1.0.0')
          .json({
            error: {
              code: 'checksum_mismatch',
              message: `the ${expected.algorithm} checksum of this chunk does not match Upload-Checksum`,
            },
          });
        return;
      }
      await sendWebResponse(res, await server.handleWeb(webRequest(req, body)));
    })().catch(next);
  };
}
