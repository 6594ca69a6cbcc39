/**
 * Builds the web app (`npm run build -w web`: glyphs + Vite) only when web/dist/index.html is
 * missing or older than any source of it: web/src, web/index.html, web/scripts, web/public (less the
 * generated glyphs), web/vite.config.ts, web/package.json. Prints one line either way; on a failed
 * build it prints the build's output and exits non-zero. `npm start` runs it before the API.
 *
 *   node web/scripts/build-if-stale.mjs
 */
/* global process, console */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = path.resolve(webDir, '..');
const target = path.join(webDir, 'dist', 'index.html');
const sources = ['src', 'index.html', 'scripts', 'public', 'vite.config.ts', 'package.json'].map((p) =>
  path.join(webDir, p),
);
const skip = new Set([path.join(webDir, 'public', 'fonts')]);

/** The newest file under `p` as [mtimeMs, path], or null when there is none. */
function newest(p) {
  if (!existsSync(p) || skip.has(p)) return null;
  const stat = statSync(p);
  if (!stat.isDirectory()) return [stat.mtimeMs, p];
  let best = null;
  for (const entry of readdirSync(p)) {
    const found = newest(path.join(p, entry));
    if (found && (!best || found[0] > best[0])) best = found;
  }
  return best;
}

function staleReason() {
  if (!existsSync(target)) return 'web/dist/index.html is missing';
  const built = statSync(target).mtimeMs;
  let best = null;
  for (const source of sources) {
    const found = newest(source);
    if (found && (!best || found[0] > best[0])) best = found;
  }
  return best && best[0] > built ? `${path.relative(webDir, best[1])} changed` : null;
}

const reason = staleReason();
if (!reason) {
  console.log('web: web/dist is up to date');
  process.exit(0);
}
const started = Date.now();
const npm = process.env.npm_execpath
  ? { cmd: process.execPath, args: [process.env.npm_execpath] }
  : { cmd: process.platform === 'win32' ? 'npm.cmd' : 'npm', args: [] };
const result = spawnSync(npm.cmd, [...npm.args, 'run', 'build', '-w', 'web'], {
  cwd: rootDir,
  encoding: 'utf8',
});
if (result.status !== 0) {
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  console.error(`web: build failed (${reason})${result.error ? `: ${result.error.message}` : ''}`);
  process.exit(result.status ?? 1);
}
console.log(`web: built web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s (${reason})`);
