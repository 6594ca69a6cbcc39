/**
 * The caller's pasture units for the planning page (with the soft-deleted ones when asked), reloaded
 * on demand after a write.
 */
import { useCallback, useEffect, useState } from 'react';
import { listUnits, type Unit } from './units.api.ts';

export function useUnits(includeDeleted: boolean): {
  units: Unit[] | null;
  error: string | null;
  reload: () => Promise<Unit[]>;
} {
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const list = await listUnits(includeDeleted);
    setUnits(list);
    setError(null);
    return list;
  }, [includeDeleted]);
  useEffect(() => {
    reload().catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [reload]);
  return { units, error, reload };
}
