/** The first `bytes` bytes of a file (fewer when it is shorter): for sniffing and header lookups. */
import { open } from 'node:fs/promises';

export async function fileHead(file: string, bytes: number): Promise<Buffer> {
  const fh = await open(file);
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
