/** The caseload API's shapes (services/rmc, GET /caseload, GET /caseload/taken) and its refusal reasons in Dutch. */

export interface CaseloadCounts {
  open: number;
  overdueFirstContacts: number;
  /** Null while the RMC does not keep the periodic-contact flag yet: the column is then left out. */
  periodicContactOverdue: number;
  escalated: number;
  buitenBeeld: number;
}

export interface CaseloadRow extends CaseloadCounts {
  region: string;
  regionName: string | null;
  consulent: string;
}

export interface CaseloadTaak {
  id: string;
  status: string;
  assignedTo: string | null;
  municipality: string;
  municipalityName: string | null;
  registrationDate: string;
  firstContactDueDate: string;
  overdue: boolean;
  escalatedAt: string | null;
  buitenBeeld: boolean;
}

/** One task the RMC refused to reassign (409/404 of POST /caseload/toewijzing): nothing was changed. */
export interface ToewijzingRefusal {
  taakId: string;
  reason: 'niet-in-regio' | 'niet-open';
  status?: string;
}

export const REFUSAL_REASON: Record<ToewijzingRefusal['reason'], string> = {
  'niet-in-regio': 'geen taak van uw regio',
  'niet-open': 'niet meer open',
};

/** Whose tasks are shown for reassigning: one consulent's, or the tasks nobody has. */
export type Group = { assignedTo: string } | { unassigned: true };

export const groupName = (group: Group) => ('assignedTo' in group ? group.assignedTo : 'niemand (niet toegewezen)');
