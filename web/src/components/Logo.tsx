/**
 * The Belcheer mark: rolling pasture under a sun.
 */
import type { ReactNode } from 'react';

export function Logo({ size = 32 }: { size?: number }): ReactNode {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#24543f" />
      <circle cx="22" cy="10" r="4" fill="#f3c969" />
      <path d="M2 25c5-7 9-10 13-10s6 3 8 5c2-2 4-4 7-4v10H2z" fill="#a9d18e" />
      <path d="M2 28c6-4 11-6 16-5s8 2 12 1v4H2z" fill="#6fae6a" />
    </svg>
  );
}
