import type { InzageDocument } from '@estafette/privacy/readable';
import { useState } from 'react';
import { api } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { downloadFile } from '../../components/download.js';
import { InzageDocumentView } from '../../components/InzageDocument.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useApi } from '../../components/useApi.js';

const DOWNLOADS = [
  { path: '/me/inzage.html', file: 'inzage.html', label: 'Download als webpagina (HTML)' },
  { path: '/me/inzage.pdf', file: 'inzage.pdf', label: 'Download als PDF' },
  { path: '/me/inzage', file: 'inzage.json', label: 'Download als gegevensbestand (JSON)' },
];

/**
 * The young person's inzage (AVG art. 15): what every organisation holds about them and who read it, from the consent
 * service (`GET /me/inzage`), with downloads as HTML, PDF and JSON (fetched with the token, saved as a blob).
 */
export function Inzage() {
  const doc = useApi(() => api<InzageDocument>('consent', '/me/inzage'), []);
  const [download, setDownload] = useState<{ busy?: string; error?: string }>({});
  const save = async (path: string, file: string) => {
    setDownload({ busy: file });
    try {
      await downloadFile('consent', path, file);
      setDownload({});
    } catch (error) {
      setDownload({ error: (error as Error).message });
    }
  };
  return (
    <>
      <PageTitle>Inzage: jouw gegevens en wie ze bekeek</PageTitle>
      <p>
        Je mag zien welke gegevens organisaties over je bewaren, en wie die gegevens bekeek. Dat staat in de wet (AVG, artikel 15). Klopt er
        iets niet? Neem dan contact op met de organisatie die het bewaart.
      </p>
      <h2>Downloaden</h2>
      <p>Je kunt dit overzicht ook bewaren.</p>
      <div className="acties">
        {DOWNLOADS.map((d) => (
          <button key={d.file} type="button" onClick={() => void save(d.path, d.file)} disabled={download.busy !== undefined}>
            {download.busy === d.file ? 'Bezig met downloaden...' : d.label}
          </button>
        ))}
      </div>
      {download.error ? <Alert kind="fout">{download.error}</Alert> : null}
      <Loading loading={doc.loading && !doc.data} error={doc.error}>
        {() => <InzageDocumentView document={doc.data!} />}
      </Loading>
    </>
  );
}
