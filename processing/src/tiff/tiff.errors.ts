/**
 * The two ways a TIFF is refused, with stable codes. A file that breaks the TIFF structure (truncated,
 * IFD loop, offsets outside the file) is malformed input (ValidationError → 400); a readable file that
 * Belcheer does not process (not a TIFF, too large, a codec, sample format or CRS it lacks) is an
 * UnsupportedRasterError (→ 422). Reference: STYLE.md "Errors".
 */
import { UnsupportedRasterError, ValidationError } from '../errors.ts';

export type TiffRefusal =
  'not_a_tiff' | 'raster_too_large' | 'unsupported_format' | 'no_georeferencing' | 'unsupported_crs';

/** The TIFF structure is broken: `message` names the IFD, tag, tile or strip. */
export function malformedTiff(message: string): ValidationError {
  return new ValidationError(message, undefined, 'malformed_tiff');
}

/** A well-formed file that Belcheer refuses; `code` says why. */
export function refusedTiff(code: TiffRefusal, message: string): UnsupportedRasterError {
  return new UnsupportedRasterError(message, undefined, code);
}
