import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@estafette/auth';
import { ServiceCalendar } from '@estafette/service-kit';
import { TOESTEMMING_CHAIN } from '../persistence/chain-tables.js';
import { ToestemmingAuditRecord, type ToestemmingAction } from '../persistence/toestemming-audit.entity.js';
import { AuditChains } from './audit-chains.js';

/**
 * Appends one step of a consent (given, co-signed, withdrawn) with who took it, in the caller's transaction, as the
 * next entry of the keyed toestemming-audit chain (steps of all consents take turns until the caller commits).
 */
@Injectable()
export class ToestemmingAudit {
  constructor(
    private readonly chains: AuditChains,
    private readonly calendar: ServiceCalendar,
  ) {}

  async append(
    manager: EntityManager,
    step: { toestemmingId: string; subject: string; action: ToestemmingAction; actor: Pick<Principal, 'role' | 'subject'> },
  ): Promise<void> {
    const at = this.calendar.now();
    const [link] = await this.chains.link(manager, TOESTEMMING_CHAIN, [
      TOESTEMMING_CHAIN.fieldsOf({
        toestemming_id: step.toestemmingId,
        subject: step.subject,
        action: step.action,
        actor_role: step.actor.role,
        actor_subject: step.actor.subject,
        at,
      }),
    ]);
    await manager.insert(ToestemmingAuditRecord, {
      toestemmingId: step.toestemmingId,
      subject: step.subject,
      action: step.action,
      actorRole: step.actor.role,
      actorSubject: step.actor.subject,
      at,
      sequence: link!.content.sequence,
      previousHash: link!.previousHash,
      hash: link!.hash,
    });
  }
}
