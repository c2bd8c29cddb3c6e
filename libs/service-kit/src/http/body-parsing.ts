import type { IncomingMessage } from 'node:http';
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';

/** application/json and every `+json` type (application/merge-patch+json, application/problem+json ...). */
const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The controller reads the request stream itself (request.raw); no parser touches it (createServiceApp's streamedRoutes). */
    streamedBody?: boolean;
  }
}

/**
 * The one body parser of a service, in place of Fastify's own (whose JSON parser would buffer every JSON body,
 * a streamed route's too, since Fastify picks a parser by content type alone, never by route):
 * - a streamed route (config.streamedBody, set by createServiceApp) gets no body, whatever its content type: its
 *   controller reads `request.raw` as it arrives, past the JSON limit, and answers unknown types itself;
 * - a JSON type is read up to Fastify's `bodyLimit` (413 beyond it, announced or counted) and parsed with Fastify's
 *   JSON parser (`__proto__` and `constructor.prototype` refused); like Express's JSON parser (body-parser, used before),
 *   an empty body is `{}` and a body that is not an object or array is refused (400);
 * - any other type, or a body without a type, is refused with 415.
 * Errors go to the Nest exception layer (Fastify's error codes carry their status), with `connection: close`.
 */
export function installBodyParsing(fastify: FastifyInstance): void {
  const limit = fastify.initialConfig.bodyLimit ?? 1_048_576;
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    '*',
    (request: FastifyRequest, payload: IncomingMessage, done: (error: Error | null, body?: unknown) => void) => {
      if (request.routeOptions.config.streamedBody) return done(null, undefined);
      if (!JSON_TYPE.test(request.headers['content-type'] ?? '')) return done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(), undefined);
      readText(payload, limit, request.headers['content-length']).then(
        (text) => {
          if (!text.trim()) return done(null, {});
          if (!/^\s*[[{]/.test(text)) return done(new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY(), undefined);
          parseJson(request, text, done);
        },
        (error: Error) => done(error, undefined),
      );
    },
  );
}

/**
 * The body as UTF-8 text, at most `limit` bytes: refused before reading when the declared length is larger, and as soon
 * as the count passes the limit (the rest is not read; Fastify closes the connection after the answer). A body shorter or
 * longer than its content-length is refused (400), as Fastify does.
 */
function readText(payload: IncomingMessage, limit: number, declared: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const expected = declared === undefined ? undefined : Number(declared);
    if (expected !== undefined && expected > limit) return reject(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
    const chunks: Buffer[] = [];
    let length = 0;
    const stop = () => payload.off('data', onData).off('end', onEnd).off('error', onError);
    const onError = (error: Error) => {
      stop();
      reject(Object.assign(error, { statusCode: 400 }));
    };
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length <= limit) return void chunks.push(chunk);
      stop();
      reject(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
    };
    const onEnd = () => {
      stop();
      if (expected !== undefined && length !== expected) return reject(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH());
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, length).toString('utf8'));
    };
    payload.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
