import { describe, expect, it } from 'vitest';
import { BlockCache } from './block.cache.ts';

describe('BlockCache', () => {
  it('evicts the least recently used blocks beyond its byte budget', async () => {
    const cache = new BlockCache(300);
    let loads = 0;
    const load = () => {
      loads++;
      return Promise.resolve(new Uint8Array(100));
    };
    for (const key of ['a', 'b', 'c']) await cache.get(key, load);
    await cache.get('a', load); // a is now the most recent
    await cache.get('d', load); // evicts b
    expect(cache.size).toBe(300);
    expect(loads).toBe(4);
    await cache.get('a', load);
    await cache.get('b', load);
    expect(loads).toBe(5);
  });

  it('merges concurrent loads and keeps nothing with a zero budget', async () => {
    const cache = new BlockCache(0);
    let loads = 0;
    const load = async () => {
      loads++;
      return new Uint16Array(4);
    };
    const [x, y] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    expect(x).toBe(y);
    expect(loads).toBe(1);
    await cache.get('k', load);
    expect(loads).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('does not keep failed loads', async () => {
    const cache = new BlockCache(100);
    await expect(cache.get('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(cache.get('k', () => Promise.resolve(new Uint8Array(1)))).resolves.toHaveLength(1);
  });
});
