/**
 * A progress bar: determinate with a value 0–100 (role="progressbar" with aria-valuenow), or
 * indeterminate (moving stripes) while the amount is unknown; coloured by tone.
 */
import type { ReactNode } from 'react';

export interface ProgressBarProps {
  /** 0–100, or null when unknown. */
  readonly value: number | null;
  readonly tone?: 'green' | 'blue' | 'amber' | 'red' | 'grey';
  readonly label: string;
  readonly testId?: string;
  readonly animated?: boolean;
}

export function ProgressBar({
  value,
  tone = 'green',
  label,
  testId,
  animated = false,
}: ProgressBarProps): ReactNode {
  const clamped = value === null ? null : Math.max(0, Math.min(100, value));
  return (
    <div
      className={`progress progress--${tone} ${clamped === null ? 'progress--indeterminate' : ''} ${animated ? 'progress--animated' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped === null ? undefined : Math.floor(clamped)}
      data-testid={testId}
    >
      <div className="progress__bar" style={{ width: clamped === null ? undefined : `${clamped}%` }} />
    </div>
  );
}
