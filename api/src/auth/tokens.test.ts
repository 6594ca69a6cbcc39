import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashToken, newToken } from './tokens.ts';

describe('bearer tokens', () => {
  it('are blc_ + 43 base64url characters (256 bits), distinct, never starting with "-"', () => {
    const tokens = Array.from({ length: 200 }, newToken);
    for (const t of tokens) expect(t).toMatch(/^blc_[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('are stored as their SHA-256 in hex', () => {
    // SHA-256("abc") from FIPS 180-2, appendix B.1.
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const t = newToken();
    expect(hashToken(t)).toBe(createHash('sha256').update(t).digest('hex'));
  });
});
