/**
 * The legend's entries and the map layers each one switches on and off.
 */
import { ADMIN_LAYER_GROUPS } from './admin.layers.ts';
import { SURVEY_LAYERS } from './survey.layers.ts';

export const LAYER_GROUPS = {
  surveys: [SURVEY_LAYERS.fill, SURVEY_LAYERS.selected, SURVEY_LAYERS.line, SURVEY_LAYERS.point],
  ...ADMIN_LAYER_GROUPS,
} as const;
export type LayerGroup = keyof typeof LAYER_GROUPS;
