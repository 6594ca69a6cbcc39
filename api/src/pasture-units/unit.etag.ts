/**
 * Optimistic locking of pasture units: the ETag is `"<id>-v<version>"`; a write must send it back in
 * If-Match. No If-Match (or `*`, which would match any version) → 428; another version → 412 naming
 * the current one, and nothing is changed.
 * Reference: RFC 9110 §13.1.1 (If-Match), RFC 6585 §3 (428); SPEC §2.4 (optimistic locking).
 */
import { PreconditionFailedError, PreconditionRequiredError } from '@belcheer/processing';

export function unitEtag(id: string, version: number): string {
  return `"${id}-v${version}"`;
}

/** The If-Match header as one string (node joins repeated headers, but a string[] is possible). */
export function ifMatchHeader(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header.join(',') : header;
}

/** Throws unless `ifMatch` names the unit's current ETag. */
export function checkIfMatch(ifMatch: string | undefined, unit: { id: string; version: number }): void {
  const tags = (ifMatch ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '' && t !== '*');
  if (tags.length === 0) {
    throw new PreconditionRequiredError(
      `changing pasture unit ${unit.id} needs an If-Match header with the ETag of the version you edited (GET it first)`,
    );
  }
  const current = unitEtag(unit.id, unit.version);
  if (!tags.some((t) => t.replace(/^W\//, '') === current)) {
    throw new PreconditionFailedError(
      `pasture unit ${unit.id} has changed since you read it (now version ${unit.version}): reload it and apply your change again`,
      'precondition_failed',
      { current_version: unit.version, etag: current, if_match: ifMatch },
    );
  }
}
