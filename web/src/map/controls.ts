/**
 * The map's controls (fit-to-Mongolia, zoom, scale bar, attribution), re-created when the language
 * changes because MapLibre reads its UI strings only when a control is added.
 */
import { AttributionControl, NavigationControl, ScaleControl, type Map as MapLibreMap } from 'maplibre-gl';
import type { MessageKey } from '../i18n/i18n.ts';
import { HomeControl } from './home.control.ts';
import { mapLocale } from './map.locale.ts';

export interface MapControls {
  remove(): void;
}

export function addControls(
  map: MapLibreMap,
  t: (key: MessageKey) => string,
  fitMongolia: () => void,
): MapControls {
  Object.assign(map._locale, mapLocale(t));
  const home = new HomeControl(fitMongolia, t('map.fit'));
  const nav = new NavigationControl({ showCompass: false });
  const scale = new ScaleControl({ unit: 'metric', maxWidth: 140 });
  const attribution = new AttributionControl({ compact: true });
  map.addControl(nav, 'top-right');
  map.addControl(home, 'top-right');
  map.addControl(scale, 'bottom-left');
  map.addControl(attribution, 'bottom-right');
  return {
    remove() {
      for (const control of [nav, home, scale, attribution]) map.removeControl(control);
    },
  };
}
