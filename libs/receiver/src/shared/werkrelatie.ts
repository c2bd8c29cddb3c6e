import { In } from 'typeorm';
import { isOpenOffer, OVERDRACHT_STATUSES, receiverWorksWith } from '@estafette/overdracht';
import type { WerkrelatiePart } from '@estafette/privacy';
import { VerwijzingRecord } from '../receiving/persistence/verwijzing.entity.js';
import { UitgaandeOverdrachtRecord } from '../sending/persistence/uitgaande-overdracht.entity.js';

const RECEIVING = OVERDRACHT_STATUSES.filter(receiverWorksWith);
const OFFERING = OVERDRACHT_STATUSES.filter(isOpenOffer);

/** A receiving service works with the young person while a verwijzing to it is open or accepted (receiverWorksWith). */
export const verwijzingWerkrelatie: WerkrelatiePart = (manager, subject, organisationId) =>
  manager.exists(VerwijzingRecord, { where: { pseudonymousReference: subject, organisationId, status: In(RECEIVING) } });

/** A sending service works with the young person while its offer waits for an answer (after that, the receiver does). */
export const uitgaandeOverdrachtWerkrelatie: WerkrelatiePart = (manager, subject, organisationId) =>
  manager.exists(UitgaandeOverdrachtRecord, { where: { pseudonymousReference: subject, organisationId, status: In(OFFERING) } });
