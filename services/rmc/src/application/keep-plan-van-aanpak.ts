import { recordAccess, type Principal } from '@estafette/auth';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { fieldError, ServiceCalendar } from '@estafette/service-kit';
import { PlanRefusedError, statusWithPlan } from '../domain/plan-van-aanpak.js';
import { NotitieRecord } from '../persistence/notitie.entity.js';
import { PlanVanAanpakVersieRecord } from '../persistence/plan-van-aanpak.entity.js';
import { TaakRecord } from '../persistence/taak.entity.js';
import { addNotitie } from './notities.js';
import { armNextStep } from './periodic-contact.js';
import { lockTaakInTurn } from './taak-in-turn.js';

/** What the consulent writes: every write is a new version. Dates are Amsterdam dates (YYYY-MM-DD). */
export interface PlanInput {
  goals: string;
  agreements: string;
  nextStep: string;
  nextStepOn: string;
  /** A note on the plan, stored with this version. */
  notitie?: string;
  /** The version the consulent edited; a later one written meanwhile makes this a 409 (`plan-gewijzigd`). */
  previousVersion?: number;
}

const conflict = (reason: string, message: string) => new ConflictException({ statusCode: 409, error: 'Conflict', reason, message });

/**
 * The plan van aanpak of a task, versioned: who changed what and when. Writing one makes the task `traject`
 * (409 `nog-geen-contact` before contact, `taak-afgesloten` after it left the RMC) and (re-)arms the one next-step
 * timer when its date changed. Always scoped to the caller's region (404 otherwise).
 */
@Injectable()
export class KeepPlanVanAanpak {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: ServiceCalendar,
  ) {}

  write(region: string, id: string, plan: PlanInput, by: string): Promise<PlanVanAanpakVersieRecord> {
    return this.dataSource.transaction(async (manager) => {
      const taak = await lockTaakInTurn(manager, { id, region });
      if (!taak) throw new NotFoundException(`no task ${id} in your region`);
      let status;
      try {
        status = statusWithPlan(taak.status);
      } catch (error) {
        if (error instanceof PlanRefusedError) throw conflict(error.reason, error.message);
        throw error;
      }
      const current = await this.latest(manager, id);
      const currentVersion = current?.version ?? 0;
      if (plan.previousVersion !== undefined && plan.previousVersion !== currentVersion)
        throw conflict(
          'plan-gewijzigd',
          `the plan changed since version ${plan.previousVersion}: version ${currentVersion} is current; read it first`,
        );
      const dateChanged = plan.nextStepOn !== current?.nextStepOn;
      if (dateChanged && plan.nextStepOn < this.calendar.today())
        throw fieldError('nextStepOn', `nextStepOn must be today (${this.calendar.today()}) or later`);
      const now = this.calendar.now();
      const version = manager.create(PlanVanAanpakVersieRecord, {
        taakId: id,
        version: currentVersion + 1,
        goals: plan.goals,
        agreements: plan.agreements,
        nextStep: plan.nextStep,
        nextStepOn: plan.nextStepOn,
        changedBy: by,
        changedAt: now,
      });
      await manager.insert(PlanVanAanpakVersieRecord, version);
      // The same date keeps its timer as it is (fired or not): only a new date asks again.
      if (dateChanged) await armNextStep(manager, id, plan.nextStepOn);
      if (plan.notitie) await addNotitie(manager, taak, { bij: 'plan', planVersion: version.version }, plan.notitie, by, now);
      await manager.update(TaakRecord, { id }, { status, nextStepOn: plan.nextStepOn, backOnTopSince: null });
      return version;
    });
  }

  /** The current version with every note on the plan (oldest first); undefined without a plan. 404 for another region. */
  /** The current version with its notes; the read is logged for `reader` (the plan is the young person's trajectory). */
  async current(region: string, id: string, reader: Principal) {
    const manager = this.dataSource.manager;
    await this.logRead(manager, reader, await this.taakIn(manager, region, id));
    const current = await this.latest(manager, id);
    if (!current) return undefined;
    const notities = await manager.find(NotitieRecord, { where: { taakId: id, bij: 'plan' }, order: { writtenAt: 'ASC' } });
    return { current, notities };
  }

  /** Every version, newest first, one page of them. */
  async versions(region: string, id: string, window: { skip: number; take: number }, reader: Principal) {
    const manager = this.dataSource.manager;
    await this.logRead(manager, reader, await this.taakIn(manager, region, id));
    return manager.findAndCount(PlanVanAanpakVersieRecord, { where: { taakId: id }, order: { version: 'DESC' }, ...window });
  }

  private logRead(manager: EntityManager, reader: Principal, taak: TaakRecord) {
    return recordAccess(manager, reader, {
      subject: taak.pseudonymousReference,
      resource: `taak/${taak.id}/plan`,
      basis: 'own-organisation',
      purpose: 'trajectbegeleiding',
    });
  }

  private latest(manager: EntityManager, taakId: string) {
    return manager.findOne(PlanVanAanpakVersieRecord, { where: { taakId }, order: { version: 'DESC' } });
  }

  private async taakIn(manager: EntityManager, region: string, id: string): Promise<TaakRecord> {
    const taak = await manager.findOneBy(TaakRecord, { id, region });
    if (!taak) throw new NotFoundException(`no task ${id} in your region`);
    return taak;
  }
}
