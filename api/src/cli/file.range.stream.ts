/**
 * A web ReadableStream over bytes [start, end) of a file, read in small pieces on demand (so a chunk of
 * several MiB is never held in memory at once), calling onBytes as each piece is handed to the network.
 * The file handle is closed when the stream ends, errors or is cancelled.
 */
import { open, type FileHandle } from 'node:fs/promises';

// small pieces so that even a ~2 KB/s link hands one over well within the stall timeout
const PIECE = 64 * 1024;

export function fileRangeStream(
  file: string,
  start: number,
  end: number,
  onBytes: (n: number) => void,
): ReadableStream<Uint8Array> {
  let handle: FileHandle | null = null;
  let cancelled = false;
  let position = start;
  async function close(): Promise<void> {
    const h = handle;
    handle = null;
    await h?.close();
  }
  return new ReadableStream<Uint8Array>(
    {
      async start() {
        handle = await open(file, 'r');
      },
      async pull(controller) {
        if (!handle) return;
        const length = Math.min(PIECE, end - position);
        if (length <= 0) {
          await close();
          controller.close();
          return;
        }
        const buffer = new Uint8Array(length);
        const { bytesRead } = await handle.read(buffer, 0, length, position);
        if (cancelled) return; // the request was aborted while reading
        if (bytesRead === 0) {
          await close();
          controller.error(new Error(`${file} is shorter than expected (changed during the upload?)`));
          return;
        }
        position += bytesRead;
        controller.enqueue(bytesRead === length ? buffer : buffer.subarray(0, bytesRead));
        onBytes(bytesRead);
      },
      async cancel() {
        cancelled = true;
        await close();
      },
    },
    { highWaterMark: 0 },
  );
}
