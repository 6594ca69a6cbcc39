/**
 * Fills one PMTiles archive from a plan that produces its tiles, in whatever order they finish (the
 * writer sorts them): empty tiles are skipped. `onTile` is told after each tile, for progress;
 * `signal` stops the work.
 */
import {
  PmtilesWriter,
  type PmtilesOptions,
  type PmtilesSummary,
  type TileAddress,
} from '../../../tiler/src/index.ts';

/** Takes one finished tile (null or empty bytes when it holds nothing). */
export type EmitTile = (tile: TileAddress, bytes: Uint8Array | null) => Promise<void>;

/** What goes into one archive: how many tiles to expect, how to make them, the header and metadata. */
export interface ArchivePlan {
  /** Tiles `produce` will emit (for progress). */
  readonly tileCount: number;
  readonly produce: (emit: EmitTile) => Promise<void>;
  readonly options: PmtilesOptions;
}

export async function buildArchive(
  file: string,
  { produce, options }: ArchivePlan,
  onTile: () => Promise<void>,
  signal: AbortSignal,
): Promise<PmtilesSummary> {
  const writer = await PmtilesWriter.create(options);
  try {
    await produce(async (tile, bytes) => {
      signal.throwIfAborted();
      if (bytes && bytes.length > 0) await writer.addTile(tile, bytes);
      await onTile();
    });
    return await writer.finish(file);
  } catch (err) {
    await writer.abort();
    throw err;
  }
}
