import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { recordAccess, type Principal } from '@estafette/auth';
import { createEvent, inschrijvingRegistered } from '@estafette/contracts';
import { derivePseudonymousReference, Outbox } from '@estafette/messaging';
import { heldVerwijzing } from '@estafette/receiver';
import { ageOn } from '@estafette/calendar';
import { InschrijvingRecord } from '../persistence/inschrijving.entity.js';
import { SCHOOL_SETTINGS, type SchoolSettings } from '../school-settings.js';
import { pseudonymSource } from './uitschrijving-with-event.js';

export interface InschrijvingInput {
  schoolId: string;
  studentNumber: string;
  bsn?: string;
  birthDate: string;
  enrolmentDate: string;
  schoolType: string;
  schoolLevel?: string;
  municipalityOfResidence: string;
}

/**
 * Stores the enrolment and its inschrijving event in one transaction. The pseudonym is derived as for
 * an uitschrijving, so with a BSN the RMC matches it to another school's deregistration and cancels the melding.
 * Because an enrolment closes another organisation's task, every call is written to the access log with the
 * enrolling caller (`inschrijving/<id>`), in the same transaction: the young person and an auditor see who did it.
 * Back to school: when this school accepted an overdracht for the young person (it holds the baton through its
 * verwijzing), the enrolment names that overdracht, in the store and on the event (`overdrachtId`), so the chain
 * sees the promised enrolment happen. The match is by pseudonymous reference, so it needs the BSN on both sides.
 */
@Injectable()
export class RegisterInschrijving {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SCHOOL_SETTINGS) private readonly settings: SchoolSettings,
  ) {}

  async execute(input: InschrijvingInput, actor: Principal): Promise<{ id: string; created: boolean; overdrachtId: string | null }> {
    const record: Omit<InschrijvingRecord, 'createdAt' | 'overdrachtId'> = {
      id: randomUUID(),
      schoolId: input.schoolId,
      studentNumber: input.studentNumber,
      bsn: input.bsn ?? null,
      birthDate: input.birthDate,
      enrolmentDate: input.enrolmentDate,
      schoolType: input.schoolType,
      schoolLevel: input.schoolLevel ?? null,
      municipalityOfResidence: input.municipalityOfResidence,
      pseudonymousReference: derivePseudonymousReference(this.settings.pseudonymSecret, pseudonymSource(input)),
    };
    return this.dataSource.transaction(async (manager) => {
      const overdrachtId = (await heldVerwijzing(manager, input.schoolId, record.pseudonymousReference))?.overdrachtId ?? null;
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(InschrijvingRecord)
        .values({ ...record, overdrachtId })
        .orIgnore()
        .returning(['id'])
        .updateEntity(false)
        .execute();
      if (inserted.raw.length === 0) {
        const existing = await manager.findOneByOrFail(InschrijvingRecord, {
          schoolId: input.schoolId,
          studentNumber: input.studentNumber,
          enrolmentDate: input.enrolmentDate,
        });
        await recordAccess(manager, actor, {
          subject: existing.pseudonymousReference,
          resource: `inschrijving/${existing.id}`,
          basis: 'own-organisation',
          purpose: 'herinschrijving',
        });
        return { id: existing.id, created: false, overdrachtId: existing.overdrachtId };
      }
      await recordAccess(manager, actor, {
        subject: record.pseudonymousReference,
        resource: `inschrijving/${record.id}`,
        basis: 'own-organisation',
        purpose: 'herinschrijving',
      });
      // No dataref: the event is the whole message, there is nothing more the RMC should fetch.
      await Outbox.add(
        manager,
        createEvent(inschrijvingRegistered, {
          source: `urn:nld:${record.schoolId}:estafette-school`,
          subject: record.pseudonymousReference,
          data: {
            inschrijvingId: record.id,
            school: { organisationType: 'school', id: record.schoolId },
            dateOfEnrolment: record.enrolmentDate,
            ageAtEnrolment: ageOn(record.birthDate, record.enrolmentDate),
            schoolType: record.schoolType as never,
            ...(record.schoolLevel ? { schoolLevel: record.schoolLevel as never } : {}),
            municipalityOfResidence: record.municipalityOfResidence,
            ...(overdrachtId ? { overdrachtId } : {}),
          },
        }),
      );
      return { id: record.id, created: true, overdrachtId };
    });
  }
}
