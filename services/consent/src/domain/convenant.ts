import type { Party } from './party.js';
import {
  DATA_CATEGORIES,
  GRONDSLAGEN,
  LEVELS,
  ORGANISATION_ID,
  ORGANISATION_TYPES,
  PURPOSES,
  type DataCategory,
  type Grondslag,
  type Level,
  type Purpose,
} from './vocabulary.js';

/** One agreed flow of data between parties, and the legal basis it rests on. */
export interface ConvenantFlow {
  id: string;
  from: Party;
  to: Party;
  dataCategories: DataCategory[];
  purpose: Purpose;
  grondslag: Grondslag;
  /** What the basis allows: only THAT there is contact (signaal), or WHAT (inhoud). */
  level: Level;
  /** Where the basis comes from (article, agreement), shown to the privacy officer. */
  source: string;
}

/** The region's convenant as data: versioned, shipped with the service, read at start-up. */
export interface Convenant {
  id: string;
  region: string;
  version: number;
  validFrom: string;
  title: string;
  parties: Party[];
  flows: ConvenantFlow[];
}

export class InvalidConvenantError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid convenant: ${problems.join('; ')}`);
    this.name = 'InvalidConvenantError';
  }
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isIn = <T extends string>(list: readonly T[], v: unknown): v is T => (list as readonly unknown[]).includes(v);

function partyProblems(where: string, value: unknown): string[] {
  const p = value as Partial<Party> | undefined;
  if (!p || typeof p !== 'object') return [`${where} must be an object { organisationType, id? }`];
  const problems: string[] = [];
  if (!isIn(ORGANISATION_TYPES, p.organisationType))
    problems.push(`${where}.organisationType must be one of ${ORGANISATION_TYPES.join(', ')}`);
  if (p.id !== undefined && !(isString(p.id) && ORGANISATION_ID.test(p.id)))
    problems.push(`${where}.id is not an organisation id (oin:, brin:, rmc:, gemeente:, agb:)`);
  return problems;
}

function flowProblems(where: string, value: unknown): string[] {
  const f = value as Partial<ConvenantFlow>;
  const problems = [...partyProblems(`${where}.from`, f.from), ...partyProblems(`${where}.to`, f.to)];
  if (!isString(f.id)) problems.push(`${where}.id is required`);
  if (!Array.isArray(f.dataCategories) || f.dataCategories.length === 0 || !f.dataCategories.every((c) => isIn(DATA_CATEGORIES, c))) {
    problems.push(`${where}.dataCategories must be a non-empty list of ${DATA_CATEGORIES.join(', ')}`);
  }
  if (!isIn(PURPOSES, f.purpose)) problems.push(`${where}.purpose must be one of ${PURPOSES.join(', ')}`);
  if (!isIn(GRONDSLAGEN, f.grondslag)) problems.push(`${where}.grondslag must be one of ${GRONDSLAGEN.join(', ')}`);
  if (!isIn(LEVELS, f.level)) problems.push(`${where}.level must be signaal or inhoud`);
  if (!isString(f.source)) problems.push(`${where}.source must say where the basis comes from`);
  return problems;
}

/** Checks a convenant read from JSON; a bad file must stop the service, not silently permit or deny. */
export function parseConvenant(value: unknown): Convenant {
  const c = value as Partial<Convenant>;
  const problems: string[] = [];
  if (!c || typeof c !== 'object') throw new InvalidConvenantError(['not an object']);
  if (!isString(c.id)) problems.push('id is required');
  if (!isString(c.region)) problems.push('region is required');
  if (!Number.isInteger(c.version) || (c.version as number) < 1) problems.push('version must be a positive integer');
  if (!isString(c.validFrom) || !/^\d{4}-\d{2}-\d{2}$/.test(c.validFrom)) problems.push('validFrom must be a date');
  if (!isString(c.title)) problems.push('title is required');
  if (!Array.isArray(c.parties) || c.parties.length < 2) problems.push('parties must list at least two parties');
  else c.parties.forEach((p, i) => problems.push(...partyProblems(`parties[${i}]`, p)));
  if (!Array.isArray(c.flows)) problems.push('flows must be a list');
  else {
    c.flows.forEach((f, i) => problems.push(...flowProblems(`flows[${i}]`, f)));
    const ids = c.flows.map((f) => f.id);
    if (new Set(ids).size !== ids.length) problems.push('flow ids must be unique');
    // A consent-based flow carries content; the other bases must say which level they allow.
    c.flows.forEach((f, i) => {
      if (f.grondslag === 'toestemming' && f.level !== 'inhoud')
        problems.push(`flows[${i}]: a toestemming flow is about content (level inhoud)`);
    });
  }
  if (problems.length) throw new InvalidConvenantError(problems);
  return c as Convenant;
}
