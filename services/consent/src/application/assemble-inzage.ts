import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { recordAccess, type Principal } from '@estafette/auth';
import { OrganisationsClient } from '@estafette/organisations-client';
import { accessesOf, type InzageDocument, type InzageRecord, type InzageSection } from '@estafette/privacy';
import { ServiceCalendar } from '@estafette/service-kit';
import { CONSENT_SETTINGS, type ConsentSettings, type HolderService } from '../consent-settings.js';
import { askHolder, HolderUnavailable } from './ask-holder.js';
import { DecisionAuditRecord } from '../persistence/decision-audit.entity.js';
import { InzageVerzoekRecord } from '../persistence/inzage-verzoek.entity.js';
import { ToestemmingRecord } from '../persistence/toestemming.entity.js';
import { ToestemmingsverzoekRecord } from '../persistence/toestemmingsverzoek.entity.js';

/** A privacy officer's verified request: whose inzage, how the requester was verified, and why. */
export interface InzageRequest {
  subject: string;
  verificationNote: string;
  reason: string;
}

/**
 * The one inzage (AVG art. 15) of a young person: the consent service's own section plus every service's section
 * (GET <service>/inzage/<subject> with this service's platform token), asked at the same time. A service that does
 * not answer in time, or answers otherwise than 200, becomes a "niet beschikbaar" section: the document is always made.
 * Every inzage is logged in this service's access_log (the young person's own: `own-record`; a privacy officer's:
 * `legal-basis:avg-art-15`), and a privacy officer's request also in `inzage_verzoek` (append-only).
 */
@Injectable()
export class AssembleInzage {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONSENT_SETTINGS) private readonly settings: ConsentSettings,
    private readonly calendar: ServiceCalendar,
    private readonly organisations: OrganisationsClient,
  ) {}

  /** The young person's own inzage (role jongere: the token subject is their pseudonymous reference). */
  async forYoungPerson(me: Principal): Promise<InzageDocument> {
    await recordAccess(this.dataSource.manager, me, {
      subject: me.subject,
      resource: `inzage/${me.subject}`,
      basis: 'own-record',
      purpose: 'inzage',
    });
    return this.build(me.subject, { kind: 'jongere' });
  }

  /** A privacy officer's inzage on a verified request; the request and its outcome per service are kept. */
  async forPrivacyOfficer(officer: Principal, request: InzageRequest): Promise<InzageDocument> {
    const id = randomUUID();
    const document = await this.build(request.subject, { kind: 'privacy-officer', requestId: id });
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(InzageVerzoekRecord, {
        id,
        subject: request.subject,
        requestedAt: this.calendar.now(),
        officerSubject: officer.subject,
        officerOrganisationId: officer.organisationId ?? null,
        verificationNote: request.verificationNote,
        reason: request.reason,
        sectionStatus: Object.fromEntries(document.sections.map((s) => [s.service, s.status])),
      });
      await recordAccess(manager, officer, {
        subject: request.subject,
        resource: `inzage/${id}`,
        basis: 'legal-basis:avg-art-15',
        purpose: 'inzage',
      });
    });
    return document;
  }

  private async build(subject: string, requestedBy: InzageDocument['requestedBy']): Promise<InzageDocument> {
    const sources = this.settings.holders?.sources ?? [];
    const sections = await Promise.all([this.ownSection(subject), ...sources.map((source) => this.askService(source, subject))]);
    return { subject, createdAt: this.calendar.now().toISOString(), requestedBy, sections };
  }

  private async askService(source: HolderService, subject: string): Promise<InzageSection> {
    try {
      const section = await askHolder<InzageSection>(this.settings.holders, source, `/inzage/${encodeURIComponent(subject)}`);
      return { ...section, service: source.service };
    } catch (error) {
      if (!(error instanceof HolderUnavailable)) throw error;
      return {
        service: source.service,
        status: 'niet-beschikbaar',
        reason:
          error.why === 'no-token'
            ? 'Het platform heeft geen toegang om deze gegevens op te vragen. Vraag het later opnieuw.'
            : error.why === 'status'
              ? `Deze dienst gaf geen antwoord (status ${error.status}). Vraag het later opnieuw.`
              : 'Deze dienst was niet bereikbaar. Vraag het later opnieuw.',
      };
    }
  }

  /** What the consent service itself holds: the consents, every request to share, and who read them. */
  private async ownSection(subject: string): Promise<InzageSection> {
    const manager = this.dataSource.manager;
    const names = (ids: Iterable<string | null | undefined>) => this.organisations.names(ids);
    const [consents, decisions, verzoeken] = await Promise.all([
      manager.find(ToestemmingRecord, { where: { subject }, order: { givenAt: 'ASC' } }),
      manager.find(DecisionAuditRecord, { where: { subject }, order: { sequence: 'ASC' } }),
      manager.find(ToestemmingsverzoekRecord, { where: { subject }, order: { requestedAt: 'ASC' } }),
    ]);
    const requests = decisions.map(
      (d) => d.request as { from: { id: string }; to: { id: string }; dataCategories: string[]; purpose: string; level: string },
    );
    const known = await names([
      ...consents.flatMap((c) => [c.fromId, c.toId]),
      ...requests.flatMap((r) => [r.from.id, r.to.id]),
      ...verzoeken.flatMap((v) => [v.requesterId, v.holderId]),
    ]);
    const named = (id: string | null, type: string) =>
      id ? (known[id] ? `${known[id]} (${id})` : id) : `elke organisatie van het soort ${type}`;
    const platform = { id: this.settings.organisationId, name: 'Estafette (toestemmingen)' };
    const records: InzageRecord[] = [
      ...consents.map((c) => ({
        category: 'Toestemming',
        organisation: platform,
        fields: {
          Van: named(c.fromId, c.fromType),
          Aan: named(c.toId, c.toType),
          Gegevens: c.dataCategories.join(', '),
          Doel: c.purpose,
          'Geldig vanaf': c.validFrom,
          'Geldig tot': c.validUntil,
          'Gegeven op': c.givenAt.toISOString(),
          'Ingetrokken op': c.withdrawnAt?.toISOString() ?? null,
        },
      })),
      ...decisions.map((d, i) => ({
        category: 'Vraag om gegevens te delen',
        organisation: platform,
        fields: {
          Wanneer: d.decidedAt.toISOString(),
          'Wie vroeg het': named(requests[i]!.to.id, ''),
          'Wie heeft de gegevens': named(requests[i]!.from.id, ''),
          Gegevens: requests[i]!.dataCategories.join(', '),
          Doel: requests[i]!.purpose,
          Niveau: requests[i]!.level === 'signaal' ? 'alleen dat er contact is' : 'de inhoud',
          Toegestaan: d.permit,
        },
      })),
      ...verzoeken.map((v) => ({
        category: 'Vraag om toestemming',
        organisation: platform,
        fields: {
          'Gevraagd op': v.requestedAt.toISOString(),
          'Wie vroeg het': named(v.requesterId, v.requesterType),
          'Wie heeft de gegevens': named(v.holderId, v.holderType),
          Gegevens: v.dataCategories.join(', '),
          Waarom: v.reason,
          Tekst: v.wordingText,
          Antwoord: v.status === 'open' ? 'nog niet gegeven' : v.status,
          'Beantwoord op': v.answeredAt?.toISOString() ?? null,
        },
      })),
    ];
    return { service: 'consent', status: 'beschikbaar', records, accesses: await accessesOf(manager, subject, names), removals: [] };
  }
}
