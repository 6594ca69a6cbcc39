/** The session cache: expiry by a hand-driven clock, size bound, forgetting, and the revision guard. */
import { describe, expect, it } from 'vitest';
import type { Caller } from './caller.ts';
import { forgetCachedUser, SessionCache } from './session.cache.ts';

const caller = (userId: string): Caller => ({
  userId,
  email: `${userId}@test.mn`,
  name: userId,
  role: 'land_officer',
  organisationId: 'org-1',
  organisationName: 'Selenge',
});

function clocked(ttlMs: number, max = 100) {
  const clock = { t: 1_000 };
  return { clock, cache: new SessionCache(ttlMs, max, () => clock.t) };
}

describe('SessionCache', () => {
  it('answers for ttlMs and no longer', () => {
    const { clock, cache } = clocked(5_000);
    cache.set('h1', caller('u1'), cache.revision);
    clock.t += 4_999;
    expect(cache.get('h1')?.userId).toBe('u1');
    clock.t += 1;
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const { cache } = clocked(5_000, 3);
    for (const h of ['a', 'b', 'c', 'd']) cache.set(h, caller(h), cache.revision);
    expect(cache.size).toBe(3);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('d')?.userId).toBe('d');
  });

  it('forgets a logged-out token and every session of a changed user, in every cache', () => {
    const { cache } = clocked(5_000);
    const { cache: other } = clocked(5_000);
    cache.set('t1', caller('u1'), cache.revision);
    cache.set('t2', caller('u1'), cache.revision);
    cache.set('t3', caller('u2'), cache.revision);
    other.set('t4', caller('u1'), other.revision);
    cache.delete('t3');
    expect(cache.get('t3')).toBeUndefined();
    forgetCachedUser('u1');
    expect([cache.get('t1'), cache.get('t2'), other.get('t4')]).toEqual([undefined, undefined, undefined]);
  });

  it('does not keep an answer read before a forget (a lookup racing a password change)', () => {
    const { cache } = clocked(5_000);
    const revision = cache.revision; // the lookup starts…
    forgetCachedUser('u1'); // …the account changes and commits…
    cache.set('t1', caller('u1'), revision); // …the lookup's answer arrives: stale, not kept.
    expect(cache.get('t1')).toBeUndefined();
    cache.set('t1', caller('u1'), cache.revision);
    expect(cache.get('t1')?.userId).toBe('u1');
  });

  it('caches nothing with a zero TTL, and hands out frozen copies', () => {
    const { cache } = clocked(0);
    cache.set('t', caller('u'), cache.revision);
    expect(cache.get('t')).toBeUndefined();
    const { cache: on } = clocked(10);
    const original = caller('v');
    on.set('t', original, on.revision);
    expect(Object.isFrozen(on.get('t'))).toBe(true);
    expect(on.get('t')).not.toBe(original);
  });
});
