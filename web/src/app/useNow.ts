/**
 * The current time for countdowns: while `active`, the component re-renders every `intervalMs` and
 * reads the clock at each render (so the first render after activation is already current).
 */
import { useEffect, useState } from 'react';

export function useNow(active: boolean, intervalMs = 1000): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => setTick((n) => n + 1), intervalMs);
    return () => window.clearInterval(timer);
  }, [active, intervalMs]);
  return Date.now();
}
