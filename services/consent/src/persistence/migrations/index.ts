import { retentionMigrations } from '@estafette/privacy';
import { CreateToestemming1767400000000 } from './1767400000000-create-toestemming.js';
import { CreateDecisionAudit1767400000001 } from './1767400000001-create-decision-audit.js';
import { GuardianCoSignature1767400000002 } from './1767400000002-guardian-co-signature.js';
import { KeyedAuditChains1768800000000 } from './1768800000000-keyed-audit-chains.js';
import { AuditChainCheckpoint1768960000000 } from './1768960000000-audit-chain-checkpoint.js';
import { InzageVerzoek1769000000001 } from './1769000000001-inzage-verzoek.js';
import { InzageVerzoekRetention1769200000001 } from './1769200000001-inzage-verzoek-retention.js';
import { Toestemmingsverzoek1770600000000 } from './1770600000000-toestemmingsverzoek.js';

export const consentMigrations = [
  CreateToestemming1767400000000,
  CreateDecisionAudit1767400000001,
  GuardianCoSignature1767400000002,
  KeyedAuditChains1768800000000,
  AuditChainCheckpoint1768960000000,
  InzageVerzoek1769000000001,
  ...retentionMigrations,
  InzageVerzoekRetention1769200000001,
  // Consent requests (issue 23).
  Toestemmingsverzoek1770600000000,
];
