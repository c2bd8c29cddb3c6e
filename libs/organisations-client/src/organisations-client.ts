import type { Organisation } from './organisation.js';

export interface OrganisationsAccess {
  /** Where the organisation directory listens, e.g. http://127.0.0.1:3007 (ORGANISATIONS_SERVICE_URL). */
  baseUrl: string;
  /** The caller's own access token (client credentials); absent: every lookup is unavailable. */
  accessToken?: () => string | Promise<string>;
  /** One lookup waits at most this long (ms, default 2000). */
  timeoutMs?: number;
  /** How long a known organisation is kept (ms, default 300000): a rename or deactivation shows after at most this. */
  cacheMs?: number;
  /** How long "unknown" is kept (ms, default 10000): a newly registered organisation is found after at most this. */
  unknownCacheMs?: number;
}

/** The directory could not be asked (not configured, no credentials, unreachable, slow, or an answer it cannot read). */
export class OrganisationsUnavailableError extends Error {}

/** Ids per request: the directory's /lookup takes at most this many. */
const BATCH = 100;

/**
 * The one way a service asks the organisation directory (services/organisations) what an organisation id is.
 * Answers are cached per id (known and unknown apart), so a list of a hundred offers costs at most one
 * request and usually none.
 */
export class OrganisationsClient {
  private readonly cache = new Map<string, { organisation: Organisation | null; until: number }>();

  constructor(private readonly access?: OrganisationsAccess) {}

  /**
   * What the directory knows of these ids: a map from id to organisation; an id it does not know is absent.
   * Throws OrganisationsUnavailableError when the directory cannot be asked: callers that decide something
   * (validation) must not guess.
   */
  async lookup(ids: Iterable<string>): Promise<Map<string, Organisation>> {
    const wanted = [...new Set([...ids].filter((id) => typeof id === 'string' && id.length > 0))];
    const now = Date.now();
    const missing = wanted.filter((id) => !((this.cache.get(id)?.until ?? 0) > now));
    for (let i = 0; i < missing.length; i += BATCH) await this.fetchBatch(missing.slice(i, i + BATCH));
    const found = new Map<string, Organisation>();
    for (const id of wanted) {
      const organisation = this.cache.get(id)?.organisation;
      if (organisation) found.set(id, organisation);
    }
    return found;
  }

  /**
   * Names to show next to ids, for answers people read: `{ id: name }` for the ids the directory knows.
   * Never throws: while the directory is unavailable the answer is `{}` and callers show the ids alone.
   */
  async names(ids: Iterable<string | null | undefined>): Promise<Record<string, string>> {
    try {
      const found = await this.lookup([...ids].filter((id): id is string => !!id));
      return Object.fromEntries([...found].map(([id, organisation]) => [id, organisation.name]));
    } catch {
      return {};
    }
  }

  private async fetchBatch(ids: string[]): Promise<void> {
    if (!this.access) throw new OrganisationsUnavailableError('no organisation directory configured (ORGANISATIONS_SERVICE_URL)');
    if (!this.access.accessToken)
      throw new OrganisationsUnavailableError('this service has no client credentials to ask the organisation directory');
    let body: { items?: unknown };
    try {
      const url = new URL('/lookup', this.access.baseUrl);
      url.searchParams.set('ids', ids.join(','));
      const res = await fetch(url, {
        headers: { authorization: `Bearer ${await this.access.accessToken()}`, accept: 'application/json' },
        redirect: 'error',
        signal: AbortSignal.timeout(this.access.timeoutMs ?? 2_000),
      });
      if (res.status !== 200) {
        await res.body?.cancel();
        throw new Error(`it answered ${res.status}`);
      }
      body = (await res.json()) as { items?: unknown };
    } catch (error) {
      throw new OrganisationsUnavailableError(`the organisation directory cannot be asked: ${(error as Error).message}`, { cause: error });
    }
    if (!Array.isArray(body.items) || !body.items.every(isOrganisation)) {
      throw new OrganisationsUnavailableError('the organisation directory gave an answer that cannot be read');
    }
    const now = Date.now();
    const byId = new Map((body.items as Organisation[]).map((o) => [o.id, o]));
    for (const id of ids) {
      const organisation = byId.get(id) ?? null;
      this.cache.set(id, {
        organisation,
        until: now + (organisation ? (this.access.cacheMs ?? 300_000) : (this.access.unknownCacheMs ?? 10_000)),
      });
    }
  }
}

function isOrganisation(value: unknown): value is Organisation {
  const o = value as Partial<Organisation> | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.id === 'string' &&
    typeof o.kind === 'string' &&
    typeof o.name === 'string' &&
    typeof o.active === 'boolean'
  );
}
