/**
 * Loads aimags and soums in parallel (shared with other pages through `adminUnits`), with a retry
 * after a failure.
 */
import { useCallback, useEffect, useState } from 'react';
import { adminUnits } from '../api/admin.units.ts';
import { ApiError } from '../api/client.ts';
import type { AdminUnitCollection } from '../api/types.ts';

export type AdminUnitsState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly httpStatus: number | null; readonly detail: string }
  | { readonly status: 'ready'; readonly aimags: AdminUnitCollection; readonly soums: AdminUnitCollection };

export function useAdminUnits(): { state: AdminUnitsState; retry: () => void } {
  const [state, setState] = useState<AdminUnitsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let gone = false;
    Promise.all([adminUnits('aimag'), adminUnits('soum')]).then(
      ([aimags, soums]) => {
        if (!gone) setState({ status: 'ready', aimags, soums });
      },
      (err: unknown) => {
        if (gone) return;
        setState({
          status: 'error',
          httpStatus: err instanceof ApiError ? err.status : null,
          detail: err instanceof Error ? err.message : String(err),
        });
      },
    );
    return () => {
      gone = true;
    };
  }, [attempt]);
  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  return { state, retry };
}
