/**
 * Zonal statistics of one band or index over a polygon in the raster's CRS, streaming over only the
 * blocks of the level that the polygon covers: the product value of each block is computed once by
 * its kernel (block.values.ts, shared by the polygons of a run), the pixel-centre rule gives row spans
 * whose values are copied, row by row, from the value blocks into one reused buffer and streamed into
 * the zone's moments (zone.moments.ts); the buffer keeps the whole zone only when percentiles or a
 * histogram are asked for. Pixel-centre rule by default (GDAL's, as rasterio geometry_mask
 * all_touched=False), or coverage-weighted (exact fraction of each pixel inside, as exactextract).
 * Masked pixels and values that are not finite (an index with a zero denominator) are not counted.
 * Area is in ha.
 * Reference: SPEC §3 (POST /api/statistics); ../shared/peers/zonal-reference.py; exactextract.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { PayloadTooLargeError } from '../errors.ts';
import type { RasterInfo, RasterReader, RasterWindow } from '../raster/types.ts';
import type { Tiff } from '../tiff/tiff.ts';
import { cellAreaOfRow } from './cell.area.ts';
import { BlockValues } from './block.values.ts';
import { centreSpans } from './centre.rasterise.ts';
import { rasteriseCoverage } from './coverage.rasterise.ts';
import { checkHistogramSpec, DEFAULT_HISTOGRAM_BINS, type HistogramSpec } from './histogram.ts';
import { pixelRings, type PixelRing } from './pixel.rings.ts';
import type { PixelValue } from './value.kernel.ts';
import { ValueBuffer } from './value.buffer.ts';
import { ZoneMoments } from './zone.moments.ts';
import {
  EMPTY_ZONE,
  StatSelection,
  summariseZone,
  type ZoneStatName,
  type ZoneStats,
} from './zone.summary.ts';

export type { PixelValue } from './value.kernel.ts';

/** A level to read and its block size (blocks are the unit of reading). */
export interface ZonalSource {
  readonly reader: RasterReader;
  readonly blockWidth: number;
  readonly blockHeight: number;
}

export type ZonalMode = 'centre' | 'coverage';

/** Σw·v, Σw, min and max of the values of one row of a zone, summed while they are gathered. */
interface RowRun {
  sum: number;
  weight: number;
  min: number;
  max: number;
}

export interface ZonalOptions {
  readonly mode?: ZonalMode;
  readonly histogram?: HistogramSpec;
  /** The statistics to give (default all; the others are null). */
  readonly stats?: ReadonlyArray<ZoneStatName>;
  /** Most pixels one zone may hold (default 2^25): the values are kept for exact percentiles. */
  readonly maxPixels?: number;
}

export const DEFAULT_MAX_ZONE_PIXELS = 2 ** 25;

/** Level `index` of an opened TIFF (0 = full resolution) as a zonal source. */
export function levelSource(tiff: Tiff, index = 0): ZonalSource {
  const { image } = tiff.level(index);
  return { reader: tiff.reader(index), blockWidth: image.blockWidth, blockHeight: image.blockHeight };
}

/** The window of the level that can hold pixels of a polygon with pixel bbox `bbox`, or null. */
function zoneWindow(bbox: readonly number[], width: number, height: number): RasterWindow | null {
  const [minX, minY, maxX, maxY] = bbox as [number, number, number, number];
  if (![minX, minY, maxX, maxY].every(Number.isFinite)) return null;
  const x0 = Math.max(0, Math.floor(minX));
  const y0 = Math.max(0, Math.floor(minY));
  const x1 = Math.min(width, Math.ceil(maxX) + 1);
  const y1 = Math.min(height, Math.ceil(maxY) + 1);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/** True when a row of `weights` (`stride` wide, `rows` high) holds a weight > 0 in columns [c0, c1). */
function coveredColumns(
  weights: Float64Array,
  stride: number,
  rows: number,
  c0: number,
  c1: number,
): boolean {
  for (let r = 0; r < rows; r++) {
    for (let c = c0; c < c1; c++) if (weights[r * stride + c]! > 0) return true;
  }
  return false;
}

function tooLarge(maxPixels: number, info: RasterInfo): PayloadTooLargeError {
  return new PayloadTooLargeError(
    `the zone reads more than ${maxPixels} px at this level (${info.width}×${info.height} px): ask for an overview`,
  );
}

/**
 * Zonal statistics of polygon after polygon over one level and one value: the block values, the value
 * buffer and the rasteriser's scratch are shared by the zones of a run.
 */
export class ZonalRun {
  private blocks: BlockValues;
  private readonly out: ValueBuffer;
  private readonly histogram: HistogramSpec;
  private readonly selection: StatSelection;
  private readonly coverage: boolean;
  private readonly maxPixels: number;
  private readonly cellArea: (row: number) => number;
  private weights = new Float64Array(0);
  private acc = new Float64Array(0);
  private moments = new ZoneMoments();
  private areaM2 = 0;

  /**
   * `shareBlocks` false: each zone computes only its own window of the blocks it reads (one zone, or
   * zones far apart), instead of whole blocks kept for the next zones.
   */
  constructor(
    private readonly source: ZonalSource,
    private readonly value: PixelValue,
    options: ZonalOptions = {},
    private readonly shareBlocks = true,
  ) {
    this.histogram = options.histogram ?? { bins: DEFAULT_HISTOGRAM_BINS };
    checkHistogramSpec(this.histogram);
    this.selection = new StatSelection(options.stats);
    this.coverage = options.mode === 'coverage';
    this.maxPixels = options.maxPixels ?? DEFAULT_MAX_ZONE_PIXELS;
    this.blocks = new BlockValues(source, value);
    this.out = new ValueBuffer(this.coverage);
    this.cellArea = cellAreaOfRow(source.reader.info);
  }

  /** Statistics of `geometry` (in the CRS of the source). */
  async zone(geometry: Polygon | MultiPolygon): Promise<ZoneStats> {
    const { info } = this.source.reader;
    const { parts, bbox } = pixelRings(geometry, info.transform);
    const zone = zoneWindow(bbox, info.width, info.height);
    if (!zone) return EMPTY_ZONE;
    if (!this.shareBlocks) this.blocks = new BlockValues(this.source, this.value, undefined, zone);
    this.out.clear();
    this.moments = new ZoneMoments();
    this.areaM2 = 0;
    if (this.coverage) await this.coverageZone(parts, zone);
    else await this.centreZone(parts, zone);
    const { out } = this;
    return summariseZone(
      this.moments,
      out.values(),
      out.weights(),
      this.areaM2,
      this.histogram,
      this.selection,
    );
  }

  /**
   * The values of one row of the zone, out[from, length) (after the kept rows), summed in `run` while
   * gathered, added to the moments with cell area `rowArea`; the buffer keeps them only when the
   * selection needs the zone's values.
   */
  private endRow(from: number, rowArea: number, run: RowRun): void {
    const { out } = this;
    this.moments.addSummed(out.values(), out.weights(), from, out.length, run);
    this.areaM2 += run.weight * rowArea;
    if (!this.selection.keepsValues) out.length = 0;
  }

  /** Block rows [by0, by1] of the level that rows [y0, y1) of `zone` cross, each with its rows. */
  private *blockRows(zone: RasterWindow): Generator<{ by: number; y: number; height: number }> {
    const { blockHeight: bh } = this.source;
    for (let by = Math.floor(zone.y / bh); by * bh < zone.y + zone.height; by++) {
      const y = Math.max(zone.y, by * bh);
      yield { by, y, height: Math.min(zone.y + zone.height, (by + 1) * bh) - y };
    }
  }

  /** The value blocks of block row `by` for the block columns `touched` marks (index bx − bx0). */
  private rowBlocks(by: number, bx0: number, touched: Uint8Array): Promise<Array<Float64Array | null>> {
    this.blocks.unpin();
    return Promise.all(Array.from(touched, (t, i) => (t ? this.blocks.get(bx0 + i, by) : null)));
  }

  private async centreZone(
    parts: ReadonlyArray<ReadonlyArray<PixelRing>>,
    zone: RasterWindow,
  ): Promise<void> {
    const { start, cols } = centreSpans(parts, zone);
    let inside = 0;
    for (let k = 0; k < cols.length; k += 2) inside += cols[k + 1]! - cols[k]!;
    if (inside > this.maxPixels) throw tooLarge(this.maxPixels, this.source.reader.info);
    const { values } = this.out.reserve(this.selection.keepsValues ? inside : zone.width);
    const { blockWidth: bw, blockHeight: bh } = this.source;
    const bx0 = Math.floor(zone.x / bw);
    const touched = new Uint8Array(Math.floor((zone.x + zone.width - 1) / bw) - bx0 + 1);
    for (const { by, y, height } of this.blockRows(zone)) {
      const r0 = y - zone.y;
      touched.fill(0);
      for (let k = start[r0]!; k < start[r0 + height]!; k += 2) {
        touched.fill(1, Math.floor(cols[k]! / bw) - bx0, Math.floor((cols[k + 1]! - 1) / bw) - bx0 + 1);
      }
      const blocks = await this.rowBlocks(by, bx0, touched);
      for (let r = r0; r < r0 + height; r++) {
        const rowStart = this.out.length;
        let n = rowStart;
        const run = { sum: 0, weight: 0, min: Infinity, max: -Infinity };
        const inBlock = zone.y + r - by * bh;
        for (let k = start[r]!; k < start[r + 1]!; k += 2) {
          const b = cols[k + 1]!;
          for (let a = cols[k]!; a < b;) {
            const bx = Math.floor(a / bw);
            const end = Math.min(b, (bx + 1) * bw);
            const block = blocks[bx - bx0]!;
            const offset = inBlock * this.blocks.blockWidthAt(bx) - bx * bw;
            let { sum, min, max } = run;
            for (let c = a; c < end; c++) {
              const v = block[offset + c]!;
              if (v !== v) continue;
              values[n++] = v;
              sum += v;
              if (v < min) min = v;
              if (v > max) max = v;
            }
            Object.assign(run, { sum, min, max });
            a = end;
          }
        }
        this.out.length = n;
        run.weight = n - rowStart;
        this.endRow(rowStart, this.cellArea(zone.y + r), run);
      }
    }
  }

  private async coverageZone(
    parts: ReadonlyArray<ReadonlyArray<PixelRing>>,
    zone: RasterWindow,
  ): Promise<void> {
    const { blockWidth: bw, blockHeight: bh } = this.source;
    const bx0 = Math.floor(zone.x / bw);
    const touched = new Uint8Array(Math.floor((zone.x + zone.width - 1) / bw) - bx0 + 1);
    const width = zone.width;
    if (this.weights.length < width * bh) {
      this.weights = new Float64Array(width * bh);
      this.acc = new Float64Array((width + 1) * bh);
    }
    const { weights } = this;
    const keeps = this.selection.keepsValues;
    for (const { by, y, height } of this.blockRows(zone)) {
      rasteriseCoverage(parts, { x: zone.x, y, width, height }, weights, this.acc);
      for (let i = 0; i < touched.length; i++) {
        const c0 = Math.max(zone.x, (bx0 + i) * bw) - zone.x;
        const c1 = Math.min(zone.x + width, (bx0 + i + 1) * bw) - zone.x;
        touched[i] = coveredColumns(weights, width, height, c0, c1) ? 1 : 0;
      }
      const blocks = await this.rowBlocks(by, bx0, touched);
      if (this.moments.count + width * height > this.maxPixels) {
        let covered = 0;
        for (let i = 0; i < width * height; i++) if (weights[i]! > 0) covered++;
        if (this.moments.count + covered > this.maxPixels)
          throw tooLarge(this.maxPixels, this.source.reader.info);
      }
      const { values, weights: kept } = this.out.reserve(keeps ? width * height : width);
      for (let r = 0; r < height; r++) {
        const rowStart = this.out.length;
        let n = rowStart;
        const run = { sum: 0, weight: 0, min: Infinity, max: -Infinity };
        const inBlock = y + r - by * bh;
        for (let i = 0; i < touched.length; i++) {
          const block = blocks[i];
          if (!block) continue;
          const bx = bx0 + i;
          const c0 = Math.max(zone.x, bx * bw) - zone.x;
          const c1 = Math.min(zone.x + width, (bx + 1) * bw) - zone.x;
          const offset = inBlock * this.blocks.blockWidthAt(bx) + zone.x - bx * bw;
          let { sum, weight, min, max } = run;
          for (let c = c0, k = r * width + c0; c < c1; c++, k++) {
            const w = weights[k]!;
            if (w === 0) continue;
            const v = block[offset + c]!;
            if (v !== v) continue;
            values[n] = v;
            kept![n] = w;
            n++;
            sum += w * v;
            weight += w;
            if (v < min) min = v;
            if (v > max) max = v;
          }
          Object.assign(run, { sum, weight, min, max });
        }
        this.out.length = n;
        this.endRow(rowStart, this.cellArea(y + r), run);
      }
    }
  }
}

/** Statistics of `value` over `geometry` (in the CRS of `source`). */
export function zonalStats(
  source: ZonalSource,
  geometry: Polygon | MultiPolygon,
  value: PixelValue,
  options: ZonalOptions = {},
): Promise<ZoneStats> {
  return new ZonalRun(source, value, options, false).zone(geometry);
}
