import type { HolderService, HolderServices } from '../consent-settings.js';

/** Why a holder service gave no usable answer: no token configured, no answer in time, or a status other than 200. */
export class HolderUnavailable extends Error {
  constructor(
    readonly service: string,
    readonly why: 'no-token' | 'unreachable' | 'status',
    readonly status?: number,
  ) {
    super(`${service}: ${why}${status ? ` ${status}` : ''}`);
  }
}

/**
 * GET `<baseUrl><path>` on a service holding personal data, with the consent service's platform token; the JSON
 * answer on 200. Throws HolderUnavailable otherwise (the caller decides: a "niet beschikbaar" section, or a 503).
 */
export async function askHolder<T>(holders: HolderServices | undefined, source: HolderService, path: string): Promise<T> {
  const token = holders?.serviceToken;
  if (!token) throw new HolderUnavailable(source.service, 'no-token');
  let res: Response;
  try {
    res = await fetch(`${source.baseUrl.replace(/\/$/, '')}${path}`, {
      headers: { authorization: `Bearer ${await token()}`, accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(holders.timeoutMs ?? 10_000),
    });
  } catch {
    throw new HolderUnavailable(source.service, 'unreachable');
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new HolderUnavailable(source.service, 'status', res.status);
  }
  return (await res.json()) as T;
}
