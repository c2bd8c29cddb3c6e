import { IsNull } from 'typeorm';
import type { WerkrelatiePart } from '@estafette/privacy';
import { InschrijvingRecord } from '../persistence/inschrijving.entity.js';
import { UitschrijvingRecord } from '../persistence/uitschrijving.entity.js';

/**
 * A school works with a young person it deregistered (an uitschrijving it did not withdraw: it keeps nazorg and hears
 * back) or enrolled. Source: design (issue 23), as the convenant's terugmelding flow to the school.
 */
export const schoolWerkrelatie: WerkrelatiePart = async (manager, subject, organisationId) =>
  (await manager.exists(UitschrijvingRecord, {
    where: { pseudonymousReference: subject, schoolId: organisationId, withdrawnOn: IsNull() },
  })) || manager.exists(InschrijvingRecord, { where: { pseudonymousReference: subject, schoolId: organisationId } });
