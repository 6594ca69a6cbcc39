/**
 * Encodes one glyph range in the protobuf format MapLibre GL reads from `glyphs` URLs
 * (mapbox/glyph-pbf-composite `glyphs.proto`, as node-fontnik writes it):
 *
 *   message glyphs    { repeated fontstack stacks = 1; }
 *   message fontstack { string name = 1; string range = 2; repeated glyph glyphs = 3; }
 *   message glyph     { uint32 id = 1; bytes bitmap = 2; uint32 width = 3; uint32 height = 4;
 *                       sint32 left = 5; sint32 top = 6; uint32 advance = 7; }
 *
 * `bitmap` is the SDF of (width + 2·3) × (height + 2·3) px, rows top to bottom; it is left out for
 * glyphs with nothing to draw (spaces).
 */
import { PbfWriter } from 'pbf';

export interface SdfGlyph {
  readonly id: number;
  readonly bitmap: Uint8Array | null;
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly top: number;
  readonly advance: number;
}

export interface GlyphRange {
  readonly fontstack: string;
  readonly start: number;
  readonly end: number;
  readonly glyphs: readonly SdfGlyph[];
}

function writeGlyph(g: SdfGlyph, pbf: PbfWriter): void {
  pbf.writeVarintField(1, g.id);
  if (g.bitmap && g.width > 0) pbf.writeBytesField(2, g.bitmap);
  pbf.writeVarintField(3, g.width);
  pbf.writeVarintField(4, g.height);
  pbf.writeSVarintField(5, g.left);
  pbf.writeSVarintField(6, g.top);
  pbf.writeVarintField(7, g.advance);
}

function writeFontstack(range: GlyphRange, pbf: PbfWriter): void {
  pbf.writeStringField(1, range.fontstack);
  pbf.writeStringField(2, `${range.start}-${range.end}`);
  for (const g of range.glyphs) pbf.writeMessage(3, writeGlyph, g);
}

export function encodeGlyphRange(range: GlyphRange): Uint8Array {
  const pbf = new PbfWriter();
  pbf.writeMessage(1, writeFontstack, range);
  return pbf.finish();
}
