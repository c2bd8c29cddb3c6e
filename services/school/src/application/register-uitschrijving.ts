import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxHold } from '@estafette/messaging';
import { WriteGroups } from '@estafette/service-kit';
import { SCHOOL_SETTINGS, type SchoolSettings } from '../school-settings.js';
import { insertUitschrijvingen, ROWS_PER_STATEMENT, type InsertOutcome, type Queryable } from './insert-uitschrijvingen.js';
import { uitschrijvingWithEvent, type UitschrijvingInput } from './uitschrijving-with-event.js';

export { pseudonymSource, type UitschrijvingInput } from './uitschrijving-with-event.js';
export type RegisterResult = InsertOutcome;

/** Single uitschrijvingen in the database at once; those arriving meanwhile go together in the next statement. */
const SINGLES_IN_FLIGHT = 2;

/**
 * Stores the deregistration and its uitschrijving event atomically (the outbox publishes it).
 * The school's own reference makes it idempotent: the same reference again returns the first record.
 */
@Injectable()
export class RegisterUitschrijving {
  /** Single POSTs under load share statements (group commit); each still commits before its answer. */
  private readonly singles = new WriteGroups<UitschrijvingInput, RegisterResult>((inputs) => this.executeForSchools(inputs), {
    maxGroup: ROWS_PER_STATEMENT,
    inFlight: SINGLES_IN_FLIGHT,
  });

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SCHOOL_SETTINGS) private readonly settings: SchoolSettings,
  ) {}

  /** One uitschrijving; committed (alone or with others that arrived at the same time) when this resolves. */
  async execute(input: UitschrijvingInput): Promise<RegisterResult> {
    return this.singles.write(input);
  }

  /** Inputs of any schools: one statement per school, all in one transaction when more than one; outcomes in input order. */
  private async executeForSchools(inputs: UitschrijvingInput[]): Promise<RegisterResult[]> {
    const schools = [...new Set(inputs.map((i) => i.schoolId))];
    if (schools.length === 1) return this.executeBatch(schools[0]!, inputs);
    return this.dataSource.transaction(async (manager) => {
      const outcomes = new Map<UitschrijvingInput, RegisterResult>();
      for (const schoolId of schools) {
        const ofSchool = inputs.filter((i) => i.schoolId === schoolId);
        (await this.insertInStatements(manager, schoolId, ofSchool)).forEach((outcome, i) => outcomes.set(ofSchool[i]!, outcome));
      }
      return inputs.map((input) => outcomes.get(input)!);
    });
  }

  /**
   * One transaction for the whole batch: all rows and their events, or none. Up to ROWS_PER_STATEMENT rows that is
   * one statement on its own (one round trip); a larger batch is several statements in one transaction. Events staged
   * under `hold` wait for its release (an import's: see `holdEvents`).
   */
  async executeBatch(schoolId: string, inputs: UitschrijvingInput[], hold?: OutboxHold): Promise<RegisterResult[]> {
    if (inputs.length <= ROWS_PER_STATEMENT) return this.insertInStatements(this.dataSource, schoolId, inputs, hold);
    return this.dataSource.transaction((manager) => this.insertInStatements(manager, schoolId, inputs, hold));
  }

  /**
   * A hold for one import's events: they reach the chain when the import has answered (`release`), so the upload has
   * the machine while it runs (issue 19), or every 30 s of a longer one while its rows keep coming (`renewIfDue`: a slow
   * upload does not keep the young people's events from other schools waiting for long). See OutboxHold for order and
   * recovery (a stalled upload's rows: the relay's timeout).
   */
  holdEvents(): OutboxHold {
    return new OutboxHold(this.dataSource, 30_000);
  }

  /** `inputs` as the school's records in statements of ROWS_PER_STATEMENT; the caller gives the transaction. */
  private async insertInStatements(
    db: Queryable,
    schoolId: string,
    inputs: UitschrijvingInput[],
    hold?: OutboxHold,
  ): Promise<RegisterResult[]> {
    const items = inputs.map((input) => uitschrijvingWithEvent({ ...input, schoolId }, this.settings));
    const outcomes: RegisterResult[] = [];
    for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT)
      outcomes.push(...(await insertUitschrijvingen(db, schoolId, items.slice(start, start + ROWS_PER_STATEMENT), hold)));
    return outcomes;
  }
}
