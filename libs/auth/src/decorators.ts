import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from './principal.js';

export const ROLES_KEY = 'estafette:roles';
export const PUBLIC_KEY = 'estafette:public';

/** The roles a route admits; a route without it (and without @Public) is refused for everyone. */
export const Roles = (...roles: [Role, ...Role[]]) => SetMetadata(ROLES_KEY, roles);

/** Only for what must answer without a token: /health for the platform's probes. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The validated caller, as the guard put it on the request. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  if (!principal) throw new Error('@CurrentUser() on a route without an authenticated caller (is it @Public?)');
  return principal;
});
