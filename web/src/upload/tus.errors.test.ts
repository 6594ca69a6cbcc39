import { describe, expect, it } from 'vitest';
import { serverMessage, worthRetrying } from './tus.errors.ts';

describe('tus errors', () => {
  it('reads the message of a SPEC §3 error body', () => {
    const body = JSON.stringify({
      error: { code: 'checksum_mismatch', message: 'SHA-256 mismatch: declared a, received b' },
    });
    expect(serverMessage(body)).toBe('SHA-256 mismatch: declared a, received b');
    expect(serverMessage('<html>Bad gateway</html>')).toBeNull();
    expect(serverMessage('{"error":"flat"}')).toBeNull();
  });

  it('retries what may pass on its own, not what the server refused', () => {
    expect([0, 500, 502, 409, 423, 429].map((s) => worthRetrying(s))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([400, 401, 403, 404, 410, 413].map((s) => worthRetrying(s))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(worthRetrying(409, 'POST')).toBe(false);
    expect(worthRetrying(409, 'PATCH')).toBe(true);
  });
});
