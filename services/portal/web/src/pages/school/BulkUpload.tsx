import { useId, useState } from 'react';
import { Alert } from '../../components/Alert.js';
import { CheckboxField } from '../../components/Fields.js';
import { DataTable } from '../../components/DataTable.js';
import { PageTitle } from '../../components/PageTitle.js';
import { uploadCsv, type BulkRowResult, type BulkSummary } from './bulk-stream.js';
import { KOLOM, redenInNederlands } from './labels.js';
import './school.css';

/** A long file answers thousands of rows: the table shows this many, the counts cover all. */
const SHOWN = 1000;

const STATUS: Record<BulkRowResult['status'], string> = { accepted: 'Verwerkt', duplicate: 'Al eerder ontvangen', rejected: 'Geweigerd' };

const TEMPLATE =
  'referentie;leerlingnummer;bsn;geboortedatum;datum_uitschrijving;onderwijssoort;niveau;hoogste_diploma;reden;exitgesprek;gemeentecode\n' +
  'UIT-2026-001;204518;;14-3-2008;1-11-2026;mbo;mbo-2;vmbo-kb;zonder-vervolg;ja;GM0363\n';

/** Many uitschrijvingen at once from the school's administration (CSV), with each row's result as it comes back. */
export function BulkUpload() {
  const fileId = useId();
  const [file, setFile] = useState<File>();
  const [rows, setRows] = useState<BulkRowResult[]>([]);
  const [state, setState] = useState<{ busy: boolean; summary?: BulkSummary; error?: string; stopped?: string }>({ busy: false });
  const [onlyRejected, setOnlyRejected] = useState(false);

  const counts = rows.reduce((c, r) => ({ ...c, [r.status]: c[r.status] + 1 }), { accepted: 0, duplicate: 0, rejected: 0 });
  const visible = rows.filter((r) => !onlyRejected || r.status === 'rejected');

  const submit = async () => {
    if (!file) return setState({ busy: false, error: 'Kies eerst een CSV-bestand.' });
    setRows([]);
    setState({ busy: true });
    try {
      // Rows arrive per committed batch; appending keeps the table growing while the upload runs.
      const end = await uploadCsv(file, (batch) => setRows((all) => [...all, ...batch]));
      setState({ busy: false, summary: end.summary, stopped: end.error });
    } catch (error) {
      setState({ busy: false, error: (error as Error).message });
    }
  };

  return (
    <>
      <PageTitle>CSV uploaden</PageTitle>
      <p>
        Geef veel uitschrijvingen tegelijk door met een CSV-bestand uit uw leerlingadministratie. Elke regel wordt apart gecontroleerd:
        goede regels worden verwerkt, foute regels geweigerd met de reden. Een regel met een referentie die al bekend is, wordt niet dubbel
        verwerkt, dus u kunt een bestand veilig opnieuw sturen.
      </p>
      <details>
        <summary>Welke kolommen?</summary>
        <p>
          Een kopregel is verplicht; scheidingsteken <code>;</code> of <code>,</code>. Kolommen: {Object.values(KOLOM).join(', ')}. Datums
          als d-m-jjjj, dd-mm-jjjj of jjjj-mm-dd (jaartal voluit); exitgesprek ja of nee. Een BSN waar Excel de voorloopnul van weghaalde,
          wordt aangevuld. Regels met alleen scheidingstekens worden overgeslagen.
        </p>
        <p>
          <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`} download="uitschrijvingen-voorbeeld.csv">
            Voorbeeldbestand downloaden
          </a>
        </p>
      </details>
      <form
        className="formulier"
        aria-labelledby="upload-kop"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="upload-kop">Bestand kiezen</h2>
        <div className="veld">
          <label htmlFor={fileId}>CSV-bestand met uitschrijvingen</label>
          <p className="hint" id={`${fileId}-hint`}>
            Alleen .csv, zoals Excel het opslaat (CSV of CSV UTF-8).
          </p>
          <input
            id={fileId}
            name="bestand"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={`${fileId}-hint`}
            onChange={(e) => setFile(e.target.files?.[0])}
          />
        </div>
        <button type="submit" disabled={state.busy}>
          {state.busy ? 'Bezig met uploaden...' : 'Uploaden'}
        </button>
      </form>

      {state.error ? <Alert kind="fout">{state.error}</Alert> : null}
      {state.busy || rows.length || state.summary ? (
        <section aria-labelledby="resultaat-kop">
          <h2 id="resultaat-kop">Resultaat</h2>
          <p role="status" aria-live="polite" className="voortgang">
            {state.busy ? `Bezig: ${rows.length} regels verwerkt...` : null}
            {state.summary
              ? `Klaar: ${state.summary.rows} regels, ${state.summary.accepted} verwerkt, ${state.summary.duplicate} al eerder ontvangen, ${state.summary.rejected} geweigerd.` +
                (state.summary.skipped ? ` ${state.summary.skipped} lege regels overgeslagen.` : '') +
                (state.summary.encoding === 'windows-1252' ? ' Gelezen als Windows-1252.' : '')
              : null}
          </p>
          {state.stopped ? (
            <Alert kind="fout">
              Het verwerken is halverwege gestopt ({state.stopped}). De regels hieronder zijn opgeslagen; stuur het bestand opnieuw om
              verder te gaan.
            </Alert>
          ) : null}
          {counts.rejected > 0 && !state.busy ? (
            <Alert kind="info">
              {counts.rejected} {counts.rejected === 1 ? 'regel is' : 'regels zijn'} geweigerd. Verbeter ze in uw administratie en stuur het
              bestand opnieuw; goede regels worden niet dubbel verwerkt.
            </Alert>
          ) : null}
          <CheckboxField label="Alleen geweigerde regels tonen" name="alleenGeweigerd" checked={onlyRejected} onChange={setOnlyRejected} />
          <DataTable
            caption={`Resultaat per regel${visible.length > SHOWN ? ` (de eerste ${SHOWN} van ${visible.length})` : ''}`}
            rows={visible.slice(0, SHOWN)}
            rowKey={(r) => String(r.row)}
            rowClass={(r) => (r.status === 'rejected' ? 'geweigerd' : undefined)}
            empty={state.busy ? 'Nog geen regels terug.' : 'Geen regels om te tonen.'}
            columns={[
              { header: 'Regel', rowHeader: true, cell: (r) => r.line ?? r.row },
              { header: 'Referentie', cell: (r) => r.schoolReference ?? '-' },
              {
                header: 'Resultaat',
                cell: (r) => (
                  <span
                    className={`label ${r.status === 'rejected' ? 'label-te-laat' : r.status === 'accepted' ? 'label-ok' : 'label-neutraal'}`}
                  >
                    {STATUS[r.status]}
                  </span>
                ),
              },
              {
                header: 'Reden',
                cell: (r) =>
                  r.errors?.length ? (
                    <ul className="redenen">
                      {r.errors.map((e) => (
                        <li key={e.field + e.reason}>
                          {e.field === '(row)' ? null : (
                            <>
                              Kolom <strong>{KOLOM[e.field] ?? e.field}</strong>:{' '}
                            </>
                          )}
                          {redenInNederlands(e.reason)}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    '-'
                  ),
              },
            ]}
          />
        </section>
      ) : null}
    </>
  );
}
