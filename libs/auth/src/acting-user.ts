import { BadRequestException, createParamDecorator, ForbiddenException, type ExecutionContext } from '@nestjs/common';
import { CLAIMS, type Principal } from './principal.js';
import { InvalidTokenError, principalFrom } from './token-verifier.js';

/** The header in which a service names the user it reads for (base64url JSON with the token claim names). */
export const ACTING_USER_HEADER = 'x-estafette-acting-user';

/** Encodes a verified user for ACTING_USER_HEADER: subject, role, organisation type and id; nothing else. */
export function actingUserHeader(user: Principal): string {
  const claims = {
    sub: user.subject,
    [CLAIMS.role]: user.role,
    [CLAIMS.organisationType]: user.organisationType,
    ...(user.organisationId ? { [CLAIMS.organisationId]: user.organisationId } : {}),
  };
  return Buffer.from(JSON.stringify(claims)).toString('base64url');
}

/**
 * Who a request reads for. A person's own token: themself (any ACTING_USER_HEADER is ignored). A `service`
 * token (client credentials, verified by the guard): the user its service verified and names in the header,
 * trusted only when that user is a person of the organisation kind the service hosts (an RMC service speaks
 * for RMC staff, never for a school or another service): 403 with the reason otherwise; a missing or malformed
 * header is a 400 naming the header.
 */
export function actingUserOf(caller: Principal, header: string | undefined): Principal {
  if (caller.role !== 'service') return caller;
  if (!header) throw headerError('a service token reads only for a user: name them in this header');
  let user: Principal;
  try {
    const claims = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof claims.sub !== 'string' || claims.sub === '') throw new InvalidTokenError('no subject');
    user = principalFrom(claims);
  } catch {
    throw headerError('not a base64url JSON object with sub, role, organisation_type and organisation_id that fit together');
  }
  if (user.role === 'service' || user.role === 'jongere' || !user.organisationId || user.organisationType !== caller.organisationType) {
    throw new ForbiddenException({
      statusCode: 403,
      error: 'Forbidden',
      message: `a ${caller.organisationType} service cannot act for this user`,
      reason: 'acting-user-not-of-service',
    });
  }
  return user;
}

function headerError(reason: string) {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: 'Validation failed',
    errors: [{ field: ACTING_USER_HEADER, reason }],
  });
}

/** The route's reader: the caller, or for a service token the user it acts for (see actingUserOf). */
export const ActingUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<{ principal?: Principal; headers: Record<string, string | undefined> }>();
  if (!request.principal) throw new Error('@ActingUser() on a route without an authenticated caller (is it @Public?)');
  return actingUserOf(request.principal, request.headers[ACTING_USER_HEADER]);
});
