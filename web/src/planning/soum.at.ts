/**
 * The soum a drawn unit lies in: the admin soum containing a point on the unit's surface (turf
 * pointOnFeature), from the soum boundaries the map also loads (api/admin.units.ts).
 */
import { booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Polygon } from 'geojson';
import { adminUnits } from '../api/admin.units.ts';

export async function soumAt(geometry: Polygon): Promise<string | null> {
  const soums = await adminUnits('soum');
  const point = pointOnFeature(geometry);
  return soums.features.find((s) => booleanPointInPolygon(point, s))?.properties.code ?? null;
}
