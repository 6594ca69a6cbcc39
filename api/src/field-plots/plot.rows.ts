/**
 * Field plots read from a file, one per CSV row or GeoJSON feature, before validation: the row number
 * the user sees (CSV: the line in the file, header = 1; GeoJSON: the feature's 1-based index), the raw
 * fields, and problems found while reading (e.g. a feature without a Point).
 * Reference: issue 6 "Field plots" (errors by row).
 */
import { PayloadTooLargeError } from '@belcheer/processing';
import type { FieldError, RawPlot } from './plot.validate.ts';

export interface PlotRow {
  readonly row: number;
  readonly raw: RawPlot;
  readonly errors: readonly FieldError[];
}

/** At most this many plots, and bytes, per import (issue 6). */
export const MAX_IMPORT_ROWS = 10_000;
export const MAX_IMPORT_BYTES = 20 * 2 ** 20;

export function checkRowCount(count: number, what: string): void {
  if (count > MAX_IMPORT_ROWS)
    throw new PayloadTooLargeError(
      `the ${what} has ${count} plots; at most ${MAX_IMPORT_ROWS} are imported at once — split it`,
    );
}
