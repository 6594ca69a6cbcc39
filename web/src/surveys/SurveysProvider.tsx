/**
 * The organisation's surveys, shared by the surveys page and the map: loaded once after sign-in,
 * kept sorted as the API sorts them (flight date, then creation, newest first), and updated in
 * place as single surveys are created, polled or deleted. A 401 hands over to the session.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { ApiError } from '../api/client.ts';
import { deleteSurvey, fetchSurvey, fetchSurveys } from '../api/surveys.ts';
import type { Survey } from '../api/survey.types.ts';

export type SurveysState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly httpStatus: number | null }
  | { readonly status: 'ready'; readonly surveys: readonly Survey[] };

export interface SurveysControls {
  readonly state: SurveysState;
  /** Reloads the whole list (after an error). */
  reload(): void;
  /** Asks the server about one survey and puts the answer in the list. */
  refreshOne(id: string): Promise<void>;
  /** Puts a survey the caller already has (created, polled) in the list. */
  upsert(survey: Survey): void;
  remove(id: string): Promise<void>;
}

const SurveysContext = createContext<SurveysControls | null>(null);

export function bySurveyOrder(a: Survey, b: Survey): number {
  return b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt);
}

function withSurvey(surveys: readonly Survey[], survey: Survey): Survey[] {
  const others = surveys.filter((s) => s.id !== survey.id);
  return [...others, survey].sort(bySurveyOrder);
}

export function SurveysProvider({
  onSessionExpired,
  children,
}: {
  onSessionExpired: () => void;
  children: ReactNode;
}): ReactNode {
  const [state, setState] = useState<SurveysState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const expiredRef = useRef(onSessionExpired);
  expiredRef.current = onSessionExpired;

  const failed = useCallback((err: unknown): boolean => {
    if (err instanceof ApiError && err.status === 401) {
      expiredRef.current();
      return true;
    }
    return false;
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    fetchSurveys(abort.signal).then(
      (surveys) => setState({ status: 'ready', surveys: [...surveys].sort(bySurveyOrder) }),
      (err: unknown) => {
        if (abort.signal.aborted || failed(err)) return;
        setState({ status: 'error', httpStatus: err instanceof ApiError ? err.status : null });
      },
    );
    return () => abort.abort();
  }, [attempt, failed]);

  const upsert = useCallback((survey: Survey) => {
    setState((s) => (s.status === 'ready' ? { status: 'ready', surveys: withSurvey(s.surveys, survey) } : s));
  }, []);

  const drop = useCallback((id: string) => {
    setState((s) =>
      s.status === 'ready' ? { status: 'ready', surveys: s.surveys.filter((x) => x.id !== id) } : s,
    );
  }, []);

  const refreshOne = useCallback(
    async (id: string) => {
      try {
        upsert(await fetchSurvey(id));
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) drop(id);
        else if (!failed(err)) throw err;
      }
    },
    [upsert, drop, failed],
  );

  const remove = useCallback(
    async (id: string) => {
      try {
        await deleteSurvey(id);
        drop(id);
      } catch (err) {
        if (!failed(err)) throw err;
      }
    },
    [drop, failed],
  );

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo<SurveysControls>(
    () => ({ state, reload, refreshOne, upsert, remove }),
    [state, reload, refreshOne, upsert, remove],
  );
  return <SurveysContext.Provider value={value}>{children}</SurveysContext.Provider>;
}

export function useSurveys(): SurveysControls {
  const surveys = useContext(SurveysContext);
  if (!surveys) throw new Error('useSurveys() needs a <SurveysProvider> above it');
  return surveys;
}
