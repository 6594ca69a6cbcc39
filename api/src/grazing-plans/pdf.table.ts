/**
 * A plain table for the PDF reports: a bold header row, ruled rows, text clipped to its column, and a
 * page break (header repeated) when the next row would not fit.
 */
import type { PdfDoc } from './pdf.fonts.ts';

export interface Column {
  readonly header: string;
  readonly width: number;
  readonly align?: 'left' | 'right';
}

export interface TableRow {
  readonly cells: readonly string[];
  readonly bold?: boolean;
  readonly colour?: string;
}

const SIZE = 7;
const PAD = 2;

function drawRow(doc: PdfDoc, columns: readonly Column[], row: TableRow, x: number, y: number): number {
  doc
    .font(row.bold ? 'bold' : 'regular')
    .fontSize(SIZE)
    .fillColor(row.colour ?? '#000000');
  const heights = columns.map((c, i) => doc.heightOfString(row.cells[i] ?? '', { width: c.width - 2 * PAD }));
  const h = Math.max(...heights) + 2 * PAD;
  let cx = x;
  columns.forEach((c, i) => {
    doc.text(row.cells[i] ?? '', cx + PAD, y + PAD, { width: c.width - 2 * PAD, align: c.align ?? 'left' });
    cx += c.width;
  });
  doc
    .save()
    .lineWidth(0.3)
    .moveTo(x, y + h)
    .lineTo(cx, y + h)
    .stroke('#999999')
    .restore();
  return y + h;
}

/** Draws the table from `y` on; returns the y below it. */
export function drawTable(
  doc: PdfDoc,
  columns: readonly Column[],
  rows: readonly TableRow[],
  x: number,
  y: number,
): number {
  const header: TableRow = { cells: columns.map((c) => c.header), bold: true };
  const bottom = doc.page.height - doc.page.margins.bottom;
  let at = drawRow(doc, columns, header, x, y);
  for (const row of rows) {
    if (at + 24 > bottom) {
      doc.addPage();
      at = drawRow(doc, columns, header, x, doc.page.margins.top);
    }
    at = drawRow(doc, columns, row, x, at);
  }
  doc.font('regular').fillColor('#000000');
  return at;
}
