import type { Bewaartermijn, RetentionPeriod, RetentionService } from './bewaartermijn.js';

/**
 * How long an access log line stays after the read: one year. The database trigger on `access_log` allows exactly
 * this (migration AccessLogRetention1768900000001; a test checks the two agree).
 */
export const ACCESS_LOG_PERIOD: RetentionPeriod = { years: 1 };

/**
 * How long a line of an accountability log stays after it was recorded: one year, as the access log (the same
 * argument: an inzage request and a complaint about the past year). Covers the purge record (`verwijdering`, every
 * receiver) and the privacy officer's inzage requests (`inzage_verzoek`, consent); their triggers allow exactly this
 * (migrations VerwijderingRetention1769200000000 and InzageVerzoekRetention1769200000001; tests compare).
 */
export const ACCOUNTABILITY_LOG_PERIOD: RetentionPeriod = { years: 1 };

/** How long an RMC's toewijzing log line stays: every toewijzing is before 23, so a year after it is within rmc-dossier's end. */
export const TOEWIJZING_LOG_PERIOD: RetentionPeriod = { years: 1 };

/** How long an audit chain entry of the consent service stays after it was written: seven years, as toestemming. */
export const AUDIT_CHAIN_PERIOD: RetentionPeriod = { years: 7 };

/** Rows every service with personal data has: the access log and the outbox (its record key is the pseudonym). */
function sharedRows(service: RetentionService): Bewaartermijn[] {
  return [
    {
      service,
      category: 'access-log',
      holds: 'access_log: who read which record of which young person (pseudonymous reference), with purpose and basis',
      moment: 'read',
      momentDetail: 'access_log.at, by the database clock (the trigger refuses to remove a younger line)',
      period: ACCESS_LOG_PERIOD,
      action: 'delete',
      basis: [
        { kind: 'law', text: 'AVG art. 5(1)(e): kept no longer than needed; art. 15 and 12(3): an inzage within a month shows who read' },
        {
          kind: 'design',
          text: 'one year covers an inzage request and a complaint about the past year; the log is append-only for everything else',
        },
      ],
    },
    {
      service,
      category: 'outbox',
      holds: 'outbox: events this service published (record key: the pseudonymous reference; no personal content)',
      moment: 'published',
      momentDetail: 'outbox.published_at; an event not yet published is never removed',
      period: { days: 30 },
      action: 'delete',
      basis: [{ kind: 'design', text: 'the bus keeps its own copy for consumers; a month leaves ops time to inspect a publication' }],
    },
  ];
}

/** Why an accountability log stays a year and no longer: as the access log's design basis, for the same questions. */
const ACCOUNTABILITY_LOG_BASIS = {
  kind: 'design',
  text:
    'one year, as the access log: it covers an inzage request and a complaint about the past year; after it the line is ' +
    'no longer needed to show anything (AVG art. 5(1)(e))',
} as const;

/**
 * The purge record (libs/privacy withdrawal): what a withdrawal of consent removed in this service, shown in the
 * inzage. Every receiving service keeps one (libs/receiver): the school, the RMC, werk-inkomen and zorg.
 */
function verwijderingRow(service: 'school' | 'rmc' | 'werk-inkomen' | 'zorg'): Bewaartermijn {
  return {
    service,
    category: 'verwijdering',
    holds:
      'verwijdering: what a withdrawal of consent removed here, per young person (pseudonymous reference, category, count, ' +
      'toestemming id; never the content removed)',
    moment: 'recorded',
    momentDetail:
      'verwijdering.at, when the purge was recorded; removed once past the period by the service clock and by the database ' +
      'clock (the trigger refuses a younger line)',
    period: ACCOUNTABILITY_LOG_PERIOD,
    action: 'delete',
    basis: [
      {
        kind: 'law',
        text:
          'AVG art. 5(2): the controller must be able to show a withdrawal (art. 7(3)) was acted on; art. 15 and 12(3): an ' +
          'inzage within a month says what was removed',
      },
      ACCOUNTABILITY_LOG_BASIS,
    ],
  };
}

/** The design basis of every referral record, received or sent: two years after it closed. */
const REFERRAL_BASIS = {
  kind: 'design',
  text: 'two years after closing, as the Verwijsindex keeps an active signal two years (issue 20); a new referral starts a new record',
} as const;

/**
 * Referrals received (libs/receiver): by werk-inkomen and zorg from the RMC, by the school back from the RMC (no
 * placements there: the school enrols); `extra` names the service's own tables on a referral.
 */
function verwijzingRow(service: 'school' | 'werk-inkomen' | 'zorg', extra: string): Bewaartermijn {
  const school = service === 'school';
  return {
    service,
    category: 'verwijzing',
    holds: school
      ? 'verwijzing (contact person, planned enrolment) and verwijzing_herkomst: referrals the school received back from the RMC'
      : `verwijzing (contact person, zoekperiode), verwijzing_herkomst, plaatsing, follow_up_check, ${extra}`,
    moment: 'closing',
    momentDetail: school
      ? 'a referral is closed when its answer is final (afgewezen, verlopen, ingetrokken) or accepted with a planned enrolment; the ' +
        'moment is its last fact (received, planned enrolment)'
      : 'a referral is closed when its answer is final (afgewezen, verlopen, ingetrokken, mislukt) or its plaatsing ended and ' +
        'no follow-up check is pending; the moment is its last fact (received, first contact, placement start, last check)',
    period: { years: 2 },
    action: 'delete',
    basis: school
      ? [
          { kind: 'design', text: 'once enrolled, the inschrijving is the record; the referral stays as long as a received one elsewhere' },
          REFERRAL_BASIS,
        ]
      : [
          { kind: 'source', text: 'the follow-up check a year after placement (002:1277, 000:866) is done within the period' },
          REFERRAL_BASIS,
        ],
  };
}

/** Overdrachten sent by a school, werk-inkomen or zorg (libs/receiver sending; the RMC's are in its rmc-dossier). */
function uitgaandeOverdrachtRow(service: 'school' | 'werk-inkomen' | 'zorg'): Bewaartermijn {
  return {
    service,
    category: 'uitgaande-overdracht',
    holds: 'uitgaande_overdracht: offers this organisation sent (receiver, purpose, contact person, answer, follow-up schedule)',
    moment: 'closing',
    momentDetail:
      'an offer is closed once answered (anything but aangeboden); the moment is its last fact (sent, planned first contact or ' +
      'enrolment, escalation, the last follow-up check date)',
    period: { years: 2 },
    action: 'delete',
    basis: [
      {
        kind: 'source',
        text: 'a school’s nazorg lasts a year after leaving (004:1446-1450); the receiver’s follow-up a year after placement (002:1277)',
      },
      REFERRAL_BASIS,
    ],
  };
}

/**
 * The consent service's keyed audit chains: an entry goes seven years after it was written, with every entry before it,
 * through a sealed prune checkpoint from which verification starts (services/consent AuditChains.prune). The database
 * trigger allows exactly this period (migration AuditChainCheckpoint1768960000000; the consent retention test compares).
 */
function auditChainRow(category: 'decision-audit' | 'toestemming-audit', holds: string, column: string): Bewaartermijn {
  return {
    service: 'consent',
    category,
    holds: `${holds}; pseudonymous references, organisations, purposes and toestemming ids, no content`,
    moment: 'read',
    momentDetail:
      `the entry itself (${column}); only whole prefixes go (an entry with every entry before it), through a checkpoint ` +
      'sealed with the chain key, so GET /audit/verify starts there; the trigger refuses a younger entry by the database clock',
    period: AUDIT_CHAIN_PERIOD,
    action: 'delete',
    basis: [
      { kind: 'design', text: 'as toestemming: 2 + 5 years, so every share can be proven as long as data obtained under it may exist' },
    ],
  };
}

/**
 * The retention table (bewaartermijnen) of the platform: per service and data category, what it holds, from which
 * moment, how long, delete or pseudonymise, and why. Pure data, the one source for the daily job, the
 * `/retention/policy` endpoint and docs/privacy.md. A row with `pending` is decided but not yet enforced.
 */
export const BEWAARTERMIJNEN: readonly Bewaartermijn[] = [
  {
    service: 'school',
    category: 'contactgegevens',
    holds: "uitschrijving.contact (the young person's and parents' contact data) and uitschrijving.bsn, inschrijving.bsn",
    moment: 'deregistration',
    momentDetail: 'uitschrijving.deregistration_date; inschrijving.enrolment_date',
    period: { years: 1 },
    action: 'pseudonymise',
    basis: [
      { kind: 'source', text: "the school's nazorg lasts a year after leaving (004:1446-1450)" },
      { kind: 'design', text: 'after it the record stays, without who to call, for the rest of its period' },
    ],
  },
  {
    service: 'school',
    category: 'uitschrijving',
    holds: 'uitschrijving (birth date, student number, diploma, reason), uitschrijving_correctie, verwijzing_gezien',
    moment: 'deregistration',
    momentDetail: 'uitschrijving.deregistration_date (verwijzing_gezien without an uitschrijving: its created_at)',
    period: { years: 2 },
    action: 'delete',
    basis: [
      { kind: 'source', text: 'vso advises leavers up to two years after leaving; the uitstroommonitor follows two years (004:1430-1450)' },
    ],
  },
  {
    service: 'school',
    category: 'inschrijving',
    holds: 'inschrijving (birth date, student number, the school)',
    moment: 'enrolment',
    momentDetail: 'inschrijving.enrolment_date',
    period: { years: 2 },
    action: 'delete',
    basis: [
      {
        kind: 'design',
        text: 'the RMC acts on the event at once; kept as long as an uitschrijving so a question about both can be answered',
      },
    ],
  },
  verwijzingRow('school', ''),
  uitgaandeOverdrachtRow('school'),
  verwijderingRow('school'),
  ...sharedRows('school'),
  {
    service: 'rmc',
    category: 'rmc-dossier',
    holds:
      'everything the RMC holds on a young person: taak, contact_moment, timer, notitie, plan_van_aanpak_versie, taak_correctie, ' +
      'taak_herkomst, toewijzing_log, uitgaande_overdracht, verwijzing (+ herkomst), inschrijving_seen, baton_event, baton_holder',
    moment: 'end-of-responsibility',
    momentDetail:
      'the day the young person turns 23 (taak/verwijzing/baton_holder turns_23_on); unknown: registration date plus (24 minus the ' +
      'age then) years, the latest they can turn 23; a baton projection without any: its last change plus 7 years',
    period: { years: 1 },
    action: 'delete',
    basis: [
      { kind: 'source', text: 'the RMC has no task for 23-27 year olds and may not hold their data (000:386-388)' },
      {
        kind: 'design',
        text: "one year after 23 for the RMC's own reporting: its annual report covers the school year in which the responsibility ended",
      },
    ],
  },
  verwijderingRow('rmc'),
  ...sharedRows('rmc'),
  verwijzingRow('werk-inkomen', 'zoekperiode'),
  uitgaandeOverdrachtRow('werk-inkomen'),
  verwijderingRow('werk-inkomen'),
  ...sharedRows('werk-inkomen'),
  verwijzingRow('zorg', 'zorginformatie (care information)'),
  uitgaandeOverdrachtRow('zorg'),
  verwijderingRow('zorg'),
  ...sharedRows('zorg'),
  {
    service: 'consent',
    category: 'subject-age',
    holds: "subject_age: a young person's latest possible birth date (for the guardian's co-signature)",
    moment: 'end-of-responsibility',
    momentDetail: 'the 27th birthday (subject_age.latest_birth_date plus 27 years): no organisation on the platform has a task after it',
    period: {},
    action: 'delete',
    basis: [{ kind: 'source', text: 'regie of W&I runs to 27, the RMC to 23 (000:302, 000:387; DOMAIN.md services table)' }],
  },
  {
    service: 'consent',
    category: 'toestemming',
    holds: 'toestemming: the consents with the text shown, grantor, co-signature, validity, withdrawal',
    moment: 'closing',
    momentDetail:
      'the first of: the Amsterdam date of withdrawn_at, valid_until (its last valid day), and the 27th birthday by the ' +
      'latest birth date the schools reported (birth_date + 27 years, so an open-ended consent closes too); a consent ' +
      'waiting for a guardian is not closed until one of these',
    period: { years: 7 },
    action: 'delete',
    basis: [
      {
        kind: 'law',
        text:
          'AVG art. 5(1)(e): no longer than needed; art. 5(2) and 7(1): the controller must be able to show a share was ' +
          'consented to, as long as it can be asked to',
      },
      {
        kind: 'design',
        text:
          'two years, the longest a receiver keeps a closed referral obtained under it (the Verwijsindex keeps an active ' +
          'signal two years, issue 20), plus five, the limitation period of a claim for damages (BW art. 3:310), as the ' +
          'Verwijsindex archives a signal five more years; the 27th birthday as subject-age (000:302)',
      },
    ],
  },
  {
    service: 'consent',
    category: 'toestemmingsverzoek',
    holds:
      'toestemmingsverzoek: an organisation asked the young person for consent (which data, from which holder, to whom, why, ' +
      'until when, the exact text) and the answer',
    moment: 'closing',
    momentDetail:
      'the Amsterdam date it was answered (akkoord or afgewezen); a request never answered closes on its valid_until, after ' +
      'which an approval could no longer start a consent',
    period: { years: 1 },
    action: 'delete',
    basis: [
      { kind: 'law', text: 'AVG art. 5(1)(e): no longer than needed; art. 5(2): the answer must be shown to whom asked' },
      {
        kind: 'design',
        text:
          'one year, as the access log: the requester has seen the answer and a complaint about the past year can be ' +
          'answered; an approved request lives on word for word as its toestemming, which has its own seven years',
      },
    ],
  },
  auditChainRow(
    'decision-audit',
    'decision_audit: the keyed hash chain of every decision (who asked to share what, and why)',
    'decided_at',
  ),
  auditChainRow('toestemming-audit', 'toestemming_audit: the keyed hash chain of every consent step (given, co-signed, withdrawn)', 'at'),
  {
    service: 'consent',
    category: 'inzage-verzoek',
    holds:
      'inzage_verzoek: the inzages a privacy officer made on a verified request (pseudonymous reference, the officer, how the ' +
      "requester's identity was verified, the reason, which services answered; not the document)",
    moment: 'recorded',
    momentDetail:
      'inzage_verzoek.requested_at, when the request was recorded; removed once past the period by the service clock and by ' +
      'the database clock (the trigger refuses a younger line)',
    period: ACCOUNTABILITY_LOG_PERIOD,
    action: 'delete',
    basis: [
      {
        kind: 'law',
        text:
          'AVG art. 5(2): the controller must be able to show an inzage (art. 15) was given within a month (art. 12(3)), to ' +
          'the person whose identity it verified (art. 12(6))',
      },
      ACCOUNTABILITY_LOG_BASIS,
    ],
  },
  ...sharedRows('consent'),
  {
    service: 'monitor',
    category: 'flow-event-pseudoniem',
    holds: 'flow_event.subject: the pseudonymous reference, kept only to join events of one young person for the figures',
    moment: 'last-contact',
    momentDetail: 'the latest event_time of that pseudonymous reference',
    period: { years: 2 },
    action: 'pseudonymise',
    basis: [
      { kind: 'source', text: 'steering figures are anonymous and not traceable to a person (DOMAIN.md "Steering figures")' },
      {
        kind: 'design',
        text:
          'replaced by a random reference shared by that person’s events, so every figure stays the same; two years cover the ' +
          'one-year check after placement (002:1277)',
      },
    ],
  },
  {
    service: 'monitor',
    category: 'dead-letter',
    holds: 'dead_letter.record_key, record_value, headers: the failed event as it was (pseudonymous reference, dataref)',
    moment: 'received',
    momentDetail: 'dead_letter.received_at',
    period: { days: 90 },
    action: 'pseudonymise',
    basis: [{ kind: 'design', text: 'ops replays within days; the reason, topic and type stay for the figures on failures' }],
  },
  ...sharedRows('monitor'),
];

/** The rows of one service, in table order. */
export function bewaartermijnenOf(service: RetentionService, table: readonly Bewaartermijn[] = BEWAARTERMIJNEN): Bewaartermijn[] {
  return table.filter((row) => row.service === service);
}
