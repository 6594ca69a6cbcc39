/**
 * Opaque bearer tokens: 32 random bytes, base64url. The database keeps only their SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
