/**
 * Names people read for products, colormaps and bands, from the catalogs; a name the catalogs do
 * not know yet (a product added to the server later) is shown as sent, upper-cased.
 */
import { isMessageKey, type MessageKey } from '../i18n/i18n.ts';

type Translate = (key: MessageKey) => string;

function named(prefix: string, name: string, t: Translate, fallback: string): string {
  const key = `${prefix}.${name}`;
  return isMessageKey(key) ? t(key) : fallback;
}

export function productLabel(product: string, t: Translate): string {
  return named('product', product, t, product.toUpperCase());
}

export function colormapLabel(colormap: string, t: Translate): string {
  return named('colormap', colormap, t, colormap);
}

export function bandLabel(band: string, t: Translate): string {
  return named('band', band, t, band);
}

/** Products drawn through a colormap (the indices), as opposed to true colour and cover classes. */
export function takesColormap(product: string): boolean {
  return product !== 'rgb' && product !== 'cover';
}
