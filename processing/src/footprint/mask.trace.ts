/**
 * Traces the pixel-edge boundary of labelled valid pixels into closed rings of pixel-corner
 * coordinates (x right, y down; corner (x, y) is the top-left of pixel (x, y)).
 * Every boundary edge is directed with its valid pixel on the right (screen sense), so outer rings
 * have a positive and holes a negative shoelace area in these coordinates. Only corners are kept.
 * Where two valid pixels touch only diagonally, the walk turns into the same pixel when the two belong
 * to different components (they stay separate rings) and across to the other pixel when they belong to
 * the same component (the invalid pixels between them become separate rings). Either way no ring
 * visits a point twice, so the rings are simple and meet other rings at single points only — the
 * OGC simple-features rule that naive 8-connected tracing breaks.
 * Reference: SPEC §2.1 "Footprint"; equal in area to gdal_polygonize.py (see valid.data.polygon.gdal.test.ts).
 */

/** One traced ring in pixel-corner coordinates, not closed (the first corner is not repeated). */
export interface PixelRing {
  /** Component id of the valid pixels the ring bounds. */
  readonly label: number;
  /** True for a hole (invalid area inside the component), false for its outer ring. */
  readonly hole: boolean;
  /** Corner coordinates, interleaved x, y. */
  readonly corners: number[];
}

// Directions: east, south, west, north. Turning right is +1, left is +3 (mod 4).
const DX: ReadonlyArray<number> = [1, 0, -1, 0];
const DY: ReadonlyArray<number> = [0, 1, 0, -1];
const EAST = 0;
const SOUTH = 1;
const WEST = 2;
const NORTH = 3;

function lowestBit(bits: number): number {
  return 31 - Math.clz32(bits & -bits);
}

function shoelace(corners: ReadonlyArray<number>): number {
  let sum = 0;
  const n = corners.length;
  for (let i = 0; i < n; i += 2) {
    const j = (i + 2) % n;
    sum +=
      (corners[i] as number) * (corners[j + 1] as number) -
      (corners[j] as number) * (corners[i + 1] as number);
  }
  return sum / 2;
}

/**
 * All boundary rings of the pixels with a non-zero label. `labels` must hold 4-connected component
 * ids (see labelComponents), which decide how diagonal contacts are walked.
 */
export function traceRings(labels: Int32Array, width: number, height: number): PixelRing[] {
  const labelAt = (x: number, y: number): number =>
    x < 0 || y < 0 || x >= width || y >= height ? 0 : (labels[y * width + x] as number);
  const stride = width + 1;
  const edges = new Uint8Array(stride * (height + 1));
  const mark = (x: number, y: number, d: number): void => {
    edges[y * stride + x] = (edges[y * stride + x] as number) | (1 << d);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (labelAt(x, y) === 0) continue;
      if (labelAt(x, y - 1) === 0) mark(x, y, EAST);
      if (labelAt(x + 1, y) === 0) mark(x + 1, y, SOUTH);
      if (labelAt(x, y + 1) === 0) mark(x + 1, y + 1, WEST);
      if (labelAt(x - 1, y) === 0) mark(x, y + 1, NORTH);
    }
  }
  const outgoing = Uint8Array.from(edges);

  /** The direction leaving corner (x, y) after arriving heading `d`. */
  const leave = (x: number, y: number, d: number): number => {
    const bits = outgoing[y * stride + x] as number;
    if ((bits & (bits - 1)) === 0) return lowestBit(bits);
    const topLeft = labelAt(x - 1, y - 1);
    const sameComponent = topLeft !== 0 ? topLeft === labelAt(x, y) : labelAt(x, y - 1) === labelAt(x - 1, y);
    return sameComponent ? (d + 3) % 4 : (d + 1) % 4;
  };

  /** The valid pixel on the right of the edge leaving (x, y) heading `d`. */
  const pixelRightOf = (x: number, y: number, d: number): number =>
    labelAt(d === EAST || d === NORTH ? x : x - 1, d === EAST || d === SOUTH ? y : y - 1);

  const rings: PixelRing[] = [];
  for (let start = 0; start < edges.length; start++) {
    while (edges[start] !== 0) {
      const sx = start % stride;
      const sy = (start - sx) / stride;
      const first = lowestBit(edges[start] as number);
      const corners: number[] = [];
      let x = sx;
      let y = sy;
      let d = first;
      for (;;) {
        edges[y * stride + x] = (edges[y * stride + x] as number) & ~(1 << d);
        x += DX[d] as number;
        y += DY[d] as number;
        const next = leave(x, y, d);
        if (next !== d) corners.push(x, y);
        if (x === sx && y === sy && next === first) break;
        d = next;
      }
      rings.push({ label: pixelRightOf(sx, sy, first), hole: shoelace(corners) < 0, corners });
    }
  }
  return rings;
}
