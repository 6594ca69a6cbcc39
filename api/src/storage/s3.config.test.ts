/**
 * STORAGE=s3://… parsing and the S3 settings read by loadConfig (S3_ENDPOINT, S3_REGION,
 * S3_FORCE_PATH_STYLE, AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { openStore } from './open.store.ts';
import { parseS3Url, s3ClientConfig } from './s3.config.ts';

describe('parseS3Url', () => {
  it('takes the bucket and an optional prefix, which always ends in /', () => {
    expect(parseS3Url('s3://belcheer')).toEqual({ bucket: 'belcheer', prefix: '' });
    expect(parseS3Url('s3://belcheer/')).toEqual({ bucket: 'belcheer', prefix: '' });
    expect(parseS3Url('s3://belcheer-prod/imagery/v1/')).toEqual({
      bucket: 'belcheer-prod',
      prefix: 'imagery/v1/',
    });
    expect(parseS3Url('S3://my.bucket/a')).toEqual({ bucket: 'my.bucket', prefix: 'a/' });
  });

  it('refuses bad bucket names and prefixes, naming them', () => {
    for (const bad of [
      's3://',
      's3://B',
      's3://Upper',
      's3://a..b',
      's3://-x-',
      's3://b/../x',
      's3://b/a//c',
    ]) {
      expect(() => parseS3Url(bad), bad).toThrow(ConfigError);
    }
    expect(() => parseS3Url('s3://bucket/../etc')).toThrow('"../etc" is not a valid key prefix');
  });
});

describe('S3 settings from the environment', () => {
  it('defaults to AWS: us-east-1, virtual-host style, the SDK credential chain', () => {
    const { s3 } = loadConfig({});
    expect(s3).toEqual({ endpoint: null, region: 'us-east-1', forcePathStyle: false, credentials: null });
    const client = s3ClientConfig(s3);
    expect(client.endpoint).toBeUndefined();
    expect(client.credentials).toBeUndefined();
  });

  it('uses path style with an endpoint (MinIO, Garage…) unless told otherwise', () => {
    const env = {
      STORAGE: 's3://belcheer/data',
      S3_ENDPOINT: 'http://minio:9000',
      S3_REGION: 'garage',
      AWS_ACCESS_KEY_ID: 'key',
      AWS_SECRET_ACCESS_KEY: 'secret',
    };
    expect(loadConfig(env).s3).toEqual({
      endpoint: 'http://minio:9000',
      region: 'garage',
      forcePathStyle: true,
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret', sessionToken: null },
    });
    expect(loadConfig({ ...env, S3_FORCE_PATH_STYLE: 'false' }).s3.forcePathStyle).toBe(false);
    expect(s3ClientConfig(loadConfig(env).s3)).toMatchObject({
      endpoint: 'http://minio:9000',
      region: 'garage',
      forcePathStyle: true,
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
  });

  it('openStore refuses s3:// without the S3 settings rather than default to AWS', () => {
    expect(() => openStore('s3://belcheer/data')).toThrow('the S3 settings were not passed');
    expect(openStore('s3://belcheer/data', loadConfig({}).s3).kind).toBe('s3');
  });

  it('refuses an invalid endpoint and half a key pair', () => {
    expect(() => loadConfig({ S3_ENDPOINT: 'minio:9000 ' })).toThrow('S3_ENDPOINT');
    expect(() => loadConfig({ AWS_ACCESS_KEY_ID: 'key' })).toThrow(
      'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together',
    );
  });
});
