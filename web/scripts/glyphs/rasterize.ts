/**
 * Rasterizes glyph outlines with sharp (librsvg): many glyphs are drawn into one SVG atlas and
 * rendered in a single call, then each cell's alpha is cut out. One call per range instead of one
 * per glyph keeps a range at tens of milliseconds.
 */
import sharp from 'sharp';

export interface AtlasCell {
  /** SVG path data in atlas pixels (y down). */
  readonly path: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The alpha (0..255) of each cell, in the cells' order, rows top to bottom. */
export async function rasterizeCells(
  cells: readonly AtlasCell[],
  atlasWidth: number,
  atlasHeight: number,
): Promise<Uint8Array[]> {
  if (cells.length === 0) return [];
  const paths = cells.map((c) => `<path d="${c.path}"/>`).join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${atlasWidth}" height="${atlasHeight}" ` +
    `viewBox="0 0 ${atlasWidth} ${atlasHeight}"><g fill="#000" fill-rule="nonzero">${paths}</g></svg>`;
  const { data, info } = await sharp(Buffer.from(svg), { density: 72 })
    .ensureAlpha()
    .extractChannel(3)
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.width !== atlasWidth || info.height !== atlasHeight || info.channels !== 1) {
    throw new Error(
      `atlas rendered as ${info.width}×${info.height}×${info.channels}, expected ${atlasWidth}×${atlasHeight}×1`,
    );
  }
  return cells.map((c) => {
    const out = new Uint8Array(c.width * c.height);
    for (let row = 0; row < c.height; row++) {
      const from = (c.y + row) * atlasWidth + c.x;
      out.set(data.subarray(from, from + c.width), row * c.width);
    }
    return out;
  });
}
