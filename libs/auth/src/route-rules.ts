import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from './decorators.js';
import type { Role } from './principal.js';

export interface RouteRule {
  method: string;
  path: string;
  controller: string;
  handler: string;
  public: boolean;
  roles: Role[];
}

/**
 * Every route Nest registered, with the access rule the guard will apply. A role-matrix test walks this
 * list, so a new endpoint without @Roles or @Public is found without anyone remembering to add it.
 */
export function routeRules(app: INestApplication): RouteRule[] {
  const rules: RouteRule[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = normalise(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        for (const sub of [Reflect.getMetadata(PATH_METADATA, handler)].flat()) {
          rules.push({
            method: RequestMethod[method],
            path: `/${[base, normalise(sub)].filter(Boolean).join('/')}`,
            controller: controller.name,
            handler: name,
            public: Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller) ?? false,
            roles: Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, controller) ?? [],
          });
        }
      }
    }
  }
  return rules;
}

/** Routes the guard would refuse to everyone: neither public nor admitting any role. */
export function unguardedRoutes(app: INestApplication): RouteRule[] {
  return routeRules(app).filter((r) => !r.public && r.roles.length === 0);
}

function normalise(path: unknown): string {
  return typeof path === 'string' ? path.replace(/^\/+|\/+$/g, '') : '';
}
