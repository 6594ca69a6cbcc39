/**
 * Connected components of one value of a binary raster, by flood fill with an explicit stack.
 * Valid pixels are joined 4-connected and invalid pixels 8-connected: the dual pair of digital
 * topology for which every component of one value is bounded by a simple closed curve of the other.
 * Reference: Rosenfeld, "Connectivity in digital pictures", JACM 17 (1970).
 */

export type Connectivity = 4 | 8;

export interface Components {
  /** Per pixel: the 1-based component id, or 0 for pixels of the other value. */
  readonly labels: Int32Array;
  /** Pixel count of each component; index 0 is unused. */
  readonly sizes: number[];
  /** Whether each component touches the raster's edge; index 0 is unused. */
  readonly touchesEdge: boolean[];
}

/** Labels the components of pixels equal to `value` (0 or 1) in row-major order of their first pixel. */
export function labelComponents(
  binary: Uint8Array,
  width: number,
  height: number,
  value: 0 | 1,
  connectivity: Connectivity,
): Components {
  const labels = new Int32Array(width * height);
  const sizes = [0];
  const touchesEdge = [false];
  const stack = new Int32Array(width * height);
  let id = 0;
  let top = 0;
  const visit = (q: number): void => {
    if (binary[q] !== value || labels[q] !== 0) return;
    labels[q] = id;
    stack[top++] = q;
  };
  for (let seed = 0; seed < binary.length; seed++) {
    if (binary[seed] !== value || labels[seed] !== 0) continue;
    id = sizes.length;
    let size = 0;
    let edge = false;
    visit(seed);
    while (top > 0) {
      const p = stack[--top] as number;
      size++;
      const x = p % width;
      const left = x > 0;
      const right = x < width - 1;
      const up = p >= width;
      const down = p < width * (height - 1);
      if (!(left && right && up && down)) edge = true;
      if (left) visit(p - 1);
      if (right) visit(p + 1);
      if (up) visit(p - width);
      if (down) visit(p + width);
      if (connectivity === 8) {
        if (up && left) visit(p - width - 1);
        if (up && right) visit(p - width + 1);
        if (down && left) visit(p + width - 1);
        if (down && right) visit(p + width + 1);
      }
    }
    sizes.push(size);
    touchesEdge.push(edge);
  }
  return { labels, sizes, touchesEdge };
}
