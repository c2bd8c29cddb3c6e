import { CreateReceiver1767600000000, receiverMigrations, senderMigrations } from '@estafette/receiver';
import { CreateRmc1767400000000 } from './1767400000000-create-rmc.js';
import { WiHandoverPreparation1767400000001 } from './1767400000001-wi-handover-preparation.js';
import { CreateRmcOverdracht1767500000000 } from './1767500000000-create-overdracht.js';
import { ReturningFromOverdracht1767700000000 } from './1767700000000-returning-from-overdracht.js';
import { OverdrachtIntoUitgaandeOverdracht1767800000001 } from './1767800000001-overdracht-into-uitgaande-overdracht.js';
import { Reenrolment1768100000000 } from './1768100000000-reenrolment.js';
import { BatonLifeCycle1768400000000 } from './1768400000000-baton-life-cycle.js';
import { ConsulentDay1768500000000 } from './1768500000000-consulent-day.js';
import { TaakCorrectie1768600000001 } from './1768600000001-taak-correctie.js';
import { ToewijzingLog1768700000000 } from './1768700000000-toewijzing-log.js';
import { ToewijzingLogRetention1768900000010 } from './1768900000010-toewijzing-log-retention.js';
import { retentionMigrations } from '@estafette/privacy';

/** What an RMC database ran before its offers moved into the shared sender table (the upgrade test starts here). */
export const rmcMigrationsBeforeSharedSender = [
  CreateRmc1767400000000,
  WiHandoverPreparation1767400000001,
  CreateRmcOverdracht1767500000000,
  CreateReceiver1767600000000,
  ReturningFromOverdracht1767700000000,
];

/** Every migration of the RMC database, in order. */
export const rmcMigrations = [
  ...new Set([
    ...rmcMigrationsBeforeSharedSender,
    ...receiverMigrations,
    ...senderMigrations,
    OverdrachtIntoUitgaandeOverdracht1767800000001,
    Reenrolment1768100000000,
    BatonLifeCycle1768400000000,
    ConsulentDay1768500000000,
    TaakCorrectie1768600000001,
    ToewijzingLog1768700000000,
    ...retentionMigrations,
    ToewijzingLogRetention1768900000010,
  ]),
];
