/**
 * МН / EN switch: a two-button segmented control; the active language is pressed.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LANGUAGES } from '../i18n/i18n.ts';

export function LanguageSwitch({ tone = 'light' }: { tone?: 'light' | 'dark' }): ReactNode {
  const { lang, setLang, t } = useI18n();
  return (
    <div className={`lang-switch lang-switch--${tone}`} role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="lang-switch__button"
          aria-pressed={lang === l}
          title={t(l === 'mn' ? 'lang.mn.full' : 'lang.en.full')}
          data-testid={`lang-${l}`}
          onClick={() => setLang(l)}
        >
          {t(l === 'mn' ? 'lang.mn' : 'lang.en')}
        </button>
      ))}
    </div>
  );
}
