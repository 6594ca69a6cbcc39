/**
 * Secrets at rest (a signing certificate's PKCS#12 and passphrase): AES-256-GCM under the 32-byte
 * BELCHEER_SECRET_KEY, a fresh 96-bit IV per value, stored as `v1:<iv>:<tag>:<ciphertext>` (base64).
 * Reference: NIST SP 800-38D (GCM); node:crypto.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConflictError } from '@belcheer/processing';

const ALGORITHM = 'aes-256-gcm';

/** The configured key, or a 409 naming the missing variable. */
export function requireSecretKey(key: Uint8Array | null): Uint8Array {
  if (!key) {
    throw new ConflictError(
      'BELCHEER_SECRET_KEY is not configured: signing certificates cannot be stored or used',
    );
  }
  return key;
}

export function seal(key: Uint8Array, plain: Uint8Array): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64')))
    .join(':');
}

/** Decrypts a sealed value; a wrong key or a tampered value throws (the GCM tag does not verify). */
export function open(key: Uint8Array, sealed: string): Buffer {
  const [version, iv, tag, body] = sealed.split(':');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed v1 value');
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]);
}
