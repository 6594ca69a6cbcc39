/**
 * @belcheer/tiler — raster tiles in Web Mercator from COGs (and, in `mvt/`, vector tiles). No HTTP,
 * no SQL: the api hands it byte sources and rows.
 */
export * from './tile.matrix.ts';
export * from './approx.transform.ts';
export { chooseLevel, suggestedResolution } from './overview.choice.ts';
export { resample, type Resampling, type ResampledPixels } from './resample.ts';
export { WarpSource, GRID_STEP, type WarpRequest, type WarpResult } from './warp.ts';
export * from './products.ts';
export { productNamed } from './product.lookup.ts';
export { rgbProduct } from './product.rgb.ts';
export { indexProduct, type IndexProduct } from './product.index.ts';
export { coverProduct } from './product.cover.ts';
export {
  COLORMAP_NAMES,
  colormapNamed,
  colourise,
  lutIndex,
  type Colormap,
  type ColormapName,
} from './colormap.ts';
export type { Legend, LegendClass, LegendStop } from './legend.ts';
export { defaultStretch, percentileRange } from './stretch.ts';
export { encodeTile, emptyTile, CONTENT_TYPES, TILE_FORMATS, type TileFormat } from './encode.ts';
export { renderRgba, renderTile, type RenderRequest, type RenderedTile } from './render.ts';
export { ByteLru, type Sized } from './cache.ts';
export { queryPoint, bandKeys, type PointValues } from './point.query.ts';
export { Tiler, type OpenSource, type SubtreeQuery, type TileQuery, type TilerOptions } from './tiler.ts';
export * from './pyramid.ts';
export * from './pmtiles/index.ts';
export { DiskTileCache, tileCachePath, type TileCacheKey, type DiskTileCacheOptions } from './disk.cache.ts';
export * from './change.render.ts';
