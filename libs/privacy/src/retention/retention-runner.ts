import { Inject, Injectable, Logger } from '@nestjs/common';
import { startOfDay } from '@estafette/calendar';
import { ServiceCalendar } from '@estafette/service-kit';
import { DataSource } from 'typeorm';
import { cutoffOf, policyVersion, type Bewaartermijn } from './bewaartermijn.js';
import { BEWAARTERMIJNEN, bewaartermijnenOf } from './bewaartermijnen.js';
import { RetentionRunRecord } from './retention-run.entity.js';
import { RETENTION_PLAN, type RetentionPlan } from './retention-plan.js';

/** One retention run as the audit and `GET /retention/runs` show it: counts per category, never content. */
export interface RetentionRunView {
  id: string;
  startedAt: string;
  finishedAt: string;
  counts: Record<string, number>;
  policy: string;
}

export const runView = (r: RetentionRunRecord): RetentionRunView => ({
  id: r.id,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt.toISOString(),
  counts: r.counts,
  policy: r.policy,
});

/** Any two instances of one service take this PostgreSQL advisory lock; only the holder runs. */
const LOCK_KEY = "hashtext('estafette:retention')";

/**
 * Applies a service's bewaartermijnen: per enforced category, batch after batch (each in its own transaction) until
 * nothing past its period is left, then one append-only audit line with the counts. Safe with several instances (an
 * advisory lock; the other instance skips) and idempotent (a second run finds nothing and writes zeros).
 * Errors: a plan without a statement for an enforced category, or with one for an unknown category, stops the service
 * at start.
 */
@Injectable()
export class RetentionRunner {
  private readonly logger = new Logger(RetentionRunner.name);
  readonly rules: Bewaartermijn[];
  readonly version: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: ServiceCalendar,
    @Inject(RETENTION_PLAN) private readonly plan: RetentionPlan,
  ) {
    this.rules = bewaartermijnenOf(plan.service, plan.table ?? BEWAARTERMIJNEN);
    this.version = policyVersion(this.rules);
    const enforced = this.rules.filter((r) => !r.pending).map((r) => r.category);
    const missing = enforced.filter((c) => !plan.statements[c]);
    const unknown = Object.keys(plan.statements).filter((c) => !enforced.includes(c));
    if (missing.length || unknown.length) {
      throw new Error(
        `retention plan of ${plan.service}: no statement for [${missing.join(', ')}], no enforced category [${unknown.join(', ')}]`,
      );
    }
  }

  /** Today's run when none ran today (the daily job); null when it already ran or another instance is running. */
  runIfDue(): Promise<RetentionRunView | null> {
    return this.run(true);
  }

  /** A run now, whether or not one ran today; null when another instance is running. */
  runNow(): Promise<RetentionRunView | null> {
    return this.run(false);
  }

  private async run(onlyIfDue: boolean): Promise<RetentionRunView | null> {
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    try {
      const [{ locked }] = (await lock.query(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS locked`)) as [{ locked: boolean }];
      if (!locked) return null;
      try {
        const today = this.calendar.today();
        if (onlyIfDue && (await lock.manager.existsBy(RetentionRunRecord, { runDate: today }))) return null;
        const startedAt = this.calendar.now();
        const counts: Record<string, number> = {};
        for (const rule of this.rules.filter((r) => !r.pending)) {
          const date = cutoffOf(rule.period, today);
          counts[rule.category] = await this.drain(rule.category, { today, date, instant: startOfDay(date) });
        }
        const record = await lock.manager.save(
          lock.manager.create(RetentionRunRecord, {
            runDate: today,
            startedAt,
            finishedAt: this.calendar.now(),
            counts,
            policy: this.version,
          }),
        );
        this.logger.log(`retention run ${record.id} for ${today}: ${JSON.stringify(counts)}`);
        return runView(record);
      } finally {
        await lock.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
      }
    } finally {
      await lock.release();
    }
  }

  private async drain(category: string, cutoff: Parameters<RetentionPlan['statements'][string]>[1]): Promise<number> {
    const statement = this.plan.statements[category]!;
    const batchSize = this.plan.batchSize ?? 500;
    let total = 0;
    for (;;) {
      const { rows, more } = await this.dataSource.transaction((manager) => statement(manager, cutoff, batchSize));
      total += rows;
      if (!more || rows === 0) return total;
    }
  }
}
