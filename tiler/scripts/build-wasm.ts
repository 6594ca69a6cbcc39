/** Writes each tiler/src/wasm/*.wasm from its .wat (`npm run build:wasm -w tiler`). */
import { writeFile } from 'node:fs/promises';
import { compileWat, KERNELS } from '../src/wasm/compile.ts';

for (const { wat, wasm } of KERNELS) {
  const bytes = await compileWat(wat);
  await writeFile(wasm, bytes);
  console.log(`${wasm}: ${bytes.length} bytes`);
}
