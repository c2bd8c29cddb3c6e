import type { AuditKeyring } from './domain/audit-key.js';
import type { Convenant } from './domain/convenant.js';

export const CONSENT_SETTINGS = Symbol('CONSENT_SETTINGS');

export interface ConsentSettings {
  /** Below this age a parent or guardian consents too (CONSENT_MINOR_AGE_THRESHOLD, default 18). */
  minorAgeThreshold: number;
  /** The organisation running the consent service: the `source` of toestemming events. */
  organisationId: string;
  /** Loaded once at start-up: the decision hot path never reads them from disk or database. */
  convenanten: Convenant[];
  /**
   * The audit chains' keys (CONSENT_AUDIT_KEY, CONSENT_AUDIT_PREVIOUS_KEYS) and how often they are verified and their
   * heads anchored (CONSENT_AUDIT_INTERVAL_MS, default 5 minutes). main.ts always sets it; absent only in tests.
   */
  audit?: { keyring: AuditKeyring; intervalMs?: number };
  /**
   * The services holding personal data, asked with this service's token: for their inzage sections, and whether a
   * requester works with a young person before its consent request is accepted. Absent: the inzage has the consent
   * section only, and no consent request can be asked (503).
   */
  holders?: HolderServices;
}

/** One service that holds personal data: its name (the organisation kind it hosts: school, rmc, werk-inkomen, zorg) and base URL. */
export interface HolderService {
  service: string;
  baseUrl: string;
}

export interface HolderServices {
  /** Read at each question, so a test can add them once they listen. */
  sources: readonly HolderService[];
  /** The consent service's own token (client credentials, role service, organisation type platform). */
  serviceToken?: () => Promise<string>;
  /** How long one service may take before it counts as not answering (INZAGE_TIMEOUT_MS, default 10000). */
  timeoutMs?: number;
}

/** The CloudEvent `source` of everything this service publishes (toestemming events, audit anchors). */
export function eventSource(settings: Pick<ConsentSettings, 'organisationId'>): string {
  return `urn:nld:${settings.organisationId}:estafette-toestemming`;
}
