/**
 * Guarding against a file that changes while it is being uploaded (a photogrammetry tool still writing
 * it, a re-export): its size and mtime must stay those the upload was created for.
 */
import { stat } from 'node:fs/promises';
import { CliError } from './errors.ts';

export class FileChangedError extends CliError {
  constructor(file: string, what: string) {
    super(
      `${file} changed during the upload (${what}); run the same command again to upload the new version`,
    );
    this.name = 'FileChangedError';
  }
}

export async function assertFileUnchanged(file: string, size: number, mtimeMs: number): Promise<void> {
  let now;
  try {
    now = await stat(file);
  } catch (err) {
    throw new FileChangedError(
      file,
      `it can no longer be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  if (now.size !== size) throw new FileChangedError(file, `size ${size} → ${now.size}`);
  if (Math.trunc(now.mtimeMs) !== Math.trunc(mtimeMs)) throw new FileChangedError(file, 'modified');
}
