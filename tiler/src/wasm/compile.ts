/**
 * WebAssembly text → binary with wabt (a development dependency): the build script writes the
 * committed `.wasm` from its `.wat`, and a test checks that they still agree.
 */
import { readFile } from 'node:fs/promises';
import createWabt from 'wabt';

export async function compileWat(watPath: string): Promise<Uint8Array> {
  const wabt = await createWabt();
  const module = wabt.parseWat(watPath, await readFile(watPath, 'utf8'), {
    simd: true,
    sat_float_to_int: true,
  });
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

/** The kernels: each `name.wat` is built to `name.wasm` beside it. */
export const KERNELS = ['resample', 'deflate'].map((name) => ({
  wat: new URL(`./${name}.wat`, import.meta.url).pathname,
  wasm: new URL(`./${name}.wasm`, import.meta.url).pathname,
}));
