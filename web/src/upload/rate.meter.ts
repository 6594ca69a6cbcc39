/**
 * Upload speed over a sliding window of recent progress samples, and the time left at that speed.
 * A window (rather than the average since the start) follows a 3G link that speeds up or stalls;
 * until it spans a second there is no estimate.
 */

const WINDOW_MS = 10_000;
const MIN_SPAN_MS = 1_000;

export class RateMeter {
  private samples: { t: number; bytes: number }[] = [];

  add(bytes: number, t = Date.now()): void {
    this.samples.push({ t, bytes });
    while (this.samples.length > 2 && t - (this.samples[0]?.t ?? t) > WINDOW_MS) this.samples.shift();
  }

  reset(): void {
    this.samples = [];
  }

  /** Bytes per second, or null while the window is too short to say. */
  speed(): number | null {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.t - first.t < MIN_SPAN_MS) return null;
    return Math.max(0, ((last.bytes - first.bytes) * 1000) / (last.t - first.t));
  }

  /** Seconds until `total` bytes at the current speed, or null when unknown. */
  secondsLeft(sent: number, total: number): number | null {
    const speed = this.speed();
    if (speed === null || speed <= 0) return null;
    return Math.max(0, (total - sent) / speed);
  }
}
