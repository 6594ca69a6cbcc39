/**
 * Sign-in page: email + password → POST /api/auth/login. Wrong credentials, rate limiting (429 with
 * a live countdown from Retry-After), other API errors and an unreachable server each get their own
 * message, in the current language.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, NetworkError } from '../api/client.ts';
import { login } from '../api/auth.ts';
import type { User } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Logo } from '../components/Logo.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { SteppeIllustration } from '../components/SteppeIllustration.tsx';
import { useNow } from '../app/useNow.ts';

type LoginProblem =
  | { readonly kind: 'invalid' }
  | { readonly kind: 'locked'; readonly until: number }
  | { readonly kind: 'message'; readonly message: string }
  | { readonly kind: 'unreachable' };

function problemOf(err: unknown): LoginProblem {
  if (err instanceof ApiError) {
    if (err.status === 401) return { kind: 'invalid' };
    if (err.status === 429) return { kind: 'locked', until: Date.now() + (err.retryAfter ?? 60) * 1000 };
    return { kind: 'message', message: err.message };
  }
  if (err instanceof NetworkError) return { kind: 'unreachable' };
  return { kind: 'message', message: err instanceof Error ? err.message : String(err) };
}

export function LoginPage({ onSignedIn }: { onSignedIn: (user: User) => void }): ReactNode {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<LoginProblem | null>(null);
  const now = useNow(problem?.kind === 'locked');
  const lockedFor = problem?.kind === 'locked' ? Math.max(0, Math.ceil((problem.until - now) / 1000)) : 0;
  const locked = lockedFor > 0;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (submitting || locked) return;
    setSubmitting(true);
    setProblem(null);
    try {
      const user = await login(email.trim(), password);
      onSignedIn(user);
    } catch (err) {
      setProblem(problemOf(err));
      setSubmitting(false);
    }
  }

  let message: string | null = null;
  if (problem?.kind === 'invalid') message = t('login.invalid');
  else if (problem?.kind === 'locked' && locked) message = t('login.tooManyAttempts', { seconds: lockedFor });
  else if (problem?.kind === 'message') message = t('login.failed', { message: problem.message });
  else if (problem?.kind === 'unreachable') message = t('app.unreachable.title');

  return (
    <main className="login">
      <section className="login__hero" aria-hidden="true">
        <SteppeIllustration />
        <div className="login__hero-text">
          <div className="login__brand">
            <Logo size={44} />
            <span>{t('app.title')}</span>
          </div>
          <p>{t('app.tagline')}</p>
        </div>
      </section>
      <section className="login__panel">
        <div className="login__lang">
          <LanguageSwitch />
        </div>
        <form
          className="card login__card"
          onSubmit={(e) => void submit(e)}
          noValidate={false}
          data-testid="login-form"
        >
          <div className="login__card-brand">
            <Logo size={36} />
            <span>{t('app.title')}</span>
          </div>
          <h1>{t('login.title')}</h1>
          <p className="muted">{t('login.subtitle')}</p>
          <label className="field">
            <span className="field__label">{t('login.email')}</span>
            <input
              type="email"
              name="email"
              autoComplete="username"
              inputMode="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              disabled={submitting}
              data-testid="login-email"
            />
          </label>
          <label className="field">
            <span className="field__label">{t('login.password')}</span>
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              disabled={submitting}
              data-testid="login-password"
            />
          </label>
          {message && (
            <div
              className={`alert ${problem?.kind === 'locked' ? 'alert--warning' : 'alert--error'}`}
              role="alert"
              data-testid="login-error"
            >
              {message}
            </div>
          )}
          <button
            type="submit"
            className="button button--primary button--block"
            disabled={submitting || locked}
            data-testid="login-submit"
          >
            {submitting ? (
              <>
                <Spinner size={16} /> {t('login.submitting')}
              </>
            ) : (
              t('login.submit')
            )}
          </button>
        </form>
        <p className="login__footer muted">{t('login.footer')}</p>
      </section>
    </main>
  );
}
