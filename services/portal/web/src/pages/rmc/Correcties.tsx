import { correctieRedenText, type CorrectieChanges } from '../../components/correctie.js';
import { DataTable } from '../../components/DataTable.js';
import { formatDate } from '../../components/format.js';
import { Organisatie } from '../../components/Organisatie.js';
import { Wijzigingen } from '../../components/Wijzigingen.js';

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
          { header: 'Gewijzigd', cell: (c) => <Wijzigingen changes={c.changes} /> },
          {
            header: 'Gevolg voor de taak',
            cell: (c) => (
              <>
                {GEVOLG[c.outcome] ?? c.outcome}
                {c.fromRegion !== c.toRegion ? (
                  <>
                    {' '}
                    (van <Regio code={c.fromRegion} /> naar <Regio code={c.toRegion} />)
                  </>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </section>
  );
}

/** An RMC region by its CBS name from the organisation directory (`rmc:MC21` is Agglomeratie Amsterdam), its code as secondary text. */
const Regio = ({ code }: { code: string }) => <Organisatie id={`rmc:${code}`} />;
