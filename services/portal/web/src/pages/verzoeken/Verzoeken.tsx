import { api } from '../../api.js';
import { DataTable } from '../../components/DataTable.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { Organisatie } from '../../components/Organisatie.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useApi } from '../../components/useApi.js';
import { CATEGORIES, verzoekStand, type Verzoek } from './labels.js';

/** The organisation's consent requests and the answers: open, approved (and whether a guardian still must co-sign), declined. */
export function Verzoeken() {
  const list = useApi(() => api<{ items: Verzoek[] }>('consent', '/verzoeken'), []);
  return (
    <>
      <PageTitle>Toestemmingsverzoeken</PageTitle>
      <p>
        De verzoeken om toestemming die uw organisatie aan jongeren stuurde, nieuwste eerst. U stuurt een verzoek vanuit een verwijzing.
      </p>
      <Loading loading={list.loading && !list.data} error={list.error}>
        {() => (
          <DataTable
            caption="Toestemmingsverzoeken van uw organisatie"
            rows={list.data!.items}
            rowKey={(v) => v.id}
            empty="Uw organisatie heeft nog geen toestemming gevraagd."
            columns={[
              { header: 'Gevraagd op', rowHeader: true, cell: (v) => formatDateTime(v.requestedAt) },
              { header: 'Jongere', cell: (v) => <code className="klein">{v.subject}</code> },
              { header: 'Van wie', cell: (v) => <Organisatie id={v.from.id} name={v.from.name} /> },
              { header: 'Welke gegevens', cell: (v) => v.dataCategories.map((c) => CATEGORIES[c]?.split(' (')[0] ?? c).join(', ') },
              { header: 'Tot en met', cell: (v) => formatDate(v.validUntil) },
              { header: 'Antwoord', cell: (v) => `${verzoekStand(v)}${v.answeredAt ? ` (${formatDateTime(v.answeredAt)})` : ''}` },
            ]}
          />
        )}
      </Loading>
    </>
  );
}
