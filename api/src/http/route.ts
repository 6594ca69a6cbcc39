/**
 * Typed route definitions. Each route declares its path, access rule and zod schemas for params,
 * query, body and response; `mountRoutes` validates every request against them before the handler runs
 * (unknown fields are refused by strict object schemas), and `openApiDocument` describes the very same
 * definitions, so the documentation cannot drift from what the server accepts.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { ValidationError } from '@belcheer/processing';
import type { Caller, Role } from '../auth/caller.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route: anyone, any signed-in user, or users with one of the roles. */
export type Access = 'public' | 'user' | readonly Role[];

export interface ResponseSpec {
  readonly status: number;
  readonly description: string;
  /** JSON body schema; absent for empty bodies or non-JSON content. */
  readonly schema?: z.ZodType;
  /** Non-JSON content type (e.g. "text/html"). */
  readonly contentType?: string;
}

export interface RouteSpec<P, Q, B> {
  readonly method: Method;
  /** Express-style path: `/api/users/:id`. */
  readonly path: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly access: Access;
  readonly params?: z.ZodType<P>;
  readonly query?: z.ZodType<Q>;
  readonly body?: z.ZodType<B>;
  /** A body the handler reads itself as a stream (a file): its media types, for the OpenAPI document. */
  readonly rawBody?: { readonly contentTypes: readonly string[]; readonly description: string };
  readonly response: ResponseSpec;
  /** Error statuses this route may answer with, besides 400/401/500. */
  readonly errors?: readonly number[];
}

export interface RouteContext<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** Present whenever `access` is not 'public' (and on public routes when a credential was sent). */
  readonly caller: Caller | null;
  readonly req: Request;
  readonly res: Response;
}

/** What a handler returns: a JSON body (sent with the spec's status) or `undefined` when it answered itself. */
export type RouteHandler<P, Q, B> = (ctx: RouteContext<P, Q, B>) => Promise<unknown>;

export interface RouteDef {
  readonly spec: RouteSpec<unknown, unknown, unknown>;
  readonly handler: RouteHandler<unknown, unknown, unknown>;
}

export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  spec: RouteSpec<P, Q, B>,
  handler: RouteHandler<P, Q, B>,
): RouteDef {
  return { spec, handler } as unknown as RouteDef;
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return (where === 'body' ? undefined : {}) as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({
    in: where,
    path: i.path.join('.'),
    message: i.message,
  }));
  const first = details[0];
  const at = first && first.path ? `${where}.${first.path}` : where;
  throw new ValidationError(`${at}: ${first?.message ?? 'invalid'}`, details);
}

/** Resolves the caller of a request and enforces a route's access rule. */
export type Authenticate = (req: Request, access: Access) => Promise<Caller | null>;

export function mountRoutes(router: Router, routes: readonly RouteDef[], authenticate: Authenticate): void {
  for (const { spec, handler } of routes) {
    const run: RequestHandler = async (req, res) => {
      const caller = await authenticate(req, spec.access);
      const params = parse(spec.params, req.params, 'path');
      const query = parse(spec.query, req.query, 'query');
      if (spec.body && req.body === undefined) {
        throw new ValidationError('body: a JSON body with Content-Type: application/json is required');
      }
      const body = parse(spec.body, req.body, 'body');
      const result = await handler({ params, query, body, caller, req, res });
      if (result === undefined) {
        if (!res.headersSent) res.status(spec.response.status).end();
        return;
      }
      res.status(spec.response.status).json(result);
    };
    router[spec.method](spec.path, run);
  }
}
