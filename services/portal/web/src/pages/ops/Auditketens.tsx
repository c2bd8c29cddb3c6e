import { useState } from 'react';
import { api } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { formatDateTime } from '../../components/format.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useApi } from '../../components/useApi.js';
import './ops.css';

interface Anchor {
  sequence: number;
  headHash?: string;
  anchoredAt: string;
}

interface Verification {
  intact: boolean;
  verifiedAt: string;
  checked: number;
  brokenAt?: number;
  kind?: 'changed' | 'truncated' | 'unkeyed';
  problem?: string;
}

export interface ChainStatus {
  chain: string;
  lastAnchor: Anchor | null;
  lastVerification: Verification | null;
}

interface MonitorAnchor {
  chain: string;
  anchor: (Anchor & { receivedAt: string }) | null;
}

const CHAIN_LABEL: Record<string, string> = {
  'decision-audit': 'Besluiten over delen (wie vroeg wat, en mocht het)',
  'toestemming-audit': 'Stappen van toestemmingen (gegeven, medeondertekend, ingetrokken)',
};

const PROBLEM_LABEL: Record<string, string> = {
  changed: 'gewijzigd',
  truncated: 'ingekort: de nieuwste regels ontbreken',
  unkeyed: 'sleutelgegevens aangetast',
};

const chainLabel = (chain: string) => CHAIN_LABEL[chain] ?? chain;
const shortHash = (hash?: string) => (hash ? `${hash.slice(0, 12)}…` : '');

/**
 * The consent service's audit chains: per chain the verdict of the last scheduled verification (with the key, against
 * the anchors outside its database) and the last anchor, as the consent service read it back and, for ops, as the
 * monitor stored it. A chain that is not intact comes first, in an alert. One page for two roles: ops
 * (`monitorAnchors`, the monitor is ops-only) and the privacy officer (`verifyNow`: `GET /audit/verify` per chain is
 * the privacy officer's, and its verdict becomes the chain's last verification).
 */
export function Auditketens({ monitorAnchors = true, verifyNow = false }: { monitorAnchors?: boolean; verifyNow?: boolean }) {
  const status = useApi(() => api<{ items: ChainStatus[] }>('consent', '/audit/status'), []);
  const monitor = useApi(
    () => (monitorAnchors ? api<{ items: MonitorAnchor[] }>('monitor', '/audit/anchors/latest') : Promise.resolve({ items: [] })),
    [monitorAnchors],
  );
  const [verifying, setVerifying] = useState<{ busy: boolean; error?: string; done?: string }>({ busy: false });
  const verify = async (chains: string[]) => {
    setVerifying({ busy: true });
    try {
      for (const chain of chains) await api('consent', '/audit/verify', { query: { chain } });
      setVerifying({ busy: false, done: `Gecontroleerd: ${chains.length === 1 ? '1 keten' : `${chains.length} ketens`}.` });
    } catch (error) {
      setVerifying({ busy: false, error: (error as Error).message });
    }
    status.reload();
  };
  return (
    <>
      <PageTitle>Auditketens</PageTitle>
      <p>
        De toestemmingsdienst legt elk besluit en elke stap van een toestemming vast in een keten met een geheime sleutel, die niet in de
        database staat. Het laatste punt van elke keten wordt regelmatig buiten de database vastgelegd (een anker op de eventbus, bewaard
        door de monitor). Zo valt op als iemand regels in de database wijzigt of de nieuwste regels weghaalt.
      </p>
      <div className="acties">
        <button type="button" onClick={() => (status.reload(), monitor.reload())} disabled={status.loading}>
          Opnieuw ophalen
        </button>
        {verifyNow ? (
          <button
            type="button"
            onClick={() => void verify(status.data?.items.map((c) => c.chain) ?? [])}
            disabled={verifying.busy || !status.data}
          >
            {verifying.busy ? 'Bezig met controleren...' : 'Nu controleren'}
          </button>
        ) : null}
      </div>
      {verifying.error ? <Alert kind="fout">{verifying.error}</Alert> : null}
      {verifying.done ? <Alert kind="succes">{verifying.done}</Alert> : null}
      <Loading loading={status.loading && !status.data} error={status.error}>
        {() => {
          const items = status.data!.items;
          const broken = items.filter((c) => c.lastVerification && !c.lastVerification.intact);
          return (
            <>
              {broken.length > 0 ? (
                <section className="estafette-alarm" role="alert" aria-labelledby="audit-alarm">
                  <h2 id="audit-alarm">
                    {broken.length === 1 ? '1 auditketen is niet intact' : `${broken.length} auditketens zijn niet intact`}
                  </h2>
                  <ul>
                    {broken.map((c) => (
                      <li key={c.chain}>
                        {chainLabel(c.chain)}: {PROBLEM_LABEL[c.lastVerification!.kind ?? 'changed']} vanaf regel{' '}
                        {c.lastVerification!.brokenAt} <span className="klein">({c.lastVerification!.problem})</span>
                      </li>
                    ))}
                  </ul>
                </section>
              ) : (
                <section className="estafette-ok" aria-labelledby="audit-ok">
                  <h2 id="audit-ok">Auditketens: in orde</h2>
                </section>
              )}
              <DataTable
                caption="Auditketens met de laatste controle en het laatste anker"
                rows={items}
                rowKey={(c) => c.chain}
                rowClass={(c) => (c.lastVerification && !c.lastVerification.intact ? 'te-laat' : undefined)}
                empty="Geen auditketens."
                columns={[
                  { header: 'Keten', rowHeader: true, cell: (c) => chainLabel(c.chain) },
                  {
                    header: 'Oordeel',
                    cell: (c) =>
                      !c.lastVerification ? (
                        'nog niet gecontroleerd'
                      ) : c.lastVerification.intact ? (
                        <span className="label label-ok">intact</span>
                      ) : (
                        <span className="label label-te-laat">niet intact</span>
                      ),
                  },
                  { header: 'Laatste controle', cell: (c) => formatDateTime(c.lastVerification?.verifiedAt) },
                  { header: 'Regels gecontroleerd', cell: (c) => c.lastVerification?.checked ?? '' },
                  {
                    header: 'Laatste anker (eventbus)',
                    cell: (c) =>
                      c.lastAnchor ? (
                        <>
                          regel {c.lastAnchor.sequence}, {formatDateTime(c.lastAnchor.anchoredAt)}{' '}
                          <code className="klein">{shortHash(c.lastAnchor.headHash)}</code>
                        </>
                      ) : (
                        'nog geen'
                      ),
                  },
                  ...(monitorAnchors ? [MONITOR_COLUMN(monitor.data?.items)] : []),
                ]}
              />
            </>
          );
        }}
      </Loading>
    </>
  );
}

/** The last anchor as the monitor stored it (ops only). */
const MONITOR_COLUMN = (items: MonitorAnchor[] | undefined): Column<ChainStatus> => ({
  header: 'Laatste anker (monitor)',
  cell: (c) => {
    const seen = items?.find((m) => m.chain === c.chain)?.anchor;
    return seen ? (
      <>
        regel {seen.sequence}, {formatDateTime(seen.anchoredAt)} <code className="klein">{shortHash(seen.headHash)}</code>
      </>
    ) : (
      'nog geen'
    );
  },
});
