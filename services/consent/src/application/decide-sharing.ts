import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { preparedQuery } from '@estafette/messaging';
import { ServiceCalendar } from '@estafette/service-kit';
import { CONSENT_SETTINGS, type ConsentSettings } from '../consent-settings.js';
import { decide, type Decision, type DecisionRequest } from '../domain/decide.js';
import { ToestemmingRecord } from '../persistence/toestemming.entity.js';
import { toToestemming } from '../persistence/to-domain.js';
import { AuditLog } from './audit-log.js';

export interface Asker {
  subject: string;
  organisationId?: string;
}

export interface AuditedDecision extends Decision {
  /** The audit entry's sequence number: the decision's id in the access log and the register. */
  decisionId: number;
}

// The arrays as json: node-postgres parses json with JSON.parse, text[] character by character (most of the lookup's garbage).
const CONSENTS_OF_SUBJECT = `SELECT id, subject, birth_date::text AS "birthDate", array_to_json(data_categories) AS "dataCategories",
    from_type AS "fromType", from_id AS "fromId", to_type AS "toType", to_id AS "toId", purpose,
    valid_from::text AS "validFrom", valid_until::text AS "validUntil", wording_version AS "wordingVersion",
    wording_text AS "wordingText", how_given AS "howGiven", array_to_json(granted_by) AS "grantedBy", withdrawn_at AS "withdrawnAt",
    withdrawn_by AS "withdrawnBy"
  FROM toestemming WHERE subject = $1`;

/** The hot path: convenants from memory, the subject's consents in one indexed query, then the audit append. */
@Injectable()
export class DecideSharing {
  constructor(
    @Inject(CONSENT_SETTINGS) private readonly settings: ConsentSettings,
    @InjectRepository(ToestemmingRecord) private readonly toestemmingen: Repository<ToestemmingRecord>,
    private readonly audit: AuditLog,
    private readonly calendar: ServiceCalendar,
  ) {}

  async execute(request: DecisionRequest, askedBy: Asker): Promise<AuditedDecision> {
    const now = this.calendar.now();
    // Plain SQL, prepared: the entity machinery cost more than the query on this path. Dates as text, as the entity reads them.
    const records: ToestemmingRecord[] = await preparedQuery(this.toestemmingen, CONSENTS_OF_SUBJECT, [request.subject]);
    const decision = decide(request, {
      convenants: this.settings.convenanten,
      toestemmingen: records.map(toToestemming),
      now,
      minorAgeThreshold: this.settings.minorAgeThreshold,
    });
    const entry = await this.audit.append({ ...request, askedBy }, decision, now);
    return { decisionId: entry.sequence, ...decision };
  }
}
