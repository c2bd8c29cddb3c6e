import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { portalConfigFromEnv } from './portal-config.js';
import { startPortalServer } from './portal-server.js';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'web');
const config = portalConfigFromEnv(process.env, webRoot);
const server = await startPortalServer(config);
process.stdout.write(`${JSON.stringify({ level: 'info', msg: `portal at ${server.url} (login at ${config.issuer})` })}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void server.close().then(() => process.exit(0)));
