/**
 * Renders one tile of a product: warp the product's bands, colour them, encode. Empty tiles (no
 * source pixel) come back as `null` so that the caller answers 204 or a shared empty image.
 * Reference: DESIGN.md "Flows / Tile" (`tiler.render(source, tile, product, params)`).
 */
import { encodeTile, type TileFormat } from './encode.ts';
import type { BandContext } from '@belcheer/processing';
import type { Product, Range, RenderParams } from './products.ts';
import { validateTile, type TileAddress, type TileSize } from './tile.matrix.ts';
import { recyclePixels, type WarpSource } from './warp.ts';
import { giveBytes } from './scratch.ts';

export interface RenderRequest {
  readonly tile: TileAddress;
  readonly tileSize: TileSize;
  readonly product: Product;
  readonly params: RenderParams;
  readonly format: TileFormat;
  /** The survey's default range for the product (see Product.defaultRange). */
  readonly defaultRange: Range;
  /** The survey's band names and reflectance scale. */
  readonly bands: BandContext;
}

export interface RenderedTile {
  /** Encoded image, or null when the tile holds no data. */
  readonly body: Buffer | null;
  /** Resolution level read. */
  readonly level: number;
}

/** RGBA of a tile, or null when empty (exported for tests and the pyramid bench). */
export async function renderRgba(
  source: WarpSource,
  req: Omit<RenderRequest, 'format'>,
): Promise<{ rgba: Uint8Array | null; level: number }> {
  validateTile(req.tile);
  const warped = await source.warp({
    tile: req.tile,
    tileSize: req.tileSize,
    bands: req.product.bands(req.bands, source.info),
    resampling: req.product.resampling,
  });
  if (!warped.pixels) return { rgba: null, level: warped.level };
  const rgba = req.product.colour(warped.pixels, {
    params: req.params,
    defaultRange: req.defaultRange,
    bands: req.bands,
  });
  recyclePixels(warped.pixels);
  return { rgba, level: warped.level };
}

export async function renderTile(source: WarpSource, req: RenderRequest): Promise<RenderedTile> {
  const { rgba, level } = await renderRgba(source, req);
  if (!rgba) return { body: null, level };
  const body = await encodeTile(rgba, req.tileSize, req.format);
  giveBytes(rgba);
  return { body, level };
}
