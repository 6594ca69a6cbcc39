/**
 * Days of a grazing period, both ends counted (DOMAIN §6: Dec 1 – May 31 is 182 days, 183 in a leap
 * year), from ISO dates; null when a date is missing or the end is before the start.
 */
const DAY_MS = 86_400_000;

function utcDay(iso: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms / DAY_MS;
}

export function daysInclusive(start: string, end: string): number | null {
  const a = utcDay(start);
  const b = utcDay(end);
  if (a === null || b === null || b < a) return null;
  return b - a + 1;
}
