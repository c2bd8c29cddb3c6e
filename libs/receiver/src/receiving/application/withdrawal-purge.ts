import type { WithdrawalPurge } from '@estafette/privacy';

/**
 * What a referral brought along under a toestemming, removed when it is withdrawn *(design, docs/privacy.md
 * "Intrekking: what is removed")*: the sender's dataref (the way to its content). The referral itself stays: it is
 * this organisation's own work (its answer, its contact person, the baton). Its `turns_23_on` stays too: it came with
 * the signal on the bus, not with the content, and the age boundary (who picks up an uitval) depends on it. Referrals
 * on a legal basis have no toestemming_id and are never touched.
 */
export const verwijzingWithdrawalPurge: WithdrawalPurge = {
  what: 'verwijzing:gegevens-van-verwijzer',
  async remove(manager, { subject, toestemmingId }) {
    const result = await manager.query(
      `UPDATE verwijzing SET sender_dataref = NULL
        WHERE toestemming_id = $1 AND pseudonymous_reference = $2
          AND sender_dataref IS NOT NULL`,
      [toestemmingId, subject],
    );
    // pg through TypeORM answers an UPDATE with [rows, affected].
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  },
};
