import { api } from '../../api.js';
import { DataTable } from '../../components/DataTable.js';
import { formatDateTime } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { Organisatie } from '../../components/Organisatie.js';
import { useApi } from '../../components/useApi.js';
import { PURPOSES } from './labels.js';

interface Kennis {
  organisation: { organisationType: string; id: string; name: string | null };
  level: 'signaal' | 'inhoud';
  at: string;
  holder: { organisationType: string; id: string; name: string | null };
  purpose: string;
  basis: { kind: 'toestemming' } | { kind: 'convenant'; grondslag: string } | { kind: 'none' };
}

const LEVEL = {
  inhoud: 'Weet wat: mocht je gegevens inzien',
  signaal: 'Weet dat: alleen dát er contact met jou is',
};

// Purposes on a legal basis: never consented to, so not among the consent form's purposes.
const LEGAL_PURPOSES: Record<string, string> = {
  'melding-uitschrijving': 'De verplichte melding dat je van school ging',
  'vsv-registratie': 'De verplichte registratie van jongeren zonder diploma',
  verzuimmelding: 'De verplichte verzuimmelding',
};

function grond(basis: Kennis['basis']): string {
  if (basis.kind === 'toestemming') return 'je gaf toestemming';
  if (basis.kind === 'convenant') return basis.grondslag === 'wettelijke-verplichting' ? 'de wet verplicht het' : 'hun wettelijke taak';
  return '-';
}

/** THAT and WHAT (docs/privacy.md): per organisation whether it may only know that there is contact, or also what. */
export function WieWeetWat() {
  const known = useApi(() => api<{ items: Kennis[] }>('consent', '/me/wie-weet-wat'), []);
  return (
    <section aria-labelledby="wie-weet-wat-kop">
      <h2 id="wie-weet-wat-kop">Wie weet dat, en wie weet wat?</h2>
      <p>
        Sommige organisaties weten alleen <strong>dát</strong> er contact met jou is (bijvoorbeeld wie jou begeleidt). Andere mochten ook{' '}
        <strong>wat</strong> inzien: je gegevens zelf. Dit is het meeste dat elke organisatie mocht, en de laatste keer.
      </p>
      <Loading loading={known.loading && !known.data} error={known.error}>
        {() => (
          <DataTable
            caption="Organisaties die weten dat of wat"
            rows={known.data!.items}
            rowKey={(k) => k.organisation.id}
            empty="Geen organisatie heeft via het platform iets over jou gevraagd."
            columns={[
              { header: 'Organisatie', rowHeader: true, cell: (k) => <Organisatie id={k.organisation.id} name={k.organisation.name} /> },
              { header: 'Wat zij weten', cell: (k) => LEVEL[k.level] ?? k.level },
              { header: 'Van wie', cell: (k) => <Organisatie id={k.holder.id} name={k.holder.name} /> },
              { header: 'Waarvoor', cell: (k) => PURPOSES[k.purpose]?.split(' (')[0] ?? LEGAL_PURPOSES[k.purpose] ?? k.purpose },
              { header: 'Waarom mocht het', cell: (k) => grond(k.basis) },
              { header: 'Laatst', cell: (k) => formatDateTime(k.at) },
            ]}
          />
        )}
      </Loading>
    </section>
  );
}
