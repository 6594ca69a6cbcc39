/**
 * CSV of field plots → rows, numbered by the line each starts on: UTF-8 with or without BOM, `,` `;`
 * or tab as delimiter (detected from the header line), quoted fields (which may hold the delimiter or
 * line breaks). Header names are matched case-insensitively against the aliases of `plot.fields.ts`;
 * unknown columns are ignored.
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
  /** `bytes`: offset just past the record and its line break. */
  readonly info: { readonly bytes: number };
}

function parseRecords(bytes: Buffer): Parsed[] {
  try {
    return parse(bytes, {
      bom: true,
      delimiter: detectDelimiter(bytes.subarray(0, 64 * 1024).toString('utf8')),
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as Parsed[]; // csv-parse's typings do not model `info: true`
  } catch (err) {
    throw new ValidationError(`the CSV cannot be read: ${(err as Error).message}`, undefined, 'invalid_csv');
  }
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * The line (from 1) on which each record starts, counting LF, CRLF and lone CR as one line break
 * (csv-parse's own line count takes a CRLF inside quotes for two).
 */
function startLines(bytes: Buffer, records: readonly Parsed[]): number[] {
  let line = 1;
  let pos = 0;
  const isBreak = (i: number) => bytes[i] === LF || (bytes[i] === CR && bytes[i + 1] !== LF);
  return records.map(({ info }) => {
    for (; pos < bytes.length && (bytes[pos] === LF || bytes[pos] === CR); pos++) if (isBreak(pos)) line++;
    const start = line;
    for (; pos < info.bytes; pos++) if (isBreak(pos)) line++;
    return start;
  });
}

export function plotRowsFromCsv(bytes: Buffer): PlotRow[] {
  const parsed = parseRecords(bytes);
  const lines = startLines(bytes, parsed);
  const [header, ...records] = parsed;
  if (!header) throw new ValidationError('the CSV is empty: a header line and one row per plot are needed');
  const fields = mapNames(header.record, 'column');
  for (const required of REQUIRED_COLUMNS)
    if (!fields.includes(required))
      throw new ValidationError(`the CSV has no ${required} column (name it ${aliasesOf(required)})`);
  checkRowCount(records.length, 'CSV');
  return records.map(({ record }, i) => {
    const raw: Partial<Record<PlotField, string>> = {};
    fields.forEach((field, j) => {
      if (field && record[j] !== undefined) raw[field] = record[j];
    });
    return { row: lines[i + 1]!, raw: raw as RawPlot, errors: [] };
  });
}
