/**
 * Loads Mongolia's aimag and soum boundaries shipped in `sample-data/admin/` (OCHA/HDX COD-AB, NSO
 * P-codes; see sample-data/admin/README.md for sources and licence) on first start, when the
 * table is empty. Idempotent and race-free: runs in a transaction under an advisory lock.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/db.ts';
import { countAdminUnits, insertAdminUnits, type AdminUnitRecord } from './admin.units.repository.ts';

const LOAD_LOCK_KEY = 7_413_208_512;

interface Feature {
  properties: Record<string, unknown>;
  geometry: object;
}

async function readFeatures(file: string): Promise<Feature[]> {
  const fc = JSON.parse(await readFile(file, 'utf8')) as { features?: Feature[] };
  if (!Array.isArray(fc.features)) throw new Error(`${file} is not a GeoJSON FeatureCollection`);
  return fc.features;
}

function text(props: Record<string, unknown>, key: string, file: string): string {
  const value = props[key];
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${file}: a feature has no ${key}`);
  return value.trim();
}

/** Parses the shipped files into records (pure apart from reading them). */
export async function readAdminUnits(dir: string): Promise<AdminUnitRecord[]> {
  const aimagFile = path.join(dir, 'mongolia-aimags.geojson');
  const soumFile = path.join(dir, 'mongolia-soums.geojson');
  const namesFile = path.join(dir, 'soum-names-mn.json');
  const soumNamesMn: Record<string, string> = existsSync(namesFile)
    ? (JSON.parse(await readFile(namesFile, 'utf8')) as Record<string, string>)
    : {};
  const aimags = (await readFeatures(aimagFile)).map((f): AdminUnitRecord => ({
    code: text(f.properties, 'ADM1_PCODE', aimagFile),
    level: 'aimag',
    parentCode: null,
    nameMn: text(f.properties, 'ADM1_MN', aimagFile),
    nameEn: text(f.properties, 'ADM1_EN', aimagFile),
    geometry: f.geometry,
  }));
  const soums = (await readFeatures(soumFile)).map((f): AdminUnitRecord => {
    const code = text(f.properties, 'ADM2_PCODE', soumFile);
    return {
      code,
      level: 'soum',
      parentCode: text(f.properties, 'ADM1_PCODE', soumFile),
      nameMn: soumNamesMn[code] ?? null,
      nameEn: text(f.properties, 'ADM2_EN', soumFile),
      geometry: f.geometry,
    };
  });
  return [...aimags, ...soums];
}

/** Loads the units when none are stored yet; returns how many were inserted. */
export async function loadAdminUnitsIfEmpty(db: Db, dir: string): Promise<number> {
  if ((await countAdminUnits(db)) > 0) return 0;
  const units = await readAdminUnits(dir);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOAD_LOCK_KEY]);
    if ((await countAdminUnits(tx)) > 0) return 0;
    await insertAdminUnits(
      tx,
      units.filter((u) => u.level === 'aimag'),
    );
    await insertAdminUnits(
      tx,
      units.filter((u) => u.level === 'soum'),
    );
    return units.length;
  });
}
