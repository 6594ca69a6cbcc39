/**
 * Import endpoints read their body as a raw stream (a 200 MB GeoJSON must not meet the 1 MB JSON
 * parser, nor be parsed whole): the app's `express.json` skips the paths this matches.
 */
import type { Request } from 'express';

const RAW_BODY_PATHS = /^\/(pasture-units|field-plots)\/import\/?$/;

/** True for a request (path relative to the `/api` mount) whose body its route reads itself. */
export const rawBodyRoute = (req: Request): boolean => RAW_BODY_PATHS.test(req.path);
