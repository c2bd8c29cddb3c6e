import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fieldError, ServiceCalendar } from '@estafette/service-kit';
import type { NotitieBij } from '../domain/notitie.js';
import { ContactMomentRecord } from '../persistence/contact-moment.entity.js';
import { NotitieRecord } from '../persistence/notitie.entity.js';
import { PlanVanAanpakVersieRecord } from '../persistence/plan-van-aanpak.entity.js';
import { TaakRecord } from '../persistence/taak.entity.js';
import { addNotitie } from './notities.js';

/**
 * A note written afterwards on a contact moment of the task (`contactMomentId`) or on its plan van aanpak (the current
 * version). 400 naming `contactMomentId` when it is no moment of this task; 409 `geen-plan` without a plan; 404 for a
 * task of another region. Any status: writing down what happened is allowed after a task closed, too.
 */
@Injectable()
export class WriteNotitie {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: ServiceCalendar,
  ) {}

  add(region: string, id: string, note: { bij: NotitieBij; contactMomentId?: string; tekst: string }, by: string): Promise<NotitieRecord> {
    return this.dataSource.transaction(async (manager) => {
      const taak = await manager.findOneBy(TaakRecord, { id, region });
      if (!taak) throw new NotFoundException(`no task ${id} in your region`);
      const now = this.calendar.now();
      if (note.bij === 'contactmoment') {
        if (!note.contactMomentId || !(await manager.existsBy(ContactMomentRecord, { id: note.contactMomentId, taakId: id })))
          throw fieldError('contactMomentId', 'contactMomentId must name a contact moment of this task');
        return addNotitie(manager, taak, { bij: 'contactmoment', contactMomentId: note.contactMomentId }, note.tekst, by, now);
      }
      const plan = await manager.findOne(PlanVanAanpakVersieRecord, { where: { taakId: id }, order: { version: 'DESC' } });
      if (!plan)
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          reason: 'geen-plan',
          message: 'this task has no plan van aanpak yet',
        });
      return addNotitie(manager, taak, { bij: 'plan', planVersion: plan.version }, note.tekst, by, now);
    });
  }
}
