/**
 * From configuration to S3 client settings: the `s3://bucket/prefix` STORAGE URL, parsed and checked
 * (bucket naming rules, a prefix made of valid key segments), and the client options for AWS or an
 * S3-compatible service (MinIO, Ceph RGW, Garage…).
 * Checksums are sent and checked only where S3 requires them: several S3-compatible servers refuse
 * or mishandle the CRC32 trailers that newer AWS SDKs add to every upload by default.
 * Reference: SPEC §3 "Configuration by environment"; AWS S3 bucket naming rules.
 */
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { ConfigError, type S3Config } from '../config.ts';
import { checkKey } from './store.ts';

export interface S3Location {
  readonly bucket: string;
  /** Prepended to every key: '' or a path ending in '/', e.g. `belcheer/prod/`. */
  readonly prefix: string;
}

/** What an S3 store and the S3 tus datastore need to reach the bucket. */
export interface S3Settings extends S3Location {
  readonly client: S3ClientConfig;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Parses `s3://bucket` or `s3://bucket/some/prefix`; throws ConfigError naming what is wrong. */
export function parseS3Url(storage: string): S3Location {
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/i.exec(storage.trim());
  if (!match) throw new ConfigError(`STORAGE=${storage}: expected s3://bucket/prefix`);
  const bucket = match[1] ?? '';
  if (!BUCKET.test(bucket) || bucket.includes('..')) {
    throw new ConfigError(
      `STORAGE=${storage}: "${bucket}" is not a valid bucket name (3–63 characters: a-z, 0-9, '.', '-')`,
    );
  }
  const path = (match[2] ?? '').replace(/\/+$/, '');
  if (path === '') return { bucket, prefix: '' };
  try {
    checkKey(path);
  } catch {
    throw new ConfigError(`STORAGE=${storage}: "${path}" is not a valid key prefix`);
  }
  return { bucket, prefix: `${path}/` };
}

/** Options for `new S3Client(...)` from the S3_* and AWS_* settings. */
export function s3ClientConfig(s3: S3Config): S3ClientConfig {
  return {
    region: s3.region,
    forcePathStyle: s3.forcePathStyle,
    ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
    ...(s3.credentials
      ? {
          credentials: {
            accessKeyId: s3.credentials.accessKeyId,
            secretAccessKey: s3.credentials.secretAccessKey,
            ...(s3.credentials.sessionToken ? { sessionToken: s3.credentials.sessionToken } : {}),
          },
        }
      : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 4,
  };
}

/** Location and client options for STORAGE=s3://… */
export function s3Settings(storage: string, s3: S3Config): S3Settings {
  return { ...parseS3Url(storage), client: s3ClientConfig(s3) };
}
