// Regenerates docs/asyncapi.yaml; run via `npm run asyncapi` (from dist/, same depth as src/).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderAsyncApi } from './asyncapi.js';

export const asyncApiPath = fileURLToPath(new URL('../../../docs/asyncapi.yaml', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(asyncApiPath, renderAsyncApi());
  console.log(`Wrote ${asyncApiPath}`);
}
