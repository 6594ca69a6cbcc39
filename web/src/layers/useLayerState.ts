/**
 * The layer panel's state as React state, restored on load from the URL hash (a shared link) or
 * else localStorage (the last session), and written back to both on every change. Entries are
 * kept to the ready surveys and their products once the list is known.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Survey } from '../api/survey.types.ts';
import {
  hashWithLayers,
  layersFromHash,
  parseLayers,
  reconcileLayers,
  serialiseLayers,
  type LayerState,
} from './layer.state.ts';

const STORAGE_KEY = 'belcheer.layers';

function initialState(): LayerState {
  const fromHash = layersFromHash(window.location.hash);
  if (fromHash) return fromHash;
  try {
    return parseLayers(window.localStorage.getItem(STORAGE_KEY) ?? '');
  } catch {
    return [];
  }
}

function persist(state: LayerState): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, serialiseLayers(state));
  } catch {
    // Storage disabled: the hash still holds it.
  }
  const { pathname, search, hash } = window.location;
  const next = hashWithLayers(hash, state);
  if (next !== hash) window.history.replaceState(window.history.state, '', `${pathname}${search}${next}`);
}

export function useLayerState(
  surveys: readonly Survey[] | null,
): readonly [LayerState, (update: (state: LayerState) => LayerState) => void] {
  const [state, setState] = useState<LayerState>(initialState);
  const products = useMemo(
    () =>
      surveys && new Map(surveys.filter((s) => s.status === 'ready').map((s) => [s.id, s.products] as const)),
    [surveys],
  );
  const layers = useMemo(() => (products ? reconcileLayers(state, products) : state), [state, products]);
  useEffect(() => {
    if (products) persist(layers);
  }, [layers, products]);
  const update = useCallback(
    (f: (s: LayerState) => LayerState) => setState((s) => f(products ? reconcileLayers(s, products) : s)),
    [products],
  );
  return [layers, update] as const;
}
