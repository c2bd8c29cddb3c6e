import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ServiceCalendar } from '@estafette/service-kit';
import { reassigned, toewijzingRefusals, type ToewijzingRefusal } from '../domain/caseload.js';
import { TaakRecord } from '../persistence/taak.entity.js';
import { ToewijzingLogRecord } from '../persistence/toewijzing-log.entity.js';

/** What a bulk toewijzing answers: how many tasks moved, and the log row of each (in the order of the request). */
export interface ToewijzingResult {
  count: number;
  logIds: string[];
}

/**
 * A coordinator reassigns many tasks of their region at once (bulk toewijzing). One transaction: the tasks are locked
 * (in id order, so two overlapping requests cannot deadlock), checked, changed and logged (`toewijzing_log`, one row per
 * task), or nothing happens. Errors: 404 when an id is no task in the region, else 409 when a task is not open; both
 * list every refusal as `refused: [{ taakId, reason, status? }]` and change nothing.
 */
@Injectable()
export class ReassignTaken {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: ServiceCalendar,
  ) {}

  run(region: string, taakIds: readonly string[], assignee: string, by: string): Promise<ToewijzingResult> {
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.find(TaakRecord, {
        select: { id: true, status: true, assignedTo: true },
        where: { id: In([...taakIds]), region },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const refused = toewijzingRefusals(taakIds, found);
      if (refused.length) throw refusal(refused, taakIds.length);
      const byId = new Map(found.map((t) => [t.id, t]));
      const at = this.calendar.now();
      const log: Partial<ToewijzingLogRecord>[] = [];
      for (const taakId of taakIds) {
        const taak = byId.get(taakId)!;
        // Already this consulent's: nothing changes, so nothing is logged (a request sent twice logs once).
        if (taak.assignedTo === assignee) continue;
        await manager.update(TaakRecord, { id: taakId }, reassigned(taak.status, assignee));
        log.push({ taakId, fromAssignee: taak.assignedTo, toAssignee: assignee, assignedBy: by, at });
      }
      if (log.length === 0) return { count: 0, logIds: [] };
      const inserted = await manager.insert(ToewijzingLogRecord, log);
      return { count: log.length, logIds: inserted.identifiers.map((i) => String(i.id)) };
    });
  }
}

function refusal(refused: ToewijzingRefusal[], requested: number) {
  const body = {
    message: `nothing reassigned: ${refused.length} of ${requested} tasks cannot be reassigned (${refused
      .slice(0, 5)
      .map((r) => `${r.taakId}: ${r.reason === 'niet-open' ? `not open (${r.status})` : 'no task in your region'}`)
      .join('; ')}${refused.length > 5 ? '; ...' : ''})`,
    refused,
  };
  return refused.some((r) => r.reason === 'niet-in-regio')
    ? new NotFoundException({ statusCode: 404, error: 'Not Found', ...body })
    : new ConflictException({ statusCode: 409, error: 'Conflict', ...body });
}
