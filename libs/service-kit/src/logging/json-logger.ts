import type { LoggerService } from '@nestjs/common';
import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import { currentEventContext, type MessagingLog } from '@estafette/messaging';

/**
 * One JSON object per line (for Loki, Elastic, CloudWatch ...). Every line written while an event is being
 * handled carries its CloudEvents id, type and traceparent, so one young person's journey can be followed
 * across services by event id without any personal data in the logs.
 */
export function createJsonLogger(service: string, destination?: DestinationStream): Logger {
  const options = {
    base: { service },
    level: process.env.LOG_LEVEL ?? 'info',
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    serializers: { err: withoutQueryValues },
    mixin: () => {
      const event = currentEventContext();
      return event
        ? { eventId: event.eventId, eventType: event.eventType, ...(event.traceparent ? { traceparent: event.traceparent } : {}) }
        : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * An error as pino writes it, without the parameter values a database error carries (TypeORM's QueryFailedError:
 * `parameters`, and `driverError` whose `detail` quotes stored values): those hold what a request stored, such as a
 * note's text, which must never reach a log. The message, the SQL with its placeholders, the SQLSTATE code and the
 * stack stay.
 */
export function withoutQueryValues(error: Error): Record<string, unknown> {
  const { parameters: _parameters, driverError, detail: _detail, ...rest } = pino.stdSerializers.err(error) as Record<string, unknown>;
  const code = (driverError as { code?: unknown } | undefined)?.code;
  return code === undefined ? rest : { ...rest, code };
}

/** Nest's logger interface on top of pino; Nest passes the context (class name) as the last argument. */
export class JsonNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const fields = context ? { context } : {};
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }
}

/** The messaging library's log (consumer retries, dead letters, relay failures) as JSON lines. */
export function jsonMessagingLog(logger: Logger): MessagingLog {
  const child = logger.child({ context: 'messaging' });
  return { log: (m) => child.info(m), warn: (m) => child.warn(m), error: (m) => child.error(m) };
}

/** JSON unless LOG_FORMAT=text (a developer reading one service in a terminal). */
export const jsonLogsWanted = (env: NodeJS.ProcessEnv = process.env): boolean => env.LOG_FORMAT !== 'text';
