/**
 * Polygons of a class grid: one MultiPolygon per class in the raster's CRS, by tracing pixel edges.
 * Each 4-connected component of a class is one polygon (pixels touching only at a corner are separate
 * polygons); its outer ring and its holes follow the pixel edges, with collinear vertices dropped.
 * Rings never touch themselves; a hole may touch its outer ring or another hole at one corner (OGC
 * simple features validity).
 * Rings are closed, outer rings counter-clockwise and holes clockwise in map coordinates (RFC 7946).
 * Reference: issue 6 (vigour zones as polygons); the result matches gdal_polygonize (4-connected).
 */
import { ValidationError } from '../errors.ts';
import type { GeoTransform } from '../raster/types.ts';
import { labelComponents } from './components.ts';

export type Ring = Array<[number, number]>;

export interface ClassPolygons {
  readonly cls: number;
  /** GeoJSON MultiPolygon coordinates: polygons of [outer, ...holes]. */
  readonly coordinates: Ring[][];
  readonly pixelCount: number;
}

/** A pixel edge from vertex (x, y) in direction d. */
interface Edge {
  readonly x: number;
  readonly y: number;
  readonly d: number;
}

// Directions in pixel space (x right, y down), numbered so that d + 1 is a right turn.
const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];
// Turns tried at a vertex: left (to the diagonal pixel, within the component only), straight, right.
const TURNS = [3, 0, 1];

/**
 * Directed boundary edges of the pixels for which `inside` holds, each with the inside on its right
 * (clockwise around each pixel in pixel space): from vertex (x, y), direction d.
 */
function boundaryEdges(width: number, height: number, inside: (x: number, y: number) => boolean): Edge[] {
  const edges: Edge[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!inside(x, y)) continue;
      if (!inside(x, y - 1)) edges.push({ x, y, d: 0 }); // top, eastward
      if (!inside(x + 1, y)) edges.push({ x: x + 1, y, d: 1 }); // right, southward
      if (!inside(x, y + 1)) edges.push({ x: x + 1, y: y + 1, d: 2 }); // bottom, westward
      if (!inside(x - 1, y)) edges.push({ x, y: y + 1, d: 3 }); // left, northward
    }
  }
  return edges;
}

/** Row-major index of the pixel on the right of an edge (the inside pixel it bounds). */
function insidePixel(e: Edge, width: number): number {
  return (e.y - (e.d >= 2 ? 1 : 0)) * width + e.x - (e.d === 1 || e.d === 2 ? 1 : 0);
}

/**
 * Link edges into rings (vertices at the turns only, pixel space), each with its component. Where two
 * edges leave a vertex (two pixels meeting at a corner) the ring crosses to the diagonal pixel when
 * it is of the same component, else turns right around its own pixel: so corner-touching components
 * stay apart and no ring touches itself (an enclosed region becomes a hole touching at the corner).
 */
function traceRings(width: number, edges: ReadonlyArray<Edge>, labels: Int32Array) {
  const key = (x: number, y: number, d: number): number => ((y * (width + 1) + x) << 2) | d;
  const byStart = new Map<number, number>();
  edges.forEach((e, i) => byStart.set(key(e.x, e.y, e.d), i));
  const used = new Uint8Array(edges.length);
  const rings: Array<{ ring: Ring; component: number }> = [];
  for (let first = 0; first < edges.length; first++) {
    if (used[first]) continue;
    const component = labels[insidePixel(edges[first]!, width)]!;
    const ring: Ring = [];
    let i = first;
    do {
      used[i] = 1;
      const e = edges[i]!;
      const nx = e.x + DX[e.d]!;
      const ny = e.y + DY[e.d]!;
      let next = -1;
      for (const turn of TURNS) {
        const j = byStart.get(key(nx, ny, (e.d + turn) % 4));
        if (j !== undefined && labels[insidePixel(edges[j]!, width)] === component) {
          next = j;
          break;
        }
      }
      if (next < 0) throw new Error(`open boundary at vertex (${nx}, ${ny})`);
      if (edges[next]!.d !== e.d) ring.push([nx, ny]);
      i = next;
    } while (i !== first);
    ring.push([...ring[0]!]);
    rings.push({ ring, component });
  }
  return rings;
}

/** Twice the signed area of a closed ring (shoelace): positive for an outer ring in pixel space. */
function signedArea2(ring: Ring): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    a += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return a;
}

/** One MultiPolygon per class present in `classGrid` (NO_CLASS excluded), in class order. */
export function polygonizeClasses(
  classGrid: Uint8Array,
  width: number,
  height: number,
  transform: GeoTransform,
): ClassPolygons[] {
  if (classGrid.length !== width * height) {
    throw new ValidationError(`class grid has ${classGrid.length} pixels, ${width}×${height} declared`);
  }
  const [a, b, c, d, e, f] = transform;
  const det = b * f - c * e;
  if (det === 0) throw new ValidationError('geotransform is singular (zero pixel size)');
  // Outer rings run clockwise as drawn (positive shoelace with y down); a north-up transform (det < 0)
  // keeps that picture, so they are reversed to run counter-clockwise on the map.
  const flip = det < 0;
  const toMap = (ring: Ring): Ring => {
    const out = ring.map(([x, y]): [number, number] => [a + x * b + y * c, d + x * e + y * f]);
    return flip ? out.reverse() : out;
  };

  const { labels, classes, pixels } = labelComponents(classGrid, width, height);
  const byComponent: Ring[][] = classes.map(() => []);
  for (const cls of new Set(classes)) {
    const inside = (x: number, y: number): boolean =>
      x >= 0 && y >= 0 && x < width && y < height && classGrid[y * width + x] === cls;
    for (const { ring, component } of traceRings(width, boundaryEdges(width, height, inside), labels)) {
      const polygon = byComponent[component]!;
      // outer ring first, holes after
      if (signedArea2(ring) > 0) polygon.unshift(toMap(ring));
      else polygon.push(toMap(ring));
    }
  }

  const result = new Map<number, { coordinates: Ring[][]; pixelCount: number }>();
  classes.forEach((cls, id) => {
    const entry = result.get(cls) ?? { coordinates: [], pixelCount: 0 };
    entry.coordinates.push(byComponent[id]!);
    entry.pixelCount += pixels[id]!.length;
    result.set(cls, entry);
  });
  return [...result.entries()].sort(([x], [y]) => x - y).map(([cls, v]) => ({ cls, ...v }));
}
