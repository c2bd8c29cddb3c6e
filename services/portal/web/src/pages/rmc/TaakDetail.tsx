import { useState } from 'react';
import { api } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { DataTable } from '../../components/DataTable.js';
import { Details } from '../../components/Details.js';
import { DateField, options, SelectField, TextField } from '../../components/Fields.js';
import { formatDate, formatDateTime, formatDeadline } from '../../components/format.js';
import { Gemeente } from '../../components/Gemeente.js';
import { Loading } from '../../components/Loading.js';
import { Organisatie, OrganisatieNaam } from '../../components/Organisatie.js';
import { OrganisatieKiezer } from '../../components/OrganisatieKiezer.js';
import { PageTitle } from '../../components/PageTitle.js';
import { SchoolDossierView, type SchoolDossier as Dossier } from '../../components/SchoolDossierView.js';
import { useApi } from '../../components/useApi.js';
import { useCommand } from '../../components/useCommand.js';
import { Link } from '../../router.js';
import { ToestemmingVragen } from '../verzoeken/ToestemmingVragen.js';
import { Stokje } from './Stokje.js';
import { Correcties } from './Correcties.js';
import { PlanVanAanpak, type Notitie } from './PlanVanAanpak.js';
import { TextAreaField } from '../../components/TextAreaField.js';
import {
  CHANNELS,
  FREE_TEXT_MAX,
  WITHDRAW_REASONS,
  ORGANISATION_TYPE,
  OUTCOMES,
  OVERDRACHT_STATUS,
  PURPOSES,
  REASON_LABELS,
  REASONS,
  TAAK_STATUS,
  type Overdracht,
  type Taak,
} from './labels.js';

interface ContactMoment {
  id: string;
  notities: Notitie[];
  kind: string;
  channel: string;
  outcome: string;
  at: string;
  recordedBy: string;
}

/** One task: its facts, the young person's data (fetched at the school on request), contact moments, handovers. */
export function TaakDetail({ params }: { params: Record<string, string> }) {
  const id = params.id!;
  const taak = useApi(() => api<Taak & { contactMomenten: ContactMoment[] }>('rmc', `/taken/${id}`), [id]);
  const overdrachten = useApi(() => api<{ items: Overdracht[] }>('rmc', `/taken/${id}/overdrachten`), [id]);
  const reload = () => {
    taak.reload();
    overdrachten.reload();
  };
  return (
    <>
      <PageTitle>Taak</PageTitle>
      <p>
        <Link href="/rmc/taken">Terug naar de werklijst</Link>
      </p>
      <Loading loading={taak.loading && !taak.data} error={taak.error}>
        {() => {
          const t = taak.data!;
          return (
            <>
              <h2>Gegevens van de melding</h2>
              <Details
                items={[
                  ['Status', TAAK_STATUS[t.status] ?? t.status],
                  [
                    'Eerste contact uiterlijk',
                    <>
                      {formatDate(t.firstContactDueDate)} {t.overdue ? <span className="label label-te-laat">te laat</span> : null}
                    </>,
                  ],
                  ['Gemeld op', formatDate(t.registrationDate)],
                  ['School', <Organisatie id={t.school} name={t.schoolName} />],
                  ['Gemeente', <Gemeente code={t.municipality} name={t.municipalityName} />],
                  ['Leeftijd bij melding', t.ageAtRegistration],
                  ['Mislukte contactpogingen', t.failedAttempts],
                  [
                    'Volgende stap (plan van aanpak)',
                    <>
                      {formatDate(t.nextStepOn)} {t.terugBovenaan ? <span className="label label-te-laat">terug bovenaan</span> : null}
                    </>,
                  ],
                  [
                    'Periodiek contact uiterlijk',
                    <>
                      {formatDate(t.periodiekContactUiterlijk)}{' '}
                      {t.periodiekContactTeLaat ? <span className="label label-te-laat">periodiek contact te laat</span> : null}
                    </>,
                  ],
                  ['Toegewezen aan', t.assignedTo ?? '-'],
                  ['Pseudoniem', <code>{t.pseudonymousReference}</code>],
                ]}
              />
              <Toewijzen
                taakId={id}
                assignedTo={t.assignedTo}
                open={t.status !== 'gesloten' && t.status !== 'overgedragen'}
                onDone={reload}
              />
              <Stokje pseudonymousReference={t.pseudonymousReference} />
              <Correcties items={t.correcties ?? []} />
              <Jongere taakId={id} />
              <ContactMomenten taakId={id} moments={t.contactMomenten} onDone={reload} />
              <PlanVanAanpak taakId={id} status={t.status} onDone={reload} />
              <Overdrachten
                taakId={id}
                items={overdrachten.data?.items}
                error={overdrachten.error}
                open={t.status === 'in-contact' || t.status === 'traject'}
                onDone={reload}
              />
              {t.status !== 'gesloten' && t.status !== 'overgedragen' ? <Verhuizing taakId={id} onDone={reload} /> : null}
              {t.status !== 'gesloten' ? <ToestemmingVragen subject={t.pseudonymousReference} /> : null}
            </>
          );
        }}
      </Loading>
    </>
  );
}

/** Takes the task onto the consulent's own list (the API assigns it to the caller). */
function Toewijzen({ taakId, assignedTo, open, onDone }: { taakId: string; assignedTo: string | null; open: boolean; onDone: () => void }) {
  const cmd = useCommand();
  if (!open) return null;
  return (
    <div>
      <button
        type="button"
        disabled={cmd.busy}
        onClick={() =>
          void cmd
            .run(() => api('rmc', `/taken/${taakId}/toewijzing`, { body: {} }), 'De taak staat op uw naam.')
            .then((ok) => ok && onDone())
        }
      >
        {assignedTo ? 'Taak aan mij toewijzen (overnemen)' : 'Taak aan mij toewijzen'}
      </button>
      {cmd.error ? <Alert kind="fout">{cmd.error}</Alert> : cmd.done ? <Alert kind="succes">{cmd.done}</Alert> : null}
    </div>
  );
}

/** The school's dossier, only when the consulent asks for it: every fetch is decided by the consent service and logged. */
function Jongere({ taakId }: { taakId: string }) {
  const [state, setState] = useState<{ loading?: boolean; dossier?: Dossier; error?: string }>({});
  const fetchIt = async () => {
    setState({ loading: true });
    try {
      setState({ dossier: await api<Dossier>('rmc', `/taken/${taakId}/jongere`) });
    } catch (error) {
      setState({ error: (error as Error).message });
    }
  };
  const d = state.dossier;
  return (
    <section aria-labelledby="jongere-kop">
      <h2 id="jongere-kop">Gegevens van de jongere</h2>
      <p>De gegevens staan bij de school. Ophalen wordt vastgelegd in het inzageregister van de jongere.</p>
      {!d ? (
        <button type="button" onClick={fetchIt} disabled={state.loading}>
          {state.loading ? 'Bezig met ophalen...' : 'Gegevens ophalen bij de school'}
        </button>
      ) : (
        <SchoolDossierView dossier={d} withAddress />
      )}
      {state.error ? <Alert kind="fout">De gegevens konden niet worden opgehaald: {state.error}</Alert> : null}
    </section>
  );
}

function ContactMomenten({ taakId, moments, onDone }: { taakId: string; moments: ContactMoment[]; onDone: () => void }) {
  const [form, setForm] = useState({ kind: 'contact', channel: 'telefoon', outcome: 'bereikt', notitie: '' });
  const cmd = useCommand();
  return (
    <section aria-labelledby="contact-kop">
      <h2 id="contact-kop">Contactmomenten</h2>
      <DataTable
        caption="Contactmomenten, oudste eerst"
        rows={moments}
        rowKey={(m) => m.id}
        empty="Nog geen contactmomenten."
        columns={[
          { header: 'Moment', rowHeader: true, cell: (m) => formatDateTime(m.at) },
          { header: 'Soort', cell: (m) => (m.kind === 'contact' ? 'Contact' : 'Poging') },
          { header: 'Kanaal', cell: (m) => m.channel },
          { header: 'Uitkomst', cell: (m) => m.outcome },
          { header: 'Vastgelegd door', cell: (m) => m.recordedBy },
          {
            header: 'Notitie',
            cell: (m) =>
              m.notities.length
                ? m.notities.map((n) => (
                    <p key={n.id} className="vrije-tekst">
                      {n.tekst}
                    </p>
                  ))
                : '-',
          },
        ]}
      />
      <form
        className="formulier"
        aria-labelledby="contact-form-kop"
        onSubmit={(e) => {
          e.preventDefault();
          const { notitie, ...moment } = form;
          void cmd
            .run(
              () => api('rmc', `/taken/${taakId}/contactmomenten`, { body: { ...moment, ...(notitie.trim() ? { notitie } : {}) } }),
              'Contactmoment vastgelegd.',
            )
            .then((ok) => ok && (setForm({ ...form, notitie: '' }), onDone()));
        }}
      >
        <h3 id="contact-form-kop">Contactmoment vastleggen</h3>
        <SelectField
          label="Soort"
          name="kind"
          value={form.kind}
          onChange={(kind) => setForm({ ...form, kind })}
          options={[
            { value: 'contact', label: 'Contact met de jongere' },
            { value: 'poging', label: 'Poging (niet bereikt)' },
          ]}
          error={cmd.fields.kind}
        />
        <SelectField
          label="Kanaal"
          name="channel"
          value={form.channel}
          onChange={(channel) => setForm({ ...form, channel })}
          options={options(CHANNELS)}
          error={cmd.fields.channel}
        />
        <SelectField
          label="Uitkomst"
          name="outcome"
          value={form.outcome}
          onChange={(outcome) => setForm({ ...form, outcome })}
          options={options(OUTCOMES)}
          error={cmd.fields.outcome}
        />
        <TextAreaField
          label="Notitie (optioneel)"
          name="notitie"
          hint="Wat is besproken of afgesproken. Alleen voor het RMC en later voor de jongere zelf zichtbaar"
          value={form.notitie}
          onChange={(notitie) => setForm({ ...form, notitie })}
          maxLength={FREE_TEXT_MAX}
          error={cmd.fields.notitie}
        />
        <button type="submit" disabled={cmd.busy}>
          Contactmoment opslaan
        </button>
        {cmd.error ? <Alert kind="fout">{cmd.error}</Alert> : cmd.done ? <Alert kind="succes">{cmd.done}</Alert> : null}
      </form>
    </section>
  );
}

/** What an offer to each kind of receiver is for, by default (the consulent can change it). */
const DEFAULT_PURPOSE: Record<string, { purpose: string; reason?: string }> = {
  'werk-inkomen': { purpose: 'werk' },
  zorg: { purpose: 'zorg', reason: 'ondersteuning-nodig' },
  school: { purpose: 'onderwijs', reason: 'terug-naar-onderwijs' },
};

function Overdrachten({
  taakId,
  items,
  error,
  open,
  onDone,
}: {
  taakId: string;
  items?: Overdracht[];
  error?: Error;
  open: boolean;
  onDone: () => void;
}) {
  const [form, setForm] = useState({
    organisationType: 'werk-inkomen',
    id: '',
    purpose: 'werk',
    reason: 'school-geen-optie',
    contactPerson: '',
    firstContactProposedOn: '',
  });
  const cmd = useCommand();
  const withdraw = useCommand();
  const [withdrawReason, setWithdrawReason] = useState<string>('niet-meer-nodig');
  const submit = () =>
    cmd.run(
      () =>
        api('rmc', `/taken/${taakId}/overdrachten`, {
          body: {
            to: { organisationType: form.organisationType, id: form.id.trim() },
            purpose: form.purpose,
            reason: form.reason,
            contactPerson: form.contactPerson,
            ...(form.firstContactProposedOn ? { firstContactProposedOn: form.firstContactProposedOn } : {}),
          },
        }),
      'Overdracht aangeboden. De ontvanger krijgt een verwijzing; u houdt het stokje tot die accepteert.',
    );
  return (
    <section aria-labelledby="overdracht-kop">
      <h2 id="overdracht-kop">Overdrachten</h2>
      {error ? <Alert kind="fout">{error.message}</Alert> : null}
      {items?.some((o) => o.status === 'aangeboden') ? (
        <SelectField
          label="Reden van intrekken"
          name="withdrawReason"
          value={withdrawReason}
          onChange={setWithdrawReason}
          options={options(WITHDRAW_REASONS)}
        />
      ) : null}
      <DataTable
        caption="Overdrachten van deze taak"
        rows={items ?? []}
        rowKey={(o) => o.id}
        empty="Nog geen overdrachten."
        columns={[
          {
            header: 'Ontvanger',
            rowHeader: true,
            cell: (o) => (
              <>
                <Organisatie id={o.to.id} name={o.toName} />
                <br />
                <span className="uitleg">{ORGANISATION_TYPE[o.to.organisationType] ?? o.to.organisationType}</span>
              </>
            ),
          },
          { header: 'Status', cell: (o) => OVERDRACHT_STATUS[o.status] ?? o.status },
          { header: 'Antwoordtermijn', cell: (o) => formatDeadline(o.responseDueOn) },
          { header: 'Eerste gesprek', cell: (o) => formatDate(o.firstContactPlannedOn ?? o.firstContactProposedOn) },
          { header: 'Inschrijving gepland', cell: (o) => formatDate(o.enrolmentPlannedOn) },
          { header: 'Uw contactpersoon', cell: (o) => o.contactPerson },
          {
            header: 'Actie',
            cell: (o) =>
              o.status === 'aangeboden' ? (
                <button
                  type="button"
                  disabled={withdraw.busy}
                  onClick={() =>
                    void withdraw
                      .run(
                        () => api('rmc', `/taken/${taakId}/overdrachten/${o.id}/intrekking`, { body: { reason: withdrawReason } }),
                        'Aanbod ingetrokken.',
                      )
                      .then((ok) => ok && onDone())
                  }
                >
                  Aanbod intrekken
                  <span className="visually-hidden">
                    {' '}
                    (aan <OrganisatieNaam id={o.to.id} name={o.toName} />)
                  </span>
                </button>
              ) : (
                '-'
              ),
          },
        ]}
      />
      {withdraw.error ? <Alert kind="fout">{withdraw.error}</Alert> : withdraw.done ? <Alert kind="succes">{withdraw.done}</Alert> : null}
      {open ? (
        <form
          className="formulier"
          aria-labelledby="aanbieden-kop"
          onSubmit={(e) => {
            e.preventDefault();
            void submit().then((ok) => ok && onDone());
          }}
        >
          <h3 id="aanbieden-kop">Overdracht aanbieden</h3>
          <SelectField
            label="Ontvanger"
            name="organisationType"
            value={form.organisationType}
            onChange={(organisationType) =>
              setForm({
                ...form,
                organisationType,
                id: '',
                purpose: DEFAULT_PURPOSE[organisationType]?.purpose ?? form.purpose,
                reason: DEFAULT_PURPOSE[organisationType]?.reason ?? form.reason,
              })
            }
            options={[
              { value: 'werk-inkomen', label: 'Werk & Inkomen (gemeente)' },
              { value: 'zorg', label: 'Zorg' },
              { value: 'school', label: 'School (terug naar onderwijs)' },
            ]}
            error={cmd.fields['to.organisationType']}
          />
          <OrganisatieKiezer
            label="Welke organisatie?"
            kind={form.organisationType}
            value={form.id}
            onChange={(id) => setForm({ ...form, id })}
            error={cmd.fields['to.id']}
          />
          <p className="uitleg" aria-live="polite">
            {form.id ? (
              <>
                Ontvanger: <Organisatie id={form.id} />
              </>
            ) : (
              'Kies een organisatie in de lijst.'
            )}
          </p>
          <SelectField
            label="Doel"
            name="purpose"
            value={form.purpose}
            onChange={(purpose) => setForm({ ...form, purpose })}
            options={options(PURPOSES)}
            error={cmd.fields.purpose}
          />
          <SelectField
            label="Reden"
            name="reason"
            value={form.reason}
            onChange={(reason) => setForm({ ...form, reason })}
            options={options(REASONS, REASON_LABELS)}
            error={cmd.fields.reason}
          />
          <TextField
            label="Uw contactpersoon"
            name="contactPerson"
            hint="Naam en telefoonnummer; de ontvanger ziet dit na acceptatie"
            value={form.contactPerson}
            onChange={(contactPerson) => setForm({ ...form, contactPerson })}
            required
            error={cmd.fields.contactPerson}
          />
          <DateField
            label="Voorgesteld eerste gesprek (datum)"
            name="firstContactProposedOn"
            value={form.firstContactProposedOn}
            onChange={(firstContactProposedOn) => setForm({ ...form, firstContactProposedOn })}
            error={cmd.fields.firstContactProposedOn}
          />
          <button type="submit" disabled={cmd.busy}>
            Overdracht aanbieden
          </button>
          {cmd.error ? <Alert kind="fout">{cmd.error}</Alert> : cmd.done ? <Alert kind="succes">{cmd.done}</Alert> : null}
        </form>
      ) : (
        <p>Een overdracht aanbieden kan als er contact is met de jongere (status In contact of Traject).</p>
      )}
    </section>
  );
}

/**
 * The young person moved to a municipality of another RMC region: the task is offered to that region, which accepts
 * or rejects it in its inbox. Until then this region keeps the task and the baton (never a silent reassignment).
 */
function Verhuizing({ taakId, onDone }: { taakId: string; onDone: () => void }) {
  const [form, setForm] = useState({ municipality: '', contactPerson: '', firstContactProposedOn: '' });
  const cmd = useCommand();
  return (
    <section aria-labelledby="verhuizing-kop">
      <h2 id="verhuizing-kop">Verhuisd naar een andere RMC-regio</h2>
      <p>
        Woont de jongere nu in een gemeente van een andere RMC-regio? Dan biedt u de taak aan die regio aan. U houdt het stokje tot die
        regio accepteert; wijst die af, dan blijft de taak bij u.
      </p>
      <form
        className="formulier"
        onSubmit={(e) => {
          e.preventDefault();
          void cmd
            .run(
              () =>
                api('rmc', `/taken/${taakId}/verhuizing`, {
                  body: {
                    municipality: form.municipality.trim().toUpperCase(),
                    contactPerson: form.contactPerson,
                    ...(form.firstContactProposedOn ? { firstContactProposedOn: form.firstContactProposedOn } : {}),
                  },
                }),
              'Verhuizing doorgegeven: de taak is aangeboden aan het RMC van de nieuwe gemeente. U houdt het stokje tot die regio accepteert.',
            )
            .then((ok) => ok && onDone());
        }}
      >
        <OrganisatieKiezer
          label="Nieuwe woongemeente"
          kind="gemeente"
          value={form.municipality ? `gemeente:${form.municipality}` : ''}
          onChange={(id) => setForm({ ...form, municipality: id.replace(/^gemeente:/, '') })}
          error={cmd.fields.municipality}
        />
        <TextField
          label="Contactpersoon in uw regio"
          name="contactPerson"
          hint="Naam en telefoonnummer; de nieuwe regio ziet dit"
          required
          value={form.contactPerson}
          onChange={(contactPerson) => setForm({ ...form, contactPerson })}
          error={cmd.fields.contactPerson}
        />
        <DateField
          label="Overdrachtsgesprek met de nieuwe regio (datum, voorstel)"
          name="firstContactProposedOn"
          value={form.firstContactProposedOn}
          onChange={(firstContactProposedOn) => setForm({ ...form, firstContactProposedOn })}
          error={cmd.fields.firstContactProposedOn}
        />
        <button type="submit" disabled={cmd.busy}>
          Verhuizing doorgeven
        </button>
        {cmd.error ? <Alert kind="fout">{cmd.error}</Alert> : cmd.done ? <Alert kind="succes">{cmd.done}</Alert> : null}
      </form>
    </section>
  );
}
