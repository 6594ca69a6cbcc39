/**
 * Server-side copy of one S3 object to another key of the same bucket: no byte passes through this
 * process. CopyObject takes objects up to 5 GiB; larger ones (a 20 GB upload) are copied as a
 * multipart upload of UploadPartCopy ranges, aborted on any failure so no partial object appears.
 * Reference: AWS S3 API, CopyObject and UploadPartCopy (5 GiB per copy request, 10 000 parts).
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  UploadPartCopyCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';

/** Largest object a single CopyObject may copy. */
export const MAX_SINGLE_COPY_BYTES = 5 * 1024 ** 3;
const MAX_PARTS = 10_000;

export interface CopyOptions {
  /** Objects above this size are copied in parts (default 5 GiB; lower only in tests). */
  readonly singleCopyLimit?: number;
  /** Size of each UploadPartCopy range (default 512 MiB, raised to stay within 10 000 parts). */
  readonly partBytes?: number;
  /** Part copies in flight at once. */
  readonly concurrency?: number;
}

/** `bucket/key` for x-amz-copy-source, URL-encoded per path segment as S3 requires. */
function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

export async function copyObject(
  client: S3Client,
  bucket: string,
  from: string,
  to: string,
  size: number,
  options: CopyOptions = {},
): Promise<void> {
  const source = copySource(bucket, from);
  if (size <= (options.singleCopyLimit ?? MAX_SINGLE_COPY_BYTES)) {
    await client.send(new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: source }));
    return;
  }
  const partBytes = Math.max(options.partBytes ?? 512 * 1024 ** 2, Math.ceil(size / MAX_PARTS));
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: to }));
  if (!UploadId) throw new Error(`copying ${from} to ${to}: the server returned no multipart upload id`);
  try {
    const count = Math.ceil(size / partBytes);
    const parts: CompletedPart[] = new Array<CompletedPart>(count);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < count; i = next++) {
        const start = i * partBytes;
        const end = Math.min(size, start + partBytes) - 1;
        const res = await client.send(
          new UploadPartCopyCommand({
            Bucket: bucket,
            Key: to,
            UploadId,
            PartNumber: i + 1,
            CopySource: source,
            CopySourceRange: `bytes=${start}-${end}`,
          }),
        );
        parts[i] = { PartNumber: i + 1, ETag: res.CopyPartResult?.ETag };
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, count) }, worker));
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: to,
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
  } catch (err) {
    await client
      .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: to, UploadId }))
      .catch(() => undefined);
    throw err;
  }
}
