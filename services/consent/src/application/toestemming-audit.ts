import type { EntityManager } from 'typeorm';
import type { Principal } from '@estafette/auth';
import { ToestemmingAuditRecord, type ToestemmingAction } from '../persistence/toestemming-audit.entity.js';

/** Appends one step of a consent (given, co-signed, withdrawn) with who took it, in the caller's transaction. */
export async function auditToestemming(
  manager: EntityManager,
  step: { toestemmingId: string; subject: string; action: ToestemmingAction; actor: Pick<Principal, 'role' | 'subject'> },
): Promise<void> {
  await manager.insert(ToestemmingAuditRecord, {
    toestemmingId: step.toestemmingId,
    subject: step.subject,
    action: step.action,
    actorRole: step.actor.role,
    actorSubject: step.actor.subject,
    at: new Date(),
  });
}
