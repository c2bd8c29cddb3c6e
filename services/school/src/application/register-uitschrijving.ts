import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createEvent, uitschrijvingRegistered } from '@estafette/contracts';
import { derivePseudonymousReference, Outbox } from '@estafette/messaging';
import { ageOn } from '../domain/age.js';
import { hasStartkwalificatie, type Diploma } from '../domain/startkwalificatie.js';
import { UitschrijvingRecord } from '../persistence/uitschrijving.entity.js';
import { SCHOOL_SETTINGS, type SchoolSettings } from '../school-settings.js';

/**
 * With a BSN the reference is the same at every school this service hosts, so a new school's
 * inschrijving reaches the RMC task of the old school's uitschrijving; without one it is per school.
 */
export function pseudonymSource(input: { schoolId: string; studentNumber: string; bsn?: string }) {
  return input.bsn ? { organisationId: 'bsn', personId: input.bsn } : { organisationId: input.schoolId, personId: `leerlingnummer:${input.studentNumber}` };
}

export interface UitschrijvingInput {
  schoolId: string;
  schoolReference: string;
  studentNumber: string;
  bsn?: string;
  birthDate: string;
  deregistrationDate: string;
  schoolType: string;
  schoolLevel?: string;
  highestDiploma: Diploma;
  reason: string;
  exitInterviewHeld: boolean;
  municipalityOfResidence: string;
}

export interface RegisterResult {
  id: string;
  created: boolean;
}

/**
 * Stores the deregistration and its uitschrijving event in one transaction (the outbox publishes it).
 * The school's own reference makes it idempotent: the same reference again returns the first record.
 */
@Injectable()
export class RegisterUitschrijving {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SCHOOL_SETTINGS) private readonly settings: SchoolSettings,
  ) {}

  async execute(input: UitschrijvingInput): Promise<RegisterResult> {
    return this.dataSource.transaction(async (manager) => {
      const id = randomUUID();
      const pseudonymousReference = derivePseudonymousReference(this.settings.pseudonymSecret, pseudonymSource(input));
      const record = manager.create(UitschrijvingRecord, {
        ...input,
        id,
        bsn: input.bsn ?? null,
        schoolLevel: input.schoolLevel ?? null,
        pseudonymousReference,
        hasStartkwalificatie: hasStartkwalificatie(input.highestDiploma),
        nazorgStatus: 'uitgeschreven',
      });
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(UitschrijvingRecord)
        .values(record)
        .orIgnore()
        .returning(['id'])
        .execute();
      if (inserted.raw.length === 0) {
        const existing = await manager.findOneByOrFail(UitschrijvingRecord, { schoolId: input.schoolId, schoolReference: input.schoolReference });
        return { id: existing.id, created: false };
      }
      await Outbox.add(manager, this.toEvent(record));
      return { id, created: true };
    });
  }

  private toEvent(record: UitschrijvingRecord) {
    return createEvent(uitschrijvingRegistered, {
      source: `urn:nld:${record.schoolId}:estafette-school`,
      subject: record.pseudonymousReference,
      dataref: `${this.settings.publicUrl}/uitschrijvingen/${record.id}`,
      data: {
        uitschrijvingId: record.id,
        school: { organisationType: 'school', id: record.schoolId },
        dateOfDeregistration: record.deregistrationDate,
        ageAtDeregistration: ageOn(record.birthDate, record.deregistrationDate),
        schoolType: record.schoolType as never,
        ...(record.schoolLevel ? { schoolLevel: record.schoolLevel as never } : {}),
        highestDiploma: record.highestDiploma as never,
        hasStartkwalificatie: record.hasStartkwalificatie,
        reason: record.reason as never,
        exitInterviewHeld: record.exitInterviewHeld,
        municipalityOfResidence: record.municipalityOfResidence,
      },
    });
  }
}
