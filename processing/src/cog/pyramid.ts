/**
 * The cascade that turns rows of full-resolution tiles into every level of the COG at once.
 * A tile row of level L is cut into tiles (predicted, compressed, appended to L's file) and
 * averaged into half of level L+1's one-tile-row buffer; when that buffer is full (two rows of L,
 * or L's last row) it is processed the same way. Memory: one tile row per overview level.
 * Reference: SPEC §2.1 "Streaming: peak memory stays bounded".
 */
import type { PixelBlock } from '../raster/types.ts';
import type { CogPlan } from './cog.plan.ts';
import { TILE_SIZE } from './cog.plan.ts';
import type { Target } from './downsample.ts';
import { downsample } from './downsample.ts';
import type { LevelFile } from './level.file.ts';
import { packMaskTile } from './mask.pack.ts';
import { allocPixels } from '../raster/pixel.array.ts';
import type { TileDeflater } from './tile.deflate.ts';
import { packTile } from './tile.pack.ts';

export class Pyramid {
  private readonly plan: CogPlan;
  private readonly files: ReadonlyArray<LevelFile>;
  private readonly deflater: TileDeflater;
  /** One tile row of each overview level, filled by averaging the level above; null for level 0. */
  private readonly buffers: ReadonlyArray<Target | null>;
  private readonly withMask: boolean;

  constructor(plan: CogPlan, files: ReadonlyArray<LevelFile>, deflater: TileDeflater) {
    this.plan = plan;
    this.files = files;
    this.deflater = deflater;
    this.withMask = plan.rule.kind === 'mask';
    const { bands, sampleFormat } = plan.layout;
    this.buffers = plan.levels.map((level, l) =>
      l === 0
        ? null
        : {
            width: level.width,
            data: allocPixels(sampleFormat, level.width * TILE_SIZE * bands),
            mask: this.withMask ? new Uint8Array(level.width * TILE_SIZE) : null,
          },
    );
  }

  /**
   * Takes a full-resolution block: rows of tile row `tileRow`, columns from `x0` (a multiple of
   * 512). Blocks must arrive in row-major order and cover each tile row before the next.
   */
  async addBlock(tileRow: number, x0: number, block: PixelBlock): Promise<void> {
    await this.process(0, tileRow, x0, block);
  }

  /** Declares full-resolution tile row `tileRow` complete, cascading into the overviews. */
  async endTileRow(tileRow: number): Promise<void> {
    await this.cascade(0, tileRow);
  }

  private async process(level: number, tileRow: number, x0: number, block: PixelBlock): Promise<void> {
    const file = this.files[level] as LevelFile;
    for (let bx = 0; bx < block.width; bx += TILE_SIZE) {
      const image = this.deflater.image(packTile(block, bx));
      const mask = this.withMask
        ? this.deflater.mask(packMaskTile(block.mask, block.width, block.height, bx))
        : null;
      await file.push(Promise.all([image, mask]).then(([i, m]) => ({ image: i, mask: m })));
    }
    const next = this.buffers[level + 1];
    if (next) downsample(block, next, x0 / 2, (tileRow % 2) * (TILE_SIZE / 2), this.plan.rule);
  }

  private async cascade(level: number, tileRow: number): Promise<void> {
    const next = this.buffers[level + 1];
    const size = this.plan.levels[level];
    const nextSize = this.plan.levels[level + 1];
    if (!next || !size || !nextSize) return;
    if (tileRow % 2 === 0 && tileRow !== size.tilesY - 1) return;
    const row = tileRow >> 1;
    const block: PixelBlock = {
      width: next.width,
      height: Math.min(TILE_SIZE, nextSize.height - row * TILE_SIZE),
      bands: this.plan.layout.bands,
      data: next.data,
      mask: next.mask,
    };
    await this.process(level + 1, row, 0, block);
    await this.cascade(level + 1, row);
  }
}
