import { currentSession } from './auth/oidc.js';

/** A failed API call, with a Dutch message fit to show, and the service's own reason when it gave one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown> | undefined,
  ) {
    super(message);
  }

  /** The machine-readable reason some services add (e.g. the consent service's 'toestemming-ingetrokken'). */
  get reason(): string | undefined {
    return typeof this.body?.reason === 'string' ? this.body.reason : undefined;
  }
}

const GENERIC: Record<number, string> = {
  400: 'De gegevens zijn niet volledig of niet juist.',
  401: 'Uw sessie is verlopen. Log opnieuw in.',
  403: 'U heeft geen toegang tot deze gegevens.',
  404: 'Niet gevonden, of niet van uw organisatie.',
  409: 'Dit kan nu niet: de status is inmiddels veranderd. Ververs de pagina.',
  422: 'Dit kan zo niet: controleer de gegevens.',
  429: 'Te veel verzoeken. Wacht even en probeer het opnieuw.',
  502: 'Een achterliggende dienst is niet bereikbaar. Probeer het later opnieuw.',
  503: 'Dit kan nu even niet worden gecontroleerd. Probeer het later opnieuw.',
  504: 'Een achterliggende dienst antwoordde niet op tijd. Probeer het later opnieuw.',
};

/** A refusal whose reason says more than its status: the text shown instead of the status's own. */
const BY_REASON: Record<string, string> = {
  'geen-werkrelatie':
    'Uw organisatie werkt niet (meer) met deze jongere. U kunt alleen toestemming vragen aan een jongere met wie u werkt.',
};

/**
 * Calls /api/<service>/<path> on the portal (same origin) with the user's bearer token.
 * JSON in, JSON out; anything but 2xx becomes an ApiError.
 */
export async function api<T = unknown>(
  service: string,
  path: string,
  init: { method?: string; body?: unknown; query?: Record<string, string | number | boolean | undefined> } = {},
): Promise<T> {
  const session = currentSession();
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(init.query ?? {})) if (v !== undefined && v !== '' && v !== false) query.set(k, String(v));
  const qs = query.size ? `?${query}` : '';
  const res = await fetch(`/api/${service}${path}${qs}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      accept: 'application/json',
      ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  const body = text ? (safeJson(text) as Record<string, unknown> | undefined) : undefined;
  if (!res.ok) {
    const reason = typeof body?.reason === 'string' ? BY_REASON[body.reason] : undefined;
    throw new ApiError(res.status, reason ?? GENERIC[res.status] ?? `Er ging iets mis (${res.status}).`, body);
  }
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Field errors from a 400: service-kit answers { errors: [{ field, reason }] }; the first reason per field. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  const list = Array.isArray(error.body?.errors) ? (error.body.errors as { field: string; reason: string }[]) : [];
  const out: Record<string, string> = {};
  for (const { field, reason } of list) out[field] ??= `Ongeldige waarde (${reason}).`;
  return out;
}
