/**
 * A uniform grid over axis-aligned boxes: each box is filed in every cell it overlaps, so boxes that
 * may intersect share a cell and the boxes that may hold a point are those filed in its cell.
 * About one cell per box; near-linear for the evenly spread rings and edges of a footprint.
 * Reference: Akman et al., "Geometric computing and the uniform grid data technique", CAD 21 (1989).
 */

/** [minX, minY, maxX, maxY]. */
export type Box = readonly [number, number, number, number];

export class BoxGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly side: number;
  private readonly size: number;
  private readonly origin: readonly [number, number];

  /** A grid for `boxes`; box i is filed under id i. */
  constructor(boxes: ReadonlyArray<Box | null>) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const box of boxes) {
      if (!box) continue;
      minX = Math.min(minX, box[0]);
      minY = Math.min(minY, box[1]);
      maxX = Math.max(maxX, box[2]);
      maxY = Math.max(maxY, box[3]);
    }
    this.side = Math.max(1, Math.ceil(Math.sqrt(boxes.length)));
    this.size = Math.max(maxX - minX, maxY - minY) / this.side || 1;
    this.origin = [minX, minY];
    boxes.forEach((box, id) => {
      if (!box) return;
      const [x0, y0] = this.cellOf(box[0], box[1]);
      const [x1, y1] = this.cellOf(box[2], box[3]);
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          const key = y * this.side + x;
          const cell = this.cells.get(key);
          if (cell) cell.push(id);
          else this.cells.set(key, [id]);
        }
      }
    });
  }

  private cellOf(x: number, y: number): readonly [number, number] {
    const clamp = (v: number): number => Math.max(0, Math.min(this.side - 1, Math.floor(v / this.size)));
    return [clamp(x - this.origin[0]), clamp(y - this.origin[1])];
  }

  /** The ids filed together in each cell (a pair of ids may share several cells). */
  groups(): IterableIterator<ReadonlyArray<number>> {
    return this.cells.values();
  }

  /** The ids of the boxes that may contain point (x, y). */
  at(x: number, y: number): ReadonlyArray<number> {
    const [cx, cy] = this.cellOf(x, y);
    return this.cells.get(cy * this.side + cx) ?? [];
  }
}
