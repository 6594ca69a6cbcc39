/**
 * One font made of several files: @fontsource ships Noto Sans as per-script WOFF subsets of the same
 * face (same units per em and vertical metrics), so a codepoint is looked up in each subset in turn.
 */
import { readFile } from 'node:fs/promises';
import opentype, { type Font, type Glyph } from 'opentype.js';

export interface FoundGlyph {
  readonly glyph: Glyph;
  readonly font: Font;
}

export interface FontSource {
  /** Units per em, shared by every subset. */
  readonly unitsPerEm: number;
  /** The ascender in font units (hhea), used to place glyphs against the baseline. */
  readonly ascender: number;
  /** The glyph that draws `codepoint`, or null where no subset maps it. */
  glyphOf(codepoint: number): FoundGlyph | null;
}

export async function loadFontSource(files: readonly string[]): Promise<FontSource> {
  const fonts: Font[] = [];
  for (const file of files) {
    const bytes = await readFile(file);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    fonts.push(opentype.parse(buffer as ArrayBuffer));
  }
  const first = fonts[0];
  if (!first) throw new Error('a font source needs at least one font file');
  const mismatch = fonts.findIndex((f) => f.unitsPerEm !== first.unitsPerEm);
  if (mismatch >= 0) {
    throw new Error(
      `${files[mismatch]} has ${fonts[mismatch]?.unitsPerEm} units per em, ${files[0]} has ${first.unitsPerEm}`,
    );
  }
  return {
    unitsPerEm: first.unitsPerEm,
    ascender: first.tables.hhea?.ascender ?? first.ascender,
    glyphOf(codepoint) {
      const c = String.fromCodePoint(codepoint);
      for (const font of fonts) {
        if (font.hasChar(c)) return { glyph: font.charToGlyph(c), font };
      }
      return null;
    },
  };
}
