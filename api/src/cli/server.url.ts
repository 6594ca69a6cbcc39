/**
 * Normalising a server URL given by the user ("belcheer.example.mn", "https://x/", "http://host:8080")
 * into an origin-plus-base-path without a trailing slash, and joining API paths to it.
 */
import { UsageError } from './errors.ts';

export function normaliseServerUrl(input: string): string {
  const trimmed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`not a server URL: ${input}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`not an http(s) server URL: ${input}`);
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

export function apiUrl(server: string, pathname: string): string {
  return `${server}${pathname.startsWith('/') ? '' : '/'}${pathname}`;
}
