/**
 * PMTiles v3 archives: the streaming writer, tile ids, header codes.
 */
export { PmtilesWriter, type PmtilesOptions, type PmtilesSummary } from './pmtiles.writer.ts';
export { zxyToTileId, firstTileId } from './tile.id.ts';
export type { Compression, TileType } from './header.ts';
