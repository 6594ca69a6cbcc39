/**
 * Vector tiles (MVT) cut in JS from features in lon/lat: the backend-independent half of
 * `/tiles/{layer}/{z}/{x}/{y}.mvt` (SQL stays in api/).
 */
export * from './tile.address.ts';
export * from './mvt.encode.ts';
