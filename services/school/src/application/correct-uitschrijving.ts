import { createHash, randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@estafette/auth';
import { ageOn } from '@estafette/calendar';
import {
  createEvent,
  municipalityOn,
  platformIndeling,
  uitschrijvingCorrected,
  type CORRECTIE_REASONS,
  type UitschrijvingCorrectedData,
} from '@estafette/contracts';
import { Outbox } from '@estafette/messaging';
import { turns23OnFor } from '@estafette/overdracht';
import { fieldError, ServiceCalendar } from '@estafette/service-kit';
import { changesOf, corrected, type CorrectableField, type CorrectableValues } from '../domain/uitschrijving-correctie.js';
import { hasStartkwalificatie, type Diploma } from '../domain/startkwalificatie.js';
import { UitschrijvingCorrectieRecord } from '../persistence/uitschrijving-correctie.entity.js';
import { UitschrijvingRecord } from '../persistence/uitschrijving.entity.js';
import { SCHOOL_SETTINGS, type SchoolSettings } from '../school-settings.js';

export interface CorrectieInput extends Partial<CorrectableValues> {
  reason: (typeof CORRECTIE_REASONS)[number];
}

/** A correction or withdrawal as the school answers it: the same answer for the same request, however often sent. */
export interface CorrectieOutcome {
  id: string;
  uitschrijvingId: string;
  kind: 'correctie' | 'intrekking';
  reason: string;
  changes: UitschrijvingCorrectieRecord['changes'];
  correctionDate: string;
  created: boolean;
}

/** The key of a request: its kind and content, in a fixed order, hashed (the same request always has the same key). */
export function requestKey(kind: string, content: Record<string, unknown>): string {
  const ordered = Object.keys(content)
    .sort()
    .filter((k) => content[k] !== undefined)
    .map((k) => [k, content[k]]);
  return createHash('sha256')
    .update(JSON.stringify([kind, ordered]))
    .digest('hex');
}

export function outcomeOf(row: UitschrijvingCorrectieRecord, created: boolean): CorrectieOutcome {
  const { id, uitschrijvingId, kind, reason, changes, correctionDate } = row;
  return { id, uitschrijvingId, kind, reason, changes, correctionDate, created };
}

/** The caller's school's uitschrijving, locked for the rest of the transaction; another school's is "not found". */
export async function lockOwnUitschrijving(manager: EntityManager, schoolId: string, id: string): Promise<UitschrijvingRecord> {
  const record = await manager.findOne(UitschrijvingRecord, { where: { id, schoolId }, lock: { mode: 'pessimistic_write' } });
  if (!record) throw new NotFoundException(`no uitschrijving ${id} of your school`);
  return record;
}

/**
 * A school corrects one of its uitschrijvingen (date, school type, diploma and so the startkwalificatie, municipality of
 * residence) with a reason code: the record changes, the correction is kept with its values before and after, and
 * `uitschrijving.corrected` (the changed fields, their previous values, and the uitschrijving as it now stands; age and
 * turns23On recomputed from the stored birth date) goes to the outbox, all in one transaction. Idempotent on the request's
 * content: the same request again, while it is the latest correction, changes nothing and answers the same (`created:
 * false`); the same content after another correction in between is applied as a new correction.
 * Errors: 404 for an id that is not the caller's school's; 409 on a withdrawn uitschrijving; 400 (field, reason) for a
 * request that changes nothing or a municipality that is no CBS municipality on the (corrected) deregistration date.
 */
@Injectable()
export class CorrectUitschrijving {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: ServiceCalendar,
    @Inject(SCHOOL_SETTINGS) private readonly settings: SchoolSettings,
  ) {}

  async execute(schoolId: string, uitschrijvingId: string, input: CorrectieInput, actor: Principal): Promise<CorrectieOutcome> {
    const { reason, ...requested } = input;
    const key = requestKey('correctie', { ...requested, reason });
    return this.dataSource.transaction(async (manager) => {
      const record = await lockOwnUitschrijving(manager, schoolId, uitschrijvingId);
      // The same request again is the latest correction again: answered as before. The same content after another
      // correction in between (a change undone, then made again) is a new correction, and is applied.
      const latest = await manager.findOne(UitschrijvingCorrectieRecord, { where: { uitschrijvingId }, order: { createdAt: 'DESC' } });
      if (latest && latest.requestKey.split(':')[0] === key) return outcomeOf(latest, false);
      const storedKey = latest ? `${key}:${latest.id}` : key;
      if (record.withdrawnOn)
        throw new ConflictException(
          `uitschrijving ${uitschrijvingId} was withdrawn on ${record.withdrawnOn}: it can no longer be corrected`,
        );

      const current: CorrectableValues = {
        deregistrationDate: record.deregistrationDate,
        schoolType: record.schoolType,
        highestDiploma: record.highestDiploma,
        municipalityOfResidence: record.municipalityOfResidence,
      };
      const changes = changesOf(current, requested);
      const changedFields = Object.keys(changes) as CorrectableField[];
      if (changedFields.length === 0)
        throw fieldError(
          'correctie',
          'changes nothing: give at least one of deregistrationDate, schoolType, highestDiploma, municipalityOfResidence with a new value',
        );
      const next = corrected(current, requested);
      // The pair must route together: a corrected date can fall before or after a merger of the (unchanged) municipality.
      const municipality = municipalityOn(platformIndeling(), next.municipalityOfResidence, next.deregistrationDate);
      if (!municipality.known)
        throw fieldError(
          'municipalityOfResidence',
          `municipalityOfResidence ${municipality.reason} (deregistration date ${next.deregistrationDate}): no RMC region can be found for it`,
        );

      const startkwalificatie = hasStartkwalificatie(next.highestDiploma as Diploma);
      const row: Omit<UitschrijvingCorrectieRecord, 'createdAt'> = {
        id: randomUUID(),
        uitschrijvingId,
        schoolId,
        kind: 'correctie',
        reason,
        requestKey: storedKey,
        changes,
        correctionDate: this.calendar.today(),
        recordedBy: actor.subject,
      };
      await manager.insert(UitschrijvingCorrectieRecord, row);
      await manager.update(UitschrijvingRecord, { id: record.id }, { ...next, hasStartkwalificatie: startkwalificatie });
      const previous: UitschrijvingCorrectedData['previous'] = Object.fromEntries(
        Object.entries(changes).map(([field, change]) => [field, change.from]),
      );
      if (changes.highestDiploma && startkwalificatie !== record.hasStartkwalificatie)
        previous.hasStartkwalificatie = record.hasStartkwalificatie;
      await Outbox.add(
        manager,
        createEvent(uitschrijvingCorrected, {
          source: `urn:nld:${schoolId}:estafette-school`,
          subject: record.pseudonymousReference,
          dataref: `${this.settings.publicUrl}/uitschrijvingen/${record.id}`,
          data: {
            correctieId: row.id,
            uitschrijvingId,
            school: { organisationType: 'school', id: schoolId },
            correctionDate: row.correctionDate,
            reason,
            changedFields,
            previous,
            dateOfDeregistration: next.deregistrationDate,
            ageAtDeregistration: ageOn(record.birthDate, next.deregistrationDate),
            turns23On: turns23OnFor(record.birthDate),
            schoolType: next.schoolType as never,
            ...(record.schoolLevel ? { schoolLevel: record.schoolLevel as never } : {}),
            highestDiploma: next.highestDiploma as never,
            hasStartkwalificatie: startkwalificatie,
            municipalityOfResidence: next.municipalityOfResidence,
          },
        }),
      );
      return outcomeOf({ ...row, createdAt: new Date() }, true);
    });
  }
}
