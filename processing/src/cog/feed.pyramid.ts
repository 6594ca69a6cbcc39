/**
 * Reads the source raster tile row by tile row (512 rows; the columns split into blocks of at most
 * READ_BUDGET bytes) and hands each block to the pyramid, reading the next block while the current
 * one is processed. Checks that each block is what was asked for.
 * Reference: SPEC §2.1 "Streaming".
 */
import { UnsupportedRasterError } from '../errors.ts';
import type { PixelBlock, RasterReader, RasterWindow } from '../raster/types.ts';
import type { CogPlan } from './cog.plan.ts';
import { TILE_SIZE } from './cog.plan.ts';
import { pixelFormatOf } from '../raster/pixel.array.ts';
import type { Pyramid } from './pyramid.ts';

/** Upper bound on the bytes of one block read from the source. */
const READ_BUDGET = 64 * 1024 * 1024;

interface Step {
  readonly tileRow: number;
  readonly window: RasterWindow;
  readonly lastInRow: boolean;
}

function* steps(plan: CogPlan): Generator<Step> {
  const { width, height } = plan.info;
  const tileBytes = TILE_SIZE * TILE_SIZE * plan.layout.bands * plan.layout.bytesPerSample;
  const blockWidth = Math.max(1, Math.floor(READ_BUDGET / tileBytes)) * TILE_SIZE;
  for (let y = 0, tileRow = 0; y < height; y += TILE_SIZE, tileRow++) {
    for (let x = 0; x < width; x += blockWidth) {
      const window = {
        x,
        y,
        width: Math.min(blockWidth, width - x),
        height: Math.min(TILE_SIZE, height - y),
      };
      yield { tileRow, window, lastInRow: x + blockWidth >= width };
    }
  }
}

/** What is wrong with a block the reader returned for window `w`, or null. */
function blockProblem(block: PixelBlock, w: RasterWindow, plan: CogPlan): string | null {
  const { bands, sampleFormat } = plan.layout;
  const pixels = w.width * w.height;
  if (block.width !== w.width || block.height !== w.height) return `${block.width}×${block.height} px`;
  if (block.bands !== bands) return `${block.bands} bands instead of ${bands}`;
  const format = pixelFormatOf(block.data);
  if (format !== sampleFormat) return `${format} samples instead of ${sampleFormat}`;
  if (block.data.length < pixels * bands || (block.mask !== null && block.mask.length < pixels)) {
    return 'a short buffer';
  }
  return null;
}

function checkBlock(block: PixelBlock, w: RasterWindow, plan: CogPlan): void {
  const problem = blockProblem(block, w, plan);
  if (problem !== null) {
    throw new UnsupportedRasterError(
      `reader returned ${problem} for window ${w.width}×${w.height} at (${w.x}, ${w.y})`,
    );
  }
}

/** Feeds every block of the source to `pyramid`; `onTileRow(done, total)` after each tile row. */
export async function feedPyramid(
  reader: RasterReader,
  plan: CogPlan,
  pyramid: Pyramid,
  onTileRow: (done: number, total: number) => void,
): Promise<void> {
  const total = (plan.levels[0] as { tilesY: number }).tilesY;
  const read = (step: Step): Promise<PixelBlock> => {
    const block = reader.readWindow(step.window);
    block.catch(() => undefined); // a failed prefetch surfaces when awaited
    return block;
  };
  const all = [...steps(plan)];
  let next = all[0] ? read(all[0]) : null;
  for (const [i, step] of all.entries()) {
    const block = await (next as Promise<PixelBlock>);
    const following = all[i + 1];
    next = following ? read(following) : null;
    checkBlock(block, step.window, plan);
    await pyramid.addBlock(step.tileRow, step.window.x, block);
    if (step.lastInRow) {
      await pyramid.endTileRow(step.tileRow);
      onTileRow(step.tileRow + 1, total);
    }
  }
}
