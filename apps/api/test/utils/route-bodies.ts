import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { ModulesContainer } from '@nestjs/core';
import type { z } from 'zod';
import { ZodValidationPipe } from '../../src/common/pipes/zod-validation.pipe.js';
import { discoverRoutes, type DiscoveredRoute } from '../../src/modules/docs/route-discovery.js';

export interface RouteBody {
  route: DiscoveredRoute;
  key: string;
  /** Whether the handler reads the request body at all (`@Body()` or a raw body). */
  readsBody: boolean;
  /** The zod schema the body is validated with (from the body's ZodValidationPipe), or null. */
  schema: z.ZodType | null;
}

interface ArgMeta {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

/**
 * Every served route with what its handler does with the request body, read from Nest's
 * parameter metadata: which `@Body()` it takes and the contracts schema its pipe enforces.
 * A route that reads the body without a ZodValidationPipe has `schema: null`.
 */
export function discoverRouteBodies(container: ModulesContainer): RouteBody[] {
  const handlers = new Map<string, { type: new (...args: never[]) => unknown; key: string }>();
  for (const mod of container.values()) {
    for (const wrapper of mod.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      for (const key of Object.getOwnPropertyNames(type.prototype)) handlers.set(`${type.name}.${key}`, { type, key });
    }
  }
  return discoverRoutes(container).map((route) => {
    const h = handlers.get(route.handler);
    const args = (h ? (Reflect.getMetadata(ROUTE_ARGS_METADATA, h.type, h.key) as Record<string, ArgMeta> | undefined) : undefined) ?? {};
    const bodyArgs = Object.entries(args)
      .filter(([k]) => {
        const kind = Number(k.split(':')[0]);
        return kind === RouteParamtypes.BODY || kind === RouteParamtypes.RAW_BODY;
      })
      .map(([, v]) => v);
    const pipe = bodyArgs.flatMap((a) => a.pipes ?? []).find((p): p is ZodValidationPipe<z.ZodType> => p instanceof ZodValidationPipe);
    // Only a whole-body `@Body(pipe)` counts: `@Body('field')` would let the rest of the body through unchecked.
    const wholeBody = bodyArgs.length === 1 && bodyArgs[0]!.data === undefined;
    const schema = pipe && wholeBody ? ((pipe as unknown as { schema: z.ZodType }).schema ?? null) : null;
    return { route, key: `${route.method} ${route.path}`, readsBody: bodyArgs.length > 0, schema };
  });
}

type Def = { type: string; shape?: Record<string, z.ZodType>; catchall?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The object schema under optional/nullable/default/pipe wrappers, or null. */
export function objectSchemaOf(s: z.ZodType): { shape: Record<string, z.ZodType>; strict: boolean } | null {
  let d = defOf(s);
  for (let i = 0; i < 10; i++) {
    if (d.type === 'object') return { shape: d.shape ?? {}, strict: d.catchall ? defOf(d.catchall).type === 'never' : false };
    const next = d.innerType ?? d.in;
    if (!next) return null;
    d = defOf(next);
  }
  return null;
}

/**
 * Paths (from the top) of the objects inside `body` whose schema is a strict object:
 * the places an attacker can add keys. `[]` is the body itself.
 */
export function strictObjectPaths(schema: z.ZodType, body: unknown, at: string[] = []): Array<{ path: string[]; known: string[] }> {
  const obj = objectSchemaOf(schema);
  if (!obj || !obj.strict || typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  const out = [{ path: at, known: Object.keys(obj.shape) }];
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const child = obj.shape[k];
    if (child) out.push(...strictObjectPaths(child, v, [...at, k]));
  }
  return out;
}
