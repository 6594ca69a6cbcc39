/**
 * Builds the SDF glyphs of one 256-codepoint range, with the metrics node-fontnik (the reference
 * MapLibre glyph server) writes: glyphs drawn at 24 px, a 3 px buffer around each bitmap, left/top the
 * rounded outline bbox in px, top measured from the baseline minus the font's ascender (rounded up,
 * as FreeType scales it), advance in whole px.
 */
import type { FontSource } from './font.source.ts';
import type { SdfGlyph } from './glyph.pbf.ts';
import { rasterizeCells, type AtlasCell } from './rasterize.ts';
import { sdfFromAlpha } from './sdf.ts';

export const GLYPH_SIZE = 24;
export const GLYPH_BUFFER = 3;
export const SDF_RADIUS = 8;
export const SDF_CUTOFF = 0.25;
/** fontnik drops glyphs larger than this; so do we. */
const MAX_DIMENSION = 256;
const ATLAS_WIDTH = 1024;

interface Planned {
  readonly id: number;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly advance: number;
  readonly cell: AtlasCell | null;
}

export async function renderGlyphRange(source: FontSource, start: number): Promise<SdfGlyph[]> {
  const scale = GLYPH_SIZE / source.unitsPerEm;
  const ascender = Math.ceil(source.ascender * scale);
  const planned: Planned[] = [];
  const cells: AtlasCell[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (let id = start; id < start + 256; id++) {
    const found = source.glyphOf(id);
    if (!found) continue;
    const { glyph } = found;
    const advance = Math.round((glyph.advanceWidth ?? 0) * scale);
    const box = glyph.getBoundingBox();
    const left = Math.round(box.x1 * scale);
    const right = Math.round(box.x2 * scale);
    const top = Math.round(box.y2 * scale);
    const bottom = Math.round(box.y1 * scale);
    const width = right - left;
    const height = top - bottom;
    const empty = glyph.getPath(0, 0, GLYPH_SIZE).commands.length === 0 || width <= 0 || height <= 0;
    if (empty || width > MAX_DIMENSION || height > MAX_DIMENSION) {
      planned.push({ id, left: 0, top: -ascender, width: 0, height: 0, advance, cell: null });
      continue;
    }
    const cw = width + 2 * GLYPH_BUFFER;
    const ch = height + 2 * GLYPH_BUFFER;
    if (x + cw > ATLAS_WIDTH) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    // Pen origin so that the rounded bbox lands GLYPH_BUFFER px inside the cell; SVG y points down.
    const path = glyph.getPath(x + GLYPH_BUFFER - left, y + GLYPH_BUFFER + top, GLYPH_SIZE).toPathData(3);
    const cell: AtlasCell = { path, x, y, width: cw, height: ch };
    cells.push(cell);
    planned.push({ id, left, top: top - ascender, width, height, advance, cell });
    x += cw;
    rowHeight = Math.max(rowHeight, ch);
  }
  const alphas = await rasterizeCells(cells, ATLAS_WIDTH, Math.max(1, y + rowHeight));
  const sdfOf = new Map<AtlasCell, Uint8Array>();
  cells.forEach((cell, i) => {
    const alpha = alphas[i];
    if (alpha)
      sdfOf.set(
        cell,
        sdfFromAlpha(alpha, cell.width, cell.height, { radius: SDF_RADIUS, cutoff: SDF_CUTOFF }),
      );
  });
  return planned.map((p) => ({
    id: p.id,
    bitmap: p.cell ? (sdfOf.get(p.cell) ?? null) : null,
    width: p.width,
    height: p.height,
    left: p.left,
    top: p.top,
    advance: p.advance,
  }));
}
