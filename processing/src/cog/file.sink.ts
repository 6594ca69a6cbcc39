/**
 * A ByteSink over a local file: sequential writes, flushed to disk on close (so that a rename
 * after close publishes complete bytes), or abandoned on abort.
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { ByteSink } from '../raster/types.ts';

export class FileSink implements ByteSink {
  private readonly handle: FileHandle;

  private constructor(handle: FileHandle) {
    this.handle = handle;
  }

  static async create(path: string): Promise<FileSink> {
    return new FileSink(await open(path, 'w'));
  }

  async write(chunk: Uint8Array): Promise<void> {
    let done = 0;
    while (done < chunk.length) {
      const { bytesWritten } = await this.handle.write(chunk, done, chunk.length - done);
      done += bytesWritten;
    }
  }

  async close(): Promise<void> {
    await this.handle.datasync();
    await this.handle.close();
  }

  async abort(): Promise<void> {
    await this.handle.close();
  }
}
