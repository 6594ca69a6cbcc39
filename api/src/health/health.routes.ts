/**
 * GET /api/health: `{"status":"ok","database":"pglite"|"postgres","postgis":"3.x…"}` (SPEC §3).
 * Answers 503 with status "error" when the database does not answer.
 */
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { queryOne } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';

export function healthRoutes(db: Db): RouteDef[] {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/api/health',
        summary: 'Liveness and readiness: the database backend and its PostGIS version',
        tags: ['system'],
        access: 'public',
        response: {
          status: 200,
          description: 'Healthy',
          schema: z.object({
            status: z.literal('ok'),
            database: z.enum(['pglite', 'postgres']),
            postgis: z.string(),
          }),
        },
        errors: [503],
      },
      async ({ res }) => {
        res.setHeader('Cache-Control', 'no-store');
        try {
          const row = await queryOne<{ v: string }>(db, 'SELECT postgis_lib_version() AS v');
          return { status: 'ok', database: db.kind, postgis: row?.v ?? 'unknown' };
        } catch {
          res.status(503).json({
            status: 'error',
            database: db.kind,
            error: { code: 'database_unavailable', message: 'the database does not answer' },
          });
          return undefined;
        }
      },
    ),
  ];
}
