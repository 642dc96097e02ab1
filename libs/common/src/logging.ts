import type { FastifyInstance } from 'fastify';
import type { Params } from 'nestjs-pino';
import { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream, Logger as PinoLoggerInstance } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';

const ID_NUMBER = /\b\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]\b/g;
const MOBILE = /\b1[3-9]\d{9}\b/g;

/** Identity and phone numbers never reach a log line (design.md "Reliability"). */
export function scrubPii(text: string): string {
  return text.replace(ID_NUMBER, '[id-number]').replace(MOBILE, '[phone]');
}

/** The path with query values dropped: `?q=` may hold a name, an ID or a phone number. */
export function safeUrl(url: string | undefined): string {
  if (!url) return '';
  const [path, query] = url.split('?');
  if (!query) return path;
  return `${path}?${query.split('&').map((pair) => `${pair.split('=')[0]}=…`).join('&')}`;
}

/**
 * Each logged object, copied with every string scrubbed (5 levels deep). A
 * raw Node request or response is left as it is: nothing of ours logs one,
 * and a copy of one would be huge.
 */
function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubPii(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof IncomingMessage || value instanceof ServerResponse) return value;
  if (value instanceof Error) return { type: value.name, message: scrubPii(value.message), stack: scrubPii(value.stack ?? '') };
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, depth + 1)]));
}

/**
 * nestjs-pino's settings: the one pino logger of the process, behind Nest's
 * Logger; `destination` (default stdout) lets a test read the lines. No
 * pino-http middleware runs per request (`forRoutes: []`): its child logger
 * and listeners cost up to a third of a cheap read (issue #10). The access
 * line comes from `logAccess`, and a request's error lines name its id.
 */
export function loggerParams(level: string, destination?: DestinationStream): Params {
  const options: PinoHttpOptions = {
    level,
    serializers: { err: (err: unknown) => scrubDeep(err) },
    formatters: { log: (object: Record<string, unknown>) => scrubDeep(object) as Record<string, unknown> },
    hooks: {
      logMethod(args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? scrubPii(a) : a)));
      },
    },
  };
  return { forRoutes: [], pinoHttp: destination ? [options, destination] : options };
}

/** 5xx an error, 4xx a warning, the rest information. */
export function accessLevel(statusCode: number): 'error' | 'warn' | 'info' {
  return statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
}

/**
 * One line per answer, once it is sent: the request id (as on the error
 * lines), method, path without query values, status and milliseconds taken.
 * Flat fields: pino-http's serializers own `req` and `res`. `logger` is the process's pino logger
 * (`PinoLogger.root` once nestjs-pino's module is up).
 */
export function logAccess(fastify: FastifyInstance, logger: PinoLoggerInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = accessLevel(reply.statusCode);
    if (logger.isLevelEnabled(level)) {
      logger[level]({
        requestId: request.id, method: request.method, url: safeUrl(request.url), statusCode: reply.statusCode,
        responseTime: Math.round(reply.elapsedTime * 10) / 10,
      }, 'request completed');
    }
    done();
  });
}
