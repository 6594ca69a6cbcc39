/**
 * The error hierarchy of Belcheer. Kernels and services throw these with messages that name the
 * problem ("band 4 of 3 requested", "declares 200000×200000 px"); only `api/src/http/error.map.ts`
 * turns them into HTTP statuses. Reference: STYLE.md "Errors", SPEC §3 (error shape).
 */

export type ErrorDetails = Record<string, unknown> | ReadonlyArray<unknown>;

/** Base class: a stable machine-readable `code`, a human message and optional structured details. */
export class BelcheerError extends Error {
  readonly code: string;
  readonly details: ErrorDetails | undefined;

  constructor(code: string, message: string, details?: ErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** The input is malformed or out of range (→ 400). */
export class ValidationError extends BelcheerError {
  constructor(message: string, details?: ErrorDetails, code = 'invalid_request') {
    super(code, message, details);
  }
}

/** The caller is not authenticated (→ 401). */
export class UnauthorizedError extends BelcheerError {
  constructor(message = 'authentication required', code = 'unauthorized') {
    super(code, message);
  }
}

/** The caller is known but may not do this (→ 403). Objects of other organisations are NotFound instead. */
export class ForbiddenError extends BelcheerError {
  constructor(message: string, code = 'forbidden') {
    super(code, message);
  }
}

/** The object does not exist or the caller may not see it (→ 404). */
export class NotFoundError extends BelcheerError {
  constructor(message: string, code = 'not_found') {
    super(code, message);
  }
}

/** The request conflicts with the current state (→ 409), e.g. a tus PATCH at the wrong offset. */
export class ConflictError extends BelcheerError {
  constructor(message: string, details?: ErrorDetails, code = 'conflict') {
    super(code, message, details);
  }
}

/** An If-Match precondition failed: someone else changed the object (→ 412). */
export class PreconditionFailedError extends BelcheerError {
  constructor(message: string, code = 'precondition_failed', details?: ErrorDetails) {
    super(code, message, details);
  }
}

/** A conditional write came without the If-Match it needs (→ 428, RFC 6585 §3). */
export class PreconditionRequiredError extends BelcheerError {
  constructor(message: string, code = 'precondition_required') {
    super(code, message);
  }
}

/** The body is larger than allowed (→ 413). */
export class PayloadTooLargeError extends BelcheerError {
  constructor(message: string, code = 'payload_too_large') {
    super(code, message);
  }
}

/** A raster that is well-formed enough to read but that Belcheer cannot process (→ 422). */
export class UnsupportedRasterError extends BelcheerError {
  constructor(message: string, details?: ErrorDetails, code = 'unsupported_raster') {
    super(code, message, details);
  }
}

/** Too many requests, e.g. failed logins (→ 429). `retryAfter` is in seconds. */
export class TooManyRequestsError extends BelcheerError {
  readonly retryAfter: number;
  constructor(message: string, retryAfter: number, code = 'too_many_requests') {
    super(code, message);
    this.retryAfter = retryAfter;
  }
}
