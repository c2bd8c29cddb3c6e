// The demo's school year as data: who leaves which school when, and what happens to them afterwards.
// Pure and seeded: the same options give the same year, so a demo is reproducible and testable.

import { addDays, addMonths, daysBetween } from '@estafette/calendar';

export type SchoolClient = 'school-25xy' | 'school-31qq';
export type Receiver = 'werk-inkomen' | 'zorg';
export type PlacementType = 'betaald-werk' | 'leerbaan' | 'bbl' | 'participatieplek' | 'dagbesteding' | 'zorgtraject';

export interface Handover {
  to: Receiver;
  /** open: nobody answers, so the offer expires once its answer deadline has passed. */
  answer: 'accept' | 'reject' | 'open';
  rejectReason?: 'geen-capaciteit' | 'niet-in-doelgroep' | 'jongere-weigert';
  firstContact?: 'held' | 'missed';
  placement?: { placementType: PlacementType; startDate: string; hoursPerWeek?: number };
  /** The check two months after placement; uitgevallen sends the young person back to the RMC. */
  followUp?: 'nog-geplaatst' | 'afgerond' | 'uitgevallen';
}

export interface Journey {
  /** Enrols at a school again: the RMC closes the task by itself. */
  reEnrolment?: { school: SchoolClient; enrolmentDate: string };
  /** What the RMC consulent achieved: nothing yet, failed attempts only (out of sight), or real contact. */
  contact: 'none' | 'attempts-only' | 'reached';
  handover?: Handover;
  close?: 'startkwalificatie-behaald' | 'emigratie';
}

export interface DemoPerson {
  index: number;
  school: SchoolClient;
  uitschrijving: {
    studentNumber: string;
    bsn: string;
    birthDate: string;
    deregistrationDate: string;
    schoolType: 'mbo' | 'vo' | 'entree';
    schoolLevel: 'mbo-1' | 'mbo-2' | 'mbo-3' | 'vmbo-bb' | 'vmbo-kb' | 'havo';
    highestDiploma: 'geen' | 'vmbo-bb' | 'vmbo-kb' | 'vmbo-gt';
    reason: 'zonder-vervolg' | 'verwijdering' | 'anders';
    exitInterviewHeld: boolean;
    /** CBS code of one of the region's municipalities. */
    municipalityOfResidence: string;
    contact: { firstName: string; lastName: string; phone: string; city: string };
  };
  journey: Journey;
}

/** The real region the demo plays in (CBS indeling): its municipalities, the first one the city most young people live in. */
export interface DemoRegion {
  code: string;
  name: string;
  municipalities: readonly { code: string; name: string }[];
}

export interface ScenarioOptions {
  seed: number;
  size: number;
  region: DemoRegion;
  /** Dates fall in the last school year that ended before this day (YYYY-MM-DD); nothing lies after it. */
  today: string;
}

/** mulberry32: small, fast, and good enough to draw demo data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Share of the year's deregistrations per month, August first: most leave in June and July.
const MONTH_WEIGHTS = [4, 6, 5, 5, 5, 7, 6, 5, 5, 6, 16, 30];
const FIRST_NAMES = [
  'Sanne',
  'Mohamed',
  'Noah',
  'Emma',
  'Daan',
  'Yara',
  'Lucas',
  'Fatima',
  'Sem',
  'Julia',
  'Milan',
  'Aylin',
  'Levi',
  'Zoë',
  'Bilal',
  'Lotte',
];
const LAST_NAMES = ['de Vries', 'Jansen', 'El Amrani', 'Bakker', 'Visser', 'Yilmaz', 'Smit', 'de Boer', 'Mulder', 'Öztürk', 'Bos', 'Vos'];

const notAfter = (date: string, today: string) => (date < today ? date : today);

/** A nine-digit number that passes the elfproef, drawn from the generator. */
function bsn(rnd: () => number): string {
  for (;;) {
    const digits = Array.from({ length: 8 }, (_, k) => (k === 0 ? 1 + Math.floor(rnd() * 9) : Math.floor(rnd() * 10)));
    const check = digits.reduce((sum, d, k) => sum + d * (9 - k), 0) % 11;
    if (check < 10) return `${digits.join('')}${check}`;
  }
}

/** The last school year (1 August to 31 July) that has ended by `today`. */
export function schoolYearOf(today: string): { start: string; end: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const endYear = m >= 8 ? y : y - 1;
  return { start: `${endYear - 1}-08-01`, end: `${endYear}-07-31` };
}

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;

function weighted<T>(rnd: () => number, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((s, [, w]) => s + w, 0);
  let r = rnd() * total;
  for (const [value, w] of choices) if ((r -= w) < 0) return value;
  return choices.at(-1)![0];
}

function deregistrationDate(rnd: () => number, yearStart: string): string {
  const month = weighted(
    rnd,
    MONTH_WEIGHTS.map((w, i) => [i, w] as const),
  );
  const first = addMonths(yearStart, month);
  const daysInMonth = daysBetween(first, addMonths(first, 1));
  return addDays(first, Math.floor(rnd() * daysInMonth));
}

function journey(rnd: () => number, deregisteredOn: string, today: string): Journey {
  if (rnd() < 0.2) {
    return {
      reEnrolment: {
        school: pick(rnd, ['school-25xy', 'school-31qq'] as const),
        enrolmentDate: notAfter(addDays(deregisteredOn, 14 + Math.floor(rnd() * 60)), today),
      },
      contact: 'none',
    };
  }
  const contact = weighted<Journey['contact']>(rnd, [
    ['none', 15],
    ['attempts-only', 12],
    ['reached', 73],
  ]);
  if (contact !== 'reached') return { contact };
  if (rnd() < 0.12) return { contact, close: pick(rnd, ['startkwalificatie-behaald', 'emigratie'] as const) };
  if (rnd() < 0.3) return { contact }; // a traject with the RMC itself
  const to: Receiver = rnd() < 0.65 ? 'werk-inkomen' : 'zorg';
  const handover: Handover = {
    to,
    answer: weighted<Handover['answer']>(rnd, [
      ['accept', 70],
      ['reject', 18],
      ['open', 12],
    ]),
  };
  if (handover.answer === 'reject') handover.rejectReason = pick(rnd, ['geen-capaciteit', 'niet-in-doelgroep', 'jongere-weigert'] as const);
  if (handover.answer === 'accept') {
    handover.firstContact = rnd() < 0.85 ? 'held' : 'missed';
    if (handover.firstContact === 'held' && rnd() < 0.75) {
      const placementType =
        to === 'zorg'
          ? pick(rnd, ['zorgtraject', 'dagbesteding', 'participatieplek'] as const)
          : pick(rnd, ['betaald-werk', 'leerbaan', 'bbl', 'participatieplek'] as const);
      handover.placement = {
        placementType,
        startDate: notAfter(addDays(deregisteredOn, 30 + Math.floor(rnd() * 90)), today),
        ...(placementType === 'betaald-werk' ? { hoursPerWeek: 25 + Math.floor(rnd() * 14) } : {}),
      };
      handover.followUp = weighted<NonNullable<Handover['followUp']>>(rnd, [
        ['nog-geplaatst', 62],
        ['afgerond', 18],
        ['uitgevallen', 20],
      ]);
    }
  }
  return { contact, handover };
}

/**
 * The whole year for a real region (the demo plays MC21 Agglomeratie Amsterdam), in order of deregistration. Most young
 * people live in its first municipality, the rest spread over the others (a weighting for the demo, design).
 */
export function demoScenario(options: ScenarioOptions): DemoPerson[] {
  const rnd = random(options.seed);
  const year = schoolYearOf(options.today);
  const people: DemoPerson[] = [];
  // Each young person their own BSN: the school recognises the same person at every school by it.
  const bsns = new Set<string>();
  const freshBsn = (): string => {
    let drawn: string;
    do drawn = bsn(rnd);
    while (bsns.has(drawn));
    bsns.add(drawn);
    return drawn;
  };
  for (let index = 0; index < options.size; index++) {
    const deregisteredOn = deregistrationDate(rnd, year.start);
    const age = 16 + Math.floor(rnd() * 5); // 16-20 when leaving: in RMC scope
    const mbo = rnd() < 0.7;
    const [city, ...around] = options.region.municipalities;
    const home = rnd() < 0.6 || around.length === 0 ? city! : pick(rnd, around);
    const uitschrijving: DemoPerson['uitschrijving'] = {
      studentNumber: String(500000 + index),
      bsn: freshBsn(),
      birthDate: addDays(deregisteredOn, -(age * 365 + 30 + Math.floor(rnd() * 300))),
      deregistrationDate: deregisteredOn,
      schoolType: mbo ? 'mbo' : rnd() < 0.5 ? 'vo' : 'entree',
      schoolLevel: mbo ? pick(rnd, ['mbo-1', 'mbo-2', 'mbo-3'] as const) : pick(rnd, ['vmbo-bb', 'vmbo-kb', 'havo'] as const),
      highestDiploma: pick(rnd, ['geen', 'vmbo-bb', 'vmbo-kb', 'vmbo-gt'] as const),
      reason: weighted(rnd, [
        ['zonder-vervolg', 80],
        ['verwijdering', 8],
        ['anders', 12],
      ] as const),
      exitInterviewHeld: rnd() < 0.7,
      municipalityOfResidence: home.code,
      contact: {
        firstName: pick(rnd, FIRST_NAMES),
        lastName: pick(rnd, LAST_NAMES),
        phone: `06${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
        city: home.name,
      },
    };
    const school: SchoolClient = rnd() < 0.6 ? 'school-25xy' : 'school-31qq';
    people.push({ index, school, uitschrijving, journey: journey(rnd, deregisteredOn, options.today) });
  }
  return people.sort((a, b) => a.uitschrijving.deregistrationDate.localeCompare(b.uitschrijving.deregistrationDate) || a.index - b.index);
}

/** How many of each step the scenario plans: the summary and the test compare what happened against it. */
export function plannedCounts(people: DemoPerson[]) {
  const h = people.flatMap((p) => (p.journey.handover ? [p.journey.handover] : []));
  return {
    uitschrijvingen: people.length,
    herinschrijvingen: people.filter((p) => p.journey.reEnrolment).length,
    bereikt: people.filter((p) => p.journey.contact === 'reached').length,
    buitenBeeld: people.filter((p) => p.journey.contact === 'attempts-only').length,
    gesloten: people.filter((p) => p.journey.close).length,
    overdrachten: h.length,
    naarWerkInkomen: h.filter((x) => x.to === 'werk-inkomen').length,
    naarZorg: h.filter((x) => x.to === 'zorg').length,
    geaccepteerd: h.filter((x) => x.answer === 'accept').length,
    afgewezen: h.filter((x) => x.answer === 'reject').length,
    onbeantwoord: h.filter((x) => x.answer === 'open').length,
    eersteContactGehad: h.filter((x) => x.firstContact === 'held').length,
    eersteContactGemist: h.filter((x) => x.firstContact === 'missed').length,
    plaatsingen: h.filter((x) => x.placement).length,
    uitgevallen: h.filter((x) => x.followUp === 'uitgevallen').length,
  };
}

export type PlannedCounts = ReturnType<typeof plannedCounts>;
