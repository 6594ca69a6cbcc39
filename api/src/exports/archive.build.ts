/**
 * Fills one PMTiles archive: makes the bytes of each listed tile (a few at a time, so rendering
 * overlaps the database and sharp's threads) and hands them to the writer in tile-id order; empty
 * tiles are skipped. `onTile` is told after each tile, for progress; `signal` stops the work.
 */
import {
  PmtilesWriter,
  type PmtilesOptions,
  type PmtilesSummary,
  type TileAddress,
} from '../../../tiler/src/index.ts';

/** Tiles made at once: enough to keep the render threads busy without holding many tiles in memory. */
const CONCURRENCY = 8;

export type TileBytes = (tile: TileAddress) => Promise<Uint8Array | null>;

/** What goes into one archive: its tiles in tile-id order, how to make each, the header and metadata. */
export interface ArchivePlan {
  readonly tiles: readonly TileAddress[];
  readonly bytesOf: TileBytes;
  readonly options: PmtilesOptions;
}

export async function buildArchive(
  file: string,
  { tiles, bytesOf, options }: ArchivePlan,
  onTile: () => Promise<void>,
  signal: AbortSignal,
): Promise<PmtilesSummary> {
  const writer = await PmtilesWriter.create(options);
  try {
    for (let i = 0; i < tiles.length; i += CONCURRENCY) {
      signal.throwIfAborted();
      const batch = tiles.slice(i, i + CONCURRENCY);
      const bodies = await Promise.all(batch.map(bytesOf));
      for (const [j, tile] of batch.entries()) {
        const body = bodies[j];
        if (body && body.length > 0) await writer.addTile(tile, body);
        await onTile();
      }
    }
    return await writer.finish(file);
  } catch (err) {
    await writer.abort();
    throw err;
  }
}
