/**
 * Remembers the tus upload URL of an unfinished upload (`uploads.json` in the config dir, mode 0600) so
 * that running the same command again — after Ctrl-C, a lost connection or a reboot — resumes instead of
 * starting over. Keyed by server, survey, absolute path, size and mtime: a changed file never resumes
 * into an old upload. Entries older than 30 days are dropped (servers expire unfinished uploads anyway).
 */
import path from 'node:path';
import { createHash } from 'node:crypto';
import { isRecord, readJsonFile, writePrivateJsonFile } from './private.json.file.ts';

export interface UploadIdentity {
  readonly server: string;
  readonly surveyId: string;
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface ResumeEntry {
  readonly url: string;
  /** Lowercase hex SHA-256 of the file, so a resumed upload does not hash the file again. */
  readonly sha256: string;
  readonly createdAt: string;
}

export const UPLOADS_FILE = 'uploads.json';
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;

export function resumeKey(id: UploadIdentity): string {
  const material = JSON.stringify([id.server, id.surveyId, id.path, id.size, Math.trunc(id.mtimeMs)]);
  return createHash('sha256').update(material).digest('hex');
}

function parseEntry(value: unknown): ResumeEntry | null {
  if (!isRecord(value)) return null;
  const { url, sha256, createdAt } = value;
  if (typeof url !== 'string' || typeof sha256 !== 'string' || typeof createdAt !== 'string') return null;
  return { url, sha256, createdAt };
}

export class ResumeStore {
  private readonly file: string;

  constructor(
    dir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.file = path.join(dir, UPLOADS_FILE);
  }

  private async readAll(): Promise<Record<string, ResumeEntry & { readonly identity?: unknown }>> {
    const raw = await readJsonFile(this.file);
    const out: Record<string, ResumeEntry & { readonly identity?: unknown }> = {};
    if (!isRecord(raw)) return out;
    for (const [key, value] of Object.entries(raw)) {
      const entry = parseEntry(value);
      if (!entry) continue;
      if (this.now() - Date.parse(entry.createdAt) > MAX_AGE_MS) continue;
      out[key] = { ...entry, identity: isRecord(value) ? value.identity : undefined };
    }
    return out;
  }

  async get(id: UploadIdentity): Promise<ResumeEntry | null> {
    const entry = (await this.readAll())[resumeKey(id)];
    return entry ? { url: entry.url, sha256: entry.sha256, createdAt: entry.createdAt } : null;
  }

  async set(id: UploadIdentity, url: string, sha256: string): Promise<void> {
    const all = await this.readAll();
    // The identity is kept beside the entry only to make the file readable by a person.
    all[resumeKey(id)] = { url, sha256, createdAt: new Date(this.now()).toISOString(), identity: id };
    await writePrivateJsonFile(this.file, all);
  }

  async forget(id: UploadIdentity): Promise<void> {
    const all = await this.readAll();
    const key = resumeKey(id);
    if (!(key in all)) return;
    delete all[key];
    await writePrivateJsonFile(this.file, all);
  }
}
