/** The decision API's vocabulary, as the consent service answers it (services/consent/README.md). */
export interface Organisation {
  organisationType: 'school' | 'rmc' | 'werk-inkomen' | 'zorg';
  id: string;
}

export interface SharingQuestion {
  /** The holder of the data: the caller's own organisation. */
  from: Organisation;
  to: Organisation;
  subject: string;
  dataCategories: string[];
  purpose: string;
  level?: 'signaal' | 'inhoud';
}

export type DecidedBy =
  | { kind: 'convenant'; convenantId: string; convenantVersion: number; flowId: string; grondslag: string }
  | { kind: 'toestemming'; toestemmingId: string; grondslag: 'toestemming' }
  | { kind: 'none' };

export interface SharingDecision {
  permit: boolean;
  levelAllowed: 'signaal' | 'inhoud' | null;
  decidedBy: DecidedBy;
  reason: string;
  /** Absent when the consent service could not be asked (and the answer is therefore deny). */
  decisionId?: number;
}
