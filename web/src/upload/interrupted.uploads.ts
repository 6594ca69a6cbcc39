/**
 * Uploads of this user that a reload, a crash or a closed laptop interrupted: tus-js-client keeps
 * their URLs in localStorage (see upload.manager.ts), and a HEAD tells how far each got. The
 * surveys page shows them on their survey ("choose the same file to resume at 43 %"). Entries the
 * server no longer knows (cancelled, expired) or holds whole are removed.
 */
import { defaultOptions } from 'tus-js-client';
import { probeOffset, storagePrefix } from './upload.manager.ts';

export interface InterruptedUpload {
  readonly surveyId: string;
  readonly fileName: string;
  readonly size: number;
  /** Bytes the server holds, or null when it did not answer. */
  readonly offset: number | null;
}

export async function findInterruptedUploads(userId: string): Promise<Map<string, InterruptedUpload>> {
  const prefix = storagePrefix(userId);
  const stored = (await defaultOptions.urlStorage.findAllUploads()).filter(
    (u) => u.urlStorageKey.startsWith(prefix) && u.uploadUrl && u.metadata.surveyId,
  );
  stored.sort((a, b) => Date.parse(a.creationTime) - Date.parse(b.creationTime));
  const found = new Map<string, InterruptedUpload>();
  await Promise.all(
    stored.map(async (u) => {
      const probe = await probeOffset(u.uploadUrl ?? '');
      const complete = probe !== 'gone' && probe !== 'unknown' && u.size !== null && probe.offset >= u.size;
      if (probe === 'gone' || complete) return defaultOptions.urlStorage.removeUpload(u.urlStorageKey);
      const surveyId = u.metadata.surveyId ?? '';
      found.set(surveyId, {
        surveyId,
        fileName: u.metadata.filename ?? '',
        size: u.size ?? 0,
        offset: probe === 'unknown' ? null : probe.offset,
      });
    }),
  );
  return found;
}
