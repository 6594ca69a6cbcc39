/**
 * In-process change counters of vector layers, for the tile cache of organisation layers: a write to a
 * layer's data calls `layerChanged` after it commits, and cached tiles of an older generation are no
 * longer used. Other processes are not told; their cached tiles live at most the layer's
 * `organisationCacheSeconds` (no longer than the Cache-Control max-age clients are already allowed).
 */
const generations = new Map<string, number>();

export function layerGeneration(layerId: string): number {
  return generations.get(layerId) ?? 0;
}

export function layerChanged(layerId: string): void {
  generations.set(layerId, layerGeneration(layerId) + 1);
}
