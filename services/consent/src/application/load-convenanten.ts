import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConvenant, type Convenant } from '../domain/convenant.js';

/** The convenants shipped with the service (services/consent/convenanten), one JSON file per region. */
export const SHIPPED_CONVENANTEN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../convenanten');

/** A file that does not parse stops start-up: better no service than a wrong permit. */
export function loadConvenanten(dir: string = SHIPPED_CONVENANTEN): Convenant[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const convenanten = files.map((file) => {
    try {
      return parseConvenant(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    } catch (error) {
      throw new Error(`convenant ${file}: ${(error as Error).message}`, { cause: error });
    }
  });
  if (convenanten.length === 0) throw new Error(`no convenant (*.json) in ${dir}`);
  return convenanten;
}
