/**
 * Reads a raw request body (a CSV, a photo) into memory, refusing more than `max` bytes with a 413 —
 * before reading when Content-Length already says so.
 */
import type { Request } from 'express';
import { PayloadTooLargeError } from '@belcheer/processing';

export async function readRequestBytes(req: Request, max: number, what: string): Promise<Buffer> {
  const tooLarge = () =>
    new PayloadTooLargeError(`the ${what} exceeds the limit of ${max} bytes (${max / 2 ** 20} MB)`);
  if (Number(req.headers['content-length'] ?? 0) > max) throw tooLarge();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > max) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
