/**
 * The language context: the chosen language (persisted in localStorage, mirrored in <html lang>),
 * `t(key, params)` and locale-aware number formatting.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  DEFAULT_LANG,
  LOCALES,
  isLang,
  translate,
  type Lang,
  type MessageKey,
  type MessageParams,
} from './i18n.ts';

const STORAGE_KEY = 'belcheer.lang';

export interface I18n {
  readonly lang: Lang;
  readonly locale: string;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: MessageParams): string;
  formatNumber(value: number, fractionDigits?: number): string;
}

const I18nContext = createContext<I18n | null>(null);

function storedLang(): Lang {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLang(value) ? value : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

export function I18nProvider({ children }: { children: ReactNode }): ReactNode {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode or storage disabled: the choice lasts for this page only.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, 'app.title');
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const locale = LOCALES[lang];
    const formats = new Map<number, Intl.NumberFormat>();
    return {
      lang,
      locale,
      setLang,
      t: (key, params) => translate(lang, key, params),
      formatNumber(n, fractionDigits = 0) {
        let format = formats.get(fractionDigits);
        if (!format) {
          format = new Intl.NumberFormat(locale, {
            maximumFractionDigits: fractionDigits,
            minimumFractionDigits: fractionDigits,
          });
          formats.set(fractionDigits, format);
        }
        return format.format(n);
      },
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() needs an <I18nProvider> above it');
  return i18n;
}
