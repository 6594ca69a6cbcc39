/**
 * MapLibre's own UI strings (control tooltips, scale units) from our message catalogs.
 */
import type { MessageKey } from '../i18n/i18n.ts';

const KEYS: Readonly<Record<string, MessageKey>> = {
  'NavigationControl.ZoomIn': 'map.zoomIn',
  'NavigationControl.ZoomOut': 'map.zoomOut',
  'Popup.Close': 'map.closePopup',
  'ScaleControl.Kilometers': 'map.km',
  'ScaleControl.Meters': 'map.m',
  'AttributionControl.ToggleAttribution': 'map.toggleAttribution',
  'Map.Title': 'map.title',
};

export function mapLocale(t: (key: MessageKey) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(KEYS).map(([id, key]) => [id, t(key)]));
}
