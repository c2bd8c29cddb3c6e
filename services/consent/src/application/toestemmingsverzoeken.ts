import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { addDays } from '@estafette/calendar';
import { OrganisationsClient } from '@estafette/organisations-client';
import { ServiceCalendar } from '@estafette/service-kit';
import { CONSENT_SETTINGS, type ConsentSettings } from '../consent-settings.js';
import { awaitsGuardian, statusAt } from '../domain/toestemming.js';
import { named, verzoekText, type VerzoekStatus } from '../domain/toestemmingsverzoek.js';
import type { ConsentPurpose, DataCategory, OrganisationType } from '../domain/vocabulary.js';
import { toToestemming } from '../persistence/to-domain.js';
import { ToestemmingRecord } from '../persistence/toestemming.entity.js';
import { ToestemmingsverzoekRecord } from '../persistence/toestemmingsverzoek.entity.js';
import { GiveToestemming } from './give-toestemming.js';
import { Werkrelaties } from './werkrelaties.js';

/** A request asks for at most this long: consent for a purpose, not for ever (design). */
export const MAX_REQUEST_DAYS = 366;

export interface AskInput {
  subject: string;
  dataCategories: DataCategory[];
  from: { organisationType: OrganisationType; id: string };
  purpose: ConsentPurpose;
  reason: string;
  validUntil: string;
}

const fieldError = (field: string, reason: string) =>
  new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', errors: [{ field, reason }] });

const longDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * Consent asked in context: an organisation asks (which data, from which holder, why, until when), the young person
 * approves (a consent with the request's text, given by them; a minor's waits for a guardian as every consent does)
 * or declines, and the requester sees the answer. Only an organisation that works with the young person may ask (its
 * own service says so: Werkrelaties); even then asking gives no access, only the young person's approval does.
 */
@Injectable()
export class Toestemmingsverzoeken {
  constructor(
    private readonly dataSource: DataSource,
    private readonly give: GiveToestemming,
    private readonly organisations: OrganisationsClient,
    private readonly calendar: ServiceCalendar,
    private readonly werkrelaties: Werkrelaties,
    @Inject(CONSENT_SETTINGS) private readonly settings: ConsentSettings,
  ) {}

  /**
   * 400 naming the field: the holder is the requester itself, `validUntil` in the past or more than a year ahead.
   * 403 `geen-werkrelatie` when the requester does not work with the young person; 503 when that cannot be checked.
   */
  async ask(requester: { organisationType: string; organisationId: string; subject: string }, input: AskInput) {
    const today = this.calendar.today();
    if (input.from.id === requester.organisationId)
      throw fieldError('from.id', 'the holder must be another organisation than the requester');
    if (input.validUntil < today) throw fieldError('validUntil', 'validUntil must not be in the past');
    if (input.validUntil > addDays(today, MAX_REQUEST_DAYS))
      throw fieldError('validUntil', `validUntil must be within ${MAX_REQUEST_DAYS} days`);
    await this.werkrelaties.assertWorksWith(requester, input.subject);
    // Names as the directory knows them; while it cannot be asked the text names the ids (as every answer here does).
    const names = await this.organisations.names([requester.organisationId, input.from.id]);
    const record: ToestemmingsverzoekRecord = {
      id: randomUUID(),
      subject: input.subject,
      requesterType: requester.organisationType,
      requesterId: requester.organisationId,
      requestedBy: requester.subject,
      dataCategories: [...new Set(input.dataCategories)],
      holderType: input.from.organisationType,
      holderId: input.from.id,
      purpose: input.purpose,
      reason: input.reason.trim(),
      validUntil: input.validUntil,
      wordingText: verzoekText({
        requester: named(requester.organisationId, names[requester.organisationId]),
        holder: named(input.from.id, names[input.from.id]),
        dataCategories: [...new Set(input.dataCategories)],
        purpose: input.purpose,
        reason: input.reason,
        validUntilWords: longDate.format(new Date(`${input.validUntil}T12:00:00Z`)),
      }),
      status: 'open',
      requestedAt: this.calendar.now(),
      answeredAt: null,
      toestemmingId: null,
    };
    await this.dataSource.getRepository(ToestemmingsverzoekRecord).insert(record);
    return this.views([record]).then(([view]) => view!);
  }

  /** The requests of one requester, newest first. */
  async ofRequester(requesterId: string) {
    const rows = await this.dataSource
      .getRepository(ToestemmingsverzoekRecord)
      .find({ where: { requesterId }, order: { requestedAt: 'DESC', id: 'ASC' } });
    return this.views(rows);
  }

  /** The young person's requests, open ones first, then newest first. */
  async ofSubject(subject: string) {
    const rows = await this.dataSource
      .getRepository(ToestemmingsverzoekRecord)
      .find({ where: { subject }, order: { requestedAt: 'DESC', id: 'ASC' } });
    const views = await this.views(rows);
    return [...views.filter((v) => v.status === 'open'), ...views.filter((v) => v.status !== 'open')];
  }

  /**
   * The young person approves: a consent with exactly the request's text, from today to `validUntil`. 404 for
   * another's request, 409 when it was answered already (also when two answers race: one wins).
   */
  async approve(subject: string, id: string) {
    const claimed = await this.answer(subject, id, 'akkoord');
    try {
      const given = await this.give.execute({
        subject,
        dataCategories: claimed.dataCategories as DataCategory[],
        from: { organisationType: claimed.holderType as OrganisationType, id: claimed.holderId },
        to: { organisationType: claimed.requesterType as OrganisationType, id: claimed.requesterId },
        purpose: claimed.purpose as ConsentPurpose,
        validFrom: this.calendar.today(),
        validUntil: claimed.validUntil,
        wordingVersion: 'toestemmingsverzoek@1',
        wordingText: claimed.wordingText,
        howGiven: 'digitaal-ondertekend',
      });
      await this.dataSource.getRepository(ToestemmingsverzoekRecord).update({ id }, { toestemmingId: given.id });
      claimed.toestemmingId = given.id;
    } catch (error) {
      // No consent was made: the request is open again, so the answer can be given again.
      await this.dataSource.getRepository(ToestemmingsverzoekRecord).update({ id }, { status: 'open', answeredAt: null });
      throw error;
    }
    return this.views([claimed]).then(([view]) => view!);
  }

  /** The young person declines: nothing is shared. 404 / 409 as for approve. */
  async decline(subject: string, id: string) {
    return this.views([await this.answer(subject, id, 'afgewezen')]).then(([view]) => view!);
  }

  /** Moves an open request of this young person to `status` in one statement, so only one answer wins. */
  private async answer(subject: string, id: string, status: Exclude<VerzoekStatus, 'open'>): Promise<ToestemmingsverzoekRecord> {
    const repo = this.dataSource.getRepository(ToestemmingsverzoekRecord);
    const result = await repo
      .createQueryBuilder()
      .update()
      .set({ status, answeredAt: this.calendar.now() })
      .where('id = :id AND subject = :subject AND status = :open', { id, subject, open: 'open' })
      .execute();
    const row = await repo.findOneBy({ id, subject });
    if (!row) throw new NotFoundException(`no consent request ${id} for you`);
    if (!result.affected) throw new ConflictException(`this consent request was answered already (${row.status})`);
    return row;
  }

  /** Requests with the names of both organisations and, once approved, where the consent stands (waits for a guardian, counts, withdrawn). */
  private async views(rows: ToestemmingsverzoekRecord[]) {
    const names = await this.organisations.names(rows.flatMap((r) => [r.requesterId, r.holderId]));
    const ids = rows.flatMap((r) => (r.toestemmingId ? [r.toestemmingId] : []));
    const consents = new Map(
      (ids.length ? await this.dataSource.getRepository(ToestemmingRecord).findBy({ id: In(ids) }) : []).map((t) => [t.id, t]),
    );
    const now = this.calendar.now();
    return rows.map((r) => {
      const consent = r.toestemmingId ? consents.get(r.toestemmingId) : undefined;
      return {
        id: r.id,
        subject: r.subject,
        requester: { organisationType: r.requesterType, id: r.requesterId, name: names[r.requesterId] ?? null },
        from: { organisationType: r.holderType, id: r.holderId, name: names[r.holderId] ?? null },
        dataCategories: r.dataCategories,
        purpose: r.purpose,
        reason: r.reason,
        validUntil: r.validUntil,
        wordingText: r.wordingText,
        status: r.status as VerzoekStatus,
        requestedAt: r.requestedAt.toISOString(),
        answeredAt: r.answeredAt?.toISOString() ?? null,
        toestemming: consent
          ? {
              id: consent.id,
              status: statusAt(toToestemming(consent), now),
              awaitingGuardian: awaitsGuardian(toToestemming(consent), now, this.settings.minorAgeThreshold),
              // Who ended it, so the requester reads "withdrawn by the young person" or "declined by the guardian".
              withdrawnBy: consent.withdrawnBy ?? null,
            }
          : null,
      };
    });
  }
}
