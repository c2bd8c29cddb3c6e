import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { discoverServices } from '../platform/services.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const prometheus = parse(readFileSync(path.join(import.meta.dirname, 'prometheus.yml'), 'utf8')) as {
  scrape_configs: { static_configs: { targets: string[] }[] }[];
};
const dashboard = JSON.parse(readFileSync(path.join(import.meta.dirname, 'grafana-dashboard.json'), 'utf8')) as {
  panels: { title: string; targets: { expr: string }[] }[];
};
const targets = prometheus.scrape_configs.flatMap((c) => c.static_configs.flatMap((s) => s.targets));

// Services with a database are built on service-kit and serve /metrics; a new one must be scraped too.
describe('monitoring config stays in step with the services', () => {
  test.each(
    discoverServices(repoRoot)
      .filter((s) => s.database !== null)
      .map((s) => [s.name, s] as const),
  )('%s is scraped at its port', (name, service) => {
    expect(targets).toContain(`${name}:${service.port}`);
  });

  test('the dashboard queries only metrics the services export', () => {
    const exported = [
      'estafette_events_published_total',
      'estafette_events_consumed_total',
      'estafette_bus_events_total',
      'estafette_outbox_backlog_size',
      'estafette_outbox_oldest_age_seconds',
      'estafette_dead_letters',
      'estafette_events_dead_lettered_total',
      'estafette_consumer_lag',
      'estafette_event_handler_duration_seconds_bucket',
      'estafette_event_end_to_end_seconds_bucket',
      'estafette_http_request_duration_seconds_bucket',
      'estafette_event_retries_total',
    ];
    const used = dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/estafette_[a-z_]+/g) ?? []));
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((name) => !exported.includes(name))).toEqual([]);
  });
});
