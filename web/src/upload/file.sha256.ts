/**
 * The lower-case hex SHA-256 of a file, computed in a Web Worker (sha256.worker.ts) so the page
 * stays responsive; `signal` stops the worker. Sent as tus `Upload-Metadata: sha256` so the server
 * can prove that the bytes it assembled are the bytes of the file (SPEC §2.1).
 */
import type { HashMessage, HashRequest } from './sha256.worker.ts';

/** Files up to this size are hashed before uploading; bigger ones go without (see upload.manager.ts). */
export const HASH_LIMIT_BYTES = 2 * 1024 ** 3;

export function sha256OfFile(
  file: Blob,
  onProgress: (bytes: number) => void,
  signal: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./sha256.worker.ts', import.meta.url), { type: 'module' });
    const stop = (): void => {
      worker.terminate();
      reject(new DOMException('hashing was stopped', 'AbortError'));
    };
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    worker.onmessage = (event: MessageEvent<HashMessage>) => {
      const message = event.data;
      if (message.type === 'progress') return onProgress(message.bytes);
      signal.removeEventListener('abort', stop);
      worker.terminate();
      if (message.type === 'done') resolve(message.sha256);
      else reject(new Error(message.message));
    };
    worker.onerror = (event) => {
      signal.removeEventListener('abort', stop);
      worker.terminate();
      reject(new Error(event.message || 'the hashing worker failed'));
    };
    const request: HashRequest = { file };
    worker.postMessage(request);
  });
}
