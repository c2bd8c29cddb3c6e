import { BadGatewayException, ForbiddenException, GatewayTimeoutException, NotFoundException } from '@nestjs/common';

/**
 * Reads the school's dossier behind a task's dataref, as the consulent: their own token goes along, so the
 * school asks the consent service about them and logs their read. Nothing is stored here; the next view fetches again.
 */
export async function fetchSchoolDossier(schoolDataref: string, authorization: string, timeoutMs: number): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${schoolDataref.replace(/\/$/, '')}/dossier`, { headers: { authorization, accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') throw new GatewayTimeoutException(`the school did not answer within ${timeoutMs} ms`);
    throw new BadGatewayException('the school could not be reached');
  }
  if (res.status === 200) return res.json();
  const body = (await res.json().catch(() => ({}))) as { reason?: string };
  if (res.status === 403) {
    throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: 'the school may not share this young person\'s data with you (the consent service denied it)', reason: body.reason ?? null });
  }
  if (res.status === 404) throw new NotFoundException('the school no longer knows this uitschrijving');
  throw new BadGatewayException(`the school answered ${res.status}`);
}
