import { api } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { DataTable } from '../../components/DataTable.js';
import { downloadFile } from '../../components/download.js';
import { Loading } from '../../components/Loading.js';
import { Organisatie } from '../../components/Organisatie.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useApi } from '../../components/useApi.js';
import { useCommand } from '../../components/useCommand.js';
import { GRONDSLAG_LABELS, LEVEL_LABELS } from './labels.js';

/** One processing activity (AVG art. 30) as the consent service's GET /register-of-processing gives it. */
interface ProcessingActivity {
  convenant: string;
  region: string;
  convenantVersion: number;
  flow: string;
  from: string;
  to: string;
  dataCategories: string;
  purpose: string;
  grondslag: string;
  level: string;
  source: string;
}

/** A party is an organisation id (`brin:25XY`) or a sentence ("elke organisatie van het type ..."). */
const Party = ({ value }: { value: string }) => (/^[a-z-]+:\S+$/.test(value) ? <Organisatie id={value} /> : <>{value}</>);

/** The register of processing (from the convenants in force), as a table; the CSV export as a download. */
export function Register() {
  const register = useApi(() => api<{ items: ProcessingActivity[] }>('consent', '/register-of-processing'), []);
  const csv = useCommand();
  return (
    <>
      <PageTitle>Register van verwerkingen</PageTitle>
      <p>
        Elke gegevensstroom uit de convenanten die nu gelden: van wie naar wie, welke gegevens, met welk doel en op welke grondslag. Het
        register wordt gemaakt uit de convenanten zelf, dus het loopt niet achter.
      </p>
      <div className="acties">
        <button
          type="button"
          disabled={csv.busy}
          onClick={() =>
            void csv.run(() => downloadFile('consent', '/register-of-processing?format=csv', 'register-van-verwerkingen.csv'), '')
          }
        >
          Download als CSV
        </button>
      </div>
      {csv.error ? <Alert kind="fout">{csv.error}</Alert> : null}
      <Loading loading={register.loading && !register.data} error={register.error}>
        {() => (
          <DataTable
            caption="Register van verwerkingen"
            rows={register.data!.items}
            rowKey={(r) => `${r.convenant}-${r.convenantVersion}-${r.flow}`}
            empty="Er gelden geen convenanten."
            columns={[
              { header: 'Stroom', rowHeader: true, cell: (r) => r.flow },
              {
                header: 'Convenant',
                cell: (r) => (
                  <>
                    {r.convenant}{' '}
                    <span className="klein">
                      (versie {r.convenantVersion}, regio {r.region})
                    </span>
                  </>
                ),
              },
              { header: 'Van', cell: (r) => <Party value={r.from} /> },
              { header: 'Naar', cell: (r) => <Party value={r.to} /> },
              { header: 'Gegevens', cell: (r) => r.dataCategories.split(' ').join(', ') },
              { header: 'Doel', cell: (r) => r.purpose },
              { header: 'Grondslag', cell: (r) => GRONDSLAG_LABELS[r.grondslag] ?? r.grondslag },
              { header: 'Niveau', cell: (r) => LEVEL_LABELS[r.level] ?? r.level },
              { header: 'Bron', cell: (r) => r.source },
            ]}
          />
        )}
      </Loading>
    </>
  );
}
