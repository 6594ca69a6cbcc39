/**
 * Words of the grazing-plan reports in Mongolian and English, and the colour of each utilisation
 * band on the map (green within capacity, yellow to red over it, grey where capacity is unknown).
 * Reference: DOMAIN.md §7 (bands after NAMEM's pasture carrying-capacity maps).
 */
import type { UtilisationBand } from '@belcheer/processing';
import type { PlanStatus, ReportLang } from './grazing.plans.schemas.ts';

type Words = Readonly<Record<ReportLang, string>>;

export const BAND_COLOURS: Readonly<Record<UtilisationBand | 'no_survey', string>> = {
  reserve: '#1a9641',
  sufficient: '#a6d96a',
  exceeds_1_3: '#fdae61',
  exceeds_3_5: '#f46d43',
  exceeds_many: '#d7191c',
  no_survey: '#bdbdbd',
};

export const BAND_LABELS: Readonly<Record<UtilisationBand | 'no_survey', Words>> = {
  reserve: { mn: 'Нөөцтэй (< 70 %)', en: 'Reserve (< 70 %)' },
  sufficient: { mn: 'Хүрэлцээтэй (70–100 %)', en: 'Sufficient (70–100 %)' },
  exceeds_1_3: { mn: '1–3 дахин хэтэрсэн', en: 'Exceeds 1–3×' },
  exceeds_3_5: { mn: '3–5 дахин хэтэрсэн', en: 'Exceeds 3–5×' },
  exceeds_many: { mn: '5-аас олон дахин хэтэрсэн', en: 'Exceeds > 5×' },
  no_survey: { mn: 'судалгаа алга', en: 'no survey' },
};

export const SEASON_LABELS: Readonly<Record<string, Words>> = {
  winter: { mn: 'Өвөл', en: 'Winter' },
  spring: { mn: 'Хавар', en: 'Spring' },
  summer: { mn: 'Зун', en: 'Summer' },
  autumn: { mn: 'Намар', en: 'Autumn' },
};

export const STATUS_LABELS: Readonly<Record<PlanStatus, Words>> = {
  draft: { mn: 'Төсөл', en: 'Draft' },
  submitted: { mn: 'Хянуулахаар илгээсэн', en: 'Submitted' },
  approved: { mn: 'Баталсан', en: 'Approved' },
};

const TEXT = {
  title: { mn: 'Бэлчээр ашиглалтын төлөвлөгөө', en: 'Grazing plan' },
  soum: { mn: 'Сум', en: 'Soum' },
  season: { mn: 'Улирал', en: 'Season' },
  year: { mn: 'Он', en: 'Year' },
  days: { mn: 'хоног', en: 'days' },
  status: { mn: 'Төлөв', en: 'Status' },
  organisation: { mn: 'Байгууллага', en: 'Organisation' },
  map: { mn: 'Бэлчээрийн нэгжийн ашиглалт', en: 'Utilisation of the pasture units' },
  units: { mn: 'Бэлчээрийн нэгжүүд', en: 'Pasture units' },
  groups: { mn: 'Малчдын бүлгүүд', en: 'Herder groups' },
  unit: { mn: 'Бэлчээрийн нэгж', en: 'Pasture unit' },
  group: { mn: 'Бүлэг', en: 'Group' },
  areaHa: { mn: 'Талбай, га', en: 'Area, ha' },
  surveyDate: { mn: 'Судалгааны огноо', en: 'Survey date' },
  forage: { mn: 'Тэжээл F, кг/га', en: 'Forage F, kg/ha' },
  recoveryClass: { mn: 'Сэргэлтийн анги', en: 'Recovery class' },
  capacitySu: { mn: 'Даац, хонин толгой', en: 'Capacity, SU' },
  demandSuDays: { mn: 'Хэрэгцээ, хонин толгой·хоног', en: 'Demand, SU·days' },
  demandKg: { mn: 'Хэрэгцээ, кг', en: 'Demand, kg' },
  utilisation: { mn: 'Ашиглалт, %', en: 'Utilisation, %' },
  band: { mn: 'Түвшин', en: 'Band' },
  overgrazed: { mn: 'Хэт ачаалалтай', en: 'Over-grazed' },
  note: { mn: 'Тайлбар', en: 'Note' },
  yes: { mn: 'тийм', en: 'yes' },
  no: { mn: 'үгүй', en: 'no' },
  total: { mn: 'Нийт', en: 'Total' },
  horse: { mn: 'Адуу', en: 'Horses' },
  cattle: { mn: 'Үхэр', en: 'Cattle' },
  camel: { mn: 'Тэмээ', en: 'Camels' },
  sheep: { mn: 'Хонь', en: 'Sheep' },
  goat: { mn: 'Ямаа', en: 'Goats' },
  sheepUnits: { mn: 'Хонин толгой', en: 'Sheep units' },
  preparedBy: { mn: 'Боловсруулсан', en: 'Prepared by' },
  approvedBy: { mn: 'Баталсан', en: 'Approved by' },
  date: { mn: 'Огноо', en: 'Date' },
  signature: { mn: 'Гарын үсэг', en: 'Signature' },
  signedNote: {
    mn: 'Энэхүү баримт бичиг X.509 гэрчилгээгээр цахимаар гарын үсэг зурагдсан (PAdES).',
    en: 'This document is signed electronically with an X.509 certificate (PAdES).',
  },
  totalsNote: {
    mn: 'Нийт ашиглалт нь судалгаатай нэгжүүдийн хэрэгцээ ÷ тэжээлийн нөөц.',
    en: 'Total utilisation is the demand on surveyed units ÷ their grazable forage.',
  },
} satisfies Record<string, Words>;

export type TextKey = keyof typeof TEXT;

export function t(key: TextKey, lang: ReportLang): string {
  return TEXT[key][lang];
}
