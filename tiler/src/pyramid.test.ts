/**
 * The pyramid against values worked by hand: 2 × 2 means of opaque pixels (rounded half up), alpha
 * weighting at a footprint's edge, transparent blocks, children laid out in their quadrants; the walk
 * visiting each covered tile once, children before parents, and the build emitting every tile of
 * every zoom with each parent equal to the mean of its children.
 */
import { describe, expect, it } from 'vitest';
import { averageChildren, buildPyramid, childrenOf, subtreeZoom, type PyramidTile } from './pyramid.ts';
import type { TileAddress } from './tile.matrix.ts';

/** A size × size RGBA tile of one colour. */
function flat(size: number, rgba: readonly number[]): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  for (let i = 0; i < out.length; i += 4) out.set(rgba, i);
  return out;
}

const pixel = (t: Uint8Array, size: number, x: number, y: number) =>
  Array.from(t.subarray((y * size + x) * 4, (y * size + x) * 4 + 4));

describe('averageChildren', () => {
  it('averages each 2 × 2 block of opaque pixels, rounding half up', () => {
    // A 2 px child: pixels 10, 11, 12, 14 in red → (47 + 2) >> 2 = 12 (47 / 4 = 11.75).
    const child = new Uint8Array([10, 0, 0, 255, 11, 1, 0, 255, 12, 2, 0, 255, 14, 3, 2, 255]);
    const parent = averageChildren([child, null, null, null], 2)!;
    // Green (0 + 1 + 2 + 3) / 4 = 1.5 → 2; blue 2 / 4 = 0.5 → 1.
    expect(pixel(parent, 2, 0, 0)).toEqual([12, 2, 1, 255]);
    expect(pixel(parent, 2, 1, 0)).toEqual([0, 0, 0, 0]);
    expect(pixel(parent, 2, 0, 1)).toEqual([0, 0, 0, 0]);
  });

  it('weights colours by alpha and averages alpha at an edge', () => {
    // Two opaque pixels of 100 and 200, one half-transparent 40 (alpha 128), one transparent 250.
    const child = new Uint8Array([100, 0, 0, 255, 200, 0, 0, 255, 40, 0, 0, 128, 250, 0, 0, 0]);
    const parent = averageChildren([null, null, null, child], 2)!;
    // (100·255 + 200·255 + 40·128) / 638 = 127.92 → 128; alpha (638 + 2) >> 2 = 160.
    expect(pixel(parent, 2, 1, 1)).toEqual([128, 0, 0, 160]);
  });

  it('places the children in their quadrants and is null when all are empty', () => {
    const colours = [
      [255, 0, 0, 255],
      [0, 255, 0, 255],
      [0, 0, 255, 255],
      [9, 9, 9, 255],
    ];
    const parent = averageChildren(
      colours.map((c) => flat(4, c)),
      4,
    )!;
    expect([
      pixel(parent, 4, 1, 1),
      pixel(parent, 4, 2, 0),
      pixel(parent, 4, 0, 3),
      pixel(parent, 4, 3, 2),
    ]).toEqual(colours);
    expect(averageChildren([null, null, null, null], 4)).toBeNull();
    // A child viewed at an odd offset of a larger buffer gives the same parent.
    const shifted = new Uint8Array(4 * 4 * 4 + 1).subarray(1);
    shifted.set(flat(4, colours[0]!));
    expect(averageChildren([shifted, null, null, null], 4)).toEqual(
      averageChildren([flat(4, colours[0]!), null, null, null], 4),
    );
  });
});

describe('buildPyramid', () => {
  it('emits every covered tile once, each parent the mean of its children', async () => {
    // A footprint of 3 × 2 tiles at zoom 5 (x 8–10, y 4–5): zooms 2–5 of a 4 px pyramid.
    const inside = (t: TileAddress) => {
      const k = 2 ** (5 - t.z);
      return t.x * k <= 10 && (t.x + 1) * k > 8 && t.y * k <= 5 && (t.y + 1) * k > 4;
    };
    const leafColour = (t: TileAddress) => [t.x * 20, t.y * 40, 7, 255];
    const emitted = new Map<string, Uint8Array | null>();
    const leaves: string[] = [];
    await buildPyramid({
      minZoom: 2,
      maxZoom: 5,
      tileSize: 4,
      roots: [
        { z: 2, x: 1, y: 0 },
        { z: 2, x: 2, y: 1 },
      ].filter(inside),
      covers: inside,
      concurrency: 2,
      // The subtree job as a render thread does it, but with flat leaves.
      subtree: async (root) => {
        const tiles: PyramidTile[] = [];
        const walk = async (t: TileAddress): Promise<Uint8Array | null> => {
          if (!inside(t)) return null;
          let rgba: Uint8Array | null;
          if (t.z === 5) {
            leaves.push(`${t.x}/${t.y}`);
            rgba = flat(4, leafColour(t));
          } else rgba = averageChildren(await Promise.all(childrenOf(t).map(walk)), 4);
          tiles.push({ tile: t, body: rgba });
          return rgba;
        };
        const rgba = await walk(root);
        return { tiles, rgba };
      },
      encode: async (rgba) => rgba,
      emit: async ({ tile, body }) => {
        const key = `${tile.z}/${tile.x}/${tile.y}`;
        expect(emitted.has(key)).toBe(false);
        emitted.set(key, body);
      },
    });
    expect(subtreeZoom(2, 5)).toBe(3);
    expect(leaves.sort()).toEqual(['10/4', '10/5', '8/4', '8/5', '9/4', '9/5']);
    expect([...emitted.keys()].sort()).toEqual(
      ['2/1/0', '3/2/1', '4/4/2', '4/5/2', '5/8/4', '5/8/5', '5/9/4', '5/9/5', '5/10/4', '5/10/5'].sort(),
    );
    // Tile 4/4/2 holds leaves 8–9 × 4–5 in its four quadrants: its top-left pixel is leaf 8/4's colour.
    expect(pixel(emitted.get('4/4/2')!, 4, 0, 0)).toEqual([160, 160, 7, 255]);
    expect(pixel(emitted.get('4/4/2')!, 4, 3, 3)).toEqual([180, 200, 7, 255]);
    // Tile 3/2/1: leaf 8/4 at the top left, 4/5/2 (leaves 10/4 above 10/5) top right, nothing below.
    const z3 = emitted.get('3/2/1')!;
    expect([
      pixel(z3, 4, 0, 0),
      pixel(z3, 4, 2, 0),
      pixel(z3, 4, 2, 1),
      pixel(z3, 4, 3, 1),
      pixel(z3, 4, 3, 3),
    ]).toEqual([
      [160, 160, 7, 255],
      [200, 160, 7, 255],
      [200, 200, 7, 255],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    // The top tile (above the subtrees, made by buildPyramid itself) is the mean of its children too.
    expect(pixel(emitted.get('2/1/0')!, 4, 0, 2)).toEqual([170, 180, 7, 255]);
  });
});
