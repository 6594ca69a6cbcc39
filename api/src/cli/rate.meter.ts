/**
 * Transfer speed as a moving average over a sliding time window (20 s by default): steady enough on a
 * bursty mobile link, quick to follow a real change. Pure: time is passed in.
 */

interface Sample {
  readonly at: number;
  readonly total: number;
}

export class RateMeter {
  private readonly samples: Sample[] = [];
  private total = 0;

  constructor(private readonly windowMs = 20_000) {}

  add(bytes: number, at: number): void {
    this.total += bytes;
    this.samples.push({ at, total: this.total });
    const cutoff = at - this.windowMs;
    // keep one sample at or before the cutoff as the window's start
    while (this.samples.length > 2 && (this.samples[1]?.at ?? Infinity) <= cutoff) this.samples.shift();
  }

  /** Bytes per second over the window, or null before there is enough to say. */
  rate(at: number): number | null {
    const first = this.samples[0];
    if (!first) return null;
    const span = at - first.at;
    if (span < 500) return null;
    return (this.total - first.total) / (span / 1000);
  }

  /** Forget the history (after a pause such as a retry, the old speed says little). */
  reset(): void {
    this.samples.length = 0;
  }
}
