import { randomUUID } from 'node:crypto';
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createEvent, toestemmingGiven } from '@estafette/contracts';
import { Outbox } from '@estafette/messaging';
import { ServiceCalendar } from '@estafette/service-kit';
import { CONSENT_SETTINGS, type ConsentSettings } from '../consent-settings.js';
import type { Party } from '../domain/party.js';
import { genericConsentProblems } from '../domain/toestemming.js';
import type { ConsentPurpose, DataCategory, Grantor, HowGiven } from '../domain/vocabulary.js';
import { SubjectAgeRecord } from '../persistence/subject-age.entity.js';
import { ToestemmingRecord } from '../persistence/toestemming.entity.js';
import { ToestemmingAudit } from './toestemming-audit.js';

export interface GiveToestemmingInput {
  subject: string;
  dataCategories: DataCategory[];
  from: Party;
  to: Party;
  purpose: ConsentPurpose;
  validFrom: string;
  validUntil?: string;
  wordingVersion: string;
  wordingText: string;
  howGiven: HowGiven;
}

/**
 * Stores the young person's consent and announces it (signal only: no wording, no birth date) in one transaction.
 * It is given by the young person alone; the age the school reported (subject_age) decides whether it waits for a
 * parent or guardian (CoSignToestemming). Audited as step `gegeven`.
 */
@Injectable()
export class GiveToestemming {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONSENT_SETTINGS) private readonly settings: ConsentSettings,
    private readonly calendar: ServiceCalendar,
    private readonly toestemmingAudit: ToestemmingAudit,
  ) {}

  async execute(input: GiveToestemmingInput): Promise<ToestemmingRecord> {
    // The DTO already refuses these; the rule is checked here too so no other entry point can skip it.
    const problems = genericConsentProblems(input);
    if (problems.length)
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Generic consent is not valid', errors: problems });
    if (input.validUntil && input.validUntil < input.validFrom) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        errors: [{ field: 'validUntil', reason: 'validUntil must not be before validFrom' }],
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const age = await manager.findOne(SubjectAgeRecord, { where: { subject: input.subject } });
      const record = manager.create(ToestemmingRecord, {
        id: randomUUID(),
        subject: input.subject,
        birthDate: age?.latestBirthDate ?? null,
        dataCategories: [...new Set(input.dataCategories)],
        fromType: input.from.organisationType,
        fromId: input.from.id ?? null,
        toType: input.to.organisationType,
        toId: input.to.id ?? null,
        purpose: input.purpose,
        validFrom: input.validFrom,
        validUntil: input.validUntil ?? null,
        wordingVersion: input.wordingVersion,
        wordingText: input.wordingText,
        howGiven: input.howGiven,
        grantedBy: ['jongere'] as Grantor[],
        givenAt: this.calendar.now(),
        withdrawnAt: null,
        withdrawnBy: null,
        coSignedBy: null,
        coSignedAt: null,
      });
      await manager.insert(ToestemmingRecord, record);
      await this.toestemmingAudit.append(manager, {
        toestemmingId: record.id,
        subject: record.subject,
        action: 'gegeven',
        actor: { role: 'jongere', subject: record.subject },
      });
      await Outbox.add(
        manager,
        createEvent(toestemmingGiven, {
          source: `urn:nld:${this.settings.organisationId}:estafette-toestemming`,
          subject: record.subject,
          data: {
            toestemmingId: record.id,
            grantedBy: record.grantedBy,
            dataCategories: record.dataCategories as DataCategory[],
            from: input.from,
            to: input.to,
            purpose: input.purpose,
            validFrom: record.validFrom,
            ...(record.validUntil ? { validUntil: record.validUntil } : {}),
            consentWordingVersion: record.wordingVersion,
          },
        }),
      );
      return record;
    });
  }
}
