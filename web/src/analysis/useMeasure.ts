/**
 * The chosen choropleth measure as React state, read from the URL hash on load and written back
 * to it on every change (a reload or a shared link shows the same map), next to the layers.
 */
import { useCallback, useState } from 'react';
import type { Measure } from './choropleth.ts';
import { hashWithMeasure, measureFromHash } from './analysis.state.ts';

export function useMeasure(): readonly [Measure, (measure: Measure) => void] {
  const [measure, setMeasure] = useState<Measure>(() => measureFromHash(window.location.hash));
  const choose = useCallback((next: Measure) => {
    setMeasure(next);
    const { pathname, search, hash } = window.location;
    const nextHash = hashWithMeasure(hash, next);
    if (nextHash !== hash)
      window.history.replaceState(window.history.state, '', `${pathname}${search}${nextHash}`);
  }, []);
  return [measure, choose] as const;
}
