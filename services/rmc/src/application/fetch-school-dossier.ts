import {
  BadGatewayException,
  ForbiddenException,
  GatewayTimeoutException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ContentUnavailableError, type ContentClient, type OrganisationDirectory, type Principal } from '@estafette/auth';

/** The path of an uitschrijving at its school: what a school's dataref must name (checked where the event is consumed). */
export const UITSCHRIJVING_PATH = /^\/uitschrijvingen\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface SchoolDossierRequest {
  schoolId: string;
  /** The task's dataref as the uitschrijving event gave it; only its path is used, on the school's configured origin. */
  schoolDataref: string;
  /** The consulent, verified by this service: the school decides and logs for them. */
  reader: Principal;
  timeoutMs: number;
}

/**
 * Reads the school's dossier behind a task for the consulent: from the school's origin in the organisation
 * directory, with the RMC service's own token and the consulent as acting user (the consulent's token never
 * leaves the RMC). Nothing is stored here; the next view fetches again.
 */
export async function fetchSchoolDossier(
  client: ContentClient,
  directory: OrganisationDirectory,
  r: SchoolDossierRequest,
): Promise<unknown> {
  const school = { organisationType: 'school', id: r.schoolId };
  const located = directory.checkDataref(school, r.schoolDataref, UITSCHRIJVING_PATH);
  if (!located.ok) throw new BadGatewayException(`the school's dossier cannot be located: ${located.reason}`);
  let res: Response;
  try {
    res = await client.get(school, `${located.path}/dossier`, r.reader, r.timeoutMs);
  } catch (error) {
    if (error instanceof ContentUnavailableError)
      throw new ServiceUnavailableException(`the school's dossier cannot be fetched: ${error.message}`);
    if ((error as Error).name === 'TimeoutError') throw new GatewayTimeoutException(`the school did not answer within ${r.timeoutMs} ms`);
    throw new BadGatewayException('the school could not be reached');
  }
  if (res.status === 200) return res.json();
  const body = (await res.json().catch(() => ({}))) as { reason?: string };
  if (res.status === 403) {
    throw new ForbiddenException({
      statusCode: 403,
      error: 'Forbidden',
      message: "the school may not share this young person's data with you (the consent service denied it)",
      reason: body.reason ?? null,
    });
  }
  if (res.status === 404) throw new NotFoundException('the school no longer knows this uitschrijving');
  throw new BadGatewayException(`the school answered ${res.status}`);
}
