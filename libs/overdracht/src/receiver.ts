/** What the organisation directory says of an organisation, as far as the rule below needs it. */
export interface KnownOrganisation {
  id: string;
  kind: string;
  name: string;
  active: boolean;
}

/**
 * Why an overdracht cannot be offered to this receiver, or undefined when it can: the organisation directory
 * must know the id (`found`), as an organisation of the kind the offer names (`to.organisationType`), and it
 * must be active. A municipality as such is not a W&I department: `gemeente:GM0384` receives only once ops
 * registered it as one. Source: design (issue 18, item 3: the directory is used for validation of receivers).
 */
export function receiverRefusal(to: { organisationType: string; id: string }, found: KnownOrganisation | undefined): string | undefined {
  if (!found) return `the organisation directory does not know ${to.id}: an overdracht goes only to a registered organisation`;
  if (found.kind !== to.organisationType) {
    return `${to.id} (${found.name}) is a ${found.kind} organisation in the organisation directory, not ${to.organisationType}`;
  }
  if (!found.active) return `${to.id} (${found.name}) is deactivated in the organisation directory: it receives no new overdracht`;
  return undefined;
}
