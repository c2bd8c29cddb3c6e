import { expect, test } from '@jest/globals';
import { join } from 'node:path';
import { migrationsOf, serviceMigrations } from '@estafette/service-kit';
import { migrateStepOf } from '@estafette/testing';
import { ZorgModule } from '../src/zorg.module.js';

// One list: main.ts's `migrate` step must apply exactly what the module runs, or the service refuses to start (npm start).
test('the migrate step applies exactly the migrations the zorg module runs', async () => {
  const step = await migrateStepOf(join(import.meta.dirname, '..'), (url) => import(url));
  const runs = migrationsOf(ZorgModule.forRoot({ name: 'zorg' } as never, {} as never));
  expect(step.service).toBe('zorg');
  expect(serviceMigrations(step.migrations as never).map((m) => m.name)).toEqual(runs?.map((m) => m.name));
});
