import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type Provider from 'oidc-provider';
import type { DemoUser } from './demo-directory.js';
import { loginPage, PAGE_CSP } from './login-page.js';
import type { LoginThrottle } from './login-throttle.js';

/** Clients of the platform itself: the user is not asked to consent to them (the organisation did). */
export const FIRST_PARTY_CLIENTS = new Set(['estafette-portal']);
const CLIENT_NAMES: Record<string, string> = { 'estafette-portal': 'het Estafette-portaal' };
const WRONG = 'Onbekende gebruikersnaam of verkeerd wachtwoord. Controleer beide en probeer het opnieuw.';

/**
 * The login step of the authorization code flow (oidc-provider's interactions): GET shows the form,
 * POST checks the demo password and finishes the interaction, after which the provider redirects the
 * browser back to the client with its code. Too many wrong passwords for a username or from an address
 * (`throttle`) answer 429 with Retry-After (seconds) and the form, without checking the password.
 */
export function interactionHandler(provider: Provider, users: DemoUser[], password: string, throttle: LoginThrottle) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    res.setHeader('content-security-policy', PAGE_CSP);
    res.setHeader('cache-control', 'no-store');
    let details: Awaited<ReturnType<Provider['interactionDetails']>>;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      return html(res, 400, loginError());
    }
    const clientId = String(details.params.client_id ?? '');
    const action = `/interaction/${details.uid}`;
    const clientName = CLIENT_NAMES[clientId] ?? clientId;

    if (details.prompt.name === 'consent') {
      // Only first-party clients reach the provider interactively; anything else is refused, not asked.
      if (!FIRST_PARTY_CLIENTS.has(clientId))
        return void (await provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'consent required' },
          { mergeWithLastSubmission: false },
        ));
      const grant = new provider.Grant({ accountId: details.session!.accountId, clientId });
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
        grant.addResourceScope(resource, scopes.join(' '));
      return void (await provider.interactionFinished(
        req,
        res,
        { consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: true },
      ));
    }

    if (req.method === 'GET') return html(res, 200, loginPage({ action, clientName }));
    if (req.method !== 'POST') return html(res, 405, loginPage({ action, clientName }));
    const form = new URLSearchParams(await readBody(req));
    const username = (form.get('username') ?? '').trim();
    const address = req.socket.remoteAddress ?? '';
    const wait = await throttle.retryAfterSeconds(username, address);
    if (wait > 0) {
      res.setHeader('retry-after', String(wait));
      return html(res, 429, loginPage({ action, clientName, username, error: tooMany(wait) }));
    }
    const user = users.find((u) => u.username === username);
    if (!user || !same(form.get('password') ?? '', password)) {
      await throttle.failed(username, address);
      return html(res, 401, loginPage({ action, clientName, username, error: WRONG }));
    }
    await throttle.succeeded(username);
    await provider.interactionFinished(req, res, { login: { accountId: user.subject } }, { mergeWithLastSubmission: false });
  };
}

function tooMany(seconds: number): string {
  return `Te veel mislukte inlogpogingen. Probeer het over ${Math.ceil(seconds / 60)} minuten opnieuw.`;
}

function loginError(): string {
  return loginPage({
    action: '#',
    clientName: 'Estafette',
    error: 'Deze inlogpoging is verlopen. Ga terug naar het portaal en begin opnieuw.',
  });
}

function html(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(body);
}

async function readBody(req: http.IncomingMessage, limit = 10_000): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > limit) break;
  }
  return body;
}

export function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
