import type { SharingDecision, SharingQuestion } from './decision.js';

export interface ConsentClientOptions {
  /** Where the consent service listens, e.g. http://127.0.0.1:3005 (CONSENT_SERVICE_URL). */
  baseUrl: string;
  /** The caller's own access token (client credentials); called per request so it can be refreshed. */
  accessToken: () => string | Promise<string>;
  /** A fetch of content waits at most this long for the answer; then it is denied. */
  timeoutMs?: number;
  /** Told about every failure to ask, so operations notice an outage that now shows up as denials. */
  onError?: (error: Error) => void;
}

const deny = (reason: string): SharingDecision => ({ permit: false, levelAllowed: null, decidedBy: { kind: 'none' }, reason });

/**
 * The one way a service asks "may I share this?". Fail closed: a timeout, a refused connection, a non-200 or
 * an answer it cannot read is a deny, never an exception the caller might turn into a permit.
 */
export class ConsentClient {
  private readonly timeoutMs: number;

  constructor(private readonly options: ConsentClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 2_000;
  }

  async decide(question: SharingQuestion): Promise<SharingDecision> {
    try {
      const res = await fetch(new URL('/decisions', this.options.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.options.accessToken()}` },
        body: JSON.stringify({ level: 'inhoud', ...question }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (res.status !== 200) {
        await res.body?.cancel();
        throw new Error(`consent service answered ${res.status}`);
      }
      const body = (await res.json()) as Partial<SharingDecision>;
      if (typeof body.permit !== 'boolean' || !body.decidedBy || typeof body.reason !== 'string')
        throw new Error('unreadable answer from the consent service');
      return body as SharingDecision;
    } catch (error) {
      this.options.onError?.(error as Error);
      return deny('consent-service-unavailable');
    }
  }
}
