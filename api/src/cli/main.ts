/**
 * The process entry point of `belcheer` (see bin/belcheer.mjs): wires the real stdin/stdout/stderr,
 * environment, fetch and clock into cli.ts, turns the first Ctrl-C into a clean stop (the upload URL
 * stays remembered so the same command resumes) and a second one into an immediate exit.
 */
import process from 'node:process';
import { run } from './cli.ts';
import { EXIT } from './errors.ts';
import { sleep } from './sleep.ts';

const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(EXIT.interrupted);
  interrupt.abort();
});
process.on('SIGTERM', () => interrupt.abort());

const code = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  signal: interrupt.signal,
  fetch: globalThis.fetch,
  now: () => Date.now(),
  sleep,
});
process.exitCode = code;
// Normally nothing is left running; should a keep-alive socket or a stray timer linger, do not make the
// user wait for it. The timer is unref'd, so it never delays a clean exit.
setTimeout(() => process.exit(code), 2000).unref();
