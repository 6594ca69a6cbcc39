/**
 * A tile pyramid the way gdal2tiles builds one: the deepest zoom warped from the COG, every zoom above
 * made from its four children, each 2 × 2 block of child pixels averaged (`-r average`), weighted by
 * alpha so transparent pixels lend no colour, alpha itself the blocks' mean. A subtree is walked depth
 * first, so at most four tiles a level are held, whatever the pyramid's size.
 * Reference: SPEC §2.2 "offline package"; gdal2tiles.py `create_overview_tile` / `scale_query_to_tile`.
 */
import type { TileAddress } from './tile.matrix.ts';

/**
 * The parent tile of four child RGBA tiles (`size` px square, `size` even), in the order
 * (2x, 2y), (2x+1, 2y), (2x, 2y+1), (2x+1, 2y+1); null children are transparent. Null when every
 * child is. Colours are rounded half up; a parent pixel whose block is fully transparent is 0, 0, 0, 0.
 */
export function averageChildren(children: readonly (Uint8Array | null)[], size: number): Uint8Array | null {
  if (children.every((c) => c === null)) return null;
  const half = size / 2;
  const out = new Uint8Array(size * size * 4);
  for (let q = 0; q < 4; q++) {
    const given = children[q] ?? null;
    if (given === null) continue;
    // Read a word a pixel: a child not on a 4-byte boundary (a view into a larger buffer) is copied.
    const child = given.byteOffset % 4 === 0 ? given : given.slice();
    const ox = (q & 1) * half;
    const oy = (q >> 1) * half;
    const words = new Uint32Array(child.buffer, child.byteOffset, size * size);
    for (let y = 0; y < half; y++) {
      let s = 2 * y * size;
      let o = ((oy + y) * size + ox) * 4;
      for (let x = 0; x < half; x++, s += 2, o += 4) {
        const p0 = s * 4;
        const p1 = p0 + 4;
        const p2 = p0 + size * 4;
        const p3 = p2 + 4;
        // Four opaque pixels (the usual case): the plain mean of each band.
        if ((words[s]! & words[s + 1]! & words[s + size]! & words[s + size + 1]!) >>> 24 === 255) {
          out[o] = (child[p0]! + child[p1]! + child[p2]! + child[p3]! + 2) >> 2;
          out[o + 1] = (child[p0 + 1]! + child[p1 + 1]! + child[p2 + 1]! + child[p3 + 1]! + 2) >> 2;
          out[o + 2] = (child[p0 + 2]! + child[p1 + 2]! + child[p2 + 2]! + child[p3 + 2]! + 2) >> 2;
          out[o + 3] = 255;
          continue;
        }
        const a0 = child[p0 + 3]!;
        const a1 = child[p1 + 3]!;
        const a2 = child[p2 + 3]!;
        const a3 = child[p3 + 3]!;
        const a = a0 + a1 + a2 + a3;
        if (a === 0) continue;
        for (let b = 0; b < 3; b++) {
          const sum = child[p0 + b]! * a0 + child[p1 + b]! * a1 + child[p2 + b]! * a2 + child[p3 + b]! * a3;
          out[o + b] = Math.floor(sum / a + 0.5);
        }
        out[o + 3] = (a + 2) >> 2;
      }
    }
  }
  return out;
}

/** The four children of a tile, in `averageChildren`'s order. */
export function childrenOf({ z, x, y }: TileAddress): TileAddress[] {
  return [
    { z: z + 1, x: 2 * x, y: 2 * y },
    { z: z + 1, x: 2 * x + 1, y: 2 * y },
    { z: z + 1, x: 2 * x, y: 2 * y + 1 },
    { z: z + 1, x: 2 * x + 1, y: 2 * y + 1 },
  ];
}

export interface SubtreeWalk {
  /** The deepest zoom, whose tiles `renderLeaf` makes. */
  readonly maxZoom: number;
  readonly tileSize: number;
  /** True when the tile may hold data (tiles outside the footprint are neither rendered nor visited). */
  readonly covers: (tile: TileAddress) => boolean;
  /** RGBA of a tile of `maxZoom`, null when it holds no data. */
  readonly renderLeaf: (tile: TileAddress) => Promise<Uint8Array | null>;
  /** Told each visited tile above `maxZoom` with its RGBA (null when empty), children before parents. */
  readonly visit: (tile: TileAddress, rgba: Uint8Array | null) => void;
  /** Walk a tile's four children at once (their leaves rendered concurrently) instead of in turn. */
  readonly parallel?: boolean;
}

/** RGBA of `root` (null when empty), walking every covered tile from it down to `maxZoom`. */
export async function walkSubtree(root: TileAddress, walk: SubtreeWalk): Promise<Uint8Array | null> {
  if (!walk.covers(root)) return null;
  if (root.z >= walk.maxZoom) return walk.renderLeaf(root);
  const kids = childrenOf(root);
  const children = walk.parallel
    ? await Promise.all(kids.map((child) => walkSubtree(child, walk)))
    : await sequence(kids, (child) => walkSubtree(child, walk));
  const rgba = averageChildren(children, walk.tileSize);
  walk.visit(root, rgba);
  return rgba;
}

async function sequence<T, R>(items: readonly T[], f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await f(item));
  return out;
}

/** A tile of a pyramid and its encoded image (null when the tile holds no data). */
export interface PyramidTile {
  readonly tile: TileAddress;
  readonly body: Uint8Array | null;
}

/** What rendering a subtree gives: every covered tile of it, encoded, and the root's RGBA. */
export interface SubtreeResult {
  readonly tiles: readonly PyramidTile[];
  readonly rgba: Uint8Array | null;
}

export interface PyramidPlan {
  readonly minZoom: number;
  readonly maxZoom: number;
  readonly tileSize: number;
  /** The tiles of `minZoom` that may hold data. */
  readonly roots: readonly TileAddress[];
  /** True when a tile may hold data. */
  readonly covers: (tile: TileAddress) => boolean;
  /** Renders the subtree under a tile of `subtreeZoom(…)` (on a render thread, say). */
  readonly subtree: (root: TileAddress) => Promise<SubtreeResult>;
  /** Encodes a tile made above the subtrees. */
  readonly encode: (rgba: Uint8Array) => Promise<Uint8Array>;
  /** Takes each finished tile, in no particular order. */
  readonly emit: (tile: PyramidTile) => Promise<void>;
  /** Subtrees rendered at once (at least the render threads'; each holds its tiles until done). */
  readonly concurrency: number;
}

/** Zooms a subtree spans below its root: 21 tiles, 16 of them warped, per job. */
export const SUBTREE_DEPTH = 2;

/** The zoom of the subtrees' roots: `SUBTREE_DEPTH` above the deepest zoom, not above the pyramid. */
export function subtreeZoom(minZoom: number, maxZoom: number): number {
  return Math.max(minZoom, maxZoom - SUBTREE_DEPTH);
}

/**
 * Every covered tile from `minZoom` to `maxZoom`: subtrees under the tiles of `subtreeZoom` rendered
 * `concurrency` at a time (in depth-first order, so a parent's children finish together and memory
 * stays bounded), the zooms above averaged here from their roots.
 */
export async function buildPyramid(plan: PyramidPlan): Promise<void> {
  const rootZoom = subtreeZoom(plan.minZoom, plan.maxZoom);
  const slots = limiter(plan.concurrency);
  const pending: Promise<void>[] = [];
  const walk: SubtreeWalk = {
    maxZoom: rootZoom,
    tileSize: plan.tileSize,
    covers: plan.covers,
    parallel: true,
    renderLeaf: (root) =>
      slots(async () => {
        const { tiles, rgba } = await plan.subtree(root);
        for (const tile of tiles) await plan.emit(tile);
        return rgba;
      }),
    visit: (tile, rgba) => {
      pending.push((async () => plan.emit({ tile, body: rgba ? await plan.encode(rgba) : null }))());
    },
  };
  await Promise.all(plan.roots.map((root) => walkSubtree(root, walk)));
  await Promise.all(pending);
}

/** Runs at most `n` of the functions handed to it at once, the others in the order they came. */
function limiter(n: number): <T>(f: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  return async (f) => {
    // A finishing function hands its slot straight to the next one waiting.
    if (running < n) running++;
    else await new Promise<void>((resolve) => queue.push(resolve));
    try {
      return await f();
    } finally {
      const next = queue.shift();
      if (next) next();
      else running--;
    }
  };
}
