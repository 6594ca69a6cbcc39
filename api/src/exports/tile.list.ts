/**
 * The tiles of a package: every XYZ tile of zooms `minzoom`–`maxzoom` that intersects a lon/lat box,
 * in PMTiles tile-id order (zoom by zoom, along the Hilbert curve), the order the writer takes them in.
 * Reference: WebMercatorQuad `tilesCovering`; PMTiles v3 spec §3.1.
 */
import { lonLatToMercator, tilesCovering, zxyToTileId, type TileAddress } from '../../../tiler/src/index.ts';

export type LonLatBox = readonly [number, number, number, number];

/** Web Mercator stops short of the poles. */
const MAX_LAT = 85.05112877980659;

/** Per zoom, the inclusive x and y ranges of the tiles intersecting `bbox`. */
function zoomRanges(bbox: LonLatBox, minzoom: number, maxzoom: number) {
  const clampLat = (lat: number) => Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const [minX, minY] = lonLatToMercator(bbox[0], clampLat(bbox[1]));
  const [maxX, maxY] = lonLatToMercator(bbox[2], clampLat(bbox[3]));
  const ranges = [];
  for (let z = minzoom; z <= maxzoom; z++)
    ranges.push({ z, ...tilesCovering({ minX, minY, maxX, maxY }, z) });
  return ranges;
}

/** The tiles of zooms `minzoom`–`maxzoom` intersecting `bbox`, as a test, those of `minzoom`, and their number. */
export function packageCover(bbox: LonLatBox, minzoom: number, maxzoom: number) {
  const ranges = zoomRanges(bbox, minzoom, maxzoom);
  const covers = ({ z, x, y }: TileAddress) => {
    const r = ranges[z - minzoom];
    return r !== undefined && x >= r.minX && x <= r.maxX && y >= r.minY && y <= r.maxY;
  };
  const top = ranges[0]!;
  const roots: TileAddress[] = [];
  for (let x = top.minX; x <= top.maxX; x++)
    for (let y = top.minY; y <= top.maxY; y++) roots.push({ z: minzoom, x, y });
  return { covers, roots, count: packageTileCount(bbox, minzoom, maxzoom) };
}

/** How many tiles `packageTiles` lists, without listing them. */
export function packageTileCount(bbox: LonLatBox, minzoom: number, maxzoom: number): number {
  return zoomRanges(bbox, minzoom, maxzoom).reduce(
    (n, r) => n + (r.maxX - r.minX + 1) * (r.maxY - r.minY + 1),
    0,
  );
}

export function packageTiles(bbox: LonLatBox, minzoom: number, maxzoom: number): TileAddress[] {
  const tiles: { tile: TileAddress; id: number }[] = [];
  for (const { z, ...range } of zoomRanges(bbox, minzoom, maxzoom)) {
    for (let x = range.minX; x <= range.maxX; x++)
      for (let y = range.minY; y <= range.maxY; y++)
        tiles.push({ tile: { z, x, y }, id: zxyToTileId(z, x, y) });
  }
  return tiles.sort((a, b) => a.id - b.id).map((t) => t.tile);
}
