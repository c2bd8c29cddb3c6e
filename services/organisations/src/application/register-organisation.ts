import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RegisteredKind } from '@estafette/organisations-client';
import { fieldError } from '@estafette/service-kit';
import { organisationIdFor } from '../domain/organisation-codes.js';
import { OrganisationAuditRecord, type OrganisationAction } from '../persistence/organisation-audit.entity.js';
import { OrganisationRecord } from '../persistence/organisation.entity.js';
import { ORGANISATIONS_SETTINGS, type OrganisationsSettings } from '../organisations-settings.js';
import { registeredView } from './organisation-view.js';

/** Who changes the directory: an ops user (their token subject and role), or the development seed. */
export interface Actor {
  subject: string;
  role: string;
}

/**
 * Registers, renames, deactivates and reactivates organisations; every change and its audit row (who, when,
 * before and after) commit together. Built-in organisations (municipalities, regions) are not changed here.
 */
@Injectable()
export class RegisterOrganisation {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(ORGANISATIONS_SETTINGS) private readonly settings: OrganisationsSettings,
  ) {}

  /**
   * 400 naming `code` when it is no code of the kind (or, for a W&I department by municipality code, no
   * municipality the built-in source knows); 409 when the id is registered already (deactivated included).
   */
  register(input: { kind: RegisteredKind; code: string; name: string }, actor: Actor) {
    const check = organisationIdFor(input.kind, input.code);
    if (!check.ok) throw fieldError('code', check.reason);
    if (check.id.startsWith('gemeente:') && this.settings.builtIn.find(check.id)?.kind !== 'gemeente') {
      throw fieldError('code', `code ${check.code} is no municipality in ${this.settings.builtIn.label}`);
    }
    return this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOne(OrganisationRecord, { where: { id: check.id }, lock: { mode: 'pessimistic_write' } });
      if (existing) {
        throw new ConflictException(
          `${check.id} is registered already as "${existing.name}"${existing.active ? '' : ' (deactivated: activate it instead)'}`,
        );
      }
      const now = new Date();
      const record: OrganisationRecord = {
        id: check.id,
        kind: input.kind,
        code: check.code,
        name: input.name,
        active: true,
        registeredAt: now,
        updatedAt: now,
      };
      try {
        await manager.insert(OrganisationRecord, record);
      } catch (error) {
        // Two registrations of one code at the same moment: the second finds the primary key taken.
        if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') {
          throw new ConflictException(`${check.id} is registered already`);
        }
        throw error;
      }
      await audit(manager, 'geregistreerd', actor, null, record, now);
      return registeredView(record);
    });
  }

  rename(id: string, name: string, actor: Actor) {
    return this.change(id, 'gewijzigd', actor, (r) => (r.name === name ? undefined : { name }));
  }

  /** 409 when it is deactivated already: the answer says so rather than recording a change that changed nothing. */
  deactivate(id: string, actor: Actor) {
    return this.change(id, 'gedeactiveerd', actor, (r) => {
      if (!r.active) throw new ConflictException(`${id} is deactivated already`);
      return { active: false };
    });
  }

  activate(id: string, actor: Actor) {
    return this.change(id, 'geactiveerd', actor, (r) => {
      if (r.active) throw new ConflictException(`${id} is active already`);
      return { active: true };
    });
  }

  private change(
    id: string,
    action: OrganisationAction,
    actor: Actor,
    what: (r: OrganisationRecord) => Partial<Pick<OrganisationRecord, 'name' | 'active'>> | undefined,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const record = await manager.findOne(OrganisationRecord, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!record) {
        if (this.settings.builtIn.find(id)) {
          throw new ConflictException(`${id} is built in (${this.settings.builtIn.label}): it changes with the next CBS list, not here`);
        }
        throw new NotFoundException(`no organisation ${id} is registered`);
      }
      const changes = what(record);
      if (!changes) return registeredView(record);
      const now = new Date();
      const after = { ...record, ...changes, updatedAt: now };
      await manager.update(OrganisationRecord, { id }, { ...changes, updatedAt: now });
      await audit(manager, action, actor, record, after, now);
      return registeredView(after);
    });
  }
}

async function audit(
  manager: EntityManager,
  action: OrganisationAction,
  actor: Actor,
  before: OrganisationRecord | null,
  after: OrganisationRecord,
  at: Date,
): Promise<void> {
  const plain = ({ id, kind, code, name, active }: OrganisationRecord) => ({ id, kind, code, name, active });
  await manager.insert(OrganisationAuditRecord, {
    organisationId: after.id,
    action,
    actorSubject: actor.subject,
    actorRole: actor.role,
    before: before ? plain(before) : null,
    after: plain(after),
    at,
  });
}
