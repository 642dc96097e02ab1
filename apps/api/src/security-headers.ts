import type { FastifyInstance } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The API serves JSON, its docs page and the web app's static files: nothing from elsewhere. */
export const SECURITY_HEADER_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
    },
  },
};

/**
 * helmet's headers, worked out once at start-up and set on every answer.
 * They depend on nothing in the request (no CSP nonces), and @fastify/helmet
 * built helmet's middleware anew on every request (3.7 % of a contract read's
 * CPU, issue #10).
 */
export function helmetHeaders(options: HelmetOptions = SECURITY_HEADER_OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader: (name: string, value: string | number | readonly string[]) => { headers[name.toLowerCase()] = String(value); },
    removeHeader: (name: string) => { delete headers[name.toLowerCase()]; },
  } as unknown as ServerResponse;
  helmet(options)({} as IncomingMessage, collector, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

export function securityHeaders(fastify: FastifyInstance, headers = helmetHeaders()): void {
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
