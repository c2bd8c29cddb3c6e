import type { ConsentAccess } from '@estafette/consent-client';
import type { RegionMap } from './domain/region-routing.js';

export const RMC_SETTINGS = Symbol('RMC_SETTINGS');

/** The one RegionRouter of the service (CBS indeling + region settings), built once from RMC_SETTINGS. */
export const REGION_ROUTER = Symbol('REGION_ROUTER');

export interface RmcSettings {
  regionMap: RegionMap;
  /** How often due timers are looked for; a restart loses nothing, timers live in the database. */
  timerIntervalMs: number;
  publicUrl: string;
  /** How long GET /taken/:id/jongere waits for the school's dossier (RMC_SCHOOL_FETCH_TIMEOUT_MS, default 5000). */
  schoolFetchTimeoutMs?: number;
  /** The RMC service's own access token (client credentials): content of other organisations is read with it. Without it every dossier fetch answers 503. */
  serviceToken?: () => Promise<string>;
  /** How the RMC asks the consent service (GET /betrokkenheid, THAT); without it every such question is refused. */
  consent?: ConsentAccess;
}

export { loadRegionMap } from '@estafette/contracts';
