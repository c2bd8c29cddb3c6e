import type { Convenant } from './convenant.js';
import { describeParty } from './party.js';

/** One processing activity of the register (AVG art. 30): a flow of a convenant with its basis. */
export interface ProcessingActivity {
  convenant: string;
  region: string;
  convenantVersion: number;
  flow: string;
  from: string;
  to: string;
  dataCategories: string;
  purpose: string;
  grondslag: string;
  level: string;
  source: string;
}

export function registerOfProcessing(convenanten: readonly Convenant[]): ProcessingActivity[] {
  return convenanten.flatMap((c) =>
    c.flows.map((f) => ({
      convenant: c.id,
      region: c.region,
      convenantVersion: c.version,
      flow: f.id,
      from: describeParty(f.from),
      to: describeParty(f.to),
      dataCategories: f.dataCategories.join(' '),
      purpose: f.purpose,
      grondslag: f.grondslag,
      level: f.level,
      source: f.source,
    })),
  );
}

const COLUMNS: (keyof ProcessingActivity)[] = [
  'convenant',
  'region',
  'convenantVersion',
  'flow',
  'from',
  'to',
  'dataCategories',
  'purpose',
  'grondslag',
  'level',
  'source',
];

/** RFC 4180 CSV; cells starting with = + - @ are prefixed so a spreadsheet never runs them as formulas. */
export function toCsv(rows: readonly ProcessingActivity[]): string {
  const cell = (value: unknown) => {
    let s = String(value);
    if (/^[=+\-@]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
