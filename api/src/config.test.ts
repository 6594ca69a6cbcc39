import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to port 8080 and the embedded database in ./data', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.database).toEqual({ kind: 'pglite', dir: path.resolve('./data/db') });
    expect(c.storage).toBe(path.resolve('./data/store'));
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/belcheer', PORT: '9000' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/belcheer', poolSize: 10 });
    expect(c.port).toBe(9000);
  });

  it('has no tile cache unless TILE_CACHE_DIR is set; TILE_CACHE_BYTES defaults to 1 GiB', () => {
    expect(loadConfig({}).tileCache).toBeNull();
    expect(loadConfig({ TILE_CACHE_DIR: 'cache/tiles' }).tileCache).toEqual({
      dir: path.resolve('cache/tiles'),
      maxBytes: 1073741824,
    });
    expect(loadConfig({ TILE_CACHE_DIR: '/var/cache/t', TILE_CACHE_BYTES: '5000000' }).tileCache).toEqual({
      dir: '/var/cache/t',
      maxBytes: 5_000_000,
    });
    expect(() => loadConfig({ TILE_CACHE_DIR: '/t', TILE_CACHE_BYTES: '-1' })).toThrow(/TILE_CACHE_BYTES/);
  });

  it('names every invalid variable', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', BELCHEER_ADMIN_PASSWORD: 'short' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', BELCHEER_ADMIN_PASSWORD: 'short' });
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL must start with postgres://');
      expect(message).toContain('BELCHEER_ADMIN_PASSWORD must have at least 12 characters');
    }
  });
});
