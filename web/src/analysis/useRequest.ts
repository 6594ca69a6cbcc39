/**
 * One request's state for React: loading, error (its message in words, as the server wrote it) or
 * ready, keyed by a string; a new key aborts the request of the old one, a null key asks nothing.
 */
import { useEffect, useRef, useState } from 'react';

export type RequestState<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly value: T };

export function useRequest<T>(key: string | null, run: (signal: AbortSignal) => Promise<T>): RequestState<T> {
  const [state, setState] = useState<{ key: string | null; state: RequestState<T> }>({
    key: null,
    state: { status: 'idle' },
  });
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    if (key === null) return;
    const abort = new AbortController();
    runRef.current(abort.signal).then(
      (value) => setState({ key, state: { status: 'ready', value } }),
      (err: unknown) => {
        if (abort.signal.aborted) return;
        setState({
          key,
          state: { status: 'error', message: err instanceof Error ? err.message : String(err) },
        });
      },
    );
    return () => abort.abort();
  }, [key]);
  if (key === null) return { status: 'idle' };
  return state.key === key ? state.state : { status: 'loading' };
}
