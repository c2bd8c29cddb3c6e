import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The RMC's offers move into the shared sender table (one offer table, one timer for every sender): each
 * row keeps its id, status, answer, escalation, placement and follow-up history; the timer's fired_at moves
 * along, so an expiry that already fired never fires again. The RMC's own tables go.
 */
export class OverdrachtIntoUitgaandeOverdracht1767800000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO uitgaande_overdracht (
        id, organisation_id, local_ref, pseudonymous_reference, to_type, to_id, purpose, handover_reason, contact_person,
        first_contact_proposed_on, response_due_at, due_at, fired_at, status, answer_reason, first_contact_planned_on, escalated_at,
        plaatsing_id, placement_type, follow_up_checks, offered_by, created_at)
      SELECT o.id, 'rmc:' || o.region, o.taak_id, o.pseudonymous_reference, o.to_type, o.to_id, o.purpose, o.handover_reason,
        o.contact_person, o.first_contact_proposed_on, o.response_due_at, coalesce(t.due_at, o.response_due_at), t.fired_at, o.status,
        o.answer_reason, o.first_contact_planned_on, o.escalated_at, o.plaatsing_id, o.placement_type, o.follow_up_checks, o.offered_by, o.created_at
      FROM overdracht o LEFT JOIN overdracht_timer t ON t.overdracht_id = o.id`);
    await q.query('DROP TABLE overdracht_timer, overdracht');
  }

  async down(_q: QueryRunner): Promise<void> {
    throw new Error('OverdrachtIntoUitgaandeOverdracht1767800000001 is not reversible: restore the database from before the upgrade');
  }
}
