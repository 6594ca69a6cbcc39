/**
 * Opaque bearer tokens: `blc_` + 32 random bytes in base64url. The prefix lets secret scanners and
 * people recognise a Belcheer token, and keeps it from starting with '-', which command-line parsers
 * (the CLI's `--token T`) take for an option. The database keeps only the tokens' SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PREFIX = 'blc_';

export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
