/**
 * The one shape of an inzage (AVG art. 15: a copy of the data and who received it). Every service that holds personal
 * data answers one `InzageSection` for one young person; the consent service puts them together into one
 * `InzageDocument` and renders it (JSON, HTML, PDF). Keys are English (code), the names of data fields are plain Dutch
 * (what the young person reads). Source: design (issue 20, item 3; docs/privacy.md "Inzage").
 */

/** An organisation by its id and, where the organisation directory knows it, its name (null otherwise). */
export interface InzageOrganisation {
  id: string;
  name: string | null;
}

/** A value as the young person reads it: text, a number, yes/no, or nothing recorded. Dates are YYYY-MM-DD (Amsterdam). */
export type InzageValue = string | number | boolean | null;

/** One record of one data category, e.g. one uitschrijving: its fields by their plain Dutch name. */
export interface InzageRecord {
  /** Plain Dutch name of the data category, e.g. "Uitschrijving van school". */
  category: string;
  /** The organisation that holds the record (the controller in AVG terms). */
  organisation: InzageOrganisation;
  /** Field name in plain Dutch -> value, e.g. { "Datum uitschrijving": "2026-11-25" }. */
  fields: Record<string, InzageValue>;
}

/** One read of the young person's data, from the holder's append-only access log. */
export interface InzageAccess {
  /** ISO timestamp of the read. */
  at: string;
  /** Who read it: their organisation (null for a reader without one, e.g. the young person themself). */
  organisation: InzageOrganisation | null;
  /** The reader's role, e.g. `rmc-consulent`. */
  role: string;
  /** Why, e.g. `warme-overdracht`; null in rows from before purposes were kept. */
  purpose: string | null;
  /** Why they may: `own-organisation`, `consent:<id>`, `legal-basis:<convenant>`, or `refused:<reason>` for a refused read. */
  basis: string;
  /** What was read, e.g. `taak/<id>` or `verwijzing/<id>/zorginformatie`. */
  resource: string;
  refused: boolean;
}

/**
 * What a service removed about the young person after a toestemming was withdrawn (issue 20, item 5): its
 * `verwijdering` rows (libs/privacy/src/withdrawal/) in plain Dutch (removals-in-dutch.ts).
 */
export interface InzageRemoval {
  /** ISO timestamp of the removal. */
  at: string;
  organisation: InzageOrganisation | null;
  /** What was removed, in plain Dutch (never the removed content itself). */
  what: string;
  /** Why, in plain Dutch, e.g. "toestemming ingetrokken". */
  reason: string;
}

/** One service's answer for one young person. */
export interface InzageAvailableSection {
  service: string;
  status: 'beschikbaar';
  records: InzageRecord[];
  accesses: InzageAccess[];
  removals: InzageRemoval[];
}

/** A service that did not answer (down, timeout, error): the document says so plainly instead of failing. */
export interface InzageUnavailableSection {
  service: string;
  status: 'niet-beschikbaar';
  /** Plain Dutch, for the reader: why this part is missing. */
  reason: string;
}

export type InzageSection = InzageAvailableSection | InzageUnavailableSection;

/** The whole inzage of one young person. */
export interface InzageDocument {
  /** The young person's pseudonymous reference (their login subject). */
  subject: string;
  /** ISO timestamp when the document was put together. */
  createdAt: string;
  /** Who asked: the young person themself, or a privacy officer on a verified request (with the request's id). */
  requestedBy: { kind: 'jongere' } | { kind: 'privacy-officer'; requestId: string };
  sections: InzageSection[];
}
