/**
 * The tus `Upload-Metadata` header: comma-separated `key base64(value)` pairs (tus 1.0.0, Creation).
 */

export function encodeUploadMetadata(pairs: Readonly<Record<string, string>>): string {
  return Object.entries(pairs)
    .map(([key, value]) => {
      if (!/^[^\s,]+$/.test(key)) throw new Error(`invalid tus metadata key: ${JSON.stringify(key)}`);
      return `${key} ${Buffer.from(value, 'utf8').toString('base64')}`;
    })
    .join(',');
}

export function decodeUploadMetadata(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of header.split(',')) {
    const [key, value = ''] = pair.trim().split(' ');
    if (key) out[key] = Buffer.from(value, 'base64').toString('utf8');
  }
  return out;
}
