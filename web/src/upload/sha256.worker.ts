/**
 * Web Worker: the SHA-256 of a whole file, read in 8 MiB slices and fed to hash-wasm's incremental
 * SHA-256 (WebAssembly, inlined in the bundle, so nothing is fetched), posting progress after each
 * slice. `crypto.subtle.digest` cannot hash a stream, and holding a multi-GB file in memory is not
 * an option, hence the incremental hasher.
 */
import { createSHA256 } from 'hash-wasm';

export type HashRequest = { readonly file: Blob };
export type HashMessage =
  | { readonly type: 'progress'; readonly bytes: number }
  | { readonly type: 'done'; readonly sha256: string }
  | { readonly type: 'error'; readonly message: string };

const SLICE = 8 * 1024 * 1024;

/** The worker's global scope, typed by hand (the app's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<HashRequest>) => void) | null;
  postMessage(message: HashMessage): void;
}
const scope = globalThis as unknown as WorkerScope;

async function hash(file: Blob): Promise<string> {
  const hasher = await createSHA256();
  hasher.init();
  for (let offset = 0; offset < file.size; offset += SLICE) {
    const end = Math.min(file.size, offset + SLICE);
    hasher.update(new Uint8Array(await file.slice(offset, end).arrayBuffer()));
    scope.postMessage({ type: 'progress', bytes: end });
  }
  return hasher.digest('hex');
}

scope.onmessage = (event) => {
  hash(event.data.file).then(
    (sha256) => scope.postMessage({ type: 'done', sha256 }),
    (err: unknown) =>
      scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
  );
};
