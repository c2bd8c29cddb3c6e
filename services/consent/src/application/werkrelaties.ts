import { ForbiddenException, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { CONSENT_SETTINGS, type ConsentSettings } from '../consent-settings.js';
import { askHolder, HolderUnavailable } from './ask-holder.js';

/**
 * Whether an organisation works with a young person now, asked of the service that hosts the organisation's kind
 * (GET <service>/werkrelatie/<subject>/<organisationId>: its own tasks, verwijzingen or uitschrijvingen decide).
 * The consent service knows no caseloads, so it asks rather than guesses. Source: design (issue 23: an organisation
 * asks consent "for a young person it works with").
 */
@Injectable()
export class Werkrelaties {
  constructor(@Inject(CONSENT_SETTINGS) private readonly settings: ConsentSettings) {}

  /**
   * Resolves when `organisation` works with `subject`. 403 (reason `geen-werkrelatie`) when its service says it does
   * not; 503 when that service cannot be asked (not configured, no answer): a request is refused rather than let through.
   */
  async assertWorksWith(organisation: { organisationType: string; organisationId: string }, subject: string): Promise<void> {
    const source = this.settings.holders?.sources.find((s) => s.service === organisation.organisationType);
    if (!source) throw unavailable(organisation.organisationType);
    let answer: { worksWith?: unknown };
    try {
      answer = await askHolder(
        this.settings.holders,
        source,
        `/werkrelatie/${encodeURIComponent(subject)}/${encodeURIComponent(organisation.organisationId)}`,
      );
    } catch (error) {
      if (error instanceof HolderUnavailable) throw unavailable(organisation.organisationType);
      throw error;
    }
    if (answer.worksWith !== true)
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: 'your organisation does not work with this young person: ask consent only for a young person you work with',
        reason: 'geen-werkrelatie',
      });
  }
}

const unavailable = (kind: string) =>
  new ServiceUnavailableException(
    `cannot check now whether your organisation works with this young person (${kind} service); try again later`,
  );
