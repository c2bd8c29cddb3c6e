import { serviceConfig } from '@estafette/service-kit';
import { createMonitorApp } from './create-monitor-app.js';

const config = serviceConfig('monitor', 3006);
const app = await createMonitorApp(config);
await app.listen(config.port, config.host);
