import { platformIndeling, type Indeling } from '@estafette/contracts';
import type { DemoRegion } from './scenario.js';

/** The demo's region: MC21 Agglomeratie Amsterdam as CBS lists it, with Amsterdam (GM0363) first, where its RMC sits. */
export const DEMO_REGION_CODE = 'MC21';
const DEMO_CITY = 'GM0363';

/** The demo region from the CBS indeling: code, name and every municipality by name (throws if CBS has no such region). */
export function demoRegion(indeling: Indeling = platformIndeling(), code = DEMO_REGION_CODE): DemoRegion {
  const region = indeling.rmcRegions.get(code);
  if (!region) throw new Error(`${code} is not a CBS RMC region`);
  const municipalities = region.municipalities
    .map((m) => ({ code: m, name: indeling.municipalities.get(m)! }))
    .sort((a, b) => Number(b.code === DEMO_CITY) - Number(a.code === DEMO_CITY) || a.code.localeCompare(b.code));
  return { code: region.code, name: region.name, municipalities };
}
