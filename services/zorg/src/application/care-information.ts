import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { recordAccess, type Principal } from '@estafette/auth';
import { accessBasis, ConsentClient, withConsent } from '@estafette/consent-client';
import { receiverHolds } from '@estafette/overdracht';
import { VerwijzingRecord } from '@estafette/receiver';
import { CARE_DATA_CATEGORIES, type CareKind, type CareReadPurpose } from '../domain/care-information.js';
import { ZorginformatieRecord } from '../persistence/zorginformatie.entity.js';

export const ZORG_CONSENT = Symbol('ZORG_CONSENT');

const view = (r: ZorginformatieRecord) => ({
  id: r.id,
  kind: r.kind,
  summary: r.summary,
  startDate: r.startDate,
  recordedAt: r.recordedAt,
});

/**
 * The zorg store of care information. The care provider that holds the referral records and reads it;
 * anyone else reads it only through the consent service (level inhoud), and every read is logged here.
 */
@Injectable()
export class CareInformation {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(ZORG_CONSENT) private readonly consent: ConsentClient,
  ) {}

  record(organisationId: string, overdrachtId: string, input: { kind: CareKind; summary: string; startDate?: string }, by: string) {
    return this.dataSource.transaction(async (manager) => {
      const referral = await manager.findOneBy(VerwijzingRecord, { overdrachtId, organisationId });
      if (!referral) throw new NotFoundException(`no verwijzing ${overdrachtId} for your organisation`);
      if (!receiverHolds(referral.status))
        throw new ConflictException(`care information is recorded for a young person you took over; this verwijzing is ${referral.status}`);
      const record: ZorginformatieRecord = {
        id: randomUUID(),
        organisationId,
        overdrachtId,
        pseudonymousReference: referral.pseudonymousReference,
        kind: input.kind,
        summary: input.summary,
        startDate: input.startDate ?? null,
        recordedBy: by,
        recordedAt: new Date(),
      };
      await manager.insert(ZorginformatieRecord, record);
      return view(record);
    });
  }

  /** Own organisation: its own record. Another organisation: only with a permit for zorginformatie at level inhoud. */
  read(reader: Principal, overdrachtId: string, purpose: CareReadPurpose) {
    return this.dataSource.transaction(async (manager) => {
      // Only what it takes to ask: which care provider holds it, about whom.
      const referral = await manager.findOne(VerwijzingRecord, {
        select: { overdrachtId: true, organisationId: true, pseudonymousReference: true },
        where: { overdrachtId },
      });
      if (!referral) throw new NotFoundException(`no care information for verwijzing ${overdrachtId}`);
      const load = async () =>
        (await manager.find(ZorginformatieRecord, { where: { overdrachtId }, order: { recordedAt: 'ASC' } })).map(view);
      const resource = `verwijzing/${overdrachtId}/zorginformatie`;
      if (reader.organisationType === 'zorg' && reader.organisationId === referral.organisationId) {
        await recordAccess(manager, reader, { subject: referral.pseudonymousReference, resource, basis: 'own-organisation', purpose });
        return { items: await load(), basis: 'own-organisation' };
      }
      return withConsent({
        consent: this.consent,
        reader,
        holder: { organisationType: 'zorg', id: referral.organisationId },
        subject: referral.pseudonymousReference,
        dataCategories: CARE_DATA_CATEGORIES,
        purpose,
        resource,
        manager,
        load: async (decision) => ({ items: await load(), basis: accessBasis(decision.decidedBy) }),
      });
    });
  }
}
