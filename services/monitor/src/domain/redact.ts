import { PSEUDONYMOUS_REFERENCE_PATTERN } from '@estafette/contracts';

const pseudonymAnywhere = new RegExp(PSEUDONYMOUS_REFERENCE_PATTERN.replace(/^\^|\$$/g, ''), 'g');
/** Headers whose value is the young person's pseudonym (or derived from it) in every record. */
const PERSON_HEADERS = new Set(['ce_subject']);

/** Ops see why and where a record failed, never whom it was about. */
export function redactText(text: string): string {
  return text.replace(pseudonymAnywhere, '[pseudonym]');
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, PERSON_HEADERS.has(name) ? '[pseudonym]' : redactText(value)]),
  );
}
