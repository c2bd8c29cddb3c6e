import type { RegionMap } from '@estafette/contracts';
import type { ConsentAccess } from '@estafette/consent-client';
import type { UploadLimits } from './http/bulk/upload-limits.js';

export const SCHOOL_SETTINGS = Symbol('SCHOOL_SETTINGS');

export interface SchoolSettings {
  /** Keyed pseudonyms: only this school service can turn a student into its reference. */
  pseudonymSecret: string;
  /** Base URL that events' dataref points to (where the RMC fetches content, consent permitting). */
  publicUrl: string;
  /** Intake POSTs per client address per minute (SCHOOL_INTAKE_RATE_LIMIT); 429 beyond. */
  intakeRequestsPerMinute?: number;
  /** Rows per transaction in a bulk upload (SCHOOL_BULK_BATCH_SIZE, default 500): also how often progress is reported. */
  bulkBatchSize?: number;
  /** Limits of one bulk upload (SCHOOL_BULK_MAX_BYTES, SCHOOL_BULK_MAX_ROWS, SCHOOL_BULK_MAX_LINE_BYTES); defaults in upload-limits.ts. */
  bulkLimits?: Partial<UploadLimits>;
  /** How often the answer deadlines of the school's handover offers are looked for (SCHOOL_TIMER_INTERVAL_MS, default 60000). */
  timerIntervalMs?: number;
  /** Without it every dossier fetch is denied (fail closed): there is no one to ask. */
  consent?: ConsentAccess;
  /** Per-region settings on top of the CBS indeling (which routes municipality -> RMC region): a dossier goes to an RMC only for its own region. The shared file (RMC_REGION_MAP) when absent. */
  regionMap?: RegionMap;
}
