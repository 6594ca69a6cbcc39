/**
 * report.pdf of a grazing plan (A4, fonts embedded, Mongolian or English): title and plan facts, the
 * map of the units coloured by utilisation band, the table of units with totals, the herder groups,
 * and the signature lines. With `signature`, a PAdES placeholder (ETSI.CAdES.detached) is added for
 * pdf.sign.ts to fill.
 */
import { pdfkitAddPlaceholder } from '@signpdf/placeholder-pdfkit';
import type { Plan, ReportLang } from './grazing.plans.schemas.ts';
import { newReportDocument, type PdfDoc } from './pdf.fonts.ts';
import { drawPlanMap, type MapUnit } from './plan.map.ts';
import { drawTable, type Column } from './pdf.table.ts';
import { SEASON_LABELS, STATUS_LABELS, t } from './report.labels.ts';
import { totalsRow, unitRows, UNIT_COLUMNS, type UnitColumn } from './report.rows.ts';

/** PAdES baseline signatures use this SubFilter (ETSI EN 319 142-1; `SUBFILTER_ETSI_CADES_DETACHED` of @signpdf/utils). */
const PADES_SUBFILTER = 'ETSI.CAdES.detached';
/** Bytes reserved for the CMS signature: room for a certificate chain of a few certificates. */
const SIGNATURE_LENGTH = 16_384;

/** Width (pt) of the columns the PDF table shows, 515 pt in all; the CSV has every column. */
const PDF_WIDTHS: Partial<Record<UnitColumn, number>> = {
  unit: 95,
  areaHa: 45,
  forage: 45,
  recoveryClass: 35,
  capacitySu: 50,
  demandSuDays: 60,
  demandKg: 55,
  utilisation: 45,
  band: 85,
};

export interface SignatureFields {
  readonly name: string;
  readonly reason: string;
  readonly location: string;
  readonly contactInfo: string;
  readonly signingTime: Date;
}

function collect(doc: PdfDoc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function day(iso: string | undefined): string {
  return iso ? iso.slice(0, 10) : '';
}

function header(doc: PdfDoc, plan: Plan, lang: ReportLang): void {
  const soumName = (lang === 'mn' ? plan.soum.nameMn : null) ?? plan.soum.nameEn;
  doc
    .font('bold')
    .fontSize(15)
    .text(`${t('title', lang)} — ${plan.name}`);
  doc.font('regular').fontSize(9).moveDown(0.3);
  doc.text(
    `${t('soum', lang)}: ${soumName} (${plan.soum.code}) · ${t('season', lang)}: ${SEASON_LABELS[plan.season]?.[lang] ?? plan.season} · ` +
      `${t('year', lang)}: ${plan.year} · ${plan.startDate} – ${plan.endDate} (${plan.days} ${t('days', lang)})`,
  );
  doc.text(
    `${t('organisation', lang)}: ${plan.organisation.name} · ${t('status', lang)}: ${STATUS_LABELS[plan.status][lang]}`,
  );
}

function unitTable(doc: PdfDoc, plan: Plan, lang: ReportLang, y: number): number {
  const keys = UNIT_COLUMNS.filter((c) => PDF_WIDTHS[c] !== undefined);
  const columns: Column[] = keys.map((k, i) => ({
    header: t(k, lang),
    width: PDF_WIDTHS[k] ?? 0,
    align: i === 0 || k === 'band' ? 'left' : 'right',
  }));
  const rows = unitRows(plan, lang).map((r, i) => ({
    cells: keys.map((k) => (k === 'band' && r.note ? r.note : r[k])),
    colour: plan.units[i]?.overgrazed ? '#b00000' : undefined,
  }));
  const totals = totalsRow(plan, lang);
  rows.push({ cells: keys.map((k) => (k === 'band' ? '' : totals[k])), colour: undefined });
  const end = drawTable(
    doc,
    columns,
    rows.map((r, i) => ({ ...r, bold: i === rows.length - 1 })),
    40,
    y,
  );
  doc.fontSize(7).text(t('totalsNote', lang), 40, end + 3);
  return doc.y;
}

function groupTable(doc: PdfDoc, plan: Plan, lang: ReportLang, y: number): number {
  const species = ['horse', 'cattle', 'camel', 'sheep', 'goat'] as const;
  const columns: Column[] = [
    { header: t('group', lang), width: 155 },
    ...species.map((s) => ({ header: t(s, lang), width: 55, align: 'right' as const })),
    { header: t('sheepUnits', lang), width: 85, align: 'right' },
  ];
  const rows = plan.groups.map((g) => ({
    cells: [g.name, ...species.map((s) => String(g.livestock[s])), g.sheepUnits.toFixed(1)],
  }));
  return drawTable(doc, columns, rows, 40, y);
}

function signatureLines(doc: PdfDoc, plan: Plan, lang: ReportLang, signed: boolean): void {
  if (doc.y > doc.page.height - 140) doc.addPage();
  const y = doc.y + 18;
  const lines = [
    { label: t('preparedBy', lang), who: plan.submitted },
    { label: t('approvedBy', lang), who: plan.approved },
  ];
  lines.forEach(({ label, who }, i) => {
    const x = 40 + i * 270;
    doc.font('bold').fontSize(9).text(label, x, y, { width: 245 });
    doc.font('regular').text(who?.name ?? '', x, y + 14, { width: 245 });
    doc
      .moveTo(x, y + 48)
      .lineTo(x + 230, y + 48)
      .lineWidth(0.5)
      .stroke('#000000');
    doc
      .fontSize(7)
      .text(`${t('signature', lang)} · ${t('date', lang)}: ${day(who?.at)}`, x, y + 51, { width: 245 });
  });
  if (signed) doc.fontSize(7).text(t('signedNote', lang), 40, y + 70, { width: 515 });
}

/** Renders the report; `units` carry the geometries of the plan's units for the map. */
export function renderPlanPdf(
  plan: Plan,
  units: readonly MapUnit[],
  lang: ReportLang,
  signature?: SignatureFields,
): Promise<Buffer> {
  const doc = newReportDocument({
    title: `${t('title', lang)} — ${plan.name}`,
    author: plan.organisation.name,
  });
  const done = collect(doc);
  header(doc, plan, lang);
  doc.moveDown(0.5).font('bold').fontSize(10).text(t('map', lang));
  const mapTop = doc.y + 4;
  drawPlanMap(doc, units, { x: 40, y: mapTop, w: 515, h: 290 }, lang);
  doc
    .font('bold')
    .fontSize(10)
    .text(t('units', lang), 40, mapTop + 310);
  const afterUnits = unitTable(doc, plan, lang, doc.y + 4);
  doc
    .font('bold')
    .fontSize(10)
    .text(t('groups', lang), 40, afterUnits + 10);
  groupTable(doc, plan, lang, doc.y + 4);
  signatureLines(doc, plan, lang, signature !== undefined);
  if (signature) {
    pdfkitAddPlaceholder({
      pdf: doc,
      pdfBuffer: Buffer.alloc(0),
      reason: signature.reason,
      contactInfo: signature.contactInfo,
      name: signature.name,
      location: signature.location,
      signingTime: signature.signingTime,
      signatureLength: SIGNATURE_LENGTH,
      subFilter: PADES_SUBFILTER,
      appName: 'Belcheer',
    });
  }
  doc.end();
  return done;
}
