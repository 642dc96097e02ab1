import type { Metrics } from '@countycare/common';
import type { FastifyInstance } from 'fastify';

/**
 * The request-duration histogram (README "Observability"): one onResponse hook and one observe per request,
 * labelled with the route's pattern (`/api/v1/contracts/:id`, never the raw URL with its ids), the method and
 * the status class. Installed only when METRICS_PORT is set.
 */
export function observeRequestDurations(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.request(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime);
    done();
  });
}
