import { randomUUID } from 'node:crypto';
import { createEvent, uitschrijvingRegistered, type CloudEvent } from '@estafette/contracts';
import type { EventPublisher } from '@estafette/messaging';
import { eventually, sql } from '@estafette/testing';
import { today } from '@estafette/calendar';

const SCHOOL = { organisationType: 'school', id: 'brin:25XY' } as const;

/** An uitschrijving at `age` today as the school service publishes it: the consent service's only age signal. */
export function ageSignal(subject: string, age: number, school: { organisationType: 'school'; id: string } = SCHOOL): CloudEvent {
  return createEvent(uitschrijvingRegistered, {
    source: `urn:nld:${school.id}:estafette-school`,
    subject,
    dataref: `http://school.test/uitschrijvingen/${randomUUID()}`,
    data: {
      uitschrijvingId: randomUUID(),
      school,
      dateOfDeregistration: today(),
      ageAtDeregistration: age,
      schoolType: 'mbo',
      highestDiploma: 'vmbo-kb',
      hasStartkwalificatie: false,
      reason: 'zonder-vervolg',
      exitInterviewHeld: true,
      municipalityOfResidence: 'GM0363',
    },
  });
}

/**
 * A school deregisters the young person at `age` today, over the real broker, as the school service does; resolves
 * once the consent service (whose database is `consentDatabaseUrl`) has consumed it. The consent service takes a
 * young person's age only from such signals (docs/security.md, Guardians), so a test of an adult's consent starts here.
 */
export async function schoolReportsAge(options: {
  publisher: EventPublisher;
  consentDatabaseUrl: string;
  subject: string;
  age: number;
  school?: { organisationType: 'school'; id: string };
}): Promise<void> {
  const event = ageSignal(options.subject, options.age, options.school);
  await options.publisher.publish(event);
  await eventually(
    async () => (await sql(options.consentDatabaseUrl, 'SELECT 1 FROM inbox WHERE event_id = $1', [event.id])).length > 0 || undefined,
    30_000,
  );
}
