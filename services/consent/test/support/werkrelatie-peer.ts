import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stands in for a requester's own service (W&I here) answering `GET /werkrelatie/:subject/:organisationId`, so the
 * consent service's side of the check is tested alone: it answers `{ worksWith }` from `works` ("subject organisationId"
 * pairs), 401 without a bearer token, and remembers every question. The real answer from each service's own records is
 * tested end to end (e2e/test/consent-request-werkrelatie.e2e.test.ts).
 */
export interface WerkrelatiePeer {
  baseUrl: string;
  works: Set<string>;
  questions: string[];
  close(): Promise<void>;
}

export async function startWerkrelatiePeer(): Promise<WerkrelatiePeer> {
  const works = new Set<string>();
  const questions: string[] = [];
  const server: Server = createServer((req, res) => {
    const match = /^\/werkrelatie\/([^/]+)\/([^/]+)$/.exec(req.url ?? '');
    if (!req.headers.authorization?.startsWith('Bearer ')) return void res.writeHead(401).end();
    if (!match) return void res.writeHead(404).end();
    const [subject, organisationId] = [decodeURIComponent(match[1]!), decodeURIComponent(match[2]!)];
    questions.push(`${subject} ${organisationId}`);
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ worksWith: works.has(`${subject} ${organisationId}`) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    works,
    questions,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
