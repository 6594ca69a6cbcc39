/**
 * Numbers people read in the current language: file sizes (1024-based, as file managers show
 * them), speeds, durations, flight dates (a calendar day, so formatted in UTC), GSD in cm and
 * pixel sizes. Browsers built with a reduced ICU (Chromium among them) have no Mongolian date
 * format and fall back to American English; Mongolian dates are then written by hand the way full
 * ICU writes them ("2018 оны 8-р сарын 22").
 */
import { useMemo } from 'react';
import { useI18n } from './I18nProvider.tsx';
import type { MessageKey } from './i18n.ts';

const BYTE_UNITS: readonly MessageKey[] = ['unit.B', 'unit.KB', 'unit.MB', 'unit.GB', 'unit.TB'];

export interface Format {
  bytes(n: number): string;
  speed(bytesPerSecond: number): string;
  duration(seconds: number): string;
  date(isoDay: string): string;
  dateTime(iso: string): string;
  /** GSD given in metres, shown in cm. */
  gsd(metres: number): string;
  pixels(width: number, height: number): string;
  percent(value: number): string;
}

/** "2018 оны 8-р сарын 22", from UTC (a flight day) or local (a moment) fields. */
export function mongolianDate(at: Date, utc: boolean): string {
  const y = utc ? at.getUTCFullYear() : at.getFullYear();
  const m = (utc ? at.getUTCMonth() : at.getMonth()) + 1;
  const d = utc ? at.getUTCDate() : at.getDate();
  return `${y} оны ${m}-р сарын ${d}`;
}

interface DateFormats {
  day(at: number): string;
  moment(at: number): string;
}

function dateFormats(lang: string, locale: string): DateFormats {
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const moment = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  if (lang !== 'mn' || Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0)
    return { day: (at) => day.format(at), moment: (at) => moment.format(at) };
  const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
  return {
    day: (at) => mongolianDate(new Date(at), true),
    moment: (at) => `${mongolianDate(new Date(at), false)}, ${clock.format(at)}`,
  };
}

export function useFormat(): Format {
  const { t, lang, locale, formatNumber } = useI18n();
  return useMemo<Format>(() => {
    const dates = dateFormats(lang, locale);
    const bytes = (n: number): string => {
      let value = Math.max(0, n);
      let unit = 0;
      while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
        value /= 1024;
        unit++;
      }
      const digits = unit === 0 || value >= 10 ? 0 : 1;
      return `${formatNumber(value, digits)} ${t(BYTE_UNITS[unit] ?? 'unit.B')}`;
    };
    return {
      bytes,
      speed: (bps) => t('unit.perSecond', { value: bytes(bps) }),
      duration(seconds) {
        const s = Math.max(0, Math.round(seconds));
        if (s < 60) return t('time.seconds', { s });
        const m = Math.round(s / 60);
        if (m < 60) return t('time.minutes', { m });
        const h = Math.floor(m / 60);
        const rest = m % 60;
        return rest === 0 ? t('time.hours', { h }) : t('time.hoursMinutes', { h, m: rest });
      },
      date(isoDay) {
        const at = Date.parse(`${isoDay}T00:00:00Z`);
        return Number.isNaN(at) ? isoDay : dates.day(at);
      },
      dateTime(iso) {
        const at = Date.parse(iso);
        return Number.isNaN(at) ? iso : dates.moment(at);
      },
      gsd: (metres) => `${formatNumber(metres * 100, metres * 100 < 10 ? 1 : 0)} ${t('unit.cm')}`,
      pixels: (width, height) => `${formatNumber(width)} × ${formatNumber(height)} ${t('unit.px')}`,
      percent: (value) => `${formatNumber(Math.floor(value))} %`,
    };
  }, [t, lang, locale, formatNumber]);
}
