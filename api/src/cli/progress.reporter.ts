/**
 * Progress output on stderr. On a terminal: one line redrawn in place (at most 5 times a second), with
 * notices printed above it. Elsewhere (logs, CI, nohup): a plain line every `plainEveryMs` and at the
 * end of each phase, so a log file stays readable.
 */
import type { OutStream } from './io.ts';
import { RateMeter } from './rate.meter.ts';
import { renderBar, renderPlain, type ProgressState } from './progress.line.ts';

const REDRAW_MS = 200;

export interface ReporterOptions {
  readonly now: () => number;
  readonly plainEveryMs?: number;
}

export class ProgressReporter {
  private readonly tty: boolean;
  private readonly plainEveryMs: number;
  private meter = new RateMeter();
  private label = '';
  /** TTY: the line on screen now, to clear and redraw around notices. */
  private shown: string | null = null;
  private lastDraw = -Infinity;
  private latest: ProgressState | null = null;
  private printed: ProgressState | null = null;

  constructor(
    private readonly out: OutStream,
    private readonly options: ReporterOptions,
  ) {
    this.tty = out.isTTY === true;
    this.plainEveryMs = options.plainEveryMs ?? 10_000;
  }

  /** A line of news (created, resuming, retrying …), printed above the progress bar. */
  notice(message: string): void {
    if (this.tty && this.shown !== null) this.out.write('\r\x1b[K');
    this.out.write(`${message}\n`);
    if (this.tty && this.shown !== null) this.out.write(this.shown);
  }

  /** Starts a new phase ("hashing", "uploading"): resets the speed. */
  phase(label: string): void {
    this.finish();
    this.label = label;
    this.meter = new RateMeter();
    this.lastDraw = -Infinity;
  }

  /** `justMoved` bytes were processed since the last call; `done` of `total` are done. */
  progress(done: number, total: number, justMoved: number): void {
    const now = this.options.now();
    if (justMoved > 0) this.meter.add(justMoved, now);
    this.latest = { label: this.label, done, total, rate: this.meter.rate(now) };
    const every = this.tty ? REDRAW_MS : this.plainEveryMs;
    if (now - this.lastDraw >= every) this.draw(now);
  }

  /** Ends the current phase, leaving its last state on screen (or in the log). */
  finish(): void {
    if (this.latest && this.latest !== this.printed) this.draw(this.options.now());
    if (this.tty && this.shown !== null) this.out.write('\n');
    this.shown = null;
    this.latest = null;
    this.printed = null;
  }

  private draw(now: number): void {
    const state = this.latest;
    if (!state) return;
    this.lastDraw = now;
    this.printed = state;
    if (this.tty) {
      this.shown = renderBar(state, this.out.columns && this.out.columns >= 40 ? this.out.columns : 80);
      this.out.write(`\r\x1b[K${this.shown}`);
    } else {
      this.out.write(`${renderPlain(state)}\n`);
    }
  }
}
