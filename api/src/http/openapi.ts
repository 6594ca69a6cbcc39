/**
 * The OpenAPI 3.0 document of the whole API, built from the route definitions themselves
 * (`route.ts`), with zod's JSON Schema output in its OpenAPI 3.0 dialect.
 */
import { z } from 'zod';
import { defineRoute, type RouteDef } from './route.ts';

type JsonObject = Record<string, unknown>;

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
};

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (malformed JSON, wrong types, unknown fields)',
  401: 'Not signed in',
  403: 'Not allowed for this role',
  404: 'Not found, or not visible to the caller',
  409: 'Conflict with the current state',
  412: 'Precondition failed (stale If-Match)',
  413: 'Body too large',
  422: 'Unsupported input',
  428: 'Precondition required (If-Match missing)',
  429: 'Too many requests',
  500: 'Internal error',
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const out = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as JsonObject;
  delete out.$schema;
  return out;
}

/** `/api/users/:id` → `/api/users/{id}` */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(def: RouteDef): JsonObject[] {
  const out: JsonObject[] = [];
  for (const [where, schema] of [
    ['path', def.spec.params],
    ['query', def.spec.query],
  ] as const) {
    if (!schema) continue;
    const js = jsonSchema(schema, 'input');
    const props = (js.properties ?? {}) as Record<string, JsonObject>;
    const required = new Set((js.required ?? []) as string[]);
    for (const [name, s] of Object.entries(props)) {
      const { description, ...rest } = s;
      out.push({
        name,
        in: where,
        required: where === 'path' || required.has(name),
        schema: rest,
        ...(description ? { description } : {}),
      });
    }
  }
  return out;
}

/** Routes served by other handlers than `mountRoutes` (e.g. the tus server), described by hand. */
export type ExtraPaths = Record<string, Record<string, JsonObject>>;

export function openApiDocument(
  routes: readonly RouteDef[],
  info: { version: string },
  extra: ExtraPaths = {},
): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = structuredClone(extra);
  for (const def of routes) {
    const { spec } = def;
    const p = openApiPath(spec.path);
    const responses: Record<string, JsonObject> = {};
    const ok: JsonObject = { description: spec.response.description };
    if (spec.response.schema)
      ok.content = { 'application/json': { schema: jsonSchema(spec.response.schema, 'output') } };
    else if (spec.response.contentType)
      ok.content = { [spec.response.contentType]: { schema: { type: 'string' } } };
    responses[String(spec.response.status)] = ok;
    const errorStatuses = new Set([
      400,
      500,
      ...(spec.access === 'public' ? [] : [401]),
      ...(spec.errors ?? []),
    ]);
    if (Array.isArray(spec.access)) errorStatuses.add(403);
    for (const status of [...errorStatuses].sort()) {
      responses[String(status)] = {
        description: ERROR_DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    const op: JsonObject = {
      operationId: `${spec.method}${p.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: spec.summary,
      tags: [...spec.tags],
      parameters: parameters(def),
      responses,
    };
    if (spec.body)
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } },
      };
    else if (spec.rawBody)
      op.requestBody = {
        required: true,
        description: spec.rawBody.description,
        content: Object.fromEntries(
          spec.rawBody.contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
        ),
      };
    if (spec.access === 'public') op.security = [];
    else if (Array.isArray(spec.access)) op['x-roles'] = [...spec.access];
    paths[p] ??= {};
    paths[p][spec.method] = op;
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Belcheer API',
      version: info.version,
      description:
        'Drone surveys of pasture and cropland in Mongolia: ingest, tiles, analysis and land-use planning.',
      license: { name: 'AGPL-3.0-or-later' },
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A token from POST /api/auth/login, or an API key',
        },
        cookie: { type: 'apiKey', in: 'cookie', name: 'belcheer_session' },
      },
    },
  };
}

/** GET /api/openapi.json, itself part of the document it serves. */
export function openApiRoute(document: () => JsonObject): RouteDef {
  return defineRoute(
    {
      method: 'get',
      path: '/api/openapi.json',
      summary: 'This OpenAPI 3.0 document (browsable at /api/docs)',
      tags: ['system'],
      access: 'public',
      response: { status: 200, description: 'The OpenAPI document', contentType: 'application/json' },
    },
    async () => document(),
  );
}
