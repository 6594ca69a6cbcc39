/** Each committed WebAssembly kernel is the binary its text source builds to (`npm run build:wasm -w tiler`). */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { compileWat, KERNELS } from './compile.ts';

describe('WebAssembly kernels', () => {
  it.each(KERNELS)('ships the binary built from $wat', async ({ wat, wasm }) => {
    const built = await compileWat(wat);
    expect(Buffer.from(built).equals(await readFile(wasm))).toBe(true);
  });
});
