import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { Public } from '@estafette/auth';
import { ServiceMetrics } from './service-metrics.js';

/**
 * Prometheus scrape endpoint. Public on purpose: Prometheus scrapes inside the cluster without a token,
 * and the figures are counts and latencies per event type and route template, never about a tenant or
 * a person. The ingress does not route /metrics (like /health it is for the platform, not for users).
 */
@Controller()
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get('metrics')
  @Public()
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.render();
  }
}
