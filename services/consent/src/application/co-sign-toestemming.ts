import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Principal } from '@estafette/auth';
import { ServiceCalendar } from '@estafette/service-kit';
import { ToestemmingRecord } from '../persistence/toestemming.entity.js';
import { ToestemmingAudit } from './toestemming-audit.js';

/**
 * A parent or guardian co-signs a consent of a young person they are linked to (their token's guardian_of claim).
 * Someone else's young person's consent is not found (404), like any record outside the caller's scope.
 */
@Injectable()
export class CoSignToestemming {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: ServiceCalendar,
    private readonly toestemmingAudit: ToestemmingAudit,
  ) {}

  async execute(guardian: Principal, id: string): Promise<ToestemmingRecord> {
    const children = [...(guardian.guardianOf ?? [])];
    return this.dataSource.transaction(async (manager) => {
      const record = children.length
        ? await manager.findOne(ToestemmingRecord, { where: { id, subject: In(children) }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!record) throw new NotFoundException(`no toestemming ${id}`);
      if (record.withdrawnAt) throw new ConflictException(`toestemming ${id} was withdrawn: there is nothing to co-sign`);
      if (record.grantedBy.includes('ouder-of-voogd')) throw new ConflictException(`toestemming ${id} is already co-signed`);
      record.grantedBy = [...record.grantedBy, 'ouder-of-voogd'];
      record.coSignedBy = guardian.subject;
      record.coSignedAt = this.calendar.now();
      await manager.update(
        ToestemmingRecord,
        { id },
        { grantedBy: record.grantedBy, coSignedBy: record.coSignedBy, coSignedAt: record.coSignedAt },
      );
      await this.toestemmingAudit.append(manager, {
        toestemmingId: id,
        subject: record.subject,
        action: 'medeondertekend',
        actor: guardian,
      });
      return record;
    });
  }
}
