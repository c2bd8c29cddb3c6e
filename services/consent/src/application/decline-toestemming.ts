import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import type { Principal } from '@estafette/auth';
import { ServiceCalendar } from '@estafette/service-kit';
import { CONSENT_SETTINGS, type ConsentSettings } from '../consent-settings.js';
import { awaitsGuardian } from '../domain/toestemming.js';
import { toToestemming } from '../persistence/to-domain.js';
import { ToestemmingRecord } from '../persistence/toestemming.entity.js';
import { WithdrawToestemming } from './withdraw-toestemming.js';

/**
 * A parent or guardian declines a consent of a young person they are linked to (their token's guardian_of claim): it
 * is withdrawn by `ouder-of-voogd`, so it never counts, with the usual withdrawal event and audit step (the guardian
 * as actor). Someone else's young person's consent is not found (404); one withdrawn already, co-signed already or
 * no longer waiting for a guardian (the young person is of age by the school's record) is a 409. Source: design
 * (issue 23: the guardian approves or declines).
 */
@Injectable()
export class DeclineToestemming {
  constructor(
    @InjectRepository(ToestemmingRecord) private readonly toestemmingen: Repository<ToestemmingRecord>,
    private readonly withdraw: WithdrawToestemming,
    @Inject(CONSENT_SETTINGS) private readonly settings: ConsentSettings,
    private readonly calendar: ServiceCalendar,
  ) {}

  async execute(guardian: Principal, id: string): Promise<ToestemmingRecord> {
    const children = [...(guardian.guardianOf ?? [])];
    // A consent's subject never changes, so this unlocked read settles the scope; the rest is checked on the locked row.
    const found = children.length
      ? await this.toestemmingen.findOne({ where: { id, subject: In(children) }, select: { id: true, subject: true } })
      : null;
    if (!found) throw new NotFoundException(`no toestemming ${id}`);
    return this.withdraw.execute(found.subject, id, 'ouder-of-voogd', {
      actor: guardian,
      refuse: (record) =>
        record.grantedBy.includes('ouder-of-voogd')
          ? `toestemming ${id} is already co-signed: the young person can withdraw it`
          : awaitsGuardian(toToestemming(record), this.calendar.now(), this.settings.minorAgeThreshold)
            ? null
            : `toestemming ${id} does not wait for a parent or guardian`,
    });
  }
}
