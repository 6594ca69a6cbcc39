/**
 * Pasture units: reading (any role, the caller's organisations), and creating, editing, soft-deleting
 * and restoring (land officers and admins of the owning organisation). Each write runs in one
 * transaction that locks the row, checks If-Match against the current version, writes the change, one
 * `pasture_unit_history` row (old and new values, geometry as GeoJSON) and the audit log.
 * Reference: SPEC §2.4, §2.5; DESIGN.md "Data model".
 */
import type { MultiPolygon } from 'geojson';
import { ConflictError, ForbiddenError, ValidationError } from '@belcheer/processing';
import type { Db, Queryable } from '../db/db.ts';
import { readableOrganisations, type Caller, type Role } from '../auth/caller.ts';
import { audit } from '../audit/audit.ts';
import * as repo from './pasture.units.repository.ts';
import { checkUnitGeometry } from './pasture.unit.geometry.ts';
import { checkIfMatch } from './unit.etag.ts';
import { layerChanged } from '../vector-tiles/layer.generation.ts';
import type {
  HistoryEntry,
  UnitFeature,
  UnitInput,
  UnitListQuery,
  UnitPatch,
} from './pasture.units.schemas.ts';

export const UNIT_EDITORS: readonly Role[] = ['admin', 'land_officer'];

function assertEditor(caller: Caller, organisationId: string = caller.organisationId): void {
  if (!UNIT_EDITORS.includes(caller.role))
    throw new ForbiddenError(
      `${caller.role} users cannot change pasture units; land officers and admins can`,
    );
  if (organisationId !== caller.organisationId)
    throw new ForbiddenError('only the organisation that owns a pasture unit edits it');
}

async function checkSoum(db: Queryable, soum: string): Promise<void> {
  if (!(await repo.soumExists(db, soum))) throw new ValidationError(`soum: no soum has the code ${soum}`);
}

/** The unit's values after applying `props`/`geometry`; with `replace`, an absent optional field is cleared. */
async function nextValues(
  db: Queryable,
  base: UnitFeature | null,
  props: UnitPatch['properties'],
  geometry: unknown,
  replace: boolean,
): Promise<repo.UnitValues> {
  const old = base?.properties;
  const pick = <K extends 'notes' | 'reference_biomass_kg_ha'>(k: K) =>
    props?.[k] !== undefined ? (props[k] ?? null) : replace ? null : (old?.[k] ?? null);
  const soum = props?.soum ?? old?.soum;
  const name = props?.name ?? old?.name;
  const season = props?.season ?? old?.season;
  const use = props?.use ?? old?.use;
  if (!soum || !name || !season || !use)
    throw new ValidationError('properties: name, soum, season and use are required');
  if (soum !== old?.soum) await checkSoum(db, soum);
  const geom: MultiPolygon =
    geometry === undefined && base ? (base.geometry as MultiPolygon) : await checkUnitGeometry(db, geometry);
  return {
    name,
    soum,
    season,
    use,
    notes: pick('notes'),
    referenceBiomass: pick('reference_biomass_kg_ha'),
    geometry: geom,
  };
}

/** The fields whose values differ between two snapshots, as [old, new]. */
function changes(
  before: repo.Snapshot,
  after: repo.Snapshot,
): [Record<string, unknown>, Record<string, unknown>] {
  const oldValues: Record<string, unknown> = {};
  const newValues: Record<string, unknown> = {};
  for (const k of repo.SNAPSHOT_FIELDS) {
    if (JSON.stringify(before[k]) === JSON.stringify(after[k])) continue;
    oldValues[k] = before[k];
    newValues[k] = after[k];
  }
  return [oldValues, newValues];
}

/**
 * Inserts a checked unit of the caller's organisation and its first history row (`create`, or `import`
 * for the file import of `api/src/imports/`, which runs it in its own transaction).
 */
export async function insertUnitWithHistory(
  tx: Queryable,
  caller: Caller,
  values: repo.UnitValues,
  action: 'create' | 'import',
): Promise<repo.UnitRecord> {
  const id = await repo.insertUnit(tx, caller.organisationId, caller.userId, values);
  const record = await repo.getUnit(tx, [caller.organisationId], id);
  await repo.insertHistory(tx, {
    unitId: id,
    version: record.version,
    action,
    userId: caller.userId,
    oldValues: null,
    newValues: repo.snapshotOf(record.feature),
  });
  return record;
}

export function createPastureUnitService(db: Db) {
  /** A write transaction; once it commits, cached `pasture-units` tiles of this process are stale. */
  async function write<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const result = await db.transaction(fn);
    layerChanged('pasture-units');
    return result;
  }

  /** Locks the unit, checks who may write and If-Match (`ifMatch` null: not required). */
  async function lockForWrite(
    tx: Queryable,
    caller: Caller,
    id: string,
    ifMatch: string | undefined | null,
  ): Promise<repo.UnitRecord> {
    const record = await repo.getUnit(tx, readableOrganisations(caller), id, true);
    assertEditor(caller, record.organisationId);
    if (ifMatch !== null) checkIfMatch(ifMatch, record);
    return record;
  }

  async function edit(
    caller: Caller,
    id: string,
    body: UnitPatch,
    ifMatch: string | undefined,
    replace: boolean,
  ) {
    if (body.id !== undefined && body.id !== id)
      throw new ValidationError(`body.id ${body.id} is not the unit ${id} of the path`);
    return write(async (tx) => {
      const record = await lockForWrite(tx, caller, id, ifMatch);
      if (record.deleted) throw new ConflictError(`pasture unit ${id} is deleted: restore it before editing`);
      const values = await nextValues(tx, record.feature, body.properties, body.geometry, replace);
      await repo.updateUnit(tx, id, caller.userId, values);
      const after = await repo.getUnit(tx, [record.organisationId], id);
      const [oldValues, newValues] = changes(repo.snapshotOf(record.feature), repo.snapshotOf(after.feature));
      await repo.insertHistory(tx, {
        unitId: id,
        version: after.version,
        action: 'update',
        userId: caller.userId,
        oldValues,
        newValues,
      });
      await audit(tx, caller, 'update', 'pasture_unit', id, {
        version: after.version,
        fields: Object.keys(newValues),
      });
      return after;
    });
  }

  async function setDeleted(
    caller: Caller,
    id: string,
    ifMatch: string | undefined | null,
    deleted: boolean,
  ) {
    return write(async (tx) => {
      const record = await lockForWrite(tx, caller, id, ifMatch);
      if (record.deleted === deleted)
        throw new ConflictError(`pasture unit ${id} is ${deleted ? 'already deleted' : 'not deleted'}`);
      await repo.setDeleted(tx, id, caller.userId, deleted);
      const after = await repo.getUnit(tx, [record.organisationId], id);
      const action = deleted ? 'delete' : 'restore';
      await repo.insertHistory(tx, {
        unitId: id,
        version: after.version,
        action,
        userId: caller.userId,
        oldValues: { deleted_at: record.feature.properties.deleted_at },
        newValues: { deleted_at: after.feature.properties.deleted_at },
      });
      await audit(tx, caller, action, 'pasture_unit', id, { version: after.version });
      return after;
    });
  }

  return {
    list: (caller: Caller, q: UnitListQuery): Promise<UnitFeature[]> =>
      repo.listUnits(db, readableOrganisations(caller), q),

    get: (caller: Caller, id: string): Promise<repo.UnitRecord> =>
      repo.getUnit(db, readableOrganisations(caller), id),

    async create(caller: Caller, body: UnitInput): Promise<repo.UnitRecord> {
      assertEditor(caller);
      return write(async (tx) => {
        const values = await nextValues(tx, null, body.properties, body.geometry, true);
        const record = await insertUnitWithHistory(tx, caller, values, 'create');
        await audit(tx, caller, 'create', 'pasture_unit', record.id, {
          name: values.name,
          soum: values.soum,
        });
        return record;
      });
    },

    /** PUT (`replace`: absent notes / reference biomass are cleared) or PATCH (only the given fields). */
    edit,

    remove: (caller: Caller, id: string, ifMatch: string | undefined) =>
      setDeleted(caller, id, ifMatch, true),

    /** Restore needs no If-Match (a deleted unit cannot be edited meanwhile) but checks one when sent. */
    restore: (caller: Caller, id: string, ifMatch: string | undefined) =>
      setDeleted(caller, id, ifMatch ?? null, false),

    async history(caller: Caller, id: string): Promise<{ record: repo.UnitRecord; history: HistoryEntry[] }> {
      const record = await repo.getUnit(db, readableOrganisations(caller), id);
      return { record, history: await repo.listHistory(db, id) };
    },
  };
}

export type PastureUnitService = ReturnType<typeof createPastureUnitService>;
