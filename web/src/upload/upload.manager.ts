/**
 * Resumable uploads of orthomosaics to the tus 1.0 endpoint (SPEC §2.1), one per survey, kept
 * outside React so an upload goes on while the person switches pages. Each survey's upload is a
 * tus-js-client `Upload` with:
 *
 * - 8 MiB chunks: a dropped 3G connection loses at most one chunk, and each PATCH is short.
 * - retries with growing delays for weak links (up to ~10 min of trying per failure), on no answer,
 *   5xx, 409, 423 and 429; when the browser goes offline it waits for the `online` event instead.
 * - its URL stored in localStorage under a fingerprint of user, survey and file (name, size,
 *   modification time), so after a reload or a crash, choosing the same file again finds the upload
 *   and resumes at the server's offset, which is read first (HEAD) to tell the person how far it had
 *   got. The entry is removed on success, so uploading the same file again makes a new upload.
 * - the whole-file SHA-256 in `Upload-Metadata` for files up to 2 GiB, computed in a Web Worker
 *   before the upload is created. Hashing reads the file once more (seconds for 2 GiB, against
 *   hours of upload on 3G) and lets the server prove the assembled bytes are the file's. Bigger
 *   files go without it, so a 10 GB upload starts at once; TCP/TLS and tus offsets still guard them,
 *   and the server records the digest of what it received. A resumed upload keeps the metadata it
 *   was created with.
 *
 * Cancel terminates the upload on the server (tus termination), which marks the survey failed.
 */
import { Upload, defaultOptions, type PreviousUpload, type UploadOptions } from 'tus-js-client';
import { checkFile } from './file.checks.ts';
import { HASH_LIMIT_BYTES, sha256OfFile } from './file.sha256.ts';
import { RateMeter } from './rate.meter.ts';
import { methodOf, problemOf, statusOf, worthRetrying } from './tus.errors.ts';
import { isBusy, type UploadSnapshot } from './upload.state.ts';

export const CHUNK_BYTES = 8 * 1024 * 1024;
/** Delays before each retry of a failed request, ms; the count restarts once bytes get through. */
export const RETRY_DELAYS = [
  0, 1_000, 3_000, 5_000, 10_000, 20_000, 30_000, 60_000, 60_000, 120_000, 300_000,
];
const EMIT_EVERY_MS = 150;

export interface UploadManagerOptions {
  readonly userId: string;
  /** Absolute URL of the tus endpoint (tus-js-client resolves the relative Location against it). */
  readonly endpoint: string;
  /** The last byte arrived (or the upload was cancelled): time to ask the server about the survey. */
  readonly onSettled: (surveyId: string) => void;
  /** The server no longer accepts the session. */
  readonly onUnauthorized: () => void;
}

interface Task {
  snapshot: UploadSnapshot;
  upload: Upload | null;
  hashing: AbortController | null;
  readonly meter: RateMeter;
}

/** localStorage key prefix of this user's stored uploads (tus-js-client writes `tus::{fingerprint}::{n}`). */
export function storagePrefix(userId: string): string {
  return `tus::belcheer/${userId}/`;
}

export function fingerprintOf(userId: string, surveyId: string, file: File): string {
  return `belcheer/${userId}/${surveyId}/${encodeURIComponent(file.name)}/${file.size}/${file.lastModified}`;
}

export type ProbeResult = { readonly offset: number } | 'gone' | 'unknown';

/** The server's offset of a stored upload (tus HEAD): 'gone' on a 4xx, 'unknown' without an answer. */
export async function probeOffset(url: string): Promise<ProbeResult> {
  try {
    const res = await fetch(url, {
      method: 'HEAD',
      headers: { 'Tus-Resumable': '1.0.0' },
      credentials: 'same-origin',
      cache: 'no-store',
    });
    // Finish the (empty) body, or Chromium counts the request as aborted when the response is dropped.
    await res.arrayBuffer();
    if (res.status >= 400 && res.status < 500) return 'gone';
    const offset = Number.parseInt(res.headers.get('Upload-Offset') ?? '', 10);
    return res.ok && Number.isFinite(offset) ? { offset } : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The file name sent with the upload: a label for people, which the server refuses with a path in
 * it (`..` included), so runs of dots become one and the name is cut to 255 characters.
 */
export function uploadName(name: string): string {
  const cleaned = name
    .replace(/[/\\]/g, '_')
    .replace(/\.{2,}/g, '.')
    .trim();
  return Array.from(cleaned).slice(0, 255).join('') || 'imagery.tif';
}

function newest(uploads: readonly PreviousUpload[]): PreviousUpload | null {
  const usable = uploads.filter((u) => u.uploadUrl);
  usable.sort((a, b) => Date.parse(b.creationTime) - Date.parse(a.creationTime));
  return usable[0] ?? null;
}

export class UploadManager {
  private readonly tasks = new Map<string, Task>();
  private readonly listeners = new Set<() => void>();
  private emitTimer: number | null = null;
  private lastEmit = 0;

  constructor(private readonly options: UploadManagerOptions) {
    window.addEventListener('online', this.onOnline);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot(surveyId: string): UploadSnapshot | undefined {
    return this.tasks.get(surveyId)?.snapshot;
  }

  /** True while some upload would be interrupted by leaving the page. */
  busy(): boolean {
    return [...this.tasks.values()].some((t) => isBusy(t.snapshot.phase));
  }

  /** Surveys whose upload is running in this tab (no need to ask the server how they are doing). */
  activeSurveys(): Set<string> {
    return new Set([...this.tasks].filter(([, t]) => isBusy(t.snapshot.phase)).map(([id]) => id));
  }

  async start(surveyId: string, file: File): Promise<void> {
    const existing = this.tasks.get(surveyId);
    if (existing && existing.snapshot.phase !== 'done' && existing.snapshot.phase !== 'failed') return;
    const task: Task = {
      snapshot: {
        surveyId,
        fileName: file.name,
        size: file.size,
        phase: 'checking',
        sent: 0,
        hashed: 0,
        speed: null,
        secondsLeft: null,
        resumedAt: null,
        retry: null,
        problem: null,
      },
      upload: null,
      hashing: null,
      meter: new RateMeter(),
    };
    this.tasks.set(surveyId, task);
    this.emit(true);
    const alive = (): boolean => this.tasks.get(surveyId) === task;

    const problem = await checkFile(file).catch(() => null);
    if (!alive()) return;
    if (problem) return this.update(task, { phase: 'failed', problem: { kind: problem } });

    const upload = new Upload(file, this.tusOptions(task, surveyId, file));
    task.upload = upload;
    const previous = newest(await upload.findPreviousUploads().catch(() => []));
    if (!alive()) return;
    if (previous?.uploadUrl) {
      const probe = await probeOffset(previous.uploadUrl);
      if (!alive()) return;
      if (probe !== 'gone') {
        const offset = probe === 'unknown' ? null : Math.min(probe.offset, file.size);
        this.update(task, {
          phase: 'uploading',
          sent: offset ?? 0,
          resumedAt: offset === null ? null : (offset / file.size) * 100,
        });
        upload.resumeFromPreviousUpload(previous);
        upload.start();
        return;
      }
      await defaultOptions.urlStorage.removeUpload(previous.urlStorageKey);
    }

    if (file.size <= HASH_LIMIT_BYTES) {
      this.update(task, { phase: 'hashing' });
      const abort = new AbortController();
      task.hashing = abort;
      try {
        const sha256 = await sha256OfFile(
          file,
          (hashed) => this.update(task, { hashed }, false),
          abort.signal,
        );
        upload.options.metadata = { ...upload.options.metadata, sha256 };
      } catch (err) {
        if (abort.signal.aborted || !alive()) return;
        return this.update(task, { phase: 'failed', problem: problemOf(err) });
      } finally {
        task.hashing = null;
      }
      if (!alive()) return;
    }
    this.update(task, { phase: 'uploading', sent: 0 });
    upload.start();
  }

  pause(surveyId: string): void {
    const task = this.tasks.get(surveyId);
    if (!task?.upload || task.snapshot.phase !== 'uploading') return;
    void task.upload.abort(false);
    task.meter.reset();
    this.update(task, { phase: 'paused', speed: null, secondsLeft: null, retry: null });
  }

  /** Goes on after a pause, a network failure or going offline. */
  resume(surveyId: string): void {
    const task = this.tasks.get(surveyId);
    if (!task?.upload) return;
    const { phase, problem } = task.snapshot;
    const resumable =
      phase === 'paused' ||
      phase === 'offline' ||
      (phase === 'failed' && problem?.kind !== 'empty' && problem?.kind !== 'notTiff');
    if (!resumable) return;
    task.meter.reset();
    this.update(task, { phase: 'uploading', problem: null, retry: null, resumedAt: null });
    task.upload.start();
  }

  /** Stops the upload and deletes what the server holds of it (tus termination). */
  async cancel(surveyId: string): Promise<void> {
    const task = this.tasks.get(surveyId);
    if (!task) return;
    task.hashing?.abort();
    if (task.upload) {
      this.update(task, { phase: 'cancelling', speed: null, secondsLeft: null, retry: null });
      try {
        await task.upload.abort(true);
      } catch (err) {
        this.update(task, { phase: 'failed', problem: problemOf(err) });
        return;
      }
    }
    if (this.tasks.get(surveyId) === task) this.tasks.delete(surveyId);
    this.emit(true);
    this.options.onSettled(surveyId);
  }

  /** Forgets a finished or failed upload (the panel goes away). */
  dismiss(surveyId: string): void {
    const task = this.tasks.get(surveyId);
    if (!task || isBusy(task.snapshot.phase)) return;
    this.tasks.delete(surveyId);
    this.emit(true);
  }

  /** Signing out: stop every upload where it is (each stays resumable) and let go of the window. */
  dispose(): void {
    window.removeEventListener('online', this.onOnline);
    for (const task of this.tasks.values()) {
      task.hashing?.abort();
      void task.upload?.abort(false);
    }
    this.tasks.clear();
    if (this.emitTimer !== null) window.clearTimeout(this.emitTimer);
    this.listeners.clear();
  }

  private tusOptions(task: Task, surveyId: string, file: File): UploadOptions {
    const { userId, endpoint } = this.options;
    return {
      endpoint,
      chunkSize: CHUNK_BYTES,
      retryDelays: RETRY_DELAYS,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      metadata: { surveyId, filename: uploadName(file.name) },
      fingerprint: (f) => Promise.resolve(fingerprintOf(userId, surveyId, f)),
      onProgress: (sent) => {
        task.meter.add(sent);
        this.update(
          task,
          {
            sent,
            speed: task.meter.speed(),
            secondsLeft: task.meter.secondsLeft(sent, file.size),
            retry: null,
          },
          false,
        );
      },
      onShouldRetry: (err, attempt) => {
        if (!navigator.onLine || !worthRetrying(statusOf(err), methodOf(err))) return false;
        this.update(task, { retry: { attempt: attempt + 1, at: Date.now() + (RETRY_DELAYS[attempt] ?? 0) } });
        return true;
      },
      onSuccess: () => {
        this.update(task, { phase: 'done', sent: file.size, speed: null, secondsLeft: 0, retry: null });
        this.options.onSettled(surveyId);
      },
      onError: (err) => {
        const status = statusOf(err);
        task.meter.reset();
        if (!navigator.onLine && worthRetrying(status, methodOf(err))) {
          this.update(task, { phase: 'offline', speed: null, secondsLeft: null, retry: null });
          return;
        }
        if (status === 401) this.options.onUnauthorized();
        this.update(task, {
          phase: 'failed',
          problem: problemOf(err),
          speed: null,
          secondsLeft: null,
          retry: null,
        });
      },
    };
  }

  private readonly onOnline = (): void => {
    for (const [surveyId, task] of this.tasks) if (task.snapshot.phase === 'offline') this.resume(surveyId);
  };

  private update(task: Task, patch: Partial<UploadSnapshot>, urgent = true): void {
    if (this.tasks.get(task.snapshot.surveyId) !== task) return;
    task.snapshot = { ...task.snapshot, ...patch };
    this.emit(urgent);
  }

  /** Tells the listeners, at most every EMIT_EVERY_MS for progress (phase changes go at once). */
  private emit(urgent: boolean): void {
    const now = Date.now();
    if (urgent || now - this.lastEmit >= EMIT_EVERY_MS) {
      if (this.emitTimer !== null) window.clearTimeout(this.emitTimer);
      this.emitTimer = null;
      this.lastEmit = now;
      for (const listener of this.listeners) listener();
      return;
    }
    this.emitTimer ??= window.setTimeout(() => {
      this.emitTimer = null;
      this.emit(true);
    }, EMIT_EVERY_MS);
  }
}
