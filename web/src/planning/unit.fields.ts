/**
 * A pasture unit's attribute names and values as a person reads them (conflict dialog, history):
 * the form's label for a known attribute, the translated season or use, "—" for nothing.
 */
import { isMessageKey, type MessageKey, type MessageParams } from '../i18n/i18n.ts';

type Translate = (key: MessageKey, params?: MessageParams) => string;

const LABELS: Readonly<Record<string, MessageKey>> = {
  name: 'units.name',
  soum: 'survey.soum',
  season: 'units.season',
  use: 'units.use',
  notes: 'units.notes',
  reference_biomass_kg_ha: 'units.referenceBiomass',
};

export function fieldLabel(t: Translate, field: string): string {
  const key = LABELS[field];
  return key ? t(key) : field;
}

export function fieldValue(t: Translate, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const key = `units.${field}.${String(value)}`;
  if ((field === 'season' || field === 'use') && isMessageKey(key)) return t(key);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
