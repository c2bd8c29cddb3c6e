import { changesText, correctieRedenText, type CorrectieChanges } from '../../components/correctie.js';
import { DataTable } from '../../components/DataTable.js';
import { formatDate } from '../../components/format.js';

/** A school's correction or withdrawal as the task received it (GET /taken/:id, `correcties`). */
export interface TaakCorrectie {
  kind: 'correctie' | 'intrekking';
  reason: string;
  changes: CorrectieChanges;
  outcome: string;
  fromRegion: string;
  toRegion: string;
  correctionDate: string;
  receivedAt: string;
}

/** What each correction did to the task, in Dutch. */
const GEVOLG: Record<string, string> = {
  herberekend: 'Termijnen opnieuw berekend',
  verplaatst: 'Naar een andere RMC-regio verplaatst',
  geannuleerd: 'Melding vervallen (onterecht gemeld)',
  geopend: 'Taak geopend',
  vastgelegd: 'Alleen vastgelegd (de taak was al gesloten)',
};

/** The school's corrections and withdrawal of the uitschrijving behind this task, oldest first. */
export function Correcties({ items }: { items: TaakCorrectie[] }) {
  return (
    <section aria-labelledby="correcties-kop">
      <h2 id="correcties-kop">Correcties van de school</h2>
      <DataTable
        caption="Correcties van de uitschrijving, oudste eerst"
        rows={items}
        rowKey={(c) => `${c.receivedAt}-${c.kind}`}
        empty="De school heeft de uitschrijving niet gecorrigeerd."
        columns={[
          { header: 'Datum', rowHeader: true, cell: (c) => formatDate(c.correctionDate) },
          { header: 'Soort', cell: (c) => (c.kind === 'intrekking' ? 'Intrekking' : 'Correctie') },
          { header: 'Reden', cell: (c) => correctieRedenText(c.kind, c.reason) },
          { header: 'Gewijzigd', cell: (c) => changesText(c.changes) },
          {
            header: 'Gevolg voor de taak',
            cell: (c) => `${GEVOLG[c.outcome] ?? c.outcome}${c.fromRegion !== c.toRegion ? ` (${c.fromRegion} → ${c.toRegion})` : ''}`,
          },
        ]}
      />
    </section>
  );
}
