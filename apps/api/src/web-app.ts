import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Paths the web app never answers: the API, its docs, health and metrics keep their own 404 (problem+json). */
const NOT_THE_APP = /^\/(?:api|docs|docs-json|health|metrics)(?:[/?.-]|$)/;

/** Vite puts content-hashed files under /assets/: a new build has new names, so a browser may keep them for a year. */
const HASHED_ASSET = /^\/assets\//;

/**
 * The web app (apps/web, built to dist/web) from the API's own origin, so the browser needs no CORS: hashed
 * assets with a year's `immutable` caching, everything else (index.html, the service worker, the manifest)
 * revalidated on every load, and any other GET that wants HTML answered with index.html (the app's own
 * router then shows the screen). Returns false when no build is there (API-only deployments, the e2e tests).
 */
export function serveWebApp(fastify: FastifyInstance, root: string | null): boolean {
  if (!root || !existsSync(join(root, 'index.html'))) return false;
  const indexHtml = readFileSync(join(root, 'index.html'));
  fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    etag: true,
    lastModified: false,
    cacheControl: false,
    // index.html.gz / .br beside each file (written by the web build): a GP on a slow network downloads a third
    preCompressed: true,
    setHeaders: (reply, path) => {
      const url = path.slice(root.length).replace(/\\/g, '/');
      reply.header('cache-control', HASHED_ASSET.test(url) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const sendIndex = (reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
  fastify.get('/', (_request, reply) => sendIndex(reply));
  fastify.get('/*', (request, reply) => {
    const accept = request.headers.accept ?? '';
    if (NOT_THE_APP.test(request.url) || HASHED_ASSET.test(request.url) || !accept.includes('text/html')) {
      return reply.callNotFound();
    }
    return sendIndex(reply);
  });
  return true;
}
