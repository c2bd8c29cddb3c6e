// Talking to a running platform as its users do: tokens from the identity provider (client credentials for
// school systems, the password grant for demo people), then the services' HTTP APIs.

export type ServiceName = 'identity' | 'school' | 'rmc' | 'werk-inkomen' | 'zorg' | 'consent' | 'monitor' | 'organisations';
export type Endpoints = Record<ServiceName, string>;

/** Who acts: a school system (client credentials) or a demo login (password grant). */
export type Actor =
  'school-25xy' | 'school-31qq' | 'consulent@mc21' | 'coordinator@mc21' | 'consulent@gm0363' | 'consulent@agb12345678' | 'ops@platform';

export interface Credentials {
  clientSecrets: Record<string, string>;
  demoPassword: string;
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

export class PlatformClient {
  private readonly tokens = new Map<Actor, { token: string; renewAt: number }>();

  constructor(
    readonly endpoints: Endpoints,
    private readonly credentials: Credentials,
  ) {}

  private async token(actor: Actor): Promise<string> {
    const cached = this.tokens.get(actor);
    if (cached && cached.renewAt > Date.now()) return cached.token;
    const form = new URLSearchParams();
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (actor.startsWith('school-')) {
      form.set('grant_type', 'client_credentials');
      headers.authorization = `Basic ${Buffer.from(`${actor}:${this.credentials.clientSecrets[actor]}`).toString('base64')}`;
    } else {
      form.set('grant_type', 'password');
      form.set('client_id', 'estafette-dev-cli');
      form.set('username', actor);
      form.set('password', this.credentials.demoPassword);
    }
    const res = await fetch(`${this.endpoints.identity}/token`, { method: 'POST', headers, body: form });
    if (!res.ok) throw new Error(`no token for ${actor}: ${res.status} ${await res.text()}`);
    const { access_token, expires_in } = (await res.json()) as { access_token: string; expires_in: number };
    // Renewed well before it runs out: a long demo outlives a token.
    this.tokens.set(actor, { token: access_token, renewAt: Date.now() + Math.max(30, expires_in * 0.7) * 1000 });
    return access_token;
  }

  /** One request; retried after a 429 (its retry-after) or a connection error, answered otherwise as it came. */
  async call<T = unknown>(
    service: ServiceName,
    actor: Actor,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<Answer<T>> {
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await fetch(`${this.endpoints[service]}${path}`, {
          method,
          headers: { authorization: `Bearer ${await this.token(actor)}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
          body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
          signal: AbortSignal.timeout(120_000),
        });
        if (res.status === 429 && attempt < 20) {
          await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 2)));
          continue;
        }
        const text = await res.text();
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          // NDJSON or plain text: the caller reads it
        }
        return { status: res.status, body: parsed as T };
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
  }
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function inPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}
