/**
 * The shell: the language context around a small state machine of the session —
 * loading → login page, the signed-in app (map and surveys pages), or "server unreachable".
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { I18nProvider } from '../i18n/I18nProvider.tsx';
import { LoginPage } from '../pages/LoginPage.tsx';
import { FullPageMessage } from '../components/FullPageMessage.tsx';
import { useSession } from './useSession.ts';

/** The signed-in app (and MapLibre, tus with it) loads on demand, so the sign-in page comes up fast on 3G. */
const SignedInApp = lazy(() => import('./SignedInApp.tsx').then((m) => ({ default: m.SignedInApp })));

function Shell(): ReactNode {
  const { session, retry, signedIn, signOut, expired } = useSession();
  switch (session.status) {
    case 'loading':
      return <FullPageMessage kind="loading" />;
    case 'unreachable':
      return <FullPageMessage kind="unreachable" httpStatus={session.httpStatus} onRetry={retry} />;
    case 'anonymous':
      return <LoginPage onSignedIn={signedIn} />;
    case 'signedIn':
      return (
        <Suspense fallback={<FullPageMessage kind="loading" />}>
          <SignedInApp user={session.user} onSignOut={signOut} onSessionExpired={expired} />
        </Suspense>
      );
  }
}

export function App(): ReactNode {
  return (
    <I18nProvider>
      <Shell />
    </I18nProvider>
  );
}
