import type { CloudEvent } from '@estafette/contracts';

/** Which kind of organisation sent an event: the service name at the end of its NL GOV source URN. */
export function senderType(event: CloudEvent): string {
  const service = /estafette-([a-z-]+)$/.exec(event.source)?.[1];
  if (service === 'toestemming') return 'consent';
  return service ?? 'unknown';
}

interface Organisation {
  organisationType?: string;
}

/**
 * Which kind of organisation an event is addressed to, when it says so (an offer's `to`, an uitval's
 * `returnsTo`); broadcast facts (uitschrijving, vsv-melding) are for whoever subscribes: '*'.
 */
export function receiverType(event: CloudEvent): string {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const target = (data.to ?? data.returnsTo) as Organisation | undefined;
  return target?.organisationType ?? '*';
}
