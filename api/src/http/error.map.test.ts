import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  TooManyRequestsError,
  UnsupportedRasterError,
  ValidationError,
} from '@belcheer/processing';
import { toHttpError } from './error.map.ts';

describe('toHttpError', () => {
  it('maps each error class to its status and the SPEC §3 body', () => {
    expect(toHttpError(new ValidationError('bbox: four numbers', [{ path: 'bbox' }]))).toEqual({
      status: 400,
      body: {
        error: { code: 'invalid_request', message: 'bbox: four numbers', details: [{ path: 'bbox' }] },
      },
    });
    expect(toHttpError(new NotFoundError('survey 7 not found')).status).toBe(404);
    expect(toHttpError(new ConflictError('offset 10, expected 0')).status).toBe(409);
    expect(toHttpError(new PreconditionFailedError('stale')).status).toBe(412);
    expect(toHttpError(new UnsupportedRasterError('declares 200000×200000 px')).status).toBe(422);
    expect(toHttpError(new TooManyRequestsError('slow down', 42))).toMatchObject({
      status: 429,
      retryAfter: 42,
    });
  });

  it('maps body-parser failures to 400 and 413', () => {
    expect(toHttpError({ type: 'entity.parse.failed', status: 400 }).body.error.code).toBe('malformed_json');
    expect(toHttpError({ type: 'entity.too.large', status: 413, limit: 1024 })).toMatchObject({
      status: 413,
      body: { error: { code: 'payload_too_large' } },
    });
  });

  it('never exposes an unknown error: no message, no stack', () => {
    const secret = new Error('connect ECONNREFUSED 10.0.0.5:5432 at /srv/app/db.ts:12');
    const mapped = toHttpError(secret);
    expect(mapped).toEqual({
      status: 500,
      body: { error: { code: 'internal', message: 'internal server error' } },
    });
    expect(JSON.stringify(mapped)).not.toContain('ECONNREFUSED');
  });
});
