import { expect, test } from '@jest/globals';
import { join } from 'node:path';
import { migrationsOf, serviceMigrations } from '@estafette/service-kit';
import { migrateStepOf } from '@estafette/testing';
import { RmcModule } from '../src/rmc.module.js';

// One list: main.ts's `migrate` step must apply exactly what the module runs, or the service refuses to start (npm start).
test('the migrate step applies exactly the migrations the rmc module runs', async () => {
  const step = await migrateStepOf(join(import.meta.dirname, '..'), (url) => import(url));
  const runs = migrationsOf(RmcModule.forRoot({ name: 'rmc' } as never, {} as never));
  expect(step.service).toBe('rmc');
  expect(serviceMigrations(step.migrations as never).map((m) => m.name)).toEqual(runs?.map((m) => m.name));
});
