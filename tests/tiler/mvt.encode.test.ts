/**
 * The JS tile cut (`encodeMvt`) on hand-made features, with expected tile coordinates computed here from
 * the Web Mercator formula: a polygon covering the tile is clipped to the 64-unit buffer, a polygon inside
 * lands where the formula puts it, nothing near → no bytes, null properties are left out. Also the
 * byte-bounded LRU of reference tiles.
 */
import { describe, expect, it } from 'vitest';
import { checkTileAddress, encodeMvt, ringArea } from '../../tiler/src/mvt/index.ts';
import { TileCache } from '../../api/src/vector-tiles/tile.cache.ts';
import { decodeMvt, tileBounds } from './mvt.decode.ts';

const square = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

/** Tile-unit x of a longitude and y of a latitude in tile z/x/y (extent 4096). */
function toTile(lon: number, lat: number, z: number, x: number, y: number): [number, number] {
  const n = 2 ** z;
  const phi = (lat * Math.PI) / 180;
  const mx = ((lon + 180) / 360) * n;
  const my = ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n;
  return [(mx - x) * 4096, (my - y) * 4096];
}

describe('encodeMvt', () => {
  const t = { z: 6, x: 50, y: 21 };
  const [w, s, e, n] = tileBounds(t.z, t.x, t.y);

  it('clips a polygon covering the tile to the buffer, outer ring clockwise, ids and properties kept', () => {
    const bytes = encodeMvt(
      [
        {
          name: 'admin-units',
          features: [
            {
              id: 43,
              properties: { code: 'MN43', name_mn: 'Сэлэнгэ', missing: null, area_ha: 4.5 },
              geometry: square(90, 40, 120, 55),
            },
          ],
        },
      ],
      t,
    );
    const layer = decodeMvt(bytes).get('admin-units')!;
    expect(layer.extent).toBe(4096);
    const f = layer.features[0]!;
    expect(f.id).toBe(43);
    expect(f.properties).toEqual({ code: 'MN43', name_mn: 'Сэлэнгэ', area_ha: 4.5 });
    expect(f.bbox).toEqual([-64, -64, 4160, 4160]);
    expect(f.area).toBe(4224 * 4224);
  });

  it('puts a small polygon where the Mercator formula says, within half a unit', () => {
    const poly = square(w + 1, s + 1, w + 2, s + 1.5);
    const bytes = encodeMvt([{ name: 'l', features: [{ properties: {}, geometry: poly }] }], t);
    const f = decodeMvt(bytes).get('l')!.features[0]!;
    const [x0, y0] = toTile(w + 1, s + 1.5, t.z, t.x, t.y);
    const [x1, y1] = toTile(w + 2, s + 1, t.z, t.x, t.y);
    expect(Math.abs(f.bbox[0] - x0)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(f.bbox[1] - y0)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(f.bbox[2] - x1)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(f.bbox[3] - y1)).toBeLessThanOrEqual(0.5);
    expect(f.area).toBeGreaterThan(0);
    expect(f.id).toBeUndefined();
  });

  it('gives no bytes for no features, or features away from the tile', () => {
    expect(encodeMvt([{ name: 'l', features: [] }], t).length).toBe(0);
    const far = square(e + 1, n + 1, e + 2, n + 2);
    expect(encodeMvt([{ name: 'l', features: [{ properties: {}, geometry: far }] }], t).length).toBe(0);
  });

  it('drops a polygon that collapses below one tile unit, as ST_AsMVTGeom does', () => {
    const tiny = square(w + 1, s + 1, w + 1 + 1e-6, s + 1 + 1e-6);
    expect(encodeMvt([{ name: 'l', features: [{ properties: {}, geometry: tiny }] }], t).length).toBe(0);
  });

  it('ringArea is positive for clockwise rings in y-down tile space', () => {
    expect(
      ringArea([
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ]),
    ).toBe(100);
    expect(
      ringArea([
        [0, 0],
        [0, 10],
        [10, 10],
        [10, 0],
        [0, 0],
      ]),
    ).toBe(-100);
  });

  it('checkTileAddress accepts the matrix and names what is outside it', () => {
    expect(checkTileAddress(0, 0, 0)).toEqual({ z: 0, x: 0, y: 0 });
    expect(checkTileAddress(22, 2 ** 22 - 1, 0)).toEqual({ z: 22, x: 2 ** 22 - 1, y: 0 });
    expect(() => checkTileAddress(23, 0, 0)).toThrow(/zoom 23 is outside 0–22/);
    expect(() => checkTileAddress(3, 8, 0)).toThrow(/x 8 is outside 0–7 at zoom 3/);
    expect(() => checkTileAddress(3, 0, -1)).toThrow(/y -1/);
  });
});

describe('TileCache', () => {
  it('evicts the least recently used tiles beyond its byte budget', () => {
    const c = new TileCache(300);
    c.set('a', new Uint8Array(100));
    c.set('b', new Uint8Array(100));
    expect(c.get('a')?.length).toBe(100);
    c.set('c', new Uint8Array(100));
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBeDefined();
    expect(c.get('c')).toBeDefined();
    expect(c.size.bytes).toBeLessThanOrEqual(300);
    c.set('huge', new Uint8Array(1000));
    expect(c.get('huge')).toBeUndefined();
  });
});
