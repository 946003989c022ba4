import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { Role } from '@earshot/contracts';
import { API_DOC, type ApiDocMeta } from '../../common/decorators/api-doc.decorator.js';
import { IS_PUBLIC } from '../../common/decorators/public.decorator.js';
import { MIN_ROLE } from '../../common/decorators/require-role.decorator.js';

export interface DiscoveredRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Full path with the global prefix, Express style (`/api/users/:id`). */
  path: string;
  isPublic: boolean;
  minRole: Role | null;
  doc: ApiDocMeta | null;
  handler: string;
}

const join = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');

/** Every route the app serves, read from the controllers' metadata (used by docs and tests). */
export function discoverRoutes(container: ModulesContainer, prefix = 'api'): DiscoveredRoute[] {
  const reflector = new Reflector();
  const routes: DiscoveredRoute[] = [];
  for (const mod of container.values()) {
    for (const wrapper of mod.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const base = (Reflect.getMetadata(PATH_METADATA, type) as string | undefined) ?? '';
      for (const key of Object.getOwnPropertyNames(type.prototype)) {
        const fn = (type.prototype as Record<string, unknown>)[key];
        if (key === 'constructor' || typeof fn !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, fn) as string | undefined;
        if (sub === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as number] as DiscoveredRoute['method'];
        const targets = [fn, type];
        routes.push({
          method,
          path: join(prefix, base, sub),
          isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false,
          minRole: reflector.getAllAndOverride<Role | undefined>(MIN_ROLE, targets) ?? null,
          doc: reflector.get<ApiDocMeta | undefined>(API_DOC, fn as never) ?? null,
          handler: `${type.name}.${key}`,
        });
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
