/**
 * A `node:worker_threads` Worker running a TypeScript module: tsx is registered in the thread first
 * (a `--import tsx` of the process is not inherited by its threads).
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function tsxWorker(module: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const source = [
    "import('tsx/esm/api')",
    `.then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); });`,
  ].join('');
  return new Worker(source, { ...options, eval: true });
}
