/**
 * Structured JSON logs (pino). Each request gets an id (from X-Request-Id when the client or a proxy
 * sends a sane one, else a new UUID), echoed in the X-Request-Id response header. Tile requests
 * (`/tiles/…`, hundreds a second from one map) skip pino-http: they are logged at debug, and at warn
 * (error for 5xx) when they fail or take longer than `slowTileMs` (docs/decisions.md).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Config } from './config.ts';

export function createLogger(level: Config['logLevel']): Logger {
  return pino({
    level,
    base: { service: 'belcheer' },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  });
}

const SANE_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Request ids in the UUID shape: a random per-process prefix and a counter (randomUUID costs 4 % of a tile). */
const ID_PREFIX = randomUUID().slice(0, 24);
let requestCount = 0;
const nextId = () => ID_PREFIX + (requestCount++ % 2 ** 48).toString(16).padStart(12, '0');

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : nextId();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** Tile requests: one line at debug, or at warn/error when slow or failed; `req.log` made on demand. */
function tileRequestLogger(logger: Logger, slowTileMs: number): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const id = requestId(req, res);
    const request = { id, method: req.method, url: req.url };
    Object.defineProperty(req, 'log', { configurable: true, get: () => logger.child({ req: request }) });
    res.once('finish', () => {
      const responseTime = Math.round(performance.now() - started);
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 || responseTime > slowTileMs ? 'warn' : 'debug';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        { req: request, res: { statusCode: status }, responseTime },
        status >= 400 ? 'request errored' : 'request completed',
      );
    });
    next();
  };
}

const TILE_PATH = '/tiles/';

export function requestLogger(logger: Logger, slowTileMs = 1000): RequestHandler {
  const tiles = tileRequestLogger(logger, slowTileMs);
  const others = pinoHttp({
    logger,
    genReqId: requestId,
    customLogLevel(_req, res, err) {
      if (err || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      return 'info';
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  return (req, res, next) => (req.url.startsWith(TILE_PATH) ? tiles(req, res, next) : others(req, res, next));
}
