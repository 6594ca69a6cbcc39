/**
 * The map of a plan's report: the pasture units drawn as pdfkit vector paths, filled by utilisation
 * band, in an equirectangular projection centred on the units (x = lon·cos φ0, y = lat; fine at the
 * scale of a soum), with unit names, a scale bar, and a legend below the box. No basemap, no network.
 */
import type { UtilisationBand } from '@belcheer/processing';
import type { ReportLang, UnitUtilisationView } from './grazing.plans.schemas.ts';
import { BAND_COLOURS, BAND_LABELS } from './report.labels.ts';
import type { PdfDoc } from './pdf.fonts.ts';

/** Metres per degree of latitude (mean, WGS84 ≈ 111 320 m). */
const METRES_PER_DEGREE = 111_320;

export interface MapUnit {
  readonly view: UnitUtilisationView;
  readonly geometry: { readonly coordinates: number[][][][] };
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** 1, 2 or 5 × 10^k, the largest not above `max`. */
export function niceLength(max: number): number {
  const p = 10 ** Math.floor(Math.log10(max));
  return [5, 2, 1].map((m) => m * p).find((v) => v <= max) ?? p;
}

function bandOf(u: UnitUtilisationView): UtilisationBand | 'no_survey' {
  return u.band ?? 'no_survey';
}

export function drawPlanMap(doc: PdfDoc, units: readonly MapUnit[], box: Box, lang: ReportLang): void {
  doc.save().lineWidth(0.5).rect(box.x, box.y, box.w, box.h).stroke('#555555').restore();
  const points = units.flatMap((u) => u.geometry.coordinates.flat(2));
  if (points.length === 0) return;
  const lats = points.map((p) => p[1]!);
  const lons = points.map((p) => p[0]!);
  const [minLat, maxLat, minLon, maxLon] = [
    Math.min(...lats),
    Math.max(...lats),
    Math.min(...lons),
    Math.max(...lons),
  ];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const legendH = 14; // room for the scale bar
  const pad = 16;
  const spanX = Math.max((maxLon - minLon) * k, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = Math.min((box.w - 2 * pad) / spanX, (box.h - 2 * pad - legendH) / spanY);
  const offX = box.x + (box.w - spanX * scale) / 2;
  const offY = box.y + pad + (box.h - 2 * pad - legendH - spanY * scale) / 2;
  const project = (p: number[]): [number, number] => [
    offX + (p[0]! - minLon) * k * scale,
    offY + (maxLat - p[1]!) * scale,
  ];

  for (const u of units) {
    doc.save();
    for (const polygon of u.geometry.coordinates) {
      for (const ring of polygon) {
        ring.forEach((p, i) => (i === 0 ? doc.moveTo(...project(p)) : doc.lineTo(...project(p))));
        doc.closePath();
      }
    }
    doc.lineWidth(u.view.overgrazed ? 1.5 : 0.6);
    doc.fillAndStroke(BAND_COLOURS[bandOf(u.view)], u.view.overgrazed ? '#7f0000' : '#333333', 'even-odd');
    doc.restore();
  }
  doc.fontSize(7).fillColor('#000000');
  for (const u of units) {
    const ring = u.geometry.coordinates[0]?.[0] ?? [];
    const xy = ring.map(project);
    const cx = xy.reduce((s, p) => s + p[0], 0) / Math.max(xy.length, 1);
    const cy = xy.reduce((s, p) => s + p[1], 0) / Math.max(xy.length, 1);
    doc.text(u.view.name, cx - 50, cy - 4, { width: 100, align: 'center', lineBreak: false });
  }

  // Scale bar, bottom left: points per metre = scale / (metres per degree).
  const metresPerPt = METRES_PER_DEGREE / scale;
  const length = niceLength((box.w / 4) * metresPerPt);
  const barPt = length / metresPerPt;
  const bx = box.x + 8;
  const by = box.y + box.h - 10;
  doc
    .save()
    .lineWidth(1)
    .moveTo(bx, by)
    .lineTo(bx + barPt, by)
    .stroke('#000000');
  doc
    .moveTo(bx, by - 3)
    .lineTo(bx, by + 1)
    .moveTo(bx + barPt, by - 3)
    .lineTo(bx + barPt, by + 1)
    .stroke();
  doc.restore();
  const label = length >= 1000 ? `${length / 1000} km` : `${length} m`;
  doc.fillColor('#000000').text(label, bx + barPt + 4, by - 4, { lineBreak: false });

  // Legend below the map, left to right, one swatch per band.
  const ly = box.y + box.h + 6;
  let lx = box.x;
  for (const band of Object.keys(BAND_COLOURS) as Array<keyof typeof BAND_COLOURS>) {
    const text = BAND_LABELS[band][lang];
    doc.save().rect(lx, ly, 8, 8).fillAndStroke(BAND_COLOURS[band], '#333333').restore();
    doc.fillColor('#000000').text(text, lx + 11, ly + 1, { lineBreak: false });
    lx += doc.widthOfString(text) + 22;
  }
}
