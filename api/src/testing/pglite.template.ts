/**
 * A migrated PGlite database with Mongolia's boundaries and the test administrator, made once per
 * machine and schema and copied into each test server's data folder: a fresh PGlite folder costs an
 * initdb, the migrations and ~360 boundary inserts (7–30 s on a loaded 2-core machine), a copy a
 * fraction of a second. Keyed by the SHA-256 of the migrations, the boundary files and the loader
 * code, so a schema change makes a new template. Test processes running in parallel take a lock
 * (an atomic mkdir) and the others wait for the `ready` marker.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const API_SRC = fileURLToPath(new URL('..', import.meta.url));
const REPO = path.resolve(API_SRC, '..', '..');
const WAIT_MS = 300_000;
const POLL_MS = 250;

/** Files whose content decides what the template holds. */
async function inputs(): Promise<string[]> {
  const migrations = path.join(API_SRC, 'db', 'migrations');
  const admin = path.join(REPO, 'sample-data', 'admin');
  return [
    ...(await readdir(migrations)).sort().map((f) => path.join(migrations, f)),
    ...(await readdir(admin)).sort().map((f) => path.join(admin, f)),
    path.join(API_SRC, 'admin-units', 'admin.units.load.ts'),
    path.join(API_SRC, 'auth', 'bootstrap.ts'),
    path.join(REPO, 'package-lock.json'),
  ];
}

/** SHA-256 (16 hex digits) of what a template holds: migrations, boundaries, loader code, package lock. */
export async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await inputs()) hash.update(file).update(await readFile(file));
  return hash.digest('hex').slice(0, 16);
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

/**
 * The template's database folder, made with `make(dir)` (which must leave a closed PGlite database in
 * `dir`) by whichever process gets the lock first.
 */
export async function pgliteTemplate(make: (dir: string) => Promise<void>): Promise<string> {
  const root = path.join(tmpdir(), `belcheer-pglite-template-${await templateKey()}`);
  const db = path.join(root, 'db');
  const ready = path.join(root, 'ready');
  const lock = `${root}.lock`;
  const deadline = Date.now() + WAIT_MS;
  while (!(await exists(ready))) {
    let locked = false;
    try {
      await mkdir(lock);
      locked = true;
    } catch {
      // Another process is making it; a lock older than the wait is a crashed maker's.
      const age =
        Date.now() -
        (await stat(lock).then(
          (s) => s.mtimeMs,
          () => Date.now(),
        ));
      if (age > WAIT_MS) await rm(lock, { recursive: true, force: true });
    }
    if (locked) {
      try {
        if (!(await exists(ready))) {
          const staging = `${root}.staging-${process.pid}`;
          await rm(staging, { recursive: true, force: true });
          await make(staging);
          await rm(root, { recursive: true, force: true });
          await mkdir(root, { recursive: true });
          await rename(staging, db);
          await writeFile(ready, new Date().toISOString());
        }
      } finally {
        await rm(lock, { recursive: true, force: true });
      }
      break;
    }
    if (Date.now() > deadline) throw new Error(`waited ${WAIT_MS} ms for the PGlite template in ${root}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return db;
}

/** Copies the template database into `dataDir`'s database folder. */
export async function copyTemplate(template: string, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  await cp(template, target, { recursive: true });
}
