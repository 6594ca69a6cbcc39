/**
 * The report of a field plot import (issue 6): each row checked on its own, errors named by row and
 * field, so a whole file can be corrected in one pass.
 * Shape: `{ dryRun, accepted, rejected, rows: [{ row, ok, errors?, id? }] }`.
 */
import type { PlotRow } from './plot.rows.ts';
import { validatePlot, type FieldError, type PlotCheck, type PlotInput } from './plot.validate.ts';

export interface RowReport {
  readonly row: number;
  readonly ok: boolean;
  readonly errors?: readonly FieldError[];
  /** The new plot's id, once imported. */
  readonly id?: string;
}

export interface ImportReport {
  readonly dryRun: boolean;
  readonly accepted: number;
  readonly rejected: number;
  readonly rows: readonly RowReport[];
}

const POSITION_FIELDS = new Set(['lon', 'lat', 'lon/lat']);

/** Validates one read row; a row whose geometry could not be read reports that, not a missing lon/lat. */
export function checkRow(row: PlotRow, today: string): PlotCheck {
  const check = validatePlot(row.raw, today);
  if (row.errors.length === 0) return check;
  const geometryBad = row.errors.some((e) => e.field === 'geometry' || e.field === 'feature');
  const rest = check.ok ? [] : check.errors.filter((e) => !(geometryBad && POSITION_FIELDS.has(e.field)));
  return { ok: false, errors: [...row.errors, ...rest] };
}

/** Checks every row: the valid plots (in row order) and the report rows. */
export function checkRows(
  rows: readonly PlotRow[],
  today: string,
): { plots: PlotInput[]; report: RowReport[]; rejected: number } {
  const plots: PlotInput[] = [];
  const report: RowReport[] = [];
  for (const row of rows) {
    const check = checkRow(row, today);
    if (check.ok) plots.push(check.plot);
    report.push(check.ok ? { row: row.row, ok: true } : { row: row.row, ok: false, errors: check.errors });
  }
  return { plots, report, rejected: rows.length - plots.length };
}
