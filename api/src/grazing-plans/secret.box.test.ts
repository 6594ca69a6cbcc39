import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, requireSecretKey, seal } from './secret.box.ts';

describe('secret box (AES-256-GCM)', () => {
  const key = randomBytes(32);
  it('round-trips and uses a fresh IV each time', () => {
    const plain = Buffer.from('нууц үг — passphrase');
    const a = seal(key, plain);
    const b = seal(key, plain);
    expect(a).not.toBe(b);
    expect(open(key, a).toString()).toBe('нууц үг — passphrase');
    expect(a.split(':')).toHaveLength(4);
  });
  it('refuses another key and a tampered ciphertext', () => {
    const sealed = seal(key, Buffer.from('x'.repeat(40)));
    expect(() => open(randomBytes(32), sealed)).toThrow();
    const parts = sealed.split(':');
    const body = Buffer.from(parts[3]!, 'base64');
    body[0] = body[0]! ^ 1;
    expect(() => open(key, [...parts.slice(0, 3), body.toString('base64')].join(':'))).toThrow();
  });
  it('names the missing variable', () => {
    expect(() => requireSecretKey(null)).toThrow(/BELCHEER_SECRET_KEY is not configured/);
  });
});
