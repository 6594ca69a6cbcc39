/**
 * Rendering one progress line (pure): a bar for terminals, a plain sentence for logs.
 *   uploading [########----------]  42.0 %  1.22 GiB / 2.90 GiB  1.40 MiB/s  20m13s left
 */
import { formatBytes, formatDuration, formatPercent, formatRate } from './format.ts';

export interface ProgressState {
  readonly label: string;
  readonly done: number;
  readonly total: number;
  /** Bytes per second, null when not known yet. */
  readonly rate: number | null;
}

function details({ done, total, rate }: ProgressState): string[] {
  const parts = [formatPercent(done, total).padStart(7), `${formatBytes(done)} / ${formatBytes(total)}`];
  if (rate !== null && rate > 0) {
    parts.push(formatRate(rate));
    if (done < total) parts.push(`${formatDuration(((total - done) / rate) * 1000)} left`);
  }
  return parts;
}

const LABEL_WIDTH = 'uploading'.length;
const LONGEST_TEXT = ' 100.0 %  1023 MiB / 1023 MiB  1023 KiB/s  23h59m left'.length;

export function renderBar(state: ProgressState, columns: number): string {
  const text = details(state).join('  ');
  // the bar keeps its width while the text beside it grows (speed, time left): room is kept for the longest
  const label = state.label.padEnd(LABEL_WIDTH);
  const width = Math.min(30, columns - label.length - 4 - Math.max(text.length, LONGEST_TEXT));
  if (width < 8) return `${label} ${text}`.slice(0, Math.max(columns - 1, 20));
  const ratio = state.total > 0 ? Math.min(1, state.done / state.total) : 1;
  const full = Math.round(ratio * width);
  return `${label} [${'#'.repeat(full)}${'-'.repeat(width - full)}] ${text}`;
}

export function renderPlain(state: ProgressState): string {
  return `${state.label}: ${details(state)
    .map((p) => p.trim())
    .join(', ')}`;
}
