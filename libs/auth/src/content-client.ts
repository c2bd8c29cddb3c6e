import { actingUserHeader, ACTING_USER_HEADER } from './acting-user.js';
import type { ContentOwner, OrganisationDirectory } from './organisation-directory.js';
import type { Principal } from './principal.js';

/** A resource path: absolute, plain segments only (no `..`, no `//`, no query): it can only name a resource on the origin. */
const RESOURCE_PATH = /^(\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+$/;

/** The content cannot be fetched: the directory does not know the owner, or this service has no credentials. */
export class ContentUnavailableError extends Error {}

export interface ContentClientOptions {
  directory: OrganisationDirectory;
  /** This service's own access token (clientCredentialsToken); undefined without credentials: every fetch is refused. */
  serviceToken?: () => Promise<string>;
}

/**
 * The one way a service reads another organisation's content for a user: the URL is the directory's origin
 * for the owner plus a resource path (never a URL from an event), the bearer token is this service's own
 * (role `service`), and the verified user goes along in ACTING_USER_HEADER, so the owner decides and logs
 * for them. The user's own token never leaves this service.
 */
export class ContentClient {
  constructor(private readonly options: ContentClientOptions) {}

  /** GET `path` at the owner's origin for `user`; the Response as it comes. Throws ContentUnavailableError, or fetch's own errors (TimeoutError). */
  async get(owner: ContentOwner, path: string, user: Principal, timeoutMs: number): Promise<Response> {
    const origin = this.options.directory.originOf(owner);
    if (!origin) throw new ContentUnavailableError(`no origin configured for ${owner.id}`);
    if (!RESOURCE_PATH.test(path) || path.split('/').some((s) => s === '.' || s === '..'))
      throw new ContentUnavailableError(`not a resource path: ${path}`);
    if (!this.options.serviceToken) throw new ContentUnavailableError('this service has no client credentials to read content with');
    const token = await this.options.serviceToken();
    return fetch(`${origin}${path}`, {
      headers: { authorization: `Bearer ${token}`, [ACTING_USER_HEADER]: actingUserHeader(user), accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  }
}
