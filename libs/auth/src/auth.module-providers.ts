import { Logger, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard, TOKEN_VERIFIER } from './auth.guard.js';
import { TokenVerifier, type OidcSettings } from './token-verifier.js';

/**
 * The global guard and its verifier. Without an issuer configured every non-public route answers 401:
 * a service that forgot its configuration fails closed, never open.
 */
export function authProviders(settings: Partial<OidcSettings>): Provider[] {
  const configured = settings.issuer && settings.audience;
  if (!configured) new Logger('Auth').warn('OIDC_ISSUER/OIDC_AUDIENCE not set: every protected route answers 401');
  return [
    { provide: TOKEN_VERIFIER, useValue: configured ? new TokenVerifier(settings as OidcSettings) : null },
    { provide: APP_GUARD, useClass: AuthGuard },
  ];
}
