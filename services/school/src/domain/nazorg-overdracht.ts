/**
 * Pro and vso schools keep a nazorg duty after a student leaves (pro 1 year, vso 2 years, 004:1430-1452)
 * and hand a leaver who needs work or income support over to the municipality (004:1531). Other school
 * types report their early leavers to the RMC instead (the vsv-melding).
 */
export const NAZORG_SCHOOL_TYPES = ['pro', 'vso'] as const;

export const handsOverToMunicipality = (schoolType: string): boolean => (NAZORG_SCHOOL_TYPES as readonly string[]).includes(schoolType);
