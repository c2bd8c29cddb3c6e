import { addDays } from '@estafette/calendar';
import { REGIE_END_REASON } from '../../components/regie.js';

/** What the monitor answers (services/monitor README), and its codes in Dutch. */
export interface FlowFigure {
  type: string;
  from: string;
  to: string;
  count: number;
  latencyMs: { p50: number; p95: number; max: number };
}
export interface GroupLag {
  group: string;
  topic: string;
  lag: number;
  partitions: { partition: number; committed: number; end: number; lag: number }[];
}
export interface DeadLetterSummary {
  id: string;
  originalTopic: string;
  consumerGroup: string | null;
  eventType: string | null;
  eventId: string | null;
  reason: string;
  failedAt: string | null;
  receivedAt: string;
  replays: number;
  lastReplayedAt: string | null;
}
export interface DeadLetterDetail extends DeadLetterSummary {
  deadLetterTopic: string;
  deadLetterPartition: number;
  deadLetterOffset: string;
  originalPartition: number | null;
  originalOffset: string | null;
  headers: Record<string, string>;
  replayLog: { replayedBy: string; replayedAt: string; targetTopic: string }[];
}
export interface DeadlineFigures {
  from: string;
  to: string;
  openOffers: { receiver: string; pastDeadline: number; dueWithin24h: number; later: number }[];
  missedFirstContacts: { vsvMeldingOverdue: number; overdrachtMissed: number };
  buitenBeeld: number;
  baton: BatonFigures;
}
/**
 * The monitor's baton counts. The fields after holdersByType came with the end of responsibility: a monitor that does
 * not give them yet answers without, and they read as unknown.
 */
export interface BatonFigures {
  tracked: number;
  /** In scope without a holder (the invariant), also for a monitor without `inScopeWithoutHolder`. */
  withoutHolder: number;
  withConflicts: number;
  holdersByType: Record<string, number>;
  inScope?: number;
  inScopeWithoutHolder?: number;
  /** A holder after the end, or the RMC past the 23rd birthday: must be 0. */
  heldOutOfScope?: number;
  endedByReason?: Record<string, number>;
}
export type Cell = number | '<10';
export interface SteeringRow {
  period: string;
  /** MCxx, GMxxxx, a school's id, or 'onbekend'. */
  area: string;
  /** The CBS name of a region or municipality (the monitor's); null for schools (named by the directory) and 'onbekend'. */
  areaName: string | null;
  figures: Record<string, Cell>;
  medianHandoverHours: number | '<10' | null;
  stillPlacedAfterOneYearPercent: number | '<10' | null;
}

export const ORG_KIND: Record<string, string> = {
  school: 'School',
  rmc: 'RMC',
  'werk-inkomen': 'Werk & Inkomen',
  zorg: 'Zorg',
  consent: 'Toestemmingen',
  platform: 'Platform',
  '*': 'iedereen (feit)',
  unknown: 'onbekend',
};

export const FIGURES: Record<string, string> = {
  vsvRegistrations: 'Vsv-meldingen',
  firstContactsOverdue: 'Eerste contact te laat',
  periodicContactsOverdue: 'Periodiek contact te laat',
  handoversOffered: 'Overdrachten aangeboden',
  handoversAccepted: 'Overdrachten geaccepteerd',
  handoversRejected: 'Overdrachten afgewezen',
  handoversExpired: 'Overdrachten verlopen',
  handoversWithdrawn: 'Overdrachten ingetrokken',
  placements: 'Plaatsingen',
  followUpChecks: 'Nazorgcontroles',
  uitvalNaPlaatsing: 'Uitval na plaatsing',
  endedMeldingIngetrokken: `Regie beëindigd: ${REGIE_END_REASON['melding-ingetrokken']}`,
  endedTerugNaarSchool: `Regie beëindigd: ${REGIE_END_REASON['terug-naar-school']}`,
  endedLeeftijd23: `Regie beëindigd: ${REGIE_END_REASON['leeftijd-23']}`,
  endedGeslotenDoorConsulent: `Regie beëindigd: ${REGIE_END_REASON['gesloten-door-consulent']}`,
};

export const AREA: Record<string, string> = { region: 'RMC-regio', municipality: 'Gemeente', school: 'School' };
export const PERIOD: Record<string, string> = { month: 'Maand', quarter: 'Kwartaal', year: 'Jaar' };

export const kind = (k: string) => ORG_KIND[k] ?? k;
/** A suppressed cell reads "minder dan 10" to a screen reader and "<10" on screen. */
export const cellText = (v: Cell | null) => (v === null ? '-' : v === '<10' ? '<10' : String(v));

/** The monitor's window ends before `to` (exclusive); people mean "up to and including" that day. */
export function windowQuery(period: { from: string; to: string }): { from?: string; to?: string } {
  // A date: the monitor reads it as Amsterdam midnight, so the next day's date ends the window after `to`.
  const next = period.to ? addDays(period.to, 1) : undefined;
  return { from: period.from || undefined, to: next };
}
