import { timingSafeEqual } from 'node:crypto';
import { errors, type Provider, type ResourceServer } from 'oidc-provider';
import type { DemoUser } from './demo-directory.js';
import type { LoginThrottle } from './login-throttle.js';

/**
 * Resource-owner password grant, for the development provider only: lets tests and scripts log a demo
 * user in without a browser. OAuth 2.1 drops this grant; the portal will use code flow + PKCE, and a
 * production provider (Keycloak, Entra ID) never offers it. Wrong passwords count in `throttle` as on the
 * login form; past its limit the answer is 429 `too_many_requests` with Retry-After (seconds).
 */
export function registerPasswordGrant(
  provider: Provider,
  users: DemoUser[],
  password: string,
  resource: string,
  resourceInfo: ResourceServer,
  throttle: LoginThrottle,
): void {
  provider.registerGrantType(
    'password',
    async (ctx) => {
      const { username = '', password: given } = ctx.oidc.params as { username?: string; password?: string };
      const address = ctx.req.socket.remoteAddress ?? '';
      const wait = await throttle.retryAfterSeconds(username, address);
      if (wait > 0) {
        ctx.status = 429;
        ctx.set('retry-after', String(wait));
        ctx.body = { error: 'too_many_requests', error_description: `too many failed logins; retry after ${wait} s` };
        return;
      }
      const account = users.find((u) => u.username === username);
      if (!account || !given || !same(given, password)) {
        await throttle.failed(username, address);
        throw new errors.InvalidGrant('wrong username or password');
      }
      await throttle.succeeded(username);
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
