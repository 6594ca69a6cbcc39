/**
 * Change counters of vector layers, for the tile cache of organisation layers: a write to a layer's
 * data calls `layerChanged` after it commits, and cached tiles of an older generation are no longer
 * used. The other processes on the same database (API replicas) hear of it through PostgreSQL
 * LISTEN/NOTIFY (`shareLayerChanges`; PGlite has LISTEN/NOTIFY too, within its one process): each
 * write sends `NOTIFY belcheer_layer_changed, '<layer> <process>'`, and a process bumps its counter on
 * every notification but its own, and drops every layer's tiles when its listener had to reconnect
 * (notifications in between are lost). A notification lost otherwise (NOTIFY failed)
 * leaves a tile at most the layer's `organisationCacheSeconds` old: the cache key holds a time window.
 * Reference: PostgreSQL NOTIFY (delivered at commit, to every listening session).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db.ts';

const CHANNEL = 'belcheer_layer_changed';
/** Tells this process's notifications from other processes'. */
const PROCESS = randomUUID();

const generations = new Map<string, number>();
/** Bumped when notifications may have been missed: every layer's tiles are then out of date. */
let epoch = 0;
/** The databases this process tells of its writes (one per app; tests run several, hence weak). */
const shared = new Set<WeakRef<Db>>();

export function layerGeneration(layerId: string): number {
  return epoch + (generations.get(layerId) ?? 0);
}

function bump(layerId: string): void {
  generations.set(layerId, (generations.get(layerId) ?? 0) + 1);
}

/** After a committed write to `layerId`'s data: this process's tiles go now, other processes' on NOTIFY. */
export function layerChanged(layerId: string): void {
  bump(layerId);
  for (const ref of shared) {
    const db = ref.deref();
    if (!db) shared.delete(ref);
    // Best effort: a lost notification is bounded by the cache's time window.
    else db.query('SELECT pg_notify($1, $2)', [CHANNEL, `${layerId} ${PROCESS}`]).catch(() => undefined);
  }
}

/** Tells `db`'s other processes of this process's layer writes, and listens for theirs. */
export async function shareLayerChanges(db: Db): Promise<void> {
  await db.listen(
    CHANNEL,
    (payload) => {
      const [layerId, from] = payload.split(' ');
      if (layerId && from !== PROCESS) bump(layerId);
    },
    () => epoch++,
  );
  shared.add(new WeakRef(db));
}
