import type { EventDefinition } from './cloud-event.js';
import { inschrijvingRegistered } from './events/inschrijving.js';
import {
  overdrachtAccepted,
  overdrachtExpired,
  overdrachtFirstContactHeld,
  overdrachtFirstContactMissed,
  overdrachtOffered,
  overdrachtRejected,
  overdrachtWithdrawn,
} from './events/overdracht.js';
import { plaatsingFollowUpChecked, plaatsingPlaced } from './events/plaatsing.js';
import { toestemmingGiven, toestemmingWithdrawn } from './events/toestemming.js';
import { uitschrijvingRegistered } from './events/uitschrijving.js';
import { uitschrijvingCorrected, uitschrijvingWithdrawn } from './events/uitschrijving-correctie.js';
import { uitvalNaPlaatsingRegistered } from './events/uitval-na-plaatsing.js';
import {
  vsvMeldingBuitenBeeld,
  vsvMeldingCancelled,
  vsvMeldingFirstContactOverdue,
  vsvMeldingPeriodicContactOverdue,
  vsvMeldingRegistered,
} from './events/vsv-melding.js';
import { regieEnded } from './events/regie.js';
import { auditAnchored } from './events/audit.js';
import { topics, type TopicDefinition } from './topics.js';

export const eventDefinitions: readonly EventDefinition[] = [
  uitschrijvingRegistered,
  uitschrijvingCorrected,
  uitschrijvingWithdrawn,
  inschrijvingRegistered,
  vsvMeldingRegistered,
  vsvMeldingCancelled,
  vsvMeldingFirstContactOverdue,
  vsvMeldingBuitenBeeld,
  vsvMeldingPeriodicContactOverdue,
  overdrachtOffered,
  overdrachtAccepted,
  overdrachtRejected,
  overdrachtExpired,
  overdrachtWithdrawn,
  overdrachtFirstContactHeld,
  overdrachtFirstContactMissed,
  plaatsingPlaced,
  plaatsingFollowUpChecked,
  uitvalNaPlaatsingRegistered,
  toestemmingGiven,
  toestemmingWithdrawn,
  regieEnded,
  auditAnchored,
] as EventDefinition[];

const byType = new Map(eventDefinitions.map((definition) => [definition.type, definition]));

export function findEventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}

/** Throws for an unknown type: publishing to a guessed topic would hide a contract error. */
export function topicFor(type: string): TopicDefinition {
  const definition = findEventDefinition(type);
  if (!definition) throw new Error(`Unknown event type "${type}"`);
  const topic = topics.find((candidate) => candidate.name === definition.topic);
  if (!topic) throw new Error(`Event type "${type}" names topic "${definition.topic}", which is not defined`);
  return topic;
}
