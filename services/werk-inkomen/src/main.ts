import { serviceConfig } from '@estafette/service-kit';
import { createWerkInkomenApp } from './create-werk-inkomen-app.js';

const config = serviceConfig('werk-inkomen', 3003);
const app = await createWerkInkomenApp(config, {
  timerIntervalMs: Number(process.env.WERK_INKOMEN_TIMER_INTERVAL_MS ?? 60_000),
  publicUrl: process.env.WERK_INKOMEN_PUBLIC_URL ?? `http://127.0.0.1:${config.port}`,
});
await app.listen(config.port, config.host);
