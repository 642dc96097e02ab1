import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream } from 'pino';
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
 * pino runs `formatters.log` before the serializers, so the request and the
 * response must reach their serializers as they are: a copy loses the
 * prototype getters (`headersSent`), and pino-http's response serializer then
 * reports `statusCode: null` (issue #9). Their serializers pick safe fields.
 */
function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubPii(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof IncomingMessage || value instanceof ServerResponse) return value;
  if (value instanceof Error) return { type: value.name, message: scrubPii(value.message), stack: scrubPii(value.stack ?? '') };
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, depth + 1)]));
}

/** nestjs-pino's settings; `destination` (default stdout) lets a test read the lines. */
export function loggerParams(level: string, destination?: DestinationStream): Params {
  const options: PinoHttpOptions = {
    level,
    genReqId: (req: IncomingMessage) => String(req.headers['x-request-id'] ?? ''),
    serializers: {
      req: (req: IncomingMessage & { id?: string }) => ({ id: req.id, method: req.method, url: safeUrl(req.url) }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: (err: unknown) => scrubDeep(err),
    },
    formatters: { log: (object: Record<string, unknown>) => scrubDeep(object) as Record<string, unknown> },
    hooks: {
      logMethod(args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? scrubPii(a) : a)));
      },
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    quietReqLogger: true,
  };
  return {
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: destination ? [options, destination] : options,
  };
}
