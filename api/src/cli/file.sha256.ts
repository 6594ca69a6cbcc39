/**
 * The SHA-256 of a file, computed by streaming it (constant memory whatever the size), reporting the
 * bytes hashed so far. Returns the lowercase hex digest.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { InterruptedError } from './errors.ts';

export async function sha256OfFile(
  file: string,
  onBytes: (hashed: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  const hash = createHash('sha256');
  let hashed = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, signal })) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      hashed += bytes.length;
      onBytes(hashed);
    }
  } catch (err) {
    if (signal?.aborted) throw new InterruptedError();
    throw err;
  }
  return hash.digest('hex');
}
