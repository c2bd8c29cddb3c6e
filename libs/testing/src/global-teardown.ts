import type { TestInfra } from './test-infra.js';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __estafetteInfra?: TestInfra }).__estafetteInfra?.release();
}
