/**
 * Difference tiles between two surveys: index(to) − index(from) per tile pixel, each index computed
 * from its survey's bands warped to the same tile (as the index products do), NaN where either has no
 * value, coloured through a diverging colormap centred on 0 (rdylgn over ±0.3 by default; `rescale`
 * and `colormap` honoured), with its legend.
 * Reference: issue 6 ("a difference product tile layer"); SPEC §2.3 change between two surveys.
 */
import type { BandContext } from '@belcheer/processing';
import { colormapNamed, colourise } from './colormap.ts';
import { encodeTile, type TileFormat } from './encode.ts';
import { continuousLegend, type Legend } from './legend.ts';
import { indexProduct } from './product.index.ts';
import type { Range, RenderParams } from './products.ts';
import { validateTile, type TileAddress, type TileSize } from './tile.matrix.ts';
import type { WarpSource } from './warp.ts';

/** Default display range of a difference: ±0.3 index units. */
export const CHANGE_RANGE: Range = [-0.3, 0.3];
export const CHANGE_COLORMAP = 'rdylgn';

/** One survey of the pair: its opened COG and its band names and reflectance. */
export interface ChangeSide {
  readonly source: WarpSource;
  readonly bands: BandContext;
}

export interface ChangeRequest {
  readonly index: string;
  readonly tile: TileAddress;
  readonly tileSize: TileSize;
  readonly params: RenderParams;
}

/** The index of one survey over the tile, or null when the survey has no pixel there. */
async function sideIndex(side: ChangeSide, req: ChangeRequest): Promise<Float32Array | null> {
  const product = indexProduct(req.index);
  const warped = await side.source.warp({
    tile: req.tile,
    tileSize: req.tileSize,
    bands: product.bands(side.bands, side.source.info),
    resampling: product.resampling,
  });
  return warped.pixels ? product.values(warped.pixels, side.bands) : null;
}

/** index(to) − index(from) of each tile pixel (NaN where either is missing), or null when they do not meet. */
export async function changeValues(
  from: ChangeSide,
  to: ChangeSide,
  req: ChangeRequest,
): Promise<Float32Array | null> {
  validateTile(req.tile);
  const [a, b] = await Promise.all([sideIndex(from, req), sideIndex(to, req)]);
  if (!a || !b) return null;
  const out = new Float32Array(a.length);
  let any = false;
  for (let p = 0; p < out.length; p++) {
    out[p] = b[p]! - a[p]!;
    if (out[p] === out[p]) any = true;
  }
  return any ? out : null;
}

/** The encoded difference tile, or null when it holds no value. */
export async function renderChangeTile(
  from: ChangeSide,
  to: ChangeSide,
  req: ChangeRequest & { readonly format: TileFormat },
): Promise<Buffer | null> {
  const values = await changeValues(from, to, req);
  if (!values) return null;
  const rgba = colourise(
    values,
    req.params.rescale ?? CHANGE_RANGE,
    colormapNamed(req.params.colormap ?? CHANGE_COLORMAP),
  );
  return encodeTile(rgba, req.tileSize, req.format);
}

/** Legend of the difference of `index`: the diverging ramp over its range. */
export function changeLegend(index: string, params: RenderParams): Legend {
  const def = indexProduct(index).definition;
  return continuousLegend(
    `change-${def.name}`,
    { mn: `Өөрчлөлт Δ${def.title.mn}`, en: `Change Δ${def.title.en}` },
    colormapNamed(params.colormap ?? CHANGE_COLORMAP),
    params.rescale ?? CHANGE_RANGE,
  );
}
