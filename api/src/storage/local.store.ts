/**
 * The local-folder store (default: DATA_DIR/store). Atomic writes go to a temporary file in the same
 * folder tree and are renamed into place.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { checkKey, type ByteRange, type Store } from './store.ts';

export function createLocalStore(root: string): Store {
  const tmpDir = path.join(root, '.tmp');
  const file = (key: string) => path.join(root, checkKey(key));

  async function place(tmp: string, key: string): Promise<{ size: number }> {
    const target = file(key);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(tmp, target);
    return { size: (await stat(target)).size };
  }

  return {
    kind: 'local',
    async put(key: string, body: Readable) {
      await mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, randomUUID());
      try {
        await pipeline(body, createWriteStream(tmp));
        return await place(tmp, key);
      } catch (err) {
        await unlink(tmp).catch(() => undefined);
        throw err;
      }
    },
    async putFile(key: string, source: string) {
      checkKey(key); // before the file moves: a refused key leaves it where it was
      await mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, randomUUID());
      try {
        await rename(source, tmp);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
        await copyFile(source, tmp);
        await unlink(source);
      }
      return place(tmp, key);
    },
    async size(key: string) {
      try {
        return (await stat(file(key))).size;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    read(key: string, range?: ByteRange) {
      return createReadStream(file(key), range ? { start: range.start, end: range.end } : {});
    },
    async open(key: string) {
      const handle = await open(file(key), 'r');
      const { size } = await handle.stat();
      return {
        size,
        async fetch(offset: number, length: number) {
          const len = Math.max(0, Math.min(length, size - offset));
          const buf = new Uint8Array(len);
          let done = 0;
          while (done < len) {
            const { bytesRead } = await handle.read(buf, done, len - done, offset + done);
            if (bytesRead === 0) break;
            done += bytesRead;
          }
          return done === len ? buf : buf.subarray(0, done);
        },
        close: () => handle.close(),
      };
    },
    async deletePrefix(prefix: string) {
      await rm(file(prefix), { recursive: true, force: true });
    },
  };
}
