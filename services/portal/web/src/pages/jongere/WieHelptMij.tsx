import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { api } from '../../api.js';
import { formatDate, formatDeadline } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { Organisatie } from '../../components/Organisatie.js';
import { PageTitle } from '../../components/PageTitle.js';
import { REGIE_END_REASON } from '../../components/regie.js';
import { useApi } from '../../components/useApi.js';

interface Org {
  organisationType: string;
  id: string;
}
interface Stap {
  kind: string;
  at: string;
  from?: Org;
  to?: Org;
}
interface WieHelptMijView {
  holder: { organisation: Org; since: string } | null;
  ended: { reason: string; on: string } | null;
  next: { kind: 'plan' | 'eerste-contact-rmc' | 'eerste-gesprek'; what?: string; on: string | null } | null;
  history: Stap[];
}
interface MijnVerwijzing {
  organisationId: string;
  status: string;
  contactPerson: string | null;
  firstContactPlannedOn: string | null;
}

/** The services that receive a young person and name a contact person when they accept (their `/me/verwijzingen`). */
const RECEIVING_SERVICES: Record<string, string> = { 'werk-inkomen': 'werk-inkomen', zorg: 'zorg' };

/**
 * "Wie helpt mij nu?": who holds the baton (the RMC's `/me/wie-helpt-mij`), the contact person the holder named when it
 * accepted (the holder's own `/me/verwijzingen`), the next step and every handover, in plain Dutch for the young person.
 */
export function WieHelptMij() {
  const view = useApi(async () => {
    const wie = await api<WieHelptMijView>('rmc', '/me/wie-helpt-mij');
    const service = wie.holder ? RECEIVING_SERVICES[wie.holder.organisation.organisationType] : undefined;
    let contact: MijnVerwijzing | undefined;
    if (service && wie.holder) {
      // The contact person is the holder's data; without it the page still says who helps.
      const mine = await api<{ items: MijnVerwijzing[] }>(service, '/me/verwijzingen').catch(() => ({ items: [] }));
      contact = mine.items.find((v) => v.organisationId === wie.holder!.organisation.id && v.contactPerson);
    }
    return { wie, contact };
  }, []);
  return (
    <>
      <PageTitle>Wie helpt mij nu?</PageTitle>
      <Paragraph>Hier zie je wie je nu helpt, hoe je die persoon bereikt en wat de volgende stap is.</Paragraph>
      <Loading loading={view.loading && !view.data} error={view.error}>
        {() => <Inhoud wie={view.data!.wie} contact={view.data!.contact} />}
      </Loading>
    </>
  );
}

function Inhoud({ wie, contact }: { wie: WieHelptMijView; contact?: MijnVerwijzing }) {
  const holder = wie.holder;
  return (
    <>
      <section aria-labelledby="nu-kop" className="wie-helpt">
        <Heading level={2} id="nu-kop">
          Wie helpt je nu?
        </Heading>
        {holder ? (
          <>
            <Paragraph>
              <strong>
                <Organisatie id={holder.organisation.id} />
              </strong>{' '}
              helpt je nu. Dat is zo sinds {formatDate(holder.since)}.
            </Paragraph>
            <Heading level={3}>Je contactpersoon</Heading>
            {contact?.contactPerson ? (
              <Paragraph>
                Je contactpersoon is <strong className="vrije-tekst">{contact.contactPerson}</strong>. Bel of mail deze persoon als je
                vragen hebt.
              </Paragraph>
            ) : holder.organisation.organisationType === 'rmc' ? (
              <Paragraph>
                Je hebt een consulent bij het RMC. Het RMC helpt jongeren die geen school of werk hebben. Je consulent neemt contact met je
                op.
              </Paragraph>
            ) : (
              <Paragraph>We weten nog niet wie je contactpersoon is. De organisatie neemt contact met je op.</Paragraph>
            )}
            <Heading level={3}>Volgende stap</Heading>
            <Paragraph>{volgendeStap(wie.next)}</Paragraph>
          </>
        ) : wie.ended ? (
          <Paragraph>
            Niemand hoeft je nu te helpen. De begeleiding is gestopt op {formatDate(wie.ended.on)}:{' '}
            {REGIE_END_REASON[wie.ended.reason as keyof typeof REGIE_END_REASON] ?? wie.ended.reason}.
          </Paragraph>
        ) : (
          <Paragraph>Er helpt je nu niemand via Estafette. Ga je van school zonder diploma? Dan krijgt het RMC een bericht.</Paragraph>
        )}
      </section>
      <section aria-labelledby="geschiedenis-kop">
        <Heading level={2} id="geschiedenis-kop">
          Wie hielp je eerder?
        </Heading>
        {wie.history.length ? (
          <ol className="geschiedenis">
            {wie.history.map((s, i) => (
              <li key={`${s.at}-${i}`}>
                <strong>{formatDate(s.at)}</strong>: <StapTekst stap={s} />
              </li>
            ))}
          </ol>
        ) : (
          <Paragraph>Nog niets.</Paragraph>
        )}
      </section>
    </>
  );
}

function volgendeStap(next: WieHelptMijView['next']): string {
  if (!next) return 'Er staat nu geen stap gepland. Je contactpersoon spreekt de volgende stap met je af.';
  if (next.kind === 'plan') return `${next.what ?? 'Een afspraak uit je plan'}, op ${formatDate(next.on)}.`;
  if (next.kind === 'eerste-gesprek') return `Je eerste gesprek is op ${formatDate(next.on)}.`;
  return `Je consulent neemt contact met je op, ${formatDeadline(next.on)}.`;
}

/** One step of the history in plain Dutch (B1), the organisations by name. */
function StapTekst({ stap }: { stap: Stap }) {
  const to = stap.to ? <Organisatie id={stap.to.id} /> : <>een organisatie</>;
  const from = stap.from ? <Organisatie id={stap.from.id} /> : <>een organisatie</>;
  switch (stap.kind) {
    case 'melding':
      return <>{to} kreeg bericht dat je van school ging. Vanaf toen hielp het RMC je.</>;
    case 'aangeboden':
      return (
        <>
          {from} vroeg {to} om je verder te helpen.
        </>
      );
    case 'geaccepteerd':
      return <>{to} zei ja en helpt je vanaf toen.</>;
    case 'afgewezen':
      return (
        <>
          {to} kon je niet helpen. {from} bleef je helpen.
        </>
      );
    case 'ingetrokken':
      return <>{from} trok de vraag aan een andere organisatie weer in.</>;
    case 'verlopen':
      return <>{to} gaf niet op tijd antwoord. Je werd niet overgedragen.</>;
    case 'geplaatst':
      return <>Je bent begonnen met werk, een opleiding of zorg.</>;
    case 'uitval':
      return <>Je bent gestopt met je werk, opleiding of zorg. Je kreeg weer hulp.</>;
    case 'ingeschreven':
      return <>Je bent ingeschreven bij {to}.</>;
    case 'regie-beeindigd':
      return <>De begeleiding is gestopt.</>;
    default:
      return <>{stap.kind}</>;
  }
}
