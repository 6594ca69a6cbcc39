/**
 * Configuration, read from the environment once and validated. `loadConfig()` returns a frozen,
 * typed Config that `main` passes down; nothing else reads `process.env`.
 * Reference: SPEC §3 "Configuration by environment".
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  STORAGE: z.string().optional(),
  BELCHEER_ADMIN_EMAIL: z.email().optional(),
  BELCHEER_ADMIN_PASSWORD: z
    .string()
    .min(12, 'BELCHEER_ADMIN_PASSWORD must have at least 12 characters')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 7),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: z.string().default('loopback'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  JSON_BODY_LIMIT: z.string().default('1mb'),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 ** 3),
  MAX_PIXELS: z.coerce.number().int().positive().default(20_000_000_000),
  WORKERS: z.coerce.number().int().min(0).max(64).default(1),
  JOB_LEASE_SECONDS: z.coerce.number().positive().default(60),
  SAMPLE_SURVEY: z.enum(['true', 'false']).default('true'),
  SAMPLE_DATA_DIR: z.string().default(path.join(repoRoot, 'sample-data')),
  WEB_DIST_DIR: z.string().default(path.join(repoRoot, 'web', 'dist')),
  S3_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'S3_ENDPOINT must be an http:// or https:// URL' })
    .optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_FORCE_PATH_STYLE: z.enum(['auto', 'true', 'false']).default('auto'),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  AWS_SESSION_TOKEN: z.string().min(1).optional(),
  TILE_CACHE_DIR: z.string().min(1).optional(),
  TILE_CACHE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 ** 3),
  TILE_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  TILE_MEMORY_CACHE_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(64 * 1024 ** 2),
  TILE_BLOCK_CACHE_BYTES: z.coerce
    .number()
    .int()
    .min(1024 ** 2)
    // The decoded levels an 8192² RGBA survey reads at native…native−2 take 336 MiB (tiler/src/block.budget.ts).
    .default(384 * 1024 ** 2),
  BELCHEER_SECRET_KEY: z
    .string()
    .regex(
      /^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/,
      'BELCHEER_SECRET_KEY must be 32 bytes as 64 hex digits or base64 (openssl rand -hex 32)',
    )
    .optional(),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly database:
    | { readonly kind: 'pglite'; readonly dir: string }
    | { readonly kind: 'postgres'; readonly url: string; readonly poolSize: number };
  readonly storage: string;
  readonly admin: { readonly email: string | null; readonly password: string | null };
  readonly logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  readonly sessionTtlMs: number;
  readonly cookieSecure: 'auto' | boolean;
  readonly trustProxy: string;
  readonly login: { readonly maxFailures: number; readonly windowMs: number };
  readonly jsonBodyLimit: string;
  /** Largest accepted upload, in bytes. */
  readonly maxUploadBytes: number;
  /** Largest accepted raster: width × height × bands. */
  readonly maxPixels: number;
  /** Job workers run inside this process (0: only `npm run worker` processes run jobs). */
  readonly workers: number;
  /** How long a claimed job stays a worker's without a heartbeat. */
  readonly jobLeaseMs: number;
  /** Create and process the shipped sample survey on the first start. */
  readonly sampleSurvey: boolean;
  readonly uploadDir: string;
  readonly sampleDataDir: string;
  readonly webDistDir: string;
  /** S3-compatible storage, used when `storage` is an `s3://bucket/prefix` URL. */
  readonly s3: S3Config;
  /** Disk cache of encoded raster tiles (TILE_CACHE_DIR, TILE_CACHE_BYTES); null when not configured. */
  readonly tileCache: { readonly dir: string; readonly maxBytes: number } | null;
  /** Raster tile rendering: threads (TILE_WORKERS, default one per core; 0 renders on the main thread),
   *  the in-memory LRU of encoded tiles (TILE_MEMORY_CACHE_BYTES, 0: off) and each opened COG's
   *  block cache (TILE_BLOCK_CACHE_BYTES). */
  readonly tileRender: {
    readonly workers: number;
    readonly memoryCacheBytes: number;
    readonly blockCacheBytes: number;
  };
  /** AES-256-GCM key (32 bytes) for secrets at rest, e.g. signing certificates; null when not set. */
  readonly secretKey: Uint8Array | null;
}

/** S3 client settings (S3_ENDPOINT, S3_REGION, S3_FORCE_PATH_STYLE and the standard AWS_* keys). */
export interface S3Config {
  /** A non-AWS service (MinIO, Ceph, Garage…), e.g. `http://minio:9000`; null for AWS itself. */
  readonly endpoint: string | null;
  readonly region: string;
  /** `http://host/bucket/key` rather than `http://bucket.host/key` (auto: on when an endpoint is set). */
  readonly forcePathStyle: boolean;
  /** Static keys; null leaves them to the AWS SDK's default chain (instance role, web identity…). */
  readonly credentials: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken: string | null;
  } | null;
}

/** Thrown when the environment is invalid; `main` prints it and exits non-zero. */
export class ConfigError extends Error {}

function s3Config(e: z.infer<typeof envSchema>): S3Config {
  if (Boolean(e.AWS_ACCESS_KEY_ID) !== Boolean(e.AWS_SECRET_ACCESS_KEY)) {
    throw new ConfigError('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together');
  }
  const endpoint = e.S3_ENDPOINT ?? null;
  return {
    endpoint,
    region: e.S3_REGION,
    forcePathStyle: e.S3_FORCE_PATH_STYLE === 'auto' ? endpoint !== null : e.S3_FORCE_PATH_STYLE === 'true',
    credentials:
      e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY
        ? {
            accessKeyId: e.AWS_ACCESS_KEY_ID,
            secretAccessKey: e.AWS_SECRET_ACCESS_KEY,
            sessionToken: e.AWS_SESSION_TOKEN ?? null,
          }
        : null,
  };
}

/** The 32 bytes of BELCHEER_SECRET_KEY (64 hex digits or base64), or null when it is not set. */
function secretKey(value: string | undefined): Uint8Array | null {
  if (!value) return null;
  return new Uint8Array(Buffer.from(value, value.length === 64 ? 'hex' : 'base64'));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres' as const, url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'pglite' as const, dir: path.join(dataDir, 'db') },
    storage: e.STORAGE ?? path.join(dataDir, 'store'),
    admin: { email: e.BELCHEER_ADMIN_EMAIL ?? null, password: e.BELCHEER_ADMIN_PASSWORD ?? null },
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    trustProxy: e.TRUST_PROXY,
    login: { maxFailures: e.LOGIN_MAX_FAILURES, windowMs: e.LOGIN_WINDOW_MINUTES * 60_000 },
    jsonBodyLimit: e.JSON_BODY_LIMIT,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    maxPixels: e.MAX_PIXELS,
    workers: e.WORKERS,
    jobLeaseMs: e.JOB_LEASE_SECONDS * 1000,
    sampleSurvey: e.SAMPLE_SURVEY === 'true',
    uploadDir: path.join(dataDir, 'uploads'),
    sampleDataDir: path.resolve(e.SAMPLE_DATA_DIR),
    webDistDir: path.resolve(e.WEB_DIST_DIR),
    s3: s3Config(e),
    tileCache: e.TILE_CACHE_DIR
      ? { dir: path.resolve(e.TILE_CACHE_DIR), maxBytes: e.TILE_CACHE_BYTES }
      : null,
    tileRender: {
      workers: e.TILE_WORKERS ?? availableParallelism(),
      memoryCacheBytes: e.TILE_MEMORY_CACHE_BYTES,
      blockCacheBytes: e.TILE_BLOCK_CACHE_BYTES,
    },
    secretKey: secretKey(e.BELCHEER_SECRET_KEY),
  };
  return Object.freeze(config);
}
