/**
 * The purpose a reader fetches a school dossier for, by the kind of organisation it works in: the RMC on its
 * legal duty to follow up a deregistration; W&I and zorg only for a warm handover the young person consented to.
 */
export function dossierPurpose(readerType: string): 'melding-uitschrijving' | 'warme-overdracht' | undefined {
  if (readerType === 'rmc') return 'melding-uitschrijving';
  if (readerType === 'werk-inkomen' || readerType === 'zorg') return 'warme-overdracht';
  return undefined;
}

/** What a dossier shares: who the young person is, how to reach them, their school career. */
export const DOSSIER_CATEGORIES = ['contactgegevens', 'schoolgegevens'];
