import { Not } from 'typeorm';
import type { WerkrelatiePart } from '@estafette/privacy';
import { TaakRecord } from '../persistence/taak.entity.js';

/**
 * An RMC region works with a young person while it has a task for them that is not closed: also after a handover
 * (`overgedragen`), since the region keeps its legal task until 23 and takes them back after an uitval.
 * Source: design (issue 23); DOMAIN.md, the RMC's task for young people under 23.
 */
export const rmcWerkrelatie: WerkrelatiePart = (manager, subject, organisationId) =>
  organisationId.startsWith('rmc:')
    ? manager.exists(TaakRecord, { where: { pseudonymousReference: subject, region: organisationId.slice(4), status: Not('gesloten') } })
    : Promise.resolve(false);
