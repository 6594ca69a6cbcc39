/**
 * Reading the AWS SDK's errors without `any`: which S3 answers mean "no such key" or "range not
 * satisfiable", and the NotFoundError the store throws for a missing key.
 */
import { NotFoundError } from '@belcheer/processing';

function field(err: unknown, name: string): unknown {
  return typeof err === 'object' && err !== null ? (err as Record<string, unknown>)[name] : undefined;
}

function httpStatus(err: unknown): number | undefined {
  const status = field(field(err, '$metadata'), 'httpStatusCode');
  return typeof status === 'number' ? status : undefined;
}

/** HeadObject answers a bare 404 (`NotFound`); GetObject answers `NoSuchKey`. */
export function isMissingObject(err: unknown): boolean {
  const name = field(err, 'name');
  return name === 'NotFound' || name === 'NoSuchKey' || httpStatus(err) === 404;
}

/** 416: a range that starts at or past the end of the object. */
export function isInvalidRange(err: unknown): boolean {
  return field(err, 'name') === 'InvalidRange' || httpStatus(err) === 416;
}

/** 412: an `If-Match` that no longer matches, i.e. the object was replaced. */
export function isPreconditionFailed(err: unknown): boolean {
  return field(err, 'name') === 'PreconditionFailed' || httpStatus(err) === 412;
}

export function missingKey(key: string): NotFoundError {
  return new NotFoundError(`storage key "${key}" not found`);
}
