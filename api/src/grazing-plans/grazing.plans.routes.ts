/**
 * /api/grazing-plans (SPEC §3): a plan is one JSON document (header, herder groups, assignments)
 * created by POST and replaced as a whole by PUT with If-Match (stale → 412); `GET …/{id}` adds the
 * per-unit utilisation and totals; `POST …/{id}/submit` and `…/approve` move it on (approved plans are
 * read-only → 409); `report.csv` and `report.pdf` (`?lang=mn|en`). Also the organisation's signing
 * certificate, `PUT /api/organisations/{id}/signing-certificate`.
 */
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { Response } from 'express';
import type { Db } from '../db/db.ts';
import type { Store } from '../storage/store.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { requireCaller } from '../auth/caller.ts';
import {
  planBody,
  planListQuery,
  planSchema,
  planSummarySchema,
  reportQuery,
  type Plan,
} from './grazing.plans.schemas.ts';
import { createGrazingPlanService, planEtag } from './grazing.plans.service.ts';
import { planCsv } from './report.csv.ts';
import { renderPlanPdf } from './report.pdf.ts';
import { signingCertificateRoutes } from './signing.certificate.routes.ts';

const idParams = z.strictObject({ id: z.uuid('the grazing plan id must be a UUID') });
const WRITERS = ['admin', 'land_officer', 'agronomist'] as const;

export interface GrazingPlanRoutesDeps {
  readonly db: Db;
  readonly store: Store;
  readonly secretKey: Uint8Array | null;
}

function withEtag(res: Response, plan: Plan): Plan {
  res.setHeader('ETag', planEtag(plan));
  return plan;
}

function ifMatch(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header.join(',') : header;
}

function attachment(res: Response, plan: Plan, ext: string, contentType: string): void {
  const filename = `${plan.name}.${ext}`;
  res.setHeader('Content-Type', contentType);
  res.setHeader(
    'Content-Disposition',
    `inline; filename="${filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
  );
}

export function grazingPlanRoutes({ db, store, secretKey }: GrazingPlanRoutesDeps): RouteDef[] {
  const plans = createGrazingPlanService(db, store, secretKey);
  const one = (method: 'get' | 'put' | 'delete', summary: string, extra: object = {}) => ({
    method,
    path: '/api/grazing-plans/:id',
    summary,
    tags: ['grazing plans'],
    params: idParams,
    ...extra,
  });
  const transition = (step: 'submit' | 'approve', summary: string, errors: number[]) =>
    defineRoute(
      {
        method: 'post',
        path: `/api/grazing-plans/:id/${step}`,
        summary,
        tags: ['grazing plans'],
        access: WRITERS,
        params: idParams,
        response: { status: 200, description: 'The plan', schema: planSchema },
        errors,
      },
      async ({ caller, params, req, res }) =>
        withEtag(res, await plans[step](requireCaller(caller), params.id, ifMatch(req.headers['if-match']))),
    );
  return [
    defineRoute(
      {
        method: 'get',
        path: '/api/grazing-plans',
        summary:
          'Grazing plans the caller may read (own organisation; submitted plans of the aimag it reviews)',
        tags: ['grazing plans'],
        access: 'user',
        query: planListQuery,
        response: {
          status: 200,
          description: 'Plans',
          schema: z.object({ plans: z.array(planSummarySchema) }),
        },
      },
      async ({ caller, query }) => ({
        plans: (await plans.list(requireCaller(caller), query)).map((p) => ({
          id: p.id,
          name: p.name,
          soum: p.soum,
          season: p.season,
          year: p.year,
          status: p.status,
          version: p.version,
          updatedAt: p.updatedAt,
        })),
      }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/grazing-plans',
        summary: 'Create a plan (draft) with its herder groups and assignments',
        tags: ['grazing plans'],
        access: WRITERS,
        body: planBody,
        response: { status: 201, description: 'Created', schema: planSchema },
        errors: [403],
      },
      async ({ caller, body, res }) => withEtag(res, await plans.create(requireCaller(caller), body)),
    ),
    defineRoute(
      {
        ...one('get', 'One plan with per-unit capacity, demand, utilisation %, band and totals (ETag)'),
        access: 'user',
        response: { status: 200, description: 'The plan', schema: planSchema },
        errors: [404],
      },
      async ({ caller, params, res }) => withEtag(res, await plans.get(requireCaller(caller), params.id)),
    ),
    defineRoute(
      {
        ...one('put', 'Replace a plan’s document (If-Match); a submitted plan returns to draft'),
        access: WRITERS,
        body: planBody,
        response: { status: 200, description: 'The plan', schema: planSchema },
        errors: [403, 404, 409, 412],
      },
      async ({ caller, params, body, req, res }) =>
        withEtag(
          res,
          await plans.replace(requireCaller(caller), params.id, body, ifMatch(req.headers['if-match'])),
        ),
    ),
    defineRoute(
      {
        ...one('delete', 'Delete a plan that is not approved (If-Match)'),
        access: WRITERS,
        response: { status: 204, description: 'Deleted' },
        errors: [403, 404, 409, 412],
      },
      async ({ caller, params, req }) => {
        await plans.remove(requireCaller(caller), params.id, ifMatch(req.headers['if-match']));
        return undefined;
      },
    ),
    transition('submit', 'Submit a draft plan for approval (If-Match)', [403, 404, 409, 412]),
    transition(
      'approve',
      'Approve a submitted plan (a land officer or admin of the soum’s aimag); signs and stores its report',
      [403, 404, 409, 412],
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/grazing-plans/:id/report.csv',
        summary: 'The plan as CSV (UTF-8 with BOM): one row per pasture unit, then totals',
        tags: ['grazing plans'],
        access: 'user',
        params: idParams,
        query: reportQuery,
        response: { status: 200, description: 'CSV', contentType: 'text/csv; charset=utf-8' },
        errors: [404],
      },
      async ({ caller, params, query, res }) => {
        const { plan } = await plans.report(requireCaller(caller), params.id, query.lang);
        attachment(res, plan, 'csv', 'text/csv; charset=utf-8');
        res.status(200).send(planCsv(plan, query.lang));
        return undefined;
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/grazing-plans/:id/report.pdf',
        summary:
          'The plan’s report (A4 PDF, map, table, totals); an approved plan’s is the signed PAdES file',
        tags: ['grazing plans'],
        access: 'user',
        params: idParams,
        query: reportQuery,
        response: { status: 200, description: 'PDF', contentType: 'application/pdf' },
        errors: [404],
      },
      async ({ caller, params, query, res }) => {
        const report = await plans.report(requireCaller(caller), params.id, query.lang);
        attachment(res, report.plan, 'pdf', 'application/pdf');
        if (report.signedKey) {
          const size = await store.size(report.signedKey);
          if (size !== null) res.setHeader('Content-Length', String(size));
          res.status(200);
          await pipeline(store.read(report.signedKey), res);
          return undefined;
        }
        res.status(200).send(await renderPlanPdf(report.plan, report.units, query.lang));
        return undefined;
      },
    ),
    ...signingCertificateRoutes(db, secretKey),
  ];
}
