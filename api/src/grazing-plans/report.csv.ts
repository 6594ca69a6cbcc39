/**
 * report.csv of a grazing plan: UTF-8 with a byte-order mark (so Excel shows Cyrillic), RFC 4180
 * quoting, CRLF line ends; a header row, one row per pasture unit, then the totals.
 */
import type { Plan, ReportLang } from './grazing.plans.schemas.ts';
import { t } from './report.labels.ts';
import { totalsRow, unitRows, UNIT_COLUMNS } from './report.rows.ts';

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function planCsv(plan: Plan, lang: ReportLang): string {
  const header = UNIT_COLUMNS.map((c) => t(c, lang));
  const rows = [...unitRows(plan, lang), totalsRow(plan, lang)].map((r) => UNIT_COLUMNS.map((c) => r[c]));
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
