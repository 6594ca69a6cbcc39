/**
 * Loading the tiler's WebAssembly kernels: one instance per thread, its linear memory grown on demand.
 */
import { readFileSync } from 'node:fs';

/**
 * Node's WebAssembly global, as far as the kernels use it (TypeScript declares it only in its DOM
 * libraries, which the server code does not load).
 */
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: object };
}

/** A kernel's exported linear memory. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** An instance of the kernel at `url` (a .wasm file beside the code), made once per thread by the caller. */
export function instantiate<T>(url: URL): T {
  const { Module, Instance } = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
  return new Instance(new Module(readFileSync(url))).exports as T;
}

const WASM_PAGE = 65536;

/** `n` rounded up to a multiple of 16 bytes (one SIMD vector): where a kernel's arrays start. */
export const align16 = (n: number): number => Math.ceil(n / 16) * 16;

/** Grows `memory` to at least `bytes`. */
export function reserve(memory: WasmMemory, bytes: number): ArrayBuffer {
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / WASM_PAGE));
  return memory.buffer;
}
