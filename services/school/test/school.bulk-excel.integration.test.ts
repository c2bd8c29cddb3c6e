import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { sql, startServiceUnderTest, type ServiceUnderTest } from '@estafette/testing';
import { createSchoolApp } from '../src/create-school-app.js';

// The done-when of school files: CSVs exactly as Dutch Excel saves them (bytes written by fixtures/write-excel-csv.mjs):
// `;`, CRLF, d-m-jjjj, a BSN without its leading zero, empty separator rows, a typographic closing quote, names
// with letters outside ASCII, once as Windows-1252 ("CSV") and once as UTF-8 with a byte order mark ("CSV UTF-8").
// Sent as a browser sends a file: `text/csv` without a charset.

/** The fixture with its deregistration dates (4 January 2026) moved to this year, so they stay within the five years back the service accepts. */
function fixture(name: string): Buffer {
  const bytes = readFileSync(new URL(`fixtures/${name}`, import.meta.url));
  const year = new Date().toISOString().slice(0, 4);
  // latin1 maps every byte to one character and back: only the ASCII digits change, every other byte stays.
  return Buffer.from(bytes.toString('latin1').replaceAll('2026', year), 'latin1');
}

interface Line {
  row?: number;
  line?: number;
  schoolReference?: string;
  status?: string;
  errors?: { field: string; reason: string }[];
  summary?: Record<string, unknown>;
}

describe('a school file as Dutch Excel saves it', () => {
  let school: ServiceUnderTest<INestApplication>;

  beforeAll(async () => {
    school = await startServiceUnderTest('schoolbulkexcel', (config) =>
      createSchoolApp(
        config,
        { pseudonymSecret: 'test-secret-of-at-least-thirty-two-bytes!', publicUrl: 'http://school.test', bulkBatchSize: 3 },
        false,
      ),
    );
  });

  afterAll(async () => {
    await school?.close();
  });

  async function upload(file: string, brin: string): Promise<Line[]> {
    const token = await school.issuer.issueToken({
      role: 'school-staff',
      organisationType: 'school',
      organisationId: `brin:${brin}`,
      sub: `staff-${brin}`,
    });
    const res = await fetch(`${school.url}/uitschrijvingen/bulk`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
      body: new Uint8Array(fixture(file)),
    });
    expect(res.status).toBe(200);
    return (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
  }

  test.each([
    ['excel-windows-1252.csv', '31XA', 'windows-1252'],
    ['excel-utf8-bom.csv', '31XB', 'utf-8'],
  ])('%s: 4 accepted, 3 refused with a reason each, 3 blank rows skipped, the charset said', async (file, brin, encoding) => {
    const answer = await upload(file, brin);
    const rows = answer.filter((l) => l.row !== undefined);
    expect(rows.map((r) => [r.row, r.line, r.schoolReference, r.status])).toEqual([
      [1, 2, 'EX-01', 'accepted'],
      [2, 3, 'EX-02', 'accepted'],
      [3, 5, 'EX-03', 'accepted'],
      [4, 6, undefined, 'rejected'],
      [5, 7, 'EX-05', 'rejected'],
      [6, 9, 'EX-06', 'rejected'],
      [7, 10, 'EX-07', 'accepted'],
    ]);
    expect(rows[3]!.errors).toEqual([
      {
        field: '(row)',
        reason:
          'line 6, column 3: the quote that opens this field is not closed on this line; a typographic quote (\u201D) does not close a field, type a straight quote (")',
      },
    ]);
    expect(rows[4]!.errors).toEqual([
      { field: 'birthDate', reason: 'birthDate has a two-digit year (4-3-08): write the year in full, as d-m-jjjj (4-3-2008)' },
    ]);
    expect(rows[5]!.errors).toEqual([
      { field: 'bsn', reason: 'bsn has 7 digits: a BSN has 9 (with 8, the leading zero Excel drops is added back)' },
    ]);
    expect(answer.at(-1)).toEqual({ summary: { rows: 7, accepted: 4, duplicate: 0, rejected: 3, skipped: 3, encoding } });

    const stored = await sql<Record<string, string | null>>(
      school.db.url,
      `SELECT school_reference AS ref, bsn, birth_date::text AS born, contact->>'firstName' AS first, contact->>'lastName' AS last
         FROM uitschrijving WHERE school_id = $1 ORDER BY school_reference`,
      [`brin:${brin}`],
    );
    expect(stored).toEqual([
      { ref: 'EX-01', bsn: '111222333', born: '2008-03-04', first: 'Emre', last: '\u00C7elik' },
      { ref: 'EX-02', bsn: '011111112', born: '2009-03-14', first: 'Lena', last: 'M\u00FCller' },
      { ref: 'EX-03', bsn: null, born: '2010-07-01', first: 'Zo\u00EB', last: 'van der Berg' },
      { ref: 'EX-07', bsn: null, born: '2008-08-07', first: 'Fleur', last: '\u00D6zt\u00FCrk' },
    ]);
  });
});
