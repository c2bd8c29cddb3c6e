import type { CalendarDate } from '@estafette/calendar';
import type { EntityManager } from 'typeorm';
import type { Bewaartermijn, RetentionService } from './bewaartermijn.js';

/** The day a run is for and, per category, the date before which its data is past its period. */
export interface RetentionCutoff {
  /** The service clock's Amsterdam date. */
  today: CalendarDate;
  /** Moments before this date are past (cutoffOf). */
  date: CalendarDate;
  /** The start of `date` in Amsterdam, for timestamp columns. */
  instant: Date;
}

/**
 * One batch of one category: remove or pseudonymise at most `batchSize` units (rows, or young people for a dossier) past
 * the cutoff, inside the given transaction. Returns the rows it changed and whether there may be more. Must be idempotent:
 * a second call with nothing past returns `{ rows: 0, more: false }`.
 */
export type RetentionBatch = (
  manager: EntityManager,
  cutoff: RetentionCutoff,
  batchSize: number,
) => Promise<{ rows: number; more: boolean }>;

/** What a service gives the shared retention job: its name and, per enforced category of its policy, the batch statement. */
export interface RetentionPlan {
  service: RetentionService;
  statements: Record<string, RetentionBatch>;
  /** Units per batch; 500 by default. */
  batchSize?: number;
  /** How often the job checks whether today's run is due; an hour by default. */
  intervalMs?: number;
  /** The table to apply; BEWAARTERMIJNEN by default. */
  table?: readonly Bewaartermijn[];
}

export const RETENTION_PLAN = Symbol('RETENTION_PLAN');

/** Rows a data-changing query touched, from TypeORM's raw PostgreSQL result ([rows, count] for UPDATE/DELETE, rows otherwise). */
export async function changed(manager: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const result: unknown = await manager.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[1];
  return Array.isArray(result) ? result.length : 0;
}
