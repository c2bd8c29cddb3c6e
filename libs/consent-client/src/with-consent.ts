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

/**
 * What every endpoint returning personal content to another organisation does: ask the consent service,
 * write the access log (libs/auth, in the owner's database), then return the content, or 403.
 */
export async function withConsent<T>(request: ContentRequest<T>): Promise<T> {
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
    level: 'inhoud',
  });
  if (!decision.permit) throw new ConsentDeniedException(decision);
  await recordAccess(request.manager, reader, {
    subject: request.subject,
    resource: request.resource,
    basis: accessBasis(decision.decidedBy),
    purpose: request.purpose,
  });
  return request.load(decision);
}
