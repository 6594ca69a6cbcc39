/**
 * Message catalogs (Mongolian by default, English) and the `translate` function behind `t()`.
 * Every UI string lives in mn.json / en.json; both must hold the same keys (checked at compile time
 * below) and `{name}` placeholders are filled from `params`.
 */
import mn from './mn.json';
import en from './en.json';

export const LANGUAGES = ['mn', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'mn';

export type MessageKey = keyof typeof mn;
export type MessageParams = Readonly<Record<string, string | number>>;

type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? true
  : false;
type Assert<T extends true> = T;
/** Fails to compile when en.json and mn.json disagree on their keys. */
export type CatalogsMatch = Assert<SameKeys<typeof mn, typeof en>>;

const CATALOGS: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { mn, en };

/** BCP 47 tags for number and date formatting. */
export const LOCALES: Readonly<Record<Lang, string>> = { mn: 'mn-MN', en: 'en-GB' };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const template = CATALOGS[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** True for keys of the catalogs, for strings that arrive from outside (e.g. a role from the API). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(CATALOGS.mn, key);
}
