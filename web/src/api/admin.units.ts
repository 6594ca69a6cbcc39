/**
 * GET /api/admin-units?level=aimag|soum: Mongolia's aimags and soums as GeoJSON.
 */
import { apiRequest } from './client.ts';
import { parseAdminUnits, type AdminLevel, type AdminUnitCollection } from './types.ts';

export async function fetchAdminUnits(level: AdminLevel, signal?: AbortSignal): Promise<AdminUnitCollection> {
  return parseAdminUnits(await apiRequest(`/api/admin-units?level=${level}`, { signal }));
}
