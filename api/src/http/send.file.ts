/**
 * Sends a stored file with HTTP range support, ETag and conditional GET/HEAD — what GDAL's
 * /vsicurl/, QGIS and browsers need to read a COG in place.
 */
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { Store } from '../storage/store.ts';
import { parseRange } from './range.ts';

export interface StoredFile {
  readonly key: string;
  readonly size: number;
  /** Strong validator of this exact content (e.g. survey id + version). */
  readonly etag: string;
  readonly contentType: string;
  readonly filename: string;
  readonly lastModified?: Date;
}

export async function sendStoredFile(
  req: Request,
  res: Response,
  store: Store,
  file: StoredFile,
): Promise<void> {
  const etag = `"${file.etag}"`;
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'private, max-age=0, must-revalidate');
  res.setHeader(
    'Content-Disposition',
    `inline; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
  );
  if (file.lastModified) res.setHeader('Last-Modified', file.lastModified.toUTCString());
  if (req.headers['if-none-match'] === etag) {
    res.status(304).end();
    return;
  }
  const ifRange = req.headers['if-range'];
  const range = ifRange && ifRange !== etag ? null : parseRange(req.headers.range, file.size);
  if (range === 'unsatisfiable') {
    res.status(416).setHeader('Content-Range', `bytes */${file.size}`);
    res.json({ error: { code: 'range_not_satisfiable', message: `the file has ${file.size} bytes` } });
    return;
  }
  res.type(file.contentType);
  if (range) {
    res.status(206);
    res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
    res.setHeader('Content-Length', String(range.end - range.start + 1));
  } else {
    res.status(200);
    res.setHeader('Content-Length', String(file.size));
  }
  if (req.method === 'HEAD' || file.size === 0) {
    res.end();
    return;
  }
  await pipeline(store.read(file.key, range ?? undefined), res);
}
