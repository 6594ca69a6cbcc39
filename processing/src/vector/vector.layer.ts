/**
 * A vector layer as the export writers take it: typed fields, and features whose values follow the
 * field order. Geometries are WGS 84 longitude/latitude (EPSG:4326), GeoJSON coordinate order; polygon
 * outer rings counter-clockwise (RFC 7946 §3.1.6). Dates are `YYYY-MM-DD`, date-times ISO 8601 UTC.
 * Reference: RFC 7946 (GeoJSON) geometry shapes; OGR field types (String, Real, Integer, Date, DateTime).
 */

export type FieldType = 'string' | 'real' | 'integer' | 'date' | 'datetime' | 'boolean';

export type FieldValue = string | number | boolean | null;

export interface VectorField {
  readonly name: string;
  readonly type: FieldType;
  /** The Shapefile (dBASE) name, ≤ 10 ASCII characters, when `name` does not fit. */
  readonly shpName?: string;
}

export type Position = readonly number[];

export interface PointGeometry {
  readonly type: 'Point';
  readonly coordinates: Position;
}

export interface MultiPolygonGeometry {
  readonly type: 'MultiPolygon';
  readonly coordinates: ReadonlyArray<ReadonlyArray<ReadonlyArray<Position>>>;
}

export type VectorGeometry = PointGeometry | MultiPolygonGeometry;

export interface VectorFeature {
  readonly geometry: VectorGeometry;
  /** One value per field of the layer, in its order; null when absent. */
  readonly values: ReadonlyArray<FieldValue>;
}

export interface VectorLayer {
  /** ASCII name: the file and table name (`pasture_units`). */
  readonly name: string;
  readonly geometryType: VectorGeometry['type'];
  readonly fields: ReadonlyArray<VectorField>;
  readonly features: ReadonlyArray<VectorFeature>;
}

/** [minX, minY, maxX, maxY] of some positions; null when there are none. */
export type Extent = [number, number, number, number];

/** Every position of a geometry. */
export function* positionsOf(g: VectorGeometry): Generator<Position> {
  if (g.type === 'Point') yield g.coordinates;
  else for (const polygon of g.coordinates) for (const ring of polygon) yield* ring;
}

/** The bbox of the features' geometries, or null for an empty layer. */
export function extentOf(geometries: Iterable<VectorGeometry>): Extent | null {
  const box: Extent = [Infinity, Infinity, -Infinity, -Infinity];
  for (const g of geometries) {
    for (const [x, y] of positionsOf(g)) {
      box[0] = Math.min(box[0], x!);
      box[1] = Math.min(box[1], y!);
      box[2] = Math.max(box[2], x!);
      box[3] = Math.max(box[3], y!);
    }
  }
  return box[0] <= box[2] ? box : null;
}
