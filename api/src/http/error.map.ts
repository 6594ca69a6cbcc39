/**
 * The one place where errors become HTTP statuses and the JSON error shape of SPEC §3:
 * `{"error": {"code", "message", "details"?}}`. Unknown errors are logged with their stack and answered
 * with a generic 500: no stack trace, SQL or path ever reaches a client.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import {
  BelcheerError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  PreconditionRequiredError,
  TooManyRequestsError,
  UnauthorizedError,
  UnsupportedRasterError,
  ValidationError,
} from '@belcheer/processing';

const STATUS_BY_CLASS: ReadonlyArray<readonly [abstract new (...args: never[]) => BelcheerError, number]> = [
  [ValidationError, 400],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [PreconditionFailedError, 412],
  [PayloadTooLargeError, 413],
  [PreconditionRequiredError, 428],
  [UnsupportedRasterError, 422],
  [TooManyRequestsError, 429],
];

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function statusOf(err: BelcheerError): number {
  for (const [cls, status] of STATUS_BY_CLASS) if (err instanceof cls) return status;
  return 500;
}

/** Errors raised by body-parser (express.json) carry a `type` and a `status`. */
interface BodyParserError {
  type: string;
  status: number;
  limit?: number;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  return typeof err === 'object' && err !== null && 'type' in err && 'status' in err;
}

/** Maps anything thrown to a status and body. Pure, so it is tested without HTTP. */
export function toHttpError(err: unknown): { status: number; body: ErrorBody; retryAfter?: number } {
  if (err instanceof BelcheerError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details !== undefined) body.error.details = err.details;
    const status = statusOf(err);
    if (status < 500) {
      return err instanceof TooManyRequestsError
        ? { status, body, retryAfter: err.retryAfter }
        : { status, body };
    }
  }
  if (isBodyParserError(err)) {
    switch (err.type) {
      case 'entity.parse.failed':
        return {
          status: 400,
          body: { error: { code: 'malformed_json', message: 'the request body is not valid JSON' } },
        };
      case 'entity.too.large':
        return {
          status: 413,
          body: {
            error: {
              code: 'payload_too_large',
              message: `the request body exceeds the limit of ${err.limit ?? '?'} bytes`,
            },
          },
        };
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return {
          status: 415,
          body: { error: { code: 'unsupported_encoding', message: 'unsupported body encoding or charset' } },
        };
      case 'request.aborted':
        return {
          status: 400,
          body: { error: { code: 'request_aborted', message: 'the request was aborted by the client' } },
        };
      default:
        break;
    }
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal server error' } } };
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const { status, body, retryAfter } = toHttpError(err);
  if (status >= 500) req.log?.error({ err }, 'request failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (retryAfter !== undefined) res.setHeader('Retry-After', String(Math.ceil(retryAfter)));
  res.status(status).json(body);
};

/** The 404 for anything under /api that no route matched. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`no route for ${req.method} ${req.originalUrl.split('?')[0]}`, 'route_not_found'));
};
