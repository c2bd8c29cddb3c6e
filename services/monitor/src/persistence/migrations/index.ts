import { retentionMigrations } from '@estafette/privacy';
import { CreateMonitor1767600000000 } from './1767600000000-create-monitor.js';
import { DeadlineAndBatonFacts1767600000001 } from './1767600000001-deadline-and-baton-facts.js';
import { FollowUpOutcome1767600000002 } from './1767600000002-follow-up-outcome.js';
import { ResidenceRegion1767600000005 } from './1767600000005-residence-region.js';
import { AuditAnchor1768800000001 } from './1768800000001-audit-anchor.js';

export const monitorMigrations = [
  CreateMonitor1767600000000,
  DeadlineAndBatonFacts1767600000001,
  FollowUpOutcome1767600000002,
  ResidenceRegion1767600000005,
  AuditAnchor1768800000001,
  ...retentionMigrations,
];
