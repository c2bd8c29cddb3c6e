import { timingSafeEqual } from 'node:crypto';
import { errors, type Provider, type ResourceServer } from 'oidc-provider';
import type { DemoUser } from './demo-directory.js';

/**
 * Resource-owner password grant, for the development provider only: lets tests and scripts log a demo
 * user in without a browser. OAuth 2.1 drops this grant; the portal will use code flow + PKCE, and a
 * production provider (Keycloak, Entra ID) never offers it.
 */
export function registerPasswordGrant(provider: Provider, users: DemoUser[], password: string, resource: string, resourceInfo: ResourceServer): void {
  provider.registerGrantType(
    'password',
    async (ctx) => {
      const { username, password: given } = ctx.oidc.params as { username?: string; password?: string };
      const account = users.find((u) => u.username === username);
      if (!account || !given || !same(given, password)) throw new errors.InvalidGrant('wrong username or password');
      const grant = new provider.Grant({ accountId: account.subject, clientId: ctx.oidc.client!.clientId });
      grant.addResourceScope(resource, 'api');
      const token = new provider.AccessToken({
        grantId: await grant.save(),
        accountId: account.subject,
        client: ctx.oidc.client!,
        gty: 'password',
        scope: 'api',
      });
      token.resourceServer = new provider.ResourceServer(resource, resourceInfo);
      ctx.body = { access_token: await token.save(), expires_in: token.expiration, token_type: token.tokenType, scope: token.scope };
    },
    ['username', 'password', 'scope'],
  );
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
