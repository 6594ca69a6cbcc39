/**
 * The pasture-unit import: the uploaded file opened by format, each feature checked (`unit.checks.ts`)
 * and reported. A dry run only reports. A real import runs checks and writes in one transaction —
 * each unit inserted with its `import` history row by the pasture-units service — and rolls all of it
 * back with a 400 carrying the report when any feature is refused: all units or none.
 * Reference: issue 7 "Import"; SPEC §2.4.
 */
import { PayloadTooLargeError, ValidationError } from '@belcheer/processing';
import type { Db, Queryable } from '../db/db.ts';
import { audit } from '../audit/audit.ts';
import type { Caller } from '../auth/caller.ts';
import { insertUnitWithHistory } from '../pasture-units/pasture.units.service.ts';
import type { UnitValues } from '../pasture-units/pasture.units.repository.ts';
import { layerChanged } from '../vector-tiles/layer.generation.ts';
import type { AttributeMap } from './attribute.map.ts';
import type { FeatureSource } from './import.source.ts';
import type { ImportItem, ImportReport } from './imports.schemas.ts';
import { createUnitChecker, type UnitDefaults } from './unit.checks.ts';

/** At most this many features per import. */
export const MAX_IMPORT_FEATURES = 20_000;

export interface UnitImportOptions {
  readonly dryRun: boolean;
  readonly map: AttributeMap;
  readonly defaults: UnitDefaults;
}

/** Checks every feature; `write` (real import) inserts each accepted unit while none was refused yet. */
async function report(
  q: Queryable,
  caller: Caller,
  source: FeatureSource,
  options: UnitImportOptions,
  write?: (values: UnitValues) => Promise<string>,
): Promise<ImportReport> {
  const check = createUnitChecker(q, caller.organisationId, options.map, options.defaults);
  const items: ImportItem[] = [];
  let rejected = 0;
  for await (const f of source.features) {
    if (items.length >= MAX_IMPORT_FEATURES)
      throw new PayloadTooLargeError(
        `the file has more than ${MAX_IMPORT_FEATURES} features; at most ${MAX_IMPORT_FEATURES} are imported at once — split it`,
      );
    const unit = await check(f);
    const id = unit.values && write && rejected === 0 ? await write(unit.values) : undefined;
    if (!unit.values) rejected++;
    items.push({
      index: f.index,
      name: unit.name,
      ok: unit.values !== undefined,
      ...(unit.areaHa !== undefined ? { area_ha: unit.areaHa } : {}),
      errors: unit.problems,
      ...(id ? { id } : {}),
    });
  }
  return {
    dryRun: options.dryRun,
    format: source.format,
    crs: source.crs,
    features: items.length,
    accepted: items.length - rejected,
    rejected,
    items,
  };
}

function refusal(r: ImportReport): ValidationError {
  const first = r.items.find((i) => !i.ok);
  const message = first
    ? `${r.rejected} of ${r.features} features are refused; nothing was imported (first: feature ${first.index + 1}: ${first.errors[0]?.message})`
    : 'the file holds no features; nothing was imported';
  return new ValidationError(
    message,
    { ...r, items: r.items.map(({ id: _id, ...item }) => item) },
    'invalid_features',
  );
}

export function createUnitImportService(db: Db) {
  return {
    async run(caller: Caller, source: FeatureSource, options: UnitImportOptions): Promise<ImportReport> {
      if (options.dryRun) return report(db, caller, source, options);
      const result = await db.transaction(async (tx) => {
        const r = await report(tx, caller, source, options, async (values) => {
          const record = await insertUnitWithHistory(tx, caller, values, 'import');
          return record.id;
        });
        if (r.rejected > 0 || r.accepted === 0) throw refusal(r);
        await audit(tx, caller, 'create', 'pasture_unit_import', null, {
          count: r.accepted,
          format: r.format,
          crs: r.crs,
        });
        return r;
      });
      layerChanged('pasture-units');
      return result;
    },
  };
}
