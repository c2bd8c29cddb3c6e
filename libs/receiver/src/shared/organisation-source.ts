/** NL GOV source of a receiving organisation's system, e.g. urn:nld:gemeente:GM0344:estafette-werk-inkomen. */
export const organisationSource = (organisationId: string, organisationType: string): string =>
  `urn:nld:${organisationId}:estafette-${organisationType}`;

export const organisationOf = (organisationType: string, id: string) => ({ organisationType, id }) as never;
