import { consentAccessFromEnv } from '@estafette/consent-client';
import { THROUGHPUT_FETCH_PACING } from '@estafette/messaging';
import { migrateWhenAsked, serviceConfig } from '@estafette/service-kit';
import { createSchoolApp } from './create-school-app.js';
import { schoolServiceMigrations } from './school.module.js';

// `node dist/main.js migrate`: the owner applies the migrations and the process ends (docs/security.md#database-roles).
await migrateWhenAsked('school', schoolServiceMigrations);
// The RMC's answers it consumes only move a status on the school's screens: while they flow, larger batches.
const config = { ...serviceConfig('school', 3001), consumerFetchPacing: THROUGHPUT_FETCH_PACING };
const pseudonymSecret = process.env.SCHOOL_PSEUDONYM_SECRET;
if (!pseudonymSecret) throw new Error('set SCHOOL_PSEUDONYM_SECRET (at least 32 random bytes; npm start generates one for development)');
const app = await createSchoolApp(config, {
  pseudonymSecret,
  publicUrl: process.env.SCHOOL_PUBLIC_URL ?? `http://127.0.0.1:${config.port}`,
  intakeRequestsPerMinute: process.env.SCHOOL_INTAKE_RATE_LIMIT ? Number(process.env.SCHOOL_INTAKE_RATE_LIMIT) : undefined,
  bulkBatchSize: process.env.SCHOOL_BULK_BATCH_SIZE ? Number(process.env.SCHOOL_BULK_BATCH_SIZE) : undefined,
  bulkLimits: {
    ...(process.env.SCHOOL_BULK_MAX_BYTES ? { maxBytes: Number(process.env.SCHOOL_BULK_MAX_BYTES) } : {}),
    ...(process.env.SCHOOL_BULK_MAX_ROWS ? { maxRows: Number(process.env.SCHOOL_BULK_MAX_ROWS) } : {}),
    ...(process.env.SCHOOL_BULK_MAX_LINE_BYTES ? { maxLineBytes: Number(process.env.SCHOOL_BULK_MAX_LINE_BYTES) } : {}),
  },
  consent: consentAccessFromEnv('estafette-school-service'),
  timerIntervalMs: process.env.SCHOOL_TIMER_INTERVAL_MS ? Number(process.env.SCHOOL_TIMER_INTERVAL_MS) : undefined,
});
await app.listen(config.port, config.host);
