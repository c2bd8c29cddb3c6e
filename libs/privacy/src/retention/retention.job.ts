import { Inject, Injectable } from '@nestjs/common';
import { IntervalJob } from '@estafette/service-kit';
import { RETENTION_PLAN, type RetentionPlan } from './retention-plan.js';
import { RetentionRunner } from './retention-runner.js';

/**
 * The daily retention job: checks every interval (an hour by default) whether today's run (by the service clock) is
 * done, and runs it when not. Durable: the last run is in retention_run, so a restart or a missed tick only delays it.
 */
@Injectable()
export class RetentionJob extends IntervalJob {
  protected readonly failureMessage = 'retention not applied';

  constructor(
    private readonly runner: RetentionRunner,
    @Inject(RETENTION_PLAN) private readonly plan: RetentionPlan,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.plan.intervalMs ?? 60 * 60_000;
  }

  protected tick(): Promise<unknown> {
    return this.runner.runIfDue();
  }
}
