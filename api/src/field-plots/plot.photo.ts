/**
 * Photos of field plots: JPEG or PNG, recognised by their magic bytes (not only the declared
 * Content-Type), at most 10 MB, stored under `field-plots/<id>/photo.<ext>`.
 * Reference: JPEG (ITU-T T.81, SOI marker FF D8 FF), PNG (RFC 2083 §3.1 signature).
 */
import { ValidationError } from '@belcheer/processing';

export const MAX_PHOTO_BYTES = 10 * 2 ** 20;

const FORMATS = [
  { ext: 'jpg', contentType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { ext: 'png', contentType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
] as const;

export type PhotoFormat = (typeof FORMATS)[number];

export const photoPrefix = (plotId: string) => `field-plots/${plotId}`;
export const photoKey = (plotId: string, format: PhotoFormat) => `${photoPrefix(plotId)}/photo.${format.ext}`;

/** The format of a photo key written by `photoKey`. */
export function formatOfKey(key: string): PhotoFormat | undefined {
  return FORMATS.find((f) => key.endsWith(`.${f.ext}`));
}

/** The photo's format; ValidationError when the declared type is not JPEG/PNG or the bytes disagree. */
export function sniffPhoto(bytes: Uint8Array, declared: string | undefined): PhotoFormat {
  const type = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  const format = FORMATS.find((f) => f.contentType === type);
  if (!format)
    throw new ValidationError(
      `a photo is sent as image/jpeg or image/png, not "${type || 'no Content-Type'}"`,
    );
  if (bytes.length === 0) throw new ValidationError('the photo is empty');
  const actual = FORMATS.find((f) => f.magic.every((b, i) => bytes[i] === b));
  if (actual !== format)
    throw new ValidationError(
      `the body is declared ${format.contentType} but its first bytes are ${actual ? `a ${actual.contentType}` : 'neither JPEG nor PNG'}`,
    );
  return format;
}
