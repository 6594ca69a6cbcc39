/**
 * SQL of vector exports: the rows of one export layer (export.layers.ts) for the caller's
 * organisations and filters, as features with values in the layer's field order.
 * Reference: export.layers.ts; migration 003.
 */
import type { FieldValue, VectorFeature, VectorGeometry } from '@belcheer/processing';
import type { Queryable } from '../db/db.ts';
import type { ExportLayer, FilterName } from './export.layers.ts';

export type ExportFilters = Partial<Record<FilterName, string>>;

type Row = Record<string, FieldValue> & { geometry: VectorGeometry };

/** At most `limit` features of the layer. */
export async function exportFeatures(
  db: Queryable,
  layer: ExportLayer,
  orgs: readonly string[],
  f: ExportFilters,
  limit: number,
): Promise<VectorFeature[]> {
  const rows = await db.query<Row>(layer.sql, [
    [...orgs],
    f.soum ?? null,
    f.season ?? null,
    f.use ?? null,
    f.survey ?? null,
    limit,
  ]);
  return rows.map((r) => ({
    geometry: r.geometry,
    values: layer.fields.map((field) => r[field.name] ?? null),
  }));
}
