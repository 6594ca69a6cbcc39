/** ByteLru: byte budget, recency, shared loads, failed loads forgotten, dispose on eviction. */
import { describe, expect, it } from 'vitest';
import { ByteLru } from './cache.ts';

describe('ByteLru', () => {
  it('evicts the least recently used entries beyond the byte budget and disposes them', async () => {
    const disposed: string[] = [];
    const lru = new ByteLru<string>(100);
    const load = (k: string, bytes: number) => () =>
      Promise.resolve({ value: k, bytes, dispose: () => disposed.push(k) });
    await lru.get('a', load('a', 40));
    await lru.get('b', load('b', 40));
    await lru.get('a', load('a', 40)); // a is now the most recent
    await lru.get('c', load('c', 40));
    expect(lru.bytes).toBe(80);
    await Promise.resolve();
    expect(disposed).toEqual(['b']);
    let loads = 0;
    await lru.get('a', () => {
      loads++;
      return Promise.resolve({ value: 'x', bytes: 1 });
    });
    expect(loads).toBe(0);
  });

  it('shares one load between concurrent callers and forgets a failed one', async () => {
    const lru = new ByteLru<number>(1000);
    let calls = 0;
    const slow = () => {
      calls++;
      return new Promise<{ value: number; bytes: number }>((r) =>
        setTimeout(() => r({ value: 7, bytes: 1 }), 5),
      );
    };
    expect(await Promise.all([lru.get('k', slow), lru.get('k', slow)])).toEqual([7, 7]);
    expect(calls).toBe(1);
    await expect(lru.get('bad', () => Promise.reject(new Error('no such COG')))).rejects.toThrow(
      'no such COG',
    );
    expect(await lru.get('bad', () => Promise.resolve({ value: 1, bytes: 1 }))).toBe(1);
  });

  it('keeps an entry larger than the budget until the next one arrives', async () => {
    const lru = new ByteLru<string>(10);
    expect(await lru.get('big', () => Promise.resolve({ value: 'big', bytes: 50 }))).toBe('big');
    expect(lru.size).toBe(1);
    await lru.get('small', () => Promise.resolve({ value: 's', bytes: 5 }));
    expect(lru.size).toBe(1);
    expect(lru.bytes).toBe(5);
  });
});
