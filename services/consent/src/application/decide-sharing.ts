import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
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
    const records = await this.toestemmingen.findBy({ subject: request.subject });
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
