import { useState } from 'react';
import { api } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { ConfirmPanel } from '../../components/ConfirmPanel.js';
import { CORRECTIE_REDEN, correctieRedenText, INTREKKING_REDEN, type CorrectieChanges } from '../../components/correctie.js';
import { DataTable } from '../../components/DataTable.js';
import { Details } from '../../components/Details.js';
import { DateField, options, SelectField } from '../../components/Fields.js';
import { formatDate } from '../../components/format.js';
import { Gemeente } from '../../components/Gemeente.js';
import { Loading } from '../../components/Loading.js';
import { OrganisatieKiezer } from '../../components/OrganisatieKiezer.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useApi } from '../../components/useApi.js';
import { useCommand } from '../../components/useCommand.js';
import { Wijzigingen } from '../../components/Wijzigingen.js';
import { Link } from '../../router.js';
import { NAZORG_STATUS, REDEN, redenInNederlands, type Uitschrijving } from './labels.js';

interface Correctie {
  id: string;
  kind: 'correctie' | 'intrekking';
  reason: string;
  changes: CorrectieChanges;
  correctionDate: string;
  recordedBy: string;
}

type Detail = Uitschrijving & {
  municipalityOfResidence: string;
  ingetrokken: { datum: string; reden: string } | null;
  correcties: Correctie[];
};

const SCHOOL_TYPES = ['vo', 'mbo', 'pro', 'vso', 'entree', 'vavo'];
const DIPLOMAS = ['geen', 'vmbo-bb', 'vmbo-kb', 'vmbo-gt', 'havo', 'vwo', 'mbo-1', 'mbo-2', 'mbo-3', 'mbo-4', 'hbo', 'wo'];

/** One uitschrijving of the school: its data, its corrections, and the forms to correct or withdraw it. */
export function UitschrijvingDetail({ params }: { params: Record<string, string> }) {
  const id = params.id!;
  const item = useApi(() => api<Detail>('school', `/uitschrijvingen/${id}`), [id]);
  return (
    <>
      <PageTitle>Uitschrijving</PageTitle>
      <p>
        <Link href="/school/uitschrijvingen">Terug naar de uitschrijvingen</Link>
      </p>
      <Loading loading={item.loading && !item.data} error={item.error}>
        {() => {
          const u = item.data!;
          return (
            <>
              {u.ingetrokken ? (
                <Alert kind="info">
                  Ingetrokken op {formatDate(u.ingetrokken.datum)}: {correctieRedenText('intrekking', u.ingetrokken.reden)}.
                </Alert>
              ) : null}
              <Details
                items={[
                  ['Referentie', u.schoolReference],
                  ['Leerlingnummer', u.studentNumber],
                  ['Uitgeschreven op', formatDate(u.deregistrationDate)],
                  ['Onderwijssoort', [u.schoolType.toUpperCase(), u.schoolLevel].filter(Boolean).join(', ')],
                  ['Hoogste diploma', u.highestDiploma],
                  ['Startkwalificatie', u.hasStartkwalificatie ? 'Ja' : 'Nee'],
                  ['Woongemeente', <Gemeente code={u.municipalityOfResidence} />],
                  ['Reden van uitschrijving', REDEN[u.reason] ?? u.reason],
                  ['Wat gebeurde er daarna', NAZORG_STATUS[u.nazorgStatus] ?? u.nazorgStatus],
                ]}
              />
              <section aria-labelledby="correcties-kop">
                <h2 id="correcties-kop">Correcties</h2>
                <DataTable
                  caption="Correcties en intrekking, oudste eerst"
                  rows={u.correcties}
                  rowKey={(c) => c.id}
                  empty="Nog niet gecorrigeerd."
                  columns={[
                    { header: 'Datum', rowHeader: true, cell: (c) => formatDate(c.correctionDate) },
                    { header: 'Soort', cell: (c) => (c.kind === 'intrekking' ? 'Intrekking' : 'Correctie') },
                    { header: 'Reden', cell: (c) => correctieRedenText(c.kind, c.reason) },
                    { header: 'Gewijzigd', cell: (c) => <Wijzigingen changes={c.changes} /> },
                    { header: 'Door', cell: (c) => c.recordedBy },
                  ]}
                />
              </section>
              {u.ingetrokken ? null : (
                <>
                  <Corrigeren id={id} onDone={item.reload} />
                  <Intrekken id={id} onDone={item.reload} />
                </>
              )}
            </>
          );
        }}
      </Loading>
    </>
  );
}

const EMPTY = { reason: '', deregistrationDate: '', schoolType: '', highestDiploma: '', municipalityOfResidence: '' };

/**
 * Only the fields the school fills in are sent: an empty field is "not changed". The municipality is chosen by name from
 * the CBS municipalities in the organisation directory ("Niet wijzigen" first), never typed as a code. The RMC follows
 * the correction.
 */
function Corrigeren({ id, onDone }: { id: string; onDone: () => void }) {
  const [form, setForm] = useState(EMPTY);
  const cmd = useCommand();
  const set = (k: keyof typeof EMPTY) => (v: string) => setForm({ ...form, [k]: v });
  const fout = (field: string) => (cmd.fields[field] ? redenInNederlands(cmd.fields[field]!) : undefined);
  return (
    <form
      className="formulier"
      aria-labelledby="corrigeren-kop"
      onSubmit={(e) => {
        e.preventDefault();
        const body = Object.fromEntries(Object.entries(form).filter(([, v]) => v !== ''));
        void cmd
          .run(
            () => api('school', `/uitschrijvingen/${id}/correctie`, { body }),
            'Correctie opgeslagen. Het RMC past de melding aan (termijnen, regio of intrekking).',
          )
          .then((ok) => {
            if (!ok) return;
            setForm(EMPTY);
            onDone();
          });
      }}
    >
      <h2 id="corrigeren-kop">Uitschrijving corrigeren</h2>
      <p>Vul alleen in wat niet klopte. Een leeg veld blijft zoals het is.</p>
      <SelectField
        label="Reden van de correctie"
        name="reason"
        required
        value={form.reason}
        onChange={set('reason')}
        placeholder="Kies een reden"
        options={options(Object.keys(CORRECTIE_REDEN), CORRECTIE_REDEN)}
        error={fout('reason')}
      />
      <DateField
        label="Juiste datum van uitschrijving"
        name="deregistrationDate"
        value={form.deregistrationDate}
        onChange={set('deregistrationDate')}
        error={fout('deregistrationDate')}
      />
      <SelectField
        label="Juiste onderwijssoort"
        name="schoolType"
        value={form.schoolType}
        onChange={set('schoolType')}
        placeholder="Niet wijzigen"
        options={SCHOOL_TYPES.map((t) => ({ value: t, label: t.toUpperCase() }))}
        error={fout('schoolType')}
      />
      <SelectField
        label="Juiste hoogste diploma"
        name="highestDiploma"
        hint="Bepaalt opnieuw of de leerling een startkwalificatie heeft"
        value={form.highestDiploma}
        onChange={set('highestDiploma')}
        placeholder="Niet wijzigen"
        options={options(DIPLOMAS)}
        error={fout('highestDiploma')}
      />
      <OrganisatieKiezer
        label="Juiste woongemeente"
        kind="gemeente"
        anyLabel="Niet wijzigen"
        value={form.municipalityOfResidence ? `gemeente:${form.municipalityOfResidence}` : ''}
        onChange={(id) => set('municipalityOfResidence')(id.replace(/^gemeente:/, ''))}
        error={fout('municipalityOfResidence')}
      />
      <button type="submit" disabled={cmd.busy}>
        Correctie opslaan
      </button>
      {cmd.fields.correctie ? (
        <Alert kind="fout">Er is niets gewijzigd: vul minstens één gegeven in dat anders is dan nu.</Alert>
      ) : cmd.error ? (
        <Alert kind="fout">{cmd.error}</Alert>
      ) : cmd.done ? (
        <Alert kind="succes">{cmd.done}</Alert>
      ) : null}
    </form>
  );
}

/** Withdrawing cannot be undone: the school confirms in the page first. */
function Intrekken({ id, onDone }: { id: string; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const cmd = useCommand();
  return (
    <form
      className="formulier"
      aria-labelledby="intrekken-kop"
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
    >
      <h2 id="intrekken-kop">Uitschrijving intrekken</h2>
      <p>Bijvoorbeeld als u de verkeerde leerling heeft uitgeschreven. Een RMC-melding die erop volgde, vervalt.</p>
      <SelectField
        label="Reden van intrekken"
        name="withdrawReason"
        required
        value={reason}
        onChange={setReason}
        placeholder="Kies een reden"
        options={options(Object.keys(INTREKKING_REDEN), INTREKKING_REDEN)}
        error={cmd.fields.reason ? redenInNederlands(cmd.fields.reason) : undefined}
      />
      {confirming ? (
        <ConfirmPanel
          title="Deze uitschrijving intrekken?"
          confirmLabel="Ja, intrekken"
          busy={cmd.busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            void cmd
              .run(
                () => api('school', `/uitschrijvingen/${id}/intrekking`, { body: { reason } }),
                'De uitschrijving is ingetrokken. Het RMC laat de melding vervallen.',
              )
              .then((ok) => {
                setConfirming(false);
                if (ok) onDone();
              })
          }
        >
          <p>Dit kan niet ongedaan worden gemaakt. Reden: {INTREKKING_REDEN[reason as keyof typeof INTREKKING_REDEN] ?? reason}.</p>
        </ConfirmPanel>
      ) : (
        <button type="submit" disabled={cmd.busy}>
          Uitschrijving intrekken
        </button>
      )}
      {cmd.error ? <Alert kind="fout">{cmd.error}</Alert> : cmd.done ? <Alert kind="succes">{cmd.done}</Alert> : null}
    </form>
  );
}
