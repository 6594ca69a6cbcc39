/**
 * Session endpoints: POST /api/auth/login, POST /api/auth/logout, GET /api/me (SPEC §3).
 */
import { ApiError, apiRequest } from './client.ts';
import { record } from './guards.ts';
import { parseUser, type User } from './types.ts';

export async function login(email: string, password: string): Promise<User> {
  const body = record(
    await apiRequest('/api/auth/login', { method: 'POST', body: { email, password } }),
    'login',
  );
  return parseUser(body.user, 'login.user');
}

export async function logout(): Promise<void> {
  await apiRequest('/api/auth/logout', { method: 'POST' });
}

/** The signed-in user, or null when there is no valid session (401). */
export async function fetchMe(signal?: AbortSignal): Promise<User | null> {
  try {
    const body = record(await apiRequest('/api/me', { signal }), 'me');
    return parseUser(body.user, 'me.user');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}
