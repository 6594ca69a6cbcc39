/**
 * The raw request body streamed to a temporary file (never held in memory), refused with 413 beyond
 * `max` bytes — before reading when Content-Length already says so. The caller removes the folder
 * (removed here when the upload fails).
 * Reference: issue 7 "Import" (streaming for large files).
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import { PayloadTooLargeError } from '@belcheer/processing';

export interface TempUpload {
  /** A folder of its own under `root`, holding `file` and anything extracted from it. */
  readonly dir: string;
  readonly file: string;
  readonly bytes: number;
}

export async function bodyToTempFile(req: Request, root: string, max: number): Promise<TempUpload> {
  const tooLarge = () =>
    new PayloadTooLargeError(`the import file exceeds the limit of ${max} bytes (${max / 2 ** 20} MB)`);
  if (Number(req.headers['content-length'] ?? 0) > max) throw tooLarge();
  await mkdir(root, { recursive: true });
  const dir = await mkdtemp(path.join(root, 'import-'));
  const file = path.join(dir, 'upload');
  let bytes = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(bytes > max ? tooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(req, cap, createWriteStream(file));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return { dir, file, bytes };
}
