import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

export interface ServiceDescription {
  name: string;
  dir: string;
  port: number;
  /** The service's own database on the shared server; null for one that keeps no database (identity). */
  database: string | null;
  entry: string;
  /**
   * Node options the service always runs with (package.json `estafette.nodeOptions`; compose sets the same
   * NODE_OPTIONS): the school's heap cap keeps a 100,000-row import under its memory target (issue 19).
   */
  nodeOptions: string[];
}

/** Every folder under services/ whose package.json has an "estafette" block is started by the platform. */
export function discoverServices(repoRoot: string): ServiceDescription[] {
  const servicesDir = path.join(repoRoot, 'services');
  return readdirSync(servicesDir)
    .map((name) => path.join(servicesDir, name))
    .filter((dir) => existsSync(path.join(dir, 'package.json')))
    .flatMap((dir) => {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      const meta = pkg.estafette as { port: number; database?: string | null; nodeOptions?: string } | undefined;
      if (!meta) return [];
      const name = path.basename(dir);
      return [
        {
          name,
          dir,
          port: meta.port,
          database: meta.database === null ? null : (meta.database ?? name.replace(/-/g, '_')),
          entry: path.join(dir, 'dist/main.js'),
          nodeOptions: meta.nodeOptions?.split(' ').filter(Boolean) ?? [],
        },
      ];
    })
    .sort((a, b) => a.port - b.port);
}

/** The organisations of identity's demo directory: the organisation directory registers them at start (ORGANISATIONS_SEED). */
export const demoOrganisationsSeed = (repoRoot: string) => path.join(repoRoot, 'services/organisations/seed/demo-organisations.json');
