/**
 * The CLI's version: the version of the @belcheer/api package it ships in.
 */
import { readFileSync } from 'node:fs';

export function cliVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string'
    ? pkg.version
    : 'unknown';
}
