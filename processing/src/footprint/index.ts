/**
 * Survey footprint kernels: the valid-data polygon of a mask, its simplification, reprojection,
 * bounding box and ground sample distance. Pure functions, no IO.
 * Reference: SPEC §2.1 "Footprint: the polygon of valid data (simplified) … with bbox, GSD, CRS".
 */
export { bboxOf, type Bbox } from './bbox.ts';
export { groundSampleDistance } from './ground.sample.distance.ts';
export {
  DEFAULT_MAX_SEGMENTS_PER_EDGE,
  reprojectGeometry,
  WGS84_PROJ4,
  type ReprojectOptions,
} from './reproject.geometry.ts';
export { footprintTolerance, MAX_HALVINGS, simplifyPolygon } from './simplify.polygon.ts';
export {
  DEFAULT_MIN_HOLE_PIXELS,
  DEFAULT_MIN_POLYGON_PIXELS,
  validDataPolygon,
  type ValidDataOptions,
} from './valid.data.polygon.ts';
