import { HttpException, HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@estafette/auth';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Write requests (POST/PUT/PATCH/DELETE) one client identity may make per window; 429 beyond. */
export interface WriteRateLimits {
  /** Per person (RATE_LIMIT_WRITES, default 10000). */
  writes: number;
  /** Per machine client: school administration systems and service clients (RATE_LIMIT_SYSTEM_WRITES, default 60000). */
  systemWrites: number;
  /** The window in ms (RATE_LIMIT_WINDOW_MS, default 60000). */
  windowMs: number;
}

/**
 * Design: generous enough for `npm run demo` (six parallel callers, one consulent identity) and the bench (one
 * school client posting as fast as the service takes it; 5,000 consent decisions by one consulent token), low
 * enough that one identity cannot flood a service. Production lowers the per-person limit.
 */
export const DEFAULT_WRITE_RATE_LIMITS: WriteRateLimits = { writes: 10_000, systemWrites: 60_000, windowMs: 60_000 };

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MACHINE_ROLES = new Set(['school-system', 'service']);

/**
 * Global guard after the auth guard: counts every write per verified identity (issuer subject within its
 * organisation), not per socket address, since behind the portal all users share one address. A public
 * write route (no principal) is counted per address. Answers 429 with Retry-After (seconds) and a message.
 */
@Injectable()
export class WriteRateLimitGuard implements CanActivate {
  private readonly people: RateLimiterMemory;
  private readonly machines: RateLimiterMemory;

  constructor(private readonly limits: WriteRateLimits) {
    const duration = Math.max(1, Math.round(limits.windowMs / 1000));
    this.people = new RateLimiterMemory({ points: limits.writes, duration, keyPrefix: 'writes' });
    this.machines = new RateLimiterMemory({ points: limits.systemWrites, duration, keyPrefix: 'system-writes' });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ method: string; ip?: string; principal?: Principal }>();
    if (!WRITES.has(request.method)) return true;
    const { principal } = request;
    const machine = principal !== undefined && MACHINE_ROLES.has(principal.role);
    const key = principal ? `${principal.organisationId ?? '-'}|${principal.subject}` : `address|${request.ip ?? 'unknown'}`;
    try {
      await (machine ? this.machines : this.people).consume(key);
      return true;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const retryAfter = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      context.switchToHttp().getResponse<{ header(name: string, value: string): unknown }>().header('Retry-After', String(retryAfter));
      const limit = machine ? this.limits.systemWrites : this.limits.writes;
      throw new HttpException(
        {
          statusCode: 429,
          error: 'Too Many Requests',
          message: `more than ${limit} write requests in ${this.limits.windowMs / 1000} s by this client; retry after ${retryAfter} s`,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}

/** The limits from the environment (names in README's configuration table); unset values keep the defaults. */
export function writeRateLimitsFromEnv(env: NodeJS.ProcessEnv): Partial<WriteRateLimits> {
  const read = (name: string) => (env[name] ? Number(env[name]) : undefined);
  const limits = {
    writes: read('RATE_LIMIT_WRITES'),
    systemWrites: read('RATE_LIMIT_SYSTEM_WRITES'),
    windowMs: read('RATE_LIMIT_WINDOW_MS'),
  };
  for (const [name, value] of Object.entries(limits)) {
    if (value !== undefined && !(Number.isInteger(value) && value > 0))
      throw new Error(`rate limit ${name} must be a positive integer, got ${value}`);
  }
  return Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
}
