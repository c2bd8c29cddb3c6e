import { changed, type RetentionBatch } from '@estafette/privacy';

/**
 * Category `uitgaande-overdracht` (libs/privacy) of a school, werk-inkomen or zorg: offers sent and answered (anything
 * but `aangeboden`) whose last fact (sent, planned first contact or enrolment, escalation, the last follow-up check
 * date) is before the cutoff. A later reply for a removed offer finds nothing and changes nothing
 * (FollowUitgaandeOverdracht).
 */
export const uitgaandeOverdrachtRetention: RetentionBatch = async (manager, cutoff, batchSize) => {
  const rows = await changed(
    manager,
    `DELETE FROM uitgaande_overdracht WHERE id IN (
       SELECT o.id FROM uitgaande_overdracht o
        WHERE o.status <> 'aangeboden'
          AND greatest((o.created_at AT TIME ZONE 'Europe/Amsterdam')::date, o.first_contact_planned_on, o.enrolment_planned_on,
                       (o.escalated_at AT TIME ZONE 'Europe/Amsterdam')::date,
                       (SELECT max((c ->> 'dueDate')::date) FROM jsonb_array_elements(coalesce(o.follow_up_checks, '[]'::jsonb)) c)) < $1
        ORDER BY o.id LIMIT $2)`,
    [cutoff.date, batchSize],
  );
  return { rows, more: rows === batchSize };
};
