/**
 * PMTiles v3 tile ids: z/x/y → the position on a Hilbert curve over all zooms, counted from zoom 0
 * (id = (4^z − 1) / 3 + Hilbert index of x, y in the 2^z × 2^z grid), so nearby tiles get nearby ids.
 * Reference: PMTiles v3 spec §3.1 "Tile IDs" (protomaps/PMTiles `spec/v3/spec.md`); Hilbert d from
 * x, y as in the classic `xy2d` (Hamilton's rotation step).
 */
import { ValidationError } from '@belcheer/processing';

/** Ids stay exact JavaScript numbers (< 2^53) up to this zoom, as in the reference implementations. */
export const MAX_TILE_ID_ZOOM = 26;

/** Number of tiles of all zooms below `z`: the id of the first tile of zoom `z`. */
export function firstTileId(z: number): number {
  return (4 ** z - 1) / 3;
}

/** The Hilbert tile id of z/x/y. */
export function zxyToTileId(z: number, x: number, y: number): number {
  if (!Number.isInteger(z) || z < 0 || z > MAX_TILE_ID_ZOOM)
    throw new ValidationError(`zoom ${z} is outside 0–${MAX_TILE_ID_ZOOM} for a PMTiles tile id`);
  const n = 2 ** z;
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= n || y >= n)
    throw new ValidationError(`tile ${z}/${x}/${y} is outside the ${n}×${n} grid of zoom ${z}`);
  let tx = x;
  let ty = y;
  let d = 0;
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = tx >= s ? 1 : 0;
    const ry = ty >= s ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    // Keep the coordinates inside the current quadrant, then rotate it to the curve's canonical orientation.
    tx -= rx * s;
    ty -= ry * s;
    if (ry === 0) {
      if (rx === 1) {
        tx = s - 1 - tx;
        ty = s - 1 - ty;
      }
      [tx, ty] = [ty, tx];
    }
  }
  return firstTileId(z) + d;
}
