/**
 * Preload for profiling a server a bench starts (`NODE_OPTIONS="--import tsx --import ./bench/cpu.profile.ts"`,
 * CPU_PROFILE=out.cpuprofile): the V8 CPU profiler, written on exit. Node 20 refuses
 * --cpu-prof in NODE_OPTIONS, and a child started with fixed arguments cannot take it otherwise.
 * Open the file in Chrome DevTools or summarise it with bench/cpu.profile.top.ts.
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';

const out = process.env.CPU_PROFILE;
if (out) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  // From the first line, or from SIGUSR2 with CPU_PROFILE_ON_SIGNAL set (e.g. once a bench's set-up is done).
  if (process.env.CPU_PROFILE_ON_SIGNAL) process.once('SIGUSR2', () => session.post('Profiler.start'));
  else session.post('Profiler.start');
  // Main-thread inspector sessions answer synchronously, so this works in an 'exit' listener.
  process.on('exit', () =>
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(out, JSON.stringify(result.profile));
    }),
  );
}
