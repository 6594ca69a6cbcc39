/**
 * Uploading one file to a tus 1.0.0 endpoint so that it survives a weak mobile link: hash the file
 * (SHA-256, streamed), create the upload, then send it chunk by chunk. A network error, a stall or a 5xx
 * is retried after 1, 2, 4 … 60 s (without limit unless `retries` is set; the count restarts whenever
 * the server has more bytes than before), resuming from the server's offset (HEAD). A 409 re-reads the
 * offset. An upload the server no longer knows (404/410) is started over. The upload URL is remembered
 * in the ResumeStore so that the same command, run again after Ctrl-C or a reboot, resumes.
 */
import { basename } from 'node:path';
import { NetworkError } from './api.client.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import { CliError, HttpError, InterruptedError } from './errors.ts';
import { sha256OfFile } from './file.sha256.ts';
import { assertFileUnchanged, FileChangedError } from './file.unchanged.ts';
import type { ResumeStore, UploadIdentity } from './resume.store.ts';
import { encodeUploadMetadata } from './tus.metadata.ts';
import { createUpload, headUpload, patchUpload, TusProtocolError, type TusContext } from './tus.requests.ts';
import { formatBytes, formatDuration, formatPercent } from './format.ts';

export interface UploadObserver {
  notice(message: string): void;
  phase(label: 'hashing' | 'uploading'): void;
  progress(done: number, total: number, justMoved: number): void;
  finish(): void;
}

export interface UploadSettings {
  readonly chunkSize: number;
  /** Consecutive failed attempts tolerated without progress; null = keep trying. */
  readonly retries: number | null;
  readonly backoff?: BackoffPolicy;
  readonly stallTimeoutMs: number;
  readonly responseTimeoutMs: number;
}

export interface UploadJob {
  readonly endpoint: string;
  readonly identity: UploadIdentity;
}

export interface UploadContext extends TusContext {
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface UploadResult {
  readonly url: string;
  readonly sha256: string;
  /** Bytes this run sent (less than the size when it resumed). */
  readonly bytesSent: number;
  /** The offset this run resumed from, null when it started a new upload. */
  readonly resumedFrom: number | null;
}

export const DEFAULT_UPLOAD_SETTINGS: UploadSettings = {
  chunkSize: 8 * 1024 * 1024,
  retries: null,
  stallTimeoutMs: 120_000,
  responseTimeoutMs: 600_000,
};

const MAX_RESTARTS = 3;
const MAX_QUICK_CONFLICTS = 1;

type Outcome = 'retry' | 'reread' | 'restart' | 'fatal';

function classify(err: unknown, hasUpload: boolean): Outcome {
  if (err instanceof NetworkError) return 'retry';
  if (err instanceof TusProtocolError) return 'reread';
  if (err instanceof HttpError) {
    const s = err.status;
    if (s >= 500 || s === 408 || s === 423 || s === 429) return 'retry';
    if (s === 409) return 'reread';
    if ((s === 404 || s === 410) && hasUpload) return 'restart';
  }
  return 'fatal';
}

const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** The backoff, or longer when the server said so (Retry-After, up to 10 min). */
function delayFor(err: unknown, failures: number, policy: BackoffPolicy): number {
  const backoff = backoffDelay(failures, policy);
  const asked = err instanceof HttpError ? err.retryAfterMs : null;
  return asked === null ? backoff : Math.max(backoff, Math.min(asked, MAX_RETRY_AFTER_MS));
}

function describe(err: unknown): string {
  if (err instanceof HttpError) return `server answered ${err.status}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

export async function uploadFile(
  ctx: UploadContext,
  job: UploadJob,
  settings: UploadSettings,
  store: ResumeStore,
  observer: UploadObserver,
): Promise<UploadResult> {
  const { identity } = job;
  const size = identity.size;
  const policy = settings.backoff ?? DEFAULT_BACKOFF;
  let session = await store.get(identity);
  let announceResume = session !== null;
  let sha256 = session?.sha256 ?? null;
  let offset: number | null = null; // null: ask the server (HEAD)
  let resumedFrom: number | null = null;
  let best = -1;
  let failures = 0;
  let conflicts = 0;
  let restarts = 0;
  let bytesSent = 0;

  const progressed = (to: number): void => {
    if (to > best) {
      best = to;
      failures = 0;
      conflicts = 0;
    }
  };

  while (true) {
    try {
      if (!session) {
        if (!sha256) {
          observer.phase('hashing');
          let last = 0;
          sha256 = await sha256OfFile(
            identity.path,
            (hashed) => {
              observer.progress(hashed, size, hashed - last);
              last = hashed;
            },
            ctx.signal,
          );
          observer.finish();
          observer.notice(`sha256 ${sha256}`);
        }
        const metadata = encodeUploadMetadata({
          surveyId: identity.surveyId,
          filename: basename(identity.path),
          sha256,
        });
        const url = await createUpload(ctx, job.endpoint, size, metadata);
        await store.set(identity, url, sha256);
        session = { url, sha256, createdAt: new Date().toISOString() };
        offset = 0;
        progressed(0);
        observer.notice(`upload created: ${url}`);
        observer.phase('uploading');
      }
      if (offset === null) {
        const state = await headUpload(ctx, session.url);
        if (state.length !== null && state.length !== size) {
          throw new HttpError(
            410,
            null,
            `the server's upload is ${state.length} bytes long, the file ${size}`,
          );
        }
        offset = state.offset;
        if (announceResume) {
          announceResume = false;
          resumedFrom = offset;
          observer.notice(
            `resuming ${session.url} at ${formatBytes(offset)} of ${formatBytes(size)} (${formatPercent(offset, size)})`,
          );
          observer.phase('uploading');
        }
        progressed(offset);
        observer.progress(offset, size, 0);
      }
      if (offset >= size) break;

      await assertFileUnchanged(identity.path, size, identity.mtimeMs);
      const start: number = offset;
      const end = Math.min(start + settings.chunkSize, size);
      let position = start;
      const next = await patchUpload(ctx, {
        url: session.url,
        file: identity.path,
        offset: start,
        end,
        stallTimeoutMs: settings.stallTimeoutMs,
        responseTimeoutMs: settings.responseTimeoutMs,
        onBytes: (n) => {
          bytesSent += n;
          position += n;
          observer.progress(position, size, n);
        },
      });
      if (next <= start || next > size)
        throw new TusProtocolError(`the server acknowledged offset ${next} after a chunk sent at ${start}`);
      offset = next;
      progressed(offset);
    } catch (err) {
      if (err instanceof InterruptedError || ctx.signal.aborted) throw new InterruptedError();
      const outcome = classify(err, session !== null);
      if (outcome === 'fatal') {
        observer.finish();
        // A refusal (bad checksum, not a TIFF, too large …) will not change by resuming, nor will a changed
        // file: forget the URL. Authentication problems will: keep it for after `belcheer login`.
        const refused =
          err instanceof HttpError &&
          err.status >= 400 &&
          err.status < 500 &&
          err.status !== 401 &&
          err.status !== 403;
        if (session && (refused || err instanceof FileChangedError)) {
          await store.forget(identity);
        }
        throw err;
      }
      if (outcome === 'restart') {
        restarts += 1;
        await store.forget(identity);
        if (restarts > MAX_RESTARTS)
          throw new CliError(`the server keeps losing the upload (${describe(err)}); giving up`);
        observer.notice(`the server no longer has the upload (${describe(err)}): starting over`);
        session = null;
        offset = null;
        announceResume = false;
        best = -1;
        continue;
      }
      offset = null;
      if (outcome === 'reread') {
        conflicts += 1;
        if (conflicts <= MAX_QUICK_CONFLICTS) {
          observer.notice(`${describe(err)}; asking the server for its offset`);
          continue;
        }
      }
      failures += 1;
      if (settings.retries !== null && failures > settings.retries) {
        observer.finish();
        throw new CliError(
          `giving up after ${settings.retries} ${settings.retries === 1 ? 'retry' : 'retries'}: ${describe(err)}` +
            (session ? '\nRun the same command again to resume.' : ''),
        );
      }
      const delay = delayFor(err, failures, policy);
      observer.notice(`${describe(err)} — retry ${failures} in ${formatDuration(delay)}`);
      await ctx.sleep(delay, ctx.signal);
    }
  }
  observer.finish();
  await store.forget(identity);
  if (!session || !sha256) throw new Error('unreachable: upload finished without a session');
  return { url: session.url, sha256, bytesSent, resumedFrom };
}
