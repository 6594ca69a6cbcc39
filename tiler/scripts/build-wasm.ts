/** Writes tiler/src/wasm/resample.wasm from resample.wat (`npm run build:wasm -w tiler`). */
import { writeFile } from 'node:fs/promises';
import { compileWat, RESAMPLE_WASM, RESAMPLE_WAT } from '../src/wasm/compile.ts';

const bytes = await compileWat(RESAMPLE_WAT);
await writeFile(RESAMPLE_WASM, bytes);
console.log(`${RESAMPLE_WASM}: ${bytes.length} bytes`);
