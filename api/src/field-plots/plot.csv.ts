/**
 * CSV of field plots → rows: UTF-8 with or without BOM, `,` `;` or tab as delimiter (detected from the
 * header line), quoted fields (which may hold the delimiter or line breaks). Header names are matched
 * case-insensitively against the aliases of `plot.fields.ts`; unknown columns are ignored.
 * Reference: issue 6 "Field plots"; RFC 4180; csv-parse (https://csv.js.org/parse/).
 */
import { parse } from 'csv-parse/sync';
import { ValidationError } from '@belcheer/processing';
import { aliasesOf, mapNames, type PlotField } from './plot.fields.ts';
import { checkRowCount, type PlotRow } from './plot.rows.ts';
import type { RawPlot } from './plot.validate.ts';

const DELIMITERS = [',', ';', '\t'] as const;
const REQUIRED_COLUMNS: readonly PlotField[] = ['lon', 'lat', 'date'];

/** The delimiter that occurs most often outside quotes on the first line (`,` on a tie). */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return DELIMITERS.reduce((best, d) => (counts.get(d)! > counts.get(best)! ? d : best));
}

interface Parsed {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

function parseRecords(text: string): Parsed[] {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return parse(body, {
      delimiter: detectDelimiter(body),
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as Parsed[]; // csv-parse's typings do not model `info: true`
  } catch (err) {
    throw new ValidationError(`the CSV cannot be read: ${(err as Error).message}`, undefined, 'invalid_csv');
  }
}

export function plotRowsFromCsv(text: string): PlotRow[] {
  const [header, ...records] = parseRecords(text);
  if (!header) throw new ValidationError('the CSV is empty: a header line and one row per plot are needed');
  const fields = mapNames(header.record, 'column');
  for (const required of REQUIRED_COLUMNS)
    if (!fields.includes(required))
      throw new ValidationError(`the CSV has no ${required} column (name it ${aliasesOf(required)})`);
  checkRowCount(records.length, 'CSV');
  return records.map(({ record, info }) => {
    const raw: Partial<Record<PlotField, string>> = {};
    fields.forEach((field, i) => {
      if (field && record[i] !== undefined) raw[field] = record[i];
    });
    // info.lines is the line where the record ends; a quoted field may span several lines.
    const inner = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    return { row: info.lines - inner, raw: raw as RawPlot, errors: [] };
  });
}
