import { ForbiddenException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { recordAccess, type AccessBasis, type Principal } from '@estafette/auth';
import type { ConsentClient } from './consent-client.js';
import type { DecidedBy, Organisation, SharingDecision } from './decision.js';

export interface ContentRequest<T> {
  consent: ConsentClient;
  /** The caller from the token: the organisation that wants the content. */
  reader: Principal;
  /** This service's organisation owning the record. */
  holder: Organisation;
  subject: string;
  dataCategories: string[];
  purpose: string;
  /** What is read, for the access log: e.g. `uitschrijving/<id>`. */
  resource: string;
  /** The owner's transaction: the access log row commits with the read. */
  manager: EntityManager;
  /** Runs only after a permit: content that may not be shown is never even loaded. Gets the permit, to name its basis. */
  load: (decision: SharingDecision) => Promise<T>;
}

export function accessBasis(decidedBy: DecidedBy): AccessBasis {
  if (decidedBy.kind === 'toestemming') return `consent:${decidedBy.toestemmingId}`;
  if (decidedBy.kind === 'convenant') return `legal-basis:${decidedBy.convenantId}@${decidedBy.convenantVersion}/${decidedBy.flowId}`;
  throw new Error('a permit without a basis');
}

export class ConsentDeniedException extends ForbiddenException {
  constructor(readonly decision: SharingDecision) {
    super({
      statusCode: 403,
      error: 'Forbidden',
      message: 'no basis to share this content',
      reason: decision.reason,
      levelAllowed: decision.levelAllowed,
    });
  }
}

/** The question every gated read asks, at the level it needs; a deny throws, a permit is logged in the holder's store. */
async function permitAndLog(request: Omit<ContentRequest<unknown>, 'load'>, level: 'signaal' | 'inhoud'): Promise<SharingDecision> {
  const { reader } = request;
  if (!reader.organisationId || !['school', 'rmc', 'werk-inkomen', 'zorg'].includes(reader.organisationType)) {
    throw new ForbiddenException('content is shared with organisations only');
  }
  const decision = await request.consent.decide({
    from: request.holder,
    to: { organisationType: reader.organisationType as Organisation['organisationType'], id: reader.organisationId },
    subject: request.subject,
    dataCategories: request.dataCategories,
    purpose: request.purpose,
    level,
  });
  if (!decision.permit) throw new ConsentDeniedException(decision);
  await recordAccess(request.manager, reader, {
    subject: request.subject,
    resource: request.resource,
    basis: accessBasis(decision.decidedBy),
    purpose: request.purpose,
  });
  return decision;
}

/**
 * WHAT: what every endpoint returning personal content to another organisation does: ask the consent service at
 * level inhoud, write the access log (libs/auth, in the owner's database), then return the content, or 403. A
 * permit that reaches only `signaal` is a 403 with reason `alleen-signaal-toegestaan`.
 */
export async function withConsent<T>(request: ContentRequest<T>): Promise<T> {
  return request.load(await permitAndLog(request, 'inhoud'));
}

/**
 * THAT, never WHAT: one organisation involved with the young person, as the organisation and how to reach it.
 * Nothing about the young person: no name, dates, reasons or content (docs/privacy.md, "THAT before WHAT").
 */
export interface Betrokkenheid {
  organisation: { organisationType: string; id: string };
  /** The part it plays, e.g. `regiehouder` (holds the baton), `verwijzer`, `ontvanger`. */
  role: string;
  /** How to reach the organisation about this young person: a work contact (team or staff member), or null. */
  contactChannel: string | null;
}

export interface SignalRequest extends Omit<ContentRequest<never>, 'load'> {
  /** Runs only after a permit; whatever it returns beyond the Betrokkenheid fields is dropped. */
  load: (decision: SharingDecision) => Promise<Betrokkenheid[]>;
}

/**
 * THAT: the gate of a flow where an organisation only needs to know that another is involved (who holds the baton,
 * whom to call). Asks the consent service at level `signaal` (a convenant's signaal flow or any consent covers it),
 * logs the read, and returns only organisations, their role and contact channel: `{ items, basis }`. 403 as withConsent.
 */
export async function withSignal(request: SignalRequest): Promise<{ items: Betrokkenheid[]; basis: AccessBasis }> {
  const decision = await permitAndLog(request, 'signaal');
  const items = (await request.load(decision)).map((b) => ({
    organisation: { organisationType: b.organisation.organisationType, id: b.organisation.id },
    role: b.role,
    contactChannel: b.contactChannel ?? null,
  }));
  return { items, basis: accessBasis(decision.decidedBy) };
}
