/**
 * GET /api/admin-units?level=aimag|soum: Mongolia's aimags and soums as GeoJSON. `adminUnits`
 * keeps each level once it has loaded, so the map and the surveys page share one download (about
 * 1.5 MB for the soums); a failed load is forgotten, so a retry asks again.
 */
import { apiRequest } from './client.ts';
import { parseAdminUnits, type AdminLevel, type AdminUnitCollection } from './types.ts';

export async function fetchAdminUnits(level: AdminLevel, signal?: AbortSignal): Promise<AdminUnitCollection> {
  return parseAdminUnits(await apiRequest(`/api/admin-units?level=${level}`, { signal }));
}

const loaded = new Map<AdminLevel, Promise<AdminUnitCollection>>();

export function adminUnits(level: AdminLevel): Promise<AdminUnitCollection> {
  let units = loaded.get(level);
  if (!units) {
    units = fetchAdminUnits(level);
    loaded.set(level, units);
    units.catch(() => loaded.delete(level));
  }
  return units;
}
