/**
 * A short-lived, bounded in-process cache of session token hash → caller, so that a request does not
 * pay a database round trip for its session (the vector-tile benchmark spent most of its time there).
 *
 * Staleness bound. In this process a cached caller is forgotten at once on logout (`delete`) and when
 * an account changes (password, role, disabled: `forgetCachedUser`, called after the change commits).
 * A lookup that started before such a change cannot put its stale answer back: every forget bumps a
 * revision, and `set` keeps nothing read under an older one. Other API replicas are not told: there a
 * revoked or expired session keeps working for at most `ttlMs` (5 s by default) after the change.
 * docs/decisions.md records this choice.
 */
import type { Caller } from './caller.ts';

interface Entry {
  readonly caller: Caller;
  readonly until: number;
}

/** Every cache of the process, so that an account change reaches all of them (tests run several apps). */
const live = new Set<WeakRef<SessionCache>>();

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private rev = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {
    live.add(new WeakRef(this));
  }

  /** The revision to pass to `set` for a lookup that starts now. */
  get revision(): number {
    return this.rev;
  }

  get(tokenHash: string): Caller | undefined {
    const hit = this.entries.get(tokenHash);
    if (!hit) return undefined;
    if (hit.until > this.now()) return hit.caller;
    this.entries.delete(tokenHash);
    return undefined;
  }

  /** Keeps `caller` for `ttlMs`, unless something was forgotten since `revision` was read. */
  set(tokenHash: string, caller: Caller, revision: number): void {
    if (revision !== this.rev || this.ttlMs <= 0) return;
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, { caller: Object.freeze({ ...caller }), until: this.now() + this.ttlMs });
    // Map order is insertion order: the oldest entries go first.
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
    }
  }

  delete(tokenHash: string): void {
    this.rev++;
    this.entries.delete(tokenHash);
  }

  forgetUser(userId: string): void {
    this.rev++;
    for (const [key, entry] of this.entries) if (entry.caller.userId === userId) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Forgets a user's cached sessions in every cache of this process (after their account changed). */
export function forgetCachedUser(userId: string): void {
  for (const ref of live) {
    const cache = ref.deref();
    if (cache) cache.forgetUser(userId);
    else live.delete(ref);
  }
}
