import type { FastifyInstance } from 'fastify';

const API_PATH = /^\/api\/v1(?:[/?]|$)/;

/**
 * Nearly every answer under /api/v1 carries personal data (residents, the
 * caller, contracts, beds, referrals, worklists, audit), so none may be kept
 * by a browser or proxy cache: `Cache-Control: no-store` unless the route set
 * its own Cache-Control (e.g. `@Header('Cache-Control', 'public, max-age=3600')`
 * on a route that serves no personal data). Docs and health are left alone.
 */
export function noStoreByDefault(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (API_PATH.test(request.url) && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
      reply.header('pragma', 'no-cache');
    }
    done(null, payload);
  });
}
