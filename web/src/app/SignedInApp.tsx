/**
 * Everything after sign-in: the surveys and uploads that outlive a page switch, live status
 * polling, the header with its tabs, and the page the URL names. The map page (and MapLibre with
 * it) loads on demand.
 */
import { lazy, Suspense, useCallback, type ReactNode } from 'react';
import type { User } from '../api/types.ts';
import { Header } from '../components/Header.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { SurveysPage } from '../pages/SurveysPage.tsx';
import { SurveysProvider, useSurveys } from '../surveys/SurveysProvider.tsx';
import { useSurveyPolling } from '../surveys/useSurveyPolling.ts';
import { UploadsProvider, useUploadManager } from '../upload/UploadsProvider.tsx';
import { useRoute } from './router.ts';

const MapPage = lazy(() => import('../pages/MapPage.tsx').then((m) => ({ default: m.MapPage })));
const PastureUnitsPage = lazy(() =>
  import('../planning/PastureUnitsPage.tsx').then((m) => ({ default: m.PastureUnitsPage })),
);
const GrazingPlansPage = lazy(() =>
  import('../planning/GrazingPlansPage.tsx').then((m) => ({ default: m.GrazingPlansPage })),
);

export interface SignedInAppProps {
  readonly user: User;
  readonly onSignOut: () => Promise<void>;
  readonly onSessionExpired: () => void;
}

const NONE: ReadonlySet<string> = new Set();

function SurveyPolling(): null {
  const { state, refreshOne } = useSurveys();
  const manager = useUploadManager();
  const uploadingHere = useCallback(() => manager?.activeSurveys() ?? NONE, [manager]);
  useSurveyPolling(state.status === 'ready' ? state.surveys : null, refreshOne, uploadingHere);
  return null;
}

function Pages({ user, onSignOut, onSessionExpired }: SignedInAppProps): ReactNode {
  const route = useRoute();
  const { refreshOne } = useSurveys();
  const settled = useCallback((id: string) => void refreshOne(id).catch(() => undefined), [refreshOne]);
  return (
    <UploadsProvider userId={user.id} onSettled={settled} onUnauthorized={onSessionExpired}>
      <SurveyPolling />
      <div className="app">
        <Header user={user} route={route} onSignOut={onSignOut} />
        {route.page === 'surveys' ? (
          <SurveysPage user={user} />
        ) : (
          <Suspense fallback={<PageLoading />}>
            {route.page === 'map' && (
              <MapPage focusSurvey={route.survey} onSessionExpired={onSessionExpired} />
            )}
            {route.page === 'units' && <PastureUnitsPage />}
            {route.page === 'plans' && <GrazingPlansPage user={user} />}
          </Suspense>
        )}
      </div>
    </UploadsProvider>
  );
}

export function SignedInApp(props: SignedInAppProps): ReactNode {
  return (
    <SurveysProvider onSessionExpired={props.onSessionExpired}>
      <Pages {...props} />
    </SurveysProvider>
  );
}
