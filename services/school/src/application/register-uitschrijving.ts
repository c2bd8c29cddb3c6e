import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SCHOOL_SETTINGS, type SchoolSettings } from '../school-settings.js';
import { insertUitschrijvingen, ROWS_PER_STATEMENT, type InsertOutcome } from './insert-uitschrijvingen.js';
import { uitschrijvingWithEvent, type UitschrijvingInput } from './uitschrijving-with-event.js';

export { pseudonymSource, type UitschrijvingInput } from './uitschrijving-with-event.js';
export type RegisterResult = InsertOutcome;

/**
 * Stores the deregistration and its uitschrijving event atomically (the outbox publishes it).
 * The school's own reference makes it idempotent: the same reference again returns the first record.
 */
@Injectable()
export class RegisterUitschrijving {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SCHOOL_SETTINGS) private readonly settings: SchoolSettings,
  ) {}

  async execute(input: UitschrijvingInput): Promise<RegisterResult> {
    return this.executeBatch(input.schoolId, [input]).then(([outcome]) => outcome!);
  }

  /**
   * One transaction for the whole batch: all rows and their events, or none. Up to ROWS_PER_STATEMENT rows that is
   * one statement on its own (one round trip); a larger batch is several statements in one transaction.
   */
  async executeBatch(schoolId: string, inputs: UitschrijvingInput[]): Promise<RegisterResult[]> {
    const items = inputs.map((input) => uitschrijvingWithEvent({ ...input, schoolId }, this.settings));
    if (items.length <= ROWS_PER_STATEMENT) return insertUitschrijvingen(this.dataSource, schoolId, items);
    return this.dataSource.transaction(async (manager) => {
      const outcomes: RegisterResult[] = [];
      for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT)
        outcomes.push(...(await insertUitschrijvingen(manager, schoolId, items.slice(start, start + ROWS_PER_STATEMENT))));
      return outcomes;
    });
  }
}
