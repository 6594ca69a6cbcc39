/**
 * Who is signed in: asks GET /api/me on start and on retry. A 401 means "show the login page";
 * no answer at all means the server is unreachable, which the app shows with a retry button.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { fetchMe, logout } from '../api/auth.ts';
import type { User } from '../api/types.ts';

export type Session =
  | { readonly status: 'loading' }
  | { readonly status: 'anonymous' }
  | { readonly status: 'signedIn'; readonly user: User }
  | { readonly status: 'unreachable'; readonly httpStatus: number | null };

export interface SessionControls {
  readonly session: Session;
  retry(): void;
  signedIn(user: User): void;
  signOut(): Promise<void>;
  /** The server no longer accepts the session (a 401 mid-use): back to the sign-in page. */
  expired(): void;
}

export function useSession(): SessionControls {
  const [session, setSession] = useState<Session>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    fetchMe(abort.signal).then(
      (user) => setSession(user ? { status: 'signedIn', user } : { status: 'anonymous' }),
      (err: unknown) => {
        if (abort.signal.aborted) return;
        setSession({ status: 'unreachable', httpStatus: err instanceof ApiError ? err.status : null });
      },
    );
    return () => abort.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setSession({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  const signedIn = useCallback((user: User) => setSession({ status: 'signedIn', user }), []);
  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      setSession({ status: 'anonymous' });
    }
  }, []);
  const expired = useCallback(() => setSession({ status: 'anonymous' }), []);
  return { session, retry, signedIn, signOut, expired };
}
