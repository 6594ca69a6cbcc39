/** The remembered package per survey: kept, read back, forgotten; junk and refusing storages ignored. */
import { describe, expect, it } from 'vitest';
import { forgetPackage, rememberedPackage, rememberPackage, type KeyValueStore } from './package.memory.ts';

function memoryStore(): KeyValueStore & { readonly items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

describe('package memory', () => {
  it('keeps one export id per survey until forgotten', () => {
    const store = memoryStore();
    rememberPackage(store, 's1', '0b8e6c1e-6f1d-4d0e-9d2a-1f3c5e7a9b11');
    rememberPackage(store, 's2', 'e2');
    expect(rememberedPackage(store, 's1')).toBe('0b8e6c1e-6f1d-4d0e-9d2a-1f3c5e7a9b11');
    expect(store.items.get('belcheer.package.s2')).toBe('e2');
    forgetPackage(store, 's1');
    expect(rememberedPackage(store, 's1')).toBeNull();
    expect(rememberedPackage(store, 's2')).toBe('e2');
  });

  it('ignores what is not an id, and storages that throw', () => {
    const store = memoryStore();
    store.items.set('belcheer.package.s1', '../../admin');
    expect(rememberedPackage(store, 's1')).toBeNull();
    const refusing: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(() => rememberPackage(refusing, 's1', 'e1')).not.toThrow();
    expect(rememberedPackage(refusing, 's1')).toBeNull();
    expect(() => forgetPackage(refusing, 's1')).not.toThrow();
  });
});
