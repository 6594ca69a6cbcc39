/**
 * The tus checksum extension (https://tus.io/protocols/resumable-upload#checksum), which @tus/server
 * does not implement: a PATCH carrying `Upload-Checksum: <algorithm> <base64 digest>` is read into
 * memory (bounded by `maxChunkBytes`), its digest checked, and only a matching body is handed to the
 * tus server; a mismatch answers 460 and appends nothing. OPTIONS advertises the extension.
 */
import { createHash } from 'node:crypto';
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { PayloadTooLargeError, ValidationError } from '@belcheer/processing';

export const CHECKSUM_ALGORITHMS = ['sha1', 'sha256', 'md5'] as const;
type Algorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export interface ExpectedChecksum {
  readonly algorithm: Algorithm;
  readonly digest: Buffer;
}

/** Parses `Upload-Checksum`; ValidationError (→ 400) when malformed or the algorithm is unsupported. */
export function parseUploadChecksum(header: string): ExpectedChecksum {
  const [algorithm, value, ...rest] = header.trim().split(/\s+/);
  if (!algorithm || !value || rest.length > 0)
    throw new ValidationError('Upload-Checksum must be "<algorithm> <base64 digest>"');
  if (!(CHECKSUM_ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw new ValidationError(
      `Upload-Checksum algorithm ${algorithm} is not supported (${CHECKSUM_ALGORITHMS.join(', ')})`,
      undefined,
      'unsupported_checksum',
    );
  }
  return { algorithm: algorithm as Algorithm, digest: Buffer.from(value, 'base64') };
}

export function checksumMatches(expected: ExpectedChecksum, body: Buffer): boolean {
  return createHash(expected.algorithm).update(body).digest().equals(expected.digest);
}

/** Reads a request body into memory, refusing more than `max` bytes. */
export async function readBody(req: ExpressRequest, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max)
      throw new PayloadTooLargeError(
        `a PATCH with Upload-Checksum may carry at most ${max} bytes; send smaller chunks`,
      );
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The same request as a web Request with a buffered body, for `Server.handleWeb`. */
export function webRequest(req: ExpressRequest, body: Buffer | null): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = `${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`;
  return new Request(url, { method: req.method, headers, body: body ? new Uint8Array(body) : null });
}

/** Writes a web Response from the tus server to express, adding `extraHeaders`. */
export async function sendWebResponse(
  res: ExpressResponse,
  response: Response,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  res.status(response.status);
  response.headers.forEach((value, name) => res.setHeader(name, value));
  for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
  res.end(Buffer.from(await response.arrayBuffer()));
}
