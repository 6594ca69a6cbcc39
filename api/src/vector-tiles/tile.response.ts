/**
 * Writing a vector tile on node's response, shared by the express route and the light path: ETag and
 * Cache-Control on every answer, 304 when If-None-Match names the ETag, 204 for a tile without
 * features, else 200 with the MVT bytes. Reference: SPEC §3; RFC 9110 §13.1.2 (If-None-Match).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VectorTile } from './vector.tiles.service.ts';

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';

/** Whether an If-None-Match header names `etag` (weak comparison, RFC 9110 §13.1.2). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

export function sendTile(req: IncomingMessage, res: ServerResponse, tile: VectorTile): void {
  res.setHeader('Cache-Control', tile.cacheControl);
  res.setHeader('Vary', 'Authorization, Cookie');
  res.setHeader('ETag', tile.etag);
  if (matchesEtag(req.headers['if-none-match'], tile.etag)) {
    res.statusCode = 304;
    res.end();
  } else if (tile.bytes.length === 0) {
    res.statusCode = 204;
    res.end();
  } else {
    res.statusCode = 200;
    res.setHeader('Content-Type', MVT_CONTENT_TYPE);
    res.setHeader('Content-Length', tile.bytes.length);
    res.end(tile.bytes);
  }
}
