import { ApiError } from '../../api.js';
import { currentSession } from '../../auth/oidc.js';

/** One line of the bulk endpoint's NDJSON answer (services/school README, "Bulk"). */
export interface BulkRowResult {
  row: number;
  /** The row's line in the CSV file (the header is line 1), as Excel numbers its rows. */
  line?: number;
  schoolReference?: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  id?: string;
  errors?: { field: string; reason: string }[];
}
export interface BulkSummary {
  rows: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  /** Lines of only separators (Excel leaves them): not rows. */
  skipped: number;
  /** The charset the service read the file in: 'utf-8' or 'windows-1252' (detected; Excel's plain "CSV"). */
  encoding: string;
}

/**
 * Sends a CSV file to POST /uitschrijvingen/bulk and hands each answered row to `onRows` as the service
 * commits it (the answer is NDJSON, written per batch), so a long file shows progress. The api() client
 * reads whole bodies; this reads the stream line by line. Ends with the summary, or throws.
 */
export async function uploadCsv(file: Blob, onRows: (rows: BulkRowResult[]) => void): Promise<{ summary: BulkSummary; error?: string }> {
  const session = currentSession();
  const res = await fetch('/api/school/uitschrijvingen/bulk', {
    method: 'POST',
    headers: {
      // No charset: the browser does not know the file's, and the service detects UTF-8 or Windows-1252 (Excel).
      'content-type': 'text/csv',
      accept: 'application/x-ndjson',
      ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}),
    },
    body: file,
  });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    const reason = typeof body?.message === 'string' ? body.message : undefined;
    const message =
      res.status === 400
        ? `Het bestand is geweigerd${reason ? `: ${reason}` : '.'}`
        : res.status === 415
          ? 'Alleen CSV-bestanden worden geaccepteerd.'
          : `Het uploaden is mislukt (${res.status}).`;
    throw new ApiError(res.status, message, body);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let end: { summary: BulkSummary; error?: string } | undefined;
  const take = (lines: string[]) => {
    const rows: BulkRowResult[] = [];
    for (const line of lines.filter((l) => l.trim())) {
      const parsed = JSON.parse(line) as BulkRowResult | { summary: BulkSummary; error?: string };
      if ('summary' in parsed) end = parsed;
      else rows.push(parsed);
    }
    if (rows.length) onRows(rows);
  };
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    buffer += next.value;
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    take(lines);
  }
  take([buffer]);
  if (!end)
    throw new Error(
      'Het antwoord van de school-dienst brak af. De regels hierboven zijn opgeslagen; stuur het bestand opnieuw om verder te gaan.',
    );
  return end;
}
