export { VerwijderingRecord, type RemovalReason } from './verwijdering.entity.js';
export { CreateVerwijdering1769100000000, VerwijderingRetention1769200000000, withdrawalMigrations } from './migrations.js';
export { purgeWithdrawn, removalsOf, type Removal, type Withdrawal, type WithdrawalPurge } from './purge.js';
export { PurgeOnWithdrawal, WITHDRAWAL_PURGES, withdrawalParts } from './purge-on-withdrawal.js';
