import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '@estafette/auth';

export type Check = () => Promise<void>;
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

/** Liveness plus the dependencies a service cannot work without; 503 names the one that is down. */
@Controller()
export class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: Record<string, Check>) {}

  @Get('health')
  @Public()
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const entries = await Promise.all(
      Object.entries(this.checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), 3000);
          return [name, { status: 'up' }] as const;
        } catch (error) {
          return [name, { status: 'down', reason: (error as Error).message }] as const;
        }
      }),
    );
    const up = entries.every(([, r]) => r.status === 'up');
    reply.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: up ? 'ok' : 'unavailable', checks: Object.fromEntries(entries) };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}
