/**
 * A local file as a ByteSource read by ranges: the opener module zonalStatsThreads' threads import
 * (`openByteSource(path)`), also used by the zonal reference test and bench/zonal.ts on the main thread.
 */
import type { ByteSource } from '@belcheer/processing';
import { open } from 'node:fs/promises';

export async function openByteSource(path: unknown): Promise<ByteSource & { close(): Promise<void> }> {
  if (typeof path !== 'string') throw new Error('openByteSource takes a file path');
  const file = await open(path);
  const { size } = await file.stat();
  return {
    size,
    async fetch(offset, length) {
      const buf = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      await file.read(buf, 0, buf.length, offset);
      return buf;
    },
    close: () => file.close(),
  };
}
