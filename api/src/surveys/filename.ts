/**
 * Upload file names are labels only (files are stored under generated keys), but a name with a path
 * in it is refused outright: it is either a mistake or an attack.
 */
import { ValidationError } from '@belcheer/processing';

export function checkFilename(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 255)
    throw new ValidationError('filename: 1 to 255 characters', undefined, 'invalid_filename');
  if (/[/\\]/.test(trimmed) || trimmed === '.' || trimmed === '..' || trimmed.includes('..')) {
    throw new ValidationError(
      `filename "${trimmed}" must not contain a path (/, \\ or ..)`,
      undefined,
      'invalid_filename',
    );
  }
  if ([...trimmed].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127))
    throw new ValidationError('filename contains control characters', undefined, 'invalid_filename');
  return trimmed;
}
