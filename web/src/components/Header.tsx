/**
 * The top bar: brand, the page tabs (map, surveys, pasture units, grazing plans; icons only on a phone), the signed-in user with
 * their role, the language switch and log out.
 */
import { useState, type ReactNode } from 'react';
import type { User } from '../api/types.ts';
import type { Route } from '../app/router.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { isMessageKey } from '../i18n/i18n.ts';
import { Icon } from './Icon.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Link } from './Link.tsx';
import { Logo } from './Logo.tsx';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [parts[0]];
  return (
    letters
      .map((p) => (p ? Array.from(p)[0] : ''))
      .join('')
      .toUpperCase() || '?'
  );
}

export interface HeaderProps {
  readonly user: User;
  readonly route: Route;
  readonly onSignOut: () => Promise<void>;
}

export function Header({ user, route, onSignOut }: HeaderProps): ReactNode {
  const { t } = useI18n();
  const [leaving, setLeaving] = useState(false);
  const roleKey = `role.${user.role}`;
  const role = isMessageKey(roleKey) ? t(roleKey) : user.role;
  return (
    <header className="header">
      <div className="header__brand">
        <Logo size={30} />
        <span className="header__title" data-testid="app-title">
          <span className="header__title--full">{t('app.title')}</span>
          <span className="header__title--short">{t('app.name')}</span>
        </span>
      </div>
      <nav className="header__nav" aria-label={t('nav.label')}>
        <Link
          to={{ page: 'map', survey: null }}
          className={`header__tab ${route.page === 'map' ? 'header__tab--active' : ''}`}
          current={route.page === 'map'}
          title={t('nav.map')}
          testId="nav-map"
        >
          <Icon name="map" />
          <span className="header__tab-text">{t('nav.map')}</span>
        </Link>
        <Link
          to={{ page: 'surveys' }}
          className={`header__tab ${route.page === 'surveys' ? 'header__tab--active' : ''}`}
          current={route.page === 'surveys'}
          title={t('nav.surveys')}
          testId="nav-surveys"
        >
          <Icon name="drone" />
          <span className="header__tab-text">{t('nav.surveys')}</span>
        </Link>
        {(['units', 'plans'] as const).map((page) => (
          <Link
            key={page}
            to={{ page }}
            className={`header__tab ${route.page === page ? 'header__tab--active' : ''}`}
            current={route.page === page}
            title={t(`nav.${page}`)}
            testId={`nav-${page}`}
          >
            <Icon name={page === 'units' ? 'layers' : 'file'} />
            <span className="header__tab-text">{t(`nav.${page}`)}</span>
          </Link>
        ))}
      </nav>
      <div className="header__right">
        <div className="header__user" title={`${user.email} · ${user.organisation.name}`} data-testid="user">
          <span className="avatar" aria-hidden="true">
            {initials(user.name)}
          </span>
          <span className="header__user-text">
            <span className="header__user-name">{user.name}</span>
            <span className="header__user-role" data-testid="user-role">
              {role}
            </span>
          </span>
        </div>
        <LanguageSwitch tone="dark" />
        <button
          type="button"
          className="button button--ghost-dark"
          disabled={leaving}
          data-testid="logout"
          onClick={() => {
            setLeaving(true);
            onSignOut().catch(() => setLeaving(false));
          }}
        >
          <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
            <path
              d="M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3M10 17l5-5-5-5M15 12H4"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          <span className="button__text">{t('header.logout')}</span>
        </button>
      </div>
    </header>
  );
}
