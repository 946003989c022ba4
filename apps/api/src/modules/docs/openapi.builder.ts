import { z } from 'zod';
import { ApiErrorSchema } from '@earshot/contracts';
import type { DiscoveredRoute } from './route-discovery.js';

type Json = Record<string, unknown>;

const schemaOf = (s: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
  return rest;
};

/** OpenAPI 3.1 from the discovered routes and the contracts schemas they validate with. */
export function buildOpenApiDocument(routes: DiscoveredRoute[], version: string): Json {
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const oaPath = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const params = [...r.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const ok = String(r.doc?.status ?? 200);
    const responses: Json = {
      [ok]: r.doc?.response
        ? { description: 'Success', content: { 'application/json': { schema: schemaOf(r.doc.response, 'output') } } }
        : { description: 'Success' },
      ...(r.doc?.body || params.length
        ? {
            '400': {
              description: 'Invalid request: `issues` lists each bad field',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
            },
          }
        : {}),
      ...(r.isPublic ? {} : { '401': { description: 'Not signed in' } }),
      ...(r.minRole ? { '403': { description: `Needs the ${r.minRole} role or higher` } } : {}),
    };
    const op: Json = {
      operationId: r.handler,
      summary: r.doc?.summary ?? r.handler,
      tags: [r.doc?.tag ?? 'other'],
      ...(params.length ? { parameters: params } : {}),
      ...(r.doc?.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(r.doc.body, 'input') } } } } : {}),
      responses,
      security: r.isPublic ? [] : [{ session: [] }],
      ...(r.minRole ? { 'x-earshot-min-role': r.minRole } : {}),
    };
    paths[oaPath] = { ...(paths[oaPath] ?? {}), [r.method.toLowerCase()]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Earshot API',
      version,
      description:
        'Self-hosted social listening and response desk. Every route but sign-in, health and these docs needs the `earshot_session` cookie (or `Authorization: Bearer <token>`).',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'earshot_session' } },
      schemas: { ApiError: schemaOf(ApiErrorSchema, 'output') },
    },
  };
}
