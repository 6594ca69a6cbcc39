/**
 * The product of a name: `rgb`, an index of DOMAIN §2, or `cover`; anything else is a 400 naming
 * the known products.
 */
import { isIndexName } from '@belcheer/processing';
import { coverProduct } from './product.cover.ts';
import { indexProduct } from './product.index.ts';
import { rgbProduct } from './product.rgb.ts';
import { unknownProduct, type Product } from './products.ts';

export function productNamed(name: string): Product {
  if (name === 'rgb') return rgbProduct;
  if (name === 'cover') return coverProduct;
  if (isIndexName(name)) return indexProduct(name);
  throw unknownProduct(name);
}
