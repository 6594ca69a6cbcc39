/**
 * A small indeterminate spinner.
 */
import type { ReactNode } from 'react';

export function Spinner({ size = 20 }: { size?: number }): ReactNode {
  return <span className="spinner" style={{ width: size, height: size }} aria-hidden="true" />;
}
