import type { OrganisationType } from './principal.js';

/** The organisation that owns some content: its kind and its id (brin:25XY, rmc:MC21, ...). */
export interface ContentOwner {
  organisationType: OrganisationType | string;
  id: string;
}

/**
 * Which origin serves which organisation's content. Keys are an organisation id (`brin:25XY`) for one
 * organisation, or an organisation type (`school`) for every organisation of that kind that has no key of
 * its own. Values are origins (`https://school.example.nl`); paths are not allowed.
 */
export type DirectoryEntries = Record<string, string>;

/** Why an event's dataref is refused: it names a host the directory does not give its organisation. */
export type DatarefCheck = { ok: true; path: string } | { ok: false; reason: string };

/**
 * The one answer to "where does this organisation's content live": configuration, never a URL taken from
 * an event. A consumer checks an event's dataref against it and a content client builds its URLs from it,
 * so a token never goes to a host an event names.
 */
export class OrganisationDirectory {
  private readonly origins = new Map<string, string>();

  /** Throws on a value that is not a bare http(s) origin: a misconfigured directory must not start. */
  constructor(entries: DirectoryEntries) {
    for (const [key, value] of Object.entries(entries)) {
      const url = new URL(value);
      if (!/^https?:$/.test(url.protocol) || url.origin !== value.replace(/\/$/, '')) {
        throw new Error(`organisation directory: ${key} must map to an origin (scheme://host[:port]), got ${value}`);
      }
      this.origins.set(key, url.origin);
    }
  }

  /** The origin serving this organisation's content, or undefined when the directory does not know it. */
  originOf(owner: ContentOwner): string | undefined {
    return this.origins.get(owner.id) ?? this.origins.get(owner.organisationType);
  }

  /**
   * Checks an event's dataref: its origin must be the owner's origin and its path must match `path`
   * (e.g. /^\/uitschrijvingen\/<id>$/). Gives the path on success, the reason otherwise.
   */
  checkDataref(owner: ContentOwner, dataref: string | undefined | null, path: RegExp): DatarefCheck {
    if (!dataref) return { ok: false, reason: `dataref missing: content of ${owner.id} cannot be located` };
    const origin = this.originOf(owner);
    if (!origin) return { ok: false, reason: `dataref refused: no origin configured for ${owner.id} in the organisation directory` };
    let url: URL;
    try {
      url = new URL(dataref);
    } catch {
      return { ok: false, reason: 'dataref refused: not a URL' };
    }
    if (!/^https?:$/.test(url.protocol)) return { ok: false, reason: 'dataref refused: not an http(s) URL' };
    if (url.origin !== origin) return { ok: false, reason: `dataref refused: ${url.origin} is not the configured origin of ${owner.id}` };
    if (url.search || url.hash || url.username || url.password || !path.test(url.pathname)) {
      return { ok: false, reason: `dataref refused: ${url.pathname} is not a resource of the expected shape` };
    }
    return { ok: true, path: url.pathname };
  }
}

const DEFAULT_PORTS: Record<string, number> = { school: 3001, rmc: 3002, 'werk-inkomen': 3003, zorg: 3004 };

/**
 * The directory from the environment: ORGANISATION_DIRECTORY (JSON, entries as above) when set; else, as in
 * development, every organisation of a kind is served by that kind's one service: `<KIND>_PUBLIC_URL`, or
 * http://127.0.0.1:<KIND>_PORT (defaults 3001-3004).
 */
export function organisationDirectoryFromEnv(env: NodeJS.ProcessEnv = process.env): DirectoryEntries {
  if (env.ORGANISATION_DIRECTORY) {
    let entries: unknown;
    try {
      entries = JSON.parse(env.ORGANISATION_DIRECTORY);
    } catch {
      throw new Error('ORGANISATION_DIRECTORY is not JSON: expected {"<organisation id or kind>": "<origin>", ...}');
    }
    if (
      typeof entries !== 'object' ||
      entries === null ||
      Array.isArray(entries) ||
      Object.values(entries).some((v) => typeof v !== 'string')
    ) {
      throw new Error('ORGANISATION_DIRECTORY must be a JSON object of origins: {"<organisation id or kind>": "<origin>", ...}');
    }
    return entries as DirectoryEntries;
  }
  return Object.fromEntries(
    Object.entries(DEFAULT_PORTS).map(([kind, port]) => {
      const key = kind.toUpperCase().replace(/-/g, '_');
      return [kind, env[`${key}_PUBLIC_URL`] ?? `http://127.0.0.1:${env[`${key}_PORT`] ?? port}`];
    }),
  );
}
