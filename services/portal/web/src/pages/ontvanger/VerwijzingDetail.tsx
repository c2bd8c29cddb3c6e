import { useState, type ReactNode } from 'react';
import { api, ApiError } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { Details } from '../../components/Details.js';
import { DateField, options, SelectField, TextField } from '../../components/Fields.js';
import { formatDate, formatDeadline, today } from '../../components/format.js';
import { Gemeente } from '../../components/Gemeente.js';
import { Loading } from '../../components/Loading.js';
import { Organisatie } from '../../components/Organisatie.js';
import { PageTitle } from '../../components/PageTitle.js';
import { SchoolDossierView, type SchoolDossier as Dossier } from '../../components/SchoolDossierView.js';
import { useApi } from '../../components/useApi.js';
import { useCommand } from '../../components/useCommand.js';
import { Link } from '../../router.js';
import { ToestemmingVragen } from '../verzoeken/ToestemmingVragen.js';
import {
  CONTACT_TYPES,
  inboxPath,
  MISSED_REASONS,
  myService,
  PLACEMENT_TYPES,
  REFUSAL,
  REJECT_REASONS,
  VERWIJZING_STATUS,
  type Herkomst,
  type ReceiverService,
  type Verwijzing,
} from './labels.js';

/**
 * One referral: answer it (accept with a contact person, or reject with a reason), then first contact and placement.
 * A school accepts with the date it plans to enrol the young person, and enrols them instead of placing.
 */
export function VerwijzingDetail({ params }: { params: Record<string, string> }) {
  const service = myService();
  const id = params.id!;
  const referral = useApi(() => api<Verwijzing>(service, `/verwijzingen/${id}`), [id]);
  // A command's form disappears once the verwijzing moves on: its confirmation stays here.
  const [notice, setNotice] = useState<string>();
  const done = (message: string) => {
    setNotice(message);
    referral.reload();
  };
  return (
    <>
      <PageTitle>Verwijzing</PageTitle>
      <p>
        <Link href={inboxPath(service)}>Terug naar de verwijzingen</Link>
      </p>
      <Loading loading={referral.loading && !referral.data} error={referral.error}>
        {() => {
          const v = referral.data!;
          return (
            <>
              {notice ? <Alert kind="succes">{notice}</Alert> : null}
              <Details
                items={[
                  ['Status', VERWIJZING_STATUS[v.status] ?? v.status],
                  ['Van', <Organisatie id={v.fromId} name={v.fromName} />],
                  ['Doel', v.purpose],
                  ['Reden', v.handoverReason],
                  ['Antwoordtermijn', formatDeadline(v.responseDueOn)],
                  ['Leeftijd', v.ageAtOffer],
                  ['Gemeente', <Gemeente code={v.municipality} />],
                  ['Voorgesteld eerste gesprek', formatDate(v.firstContactProposedOn)],
                  ['Gepland eerste gesprek', formatDate(v.firstContactPlannedOn)],
                  ['Uw contactpersoon', v.contactPerson ?? '-'],
                  ...(service === 'school' ? [['Inschrijving gepland op', formatDate(v.enrolmentPlannedOn)] as [string, string]] : []),
                  ...(v.herkomst ? [['Terug na uitval', <Uitval herkomst={v.herkomst} />] as [string, ReactNode]] : []),
                  ['Pseudoniem', <code>{v.pseudonymousReference}</code>],
                ]}
              />
              {v.status === 'aangeboden' ? <Answer service={service} v={v} onDone={done} /> : null}
              {v.status === 'geaccepteerd' || v.status === 'eerste-contact-gemist' ? (
                <FirstContact service={service} v={v} onDone={done} />
              ) : null}
              {v.status === 'eerste-contact-gehad' && service !== 'school' ? <Placement service={service} v={v} onDone={done} /> : null}
              {service === 'school' ? null : <SchoolDossier pseudonymousReference={v.pseudonymousReference} />}
              <ToestemmingVragen subject={v.pseudonymousReference} />
            </>
          );
        }}
      </Loading>
    </>
  );
}

/** The history of a young person returned by an uitval, in one Dutch sentence, with the organisation that reported it by name. */
function Uitval({ herkomst: h }: { herkomst: Herkomst }) {
  return (
    <>
      {h.placementType} bij <Organisatie id={h.reportedBy.id} /> is op {formatDate(h.dropoutDate)} gestopt ({h.dropoutReason})
    </>
  );
}

/** `onDone(notice)`: the command succeeded; the page keeps `notice` in view while the verwijzing reloads (the form goes). */
type Props = { service: ReceiverService; v: Verwijzing; onDone: (notice: string) => void };
/** A command's refusal, in its form; its success is the page's notice (see VerwijzingDetail). */
const Result = ({ cmd }: { cmd: ReturnType<typeof useCommand> }) => (cmd.error ? <Alert kind="fout">{cmd.error}</Alert> : null);

function Answer({ service, v, onDone }: Props) {
  const school = service === 'school';
  const [accept, setAccept] = useState({
    contactPerson: '',
    firstContactPlannedOn: v.firstContactProposedOn ?? '',
    enrolmentPlannedOn: '',
  });
  const [reason, setReason] = useState('');
  const acceptCmd = useCommand();
  const rejectCmd = useCommand();
  return (
    <div className="acties">
      <form
        className="formulier"
        aria-labelledby="accepteren-kop"
        onSubmit={(e) => {
          e.preventDefault();
          const notice = school
            ? 'Verwijzing geaccepteerd: uw school heeft nu het stokje. Schrijf de jongere in op de geplande datum.'
            : 'Verwijzing geaccepteerd: u heeft nu het stokje.';
          void acceptCmd
            .run(
              () =>
                api(service, `/verwijzingen/${v.overdrachtId}/acceptatie`, {
                  body: {
                    contactPerson: accept.contactPerson,
                    ...(accept.firstContactPlannedOn ? { firstContactPlannedOn: accept.firstContactPlannedOn } : {}),
                    ...(school ? { enrolmentPlannedOn: accept.enrolmentPlannedOn } : {}),
                  },
                }),
              notice,
            )
            .then((ok) => ok && onDone(notice));
        }}
      >
        <h2 id="accepteren-kop">Accepteren</h2>
        <TextField
          label="Uw contactpersoon"
          name="contactPerson"
          hint="Wie de jongere en de afzender kunnen bellen"
          required
          value={accept.contactPerson}
          onChange={(contactPerson) => setAccept({ ...accept, contactPerson })}
          error={acceptCmd.fields.contactPerson}
        />
        <DateField
          label="Eerste gesprek gepland op"
          name="firstContactPlannedOn"
          value={accept.firstContactPlannedOn}
          onChange={(firstContactPlannedOn) => setAccept({ ...accept, firstContactPlannedOn })}
          error={acceptCmd.fields.firstContactPlannedOn}
        />
        {school ? (
          <DateField
            label="Inschrijving gepland op"
            name="enrolmentPlannedOn"
            hint="De datum waarop uw school de jongere wil inschrijven; het RMC ziet deze datum"
            required
            value={accept.enrolmentPlannedOn}
            onChange={(enrolmentPlannedOn) => setAccept({ ...accept, enrolmentPlannedOn })}
            error={acceptCmd.fields.enrolmentPlannedOn}
          />
        ) : null}
        <button type="submit" disabled={acceptCmd.busy}>
          Verwijzing accepteren
        </button>
        <Result cmd={acceptCmd} />
      </form>
      <form
        className="formulier"
        aria-labelledby="afwijzen-kop"
        onSubmit={(e) => {
          e.preventDefault();
          const notice = 'Verwijzing afgewezen. De afzender houdt het stokje.';
          void rejectCmd
            .run(() => api(service, `/verwijzingen/${v.overdrachtId}/afwijzing`, { body: { reason } }), notice)
            .then((ok) => ok && onDone(notice));
        }}
      >
        <h2 id="afwijzen-kop">Afwijzen</h2>
        <SelectField
          label="Reden van afwijzing"
          name="reason"
          required
          value={reason}
          onChange={setReason}
          placeholder="Kies een reden"
          options={options(REJECT_REASONS)}
          error={rejectCmd.fields.reason}
        />
        <button type="submit" disabled={rejectCmd.busy}>
          Verwijzing afwijzen
        </button>
        <Result cmd={rejectCmd} />
      </form>
    </div>
  );
}

function FirstContact({ service, v, onDone }: Props) {
  const [form, setForm] = useState({
    held: 'ja',
    date: v.firstContactPlannedOn ?? today(),
    contactType: 'driegesprek',
    reason: 'niet-verschenen',
  });
  const cmd = useCommand();
  const held = form.held === 'ja';
  return (
    <form
      className="formulier"
      aria-labelledby="eerste-contact-kop"
      onSubmit={(e) => {
        e.preventDefault();
        const body = held
          ? { held: true, date: form.date, contactType: form.contactType }
          : { held: false, date: form.date, reason: form.reason };
        const notice = 'Eerste contact vastgelegd.';
        void cmd
          .run(() => api(service, `/verwijzingen/${v.overdrachtId}/eerste-contact`, { body }), notice)
          .then((ok) => ok && onDone(notice));
      }}
    >
      <h2 id="eerste-contact-kop">Eerste contact vastleggen</h2>
      <SelectField
        label="Heeft het eerste gesprek plaatsgevonden?"
        name="held"
        value={form.held}
        onChange={(h) => setForm({ ...form, held: h })}
        options={[
          { value: 'ja', label: 'Ja' },
          { value: 'nee', label: 'Nee' },
        ]}
      />
      <DateField
        label={held ? 'Datum van het gesprek' : 'Geplande datum die niet doorging'}
        name="date"
        required
        value={form.date}
        onChange={(date) => setForm({ ...form, date })}
        error={cmd.fields.date}
      />
      {held ? (
        <SelectField
          label="Soort gesprek"
          name="contactType"
          value={form.contactType}
          onChange={(contactType) => setForm({ ...form, contactType })}
          options={options(CONTACT_TYPES)}
          error={cmd.fields.contactType}
        />
      ) : (
        <SelectField
          label="Reden"
          name="reason"
          value={form.reason}
          onChange={(reason) => setForm({ ...form, reason })}
          options={options(MISSED_REASONS)}
          error={cmd.fields.reason}
        />
      )}
      <button type="submit" disabled={cmd.busy}>
        Eerste contact opslaan
      </button>
      <Result cmd={cmd} />
    </form>
  );
}

function Placement({ service, v, onDone }: Props) {
  const [form, setForm] = useState({ placementType: 'betaald-werk', startDate: today(), hoursPerWeek: '' });
  const [placed, setPlaced] = useState<string>();
  const cmd = useCommand();
  return (
    <form
      className="formulier"
      aria-labelledby="plaatsing-kop"
      onSubmit={(e) => {
        e.preventDefault();
        const body = {
          placementType: form.placementType,
          startDate: form.startDate,
          ...(form.hoursPerWeek ? { hoursPerWeek: Number(form.hoursPerWeek) } : {}),
        };
        const notice = 'Plaatsing vastgelegd. De nazorgcontroles zijn ingepland.';
        void cmd
          .run(
            async () => setPlaced((await api<{ id: string }>(service, `/verwijzingen/${v.overdrachtId}/plaatsing`, { body })).id),
            notice,
          )
          .then((ok) => ok && onDone(notice));
      }}
    >
      <h2 id="plaatsing-kop">Plaatsing vastleggen</h2>
      <SelectField
        label="Soort plaatsing"
        name="placementType"
        value={form.placementType}
        onChange={(placementType) => setForm({ ...form, placementType })}
        options={options(PLACEMENT_TYPES)}
        error={cmd.fields.placementType}
      />
      <DateField
        label="Startdatum"
        name="startDate"
        required
        value={form.startDate}
        onChange={(startDate) => setForm({ ...form, startDate })}
        error={cmd.fields.startDate}
      />
      <TextField
        label="Uren per week"
        name="hoursPerWeek"
        type="number"
        hint="Verplicht bij betaald werk; 25 of meer telt als werk"
        value={form.hoursPerWeek}
        onChange={(hoursPerWeek) => setForm({ ...form, hoursPerWeek })}
        error={cmd.fields.hoursPerWeek}
      />
      <button type="submit" disabled={cmd.busy}>
        Plaatsing opslaan
      </button>
      <Result cmd={cmd} />
      {placed ? (
        <p>
          <Link href={`/plaatsingen/${placed}`}>Naar de plaatsing en de nazorgcontroles</Link>
        </p>
      ) : null}
    </form>
  );
}

/** The school's dossier, consent-gated at the school: a refusal is shown with its reason in plain Dutch. */
function SchoolDossier({ pseudonymousReference }: { pseudonymousReference: string }) {
  const [state, setState] = useState<{ loading?: boolean; dossier?: Dossier; refusal?: string; error?: string }>({});
  const fetchIt = async () => {
    setState({ loading: true });
    try {
      setState({ dossier: await api<Dossier>('school', `/uitschrijvingen/${encodeURIComponent(pseudonymousReference)}/dossier`) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 403)
        setState({ refusal: REFUSAL[error.reason ?? ''] ?? 'U heeft geen toegang tot deze gegevens.' });
      else setState({ error: (error as Error).message });
    }
  };
  const d = state.dossier;
  return (
    <section aria-labelledby="dossier-kop">
      <h2 id="dossier-kop">Schooldossier</h2>
      <p>
        Naam, contactgegevens en schoolloopbaan staan bij de school. U ziet ze alleen met toestemming van de jongere; elke inzage wordt
        vastgelegd.
      </p>
      <button type="button" onClick={fetchIt} disabled={state.loading}>
        {state.loading ? 'Bezig met ophalen...' : 'Schooldossier bekijken'}
      </button>
      {state.refusal ? (
        <Alert kind="fout">
          <strong>Inzage geweigerd.</strong> {state.refusal}
        </Alert>
      ) : null}
      {state.error ? <Alert kind="fout">Het dossier kon niet worden opgehaald: {state.error}</Alert> : null}
      {d ? <SchoolDossierView dossier={d} /> : null}
    </section>
  );
}
