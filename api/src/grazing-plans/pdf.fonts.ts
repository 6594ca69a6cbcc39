/**
 * The PDF document type and the fonts the reports embed: DejaVu Sans (regular, bold), which covers
 * Latin and all of Mongolian Cyrillic (Ө ө Ү ү included) in one file. Noto Sans of
 * `@fontsource/noto-sans` ships only per-script subsets (Ө/Ү sit in cyrillic-ext, the rest in
 * cyrillic) and pdfkit 0.11 merges fonts by PostScript name, so the subsets cannot be mixed in one
 * document. DejaVu comes from the npm package `dejavu-fonts-ttf` (Bitstream Vera / DejaVu licence, free
 * to embed), so the reports need nothing from the system; a system copy is the fallback.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

export type PdfDoc = PDFKit.PDFDocument;

/** The npm package's fonts, then where Debian (fonts-dejavu-core) and most Linux distributions put DejaVu. */
const FONT_DIRS = [
  path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf'),
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/dejavu',
  '/usr/share/fonts/TTF',
];

function fontFile(name: string): string {
  for (const dir of FONT_DIRS) {
    const file = path.join(dir, name);
    if (existsSync(file)) return file;
  }
  throw new Error(`font ${name} not found in ${FONT_DIRS.join(', ')}: install fonts-dejavu-core`);
}

/** An A4 document with the fonts registered as `regular` and `bold`. */
export function newReportDocument(info: { title: string; author: string }): PdfDoc {
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: info.title, Author: info.author } });
  doc.registerFont('regular', fontFile('DejaVuSans.ttf'));
  doc.registerFont('bold', fontFile('DejaVuSans-Bold.ttf'));
  doc.font('regular');
  return doc;
}
