/**
 * Change counters of vector layers, for the tile cache of organisation layers: cached tiles of an
 * older generation are no longer used. Every committed write to a layer's table sends
 * `NOTIFY belcheer_layer_changed, '<layer> db'` from a statement trigger (migration 008), whoever wrote
 * it, and every process on the database (API replicas; PGlite has LISTEN/NOTIFY too) bumps the layer's
 * counter when it hears it (`shareLayerChanges`). The writing process also bumps at once
 * (`layerChanged`), not waiting for the notification. A listener that had to reconnect drops every
 * layer's tiles (notifications in between are lost); a notification lost otherwise leaves a tile at
 * most the layer's `organisationCacheSeconds` old: the cache key holds a time window.
 * Reference: PostgreSQL NOTIFY (delivered at commit, to every listening session).
 */
import type { Db } from '../db/db.ts';

const CHANNEL = 'belcheer_layer_changed';

const generations = new Map<string, number>();
/** Bumped when notifications may have been missed: every layer's tiles are then out of date. */
let epoch = 0;

export function layerGeneration(layerId: string): number {
  return epoch + (generations.get(layerId) ?? 0);
}

/** After a committed write to `layerId`'s data: this process's tiles go now (the trigger tells the others). */
export function layerChanged(layerId: string): void {
  generations.set(layerId, (generations.get(layerId) ?? 0) + 1);
}

/** Hears the layer writes of every process on `db`. */
export async function shareLayerChanges(db: Db): Promise<void> {
  await db.listen(
    CHANNEL,
    (payload) => {
      const [layerId] = payload.split(' ');
      if (layerId) layerChanged(layerId);
    },
    () => epoch++,
  );
}
