import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type MessageParams } from '../i18n/i18n.ts';
import { fieldLabel, fieldValue } from './unit.fields.ts';

const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
const mn = (key: MessageKey, params?: MessageParams) => translate('mn', key, params);

describe('unit fields as read', () => {
  it('labels known attributes as the form does and leaves others as they are', () => {
    expect(fieldLabel(en, 'reference_biomass_kg_ha')).toBe('Reference biomass, kg/ha');
    expect(fieldLabel(mn, 'season')).toBe('Улирал');
    expect(fieldLabel(en, 'deleted_at')).toBe('deleted_at');
  });

  it('translates seasons and uses, shows nothing as a dash and other values as text', () => {
    expect(fieldValue(en, 'season', 'spring')).toBe('Spring');
    expect(fieldValue(mn, 'use', 'hayfield')).toBe('Хадлан');
    expect(fieldValue(en, 'notes', null)).toBe('—');
    expect(fieldValue(en, 'notes', '')).toBe('—');
    expect(fieldValue(en, 'reference_biomass_kg_ha', 850)).toBe('850');
    expect(fieldValue(en, 'season', 'monsoon')).toBe('monsoon');
  });
});
