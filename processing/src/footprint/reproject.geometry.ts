/**
 * Reprojects a GeoJSON geometry between two proj4 definitions (default target WGS 84 lon/lat).
 * Edges of lines and rings are densified first, so a long straight edge in UTM becomes a curve of
 * projected points in lon/lat instead of a chord: each edge is cut into ceil(length /
 * maxSegmentLength) equal parts, at most maxSegmentsPerEdge, with maxSegmentLength by default 1/64 of
 * the diagonal of the geometry's bounding box (in source units) — so pixel-sized edges of a traced
 * footprint stay as they are and the long edges of a simplified one get up to 16 parts. 2D only:
 * any third ordinate is dropped. Longitudes are not unwrapped at the antimeridian.
 * Reference: SPEC §2.1 "Footprint"; checked against gdaltransform (PROJ) in the tests.
 */
import type { Geometry, Position } from 'geojson';
import proj4 from 'proj4';
import { ValidationError } from '../errors.ts';
import { bboxOf } from './bbox.ts';

/** proj4 definition of WGS 84 longitude/latitude (EPSG:4326, x = longitude). */
export const WGS84_PROJ4 = '+proj=longlat +datum=WGS84 +no_defs';

export interface ReprojectOptions {
  /** Longest edge, in source units, left uncut (default: bbox diagonal / 64). */
  readonly maxSegmentLength?: number;
  /** Most parts one edge is cut into (default 16). */
  readonly maxSegmentsPerEdge?: number;
}

export const DEFAULT_MAX_SEGMENTS_PER_EDGE = 16;
const DIAGONAL_PARTS = 64;

type Project = (p: Position) => Position;

function converter(fromProj4: string, toProj4: string): Project {
  let forward: (p: [number, number]) => [number, number];
  try {
    const c = proj4(fromProj4, toProj4);
    forward = (p) => c.forward(p);
  } catch (cause) {
    throw new ValidationError(`cannot reproject from "${fromProj4}" to "${toProj4}": ${String(cause)}`);
  }
  return (p) => {
    const x = p[0] as number;
    const y = p[1] as number;
    const out = forward([x, y]);
    if (!Number.isFinite(out[0]) || !Number.isFinite(out[1])) {
      throw new ValidationError(`point (${x}, ${y}) of "${fromProj4}" has no position in "${toProj4}"`);
    }
    return out;
  };
}

/** The positions of a line or ring with every edge cut into at most `maxParts` parts. */
function densify(line: ReadonlyArray<Position>, maxLength: number, maxParts: number): Position[] {
  const out: Position[] = [];
  line.forEach((q, i) => {
    const p = line[i - 1];
    if (p) {
      const dx = (q[0] as number) - (p[0] as number);
      const dy = (q[1] as number) - (p[1] as number);
      const parts = Math.min(maxParts, Math.max(1, Math.ceil(Math.hypot(dx, dy) / maxLength)));
      for (let k = 1; k < parts; k++) {
        out.push([(p[0] as number) + (dx * k) / parts, (p[1] as number) + (dy * k) / parts]);
      }
    }
    out.push(q);
  });
  return out;
}

function transform(geometry: Geometry, project: Project, line: (l: Position[]) => Position[]): Geometry {
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: project(geometry.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: geometry.coordinates.map(project) };
    case 'LineString':
      return { type: 'LineString', coordinates: line(geometry.coordinates) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: geometry.coordinates.map(line) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: geometry.coordinates.map(line) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(line)) };
    case 'GeometryCollection':
      return {
        type: 'GeometryCollection',
        geometries: geometry.geometries.map((g) => transform(g, project, line)),
      };
  }
}

/** `geometry` (in `fromProj4`) in `toProj4`, edges densified first. The input is not changed. */
export function reprojectGeometry<G extends Geometry>(
  geometry: G,
  fromProj4: string,
  toProj4: string = WGS84_PROJ4,
  options: ReprojectOptions = {},
): G {
  const maxParts = options.maxSegmentsPerEdge ?? DEFAULT_MAX_SEGMENTS_PER_EDGE;
  if (!Number.isInteger(maxParts) || maxParts < 1) {
    throw new ValidationError(`maxSegmentsPerEdge ${maxParts} is not an integer ≥ 1`);
  }
  const box = bboxOf(geometry);
  const diagonal = box ? Math.hypot(box[2] - box[0], box[3] - box[1]) : 0;
  const maxLength = options.maxSegmentLength ?? diagonal / DIAGONAL_PARTS;
  if (!(maxLength >= 0)) throw new ValidationError(`maxSegmentLength ${maxLength} is not a number ≥ 0`);
  const project = converter(fromProj4, toProj4);
  const line = (l: Position[]): Position[] =>
    (maxLength > 0 ? densify(l, maxLength, maxParts) : l).map(project);
  // Each case of `transform` rebuilds the type it was given, so the result has the type of the input.
  return transform(geometry, project, line) as G;
}
