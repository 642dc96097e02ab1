import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The first segments of the web app's screens (apps/web/src/App.tsx): a browser opening one of these gets the app.
 * Only these: a catch-all would also catch the API's own misses (an unknown route, an id too long to be one) and
 * answer them with a page instead of their problem+json.
 */
export const WEB_APP_PATHS = ['/login', '/account', '/clinic', '/sickbeds', '/my', '/desk', '/admin'] as const;

/** Vite puts content-hashed files under /assets/: a new build has new names, so a browser may keep them for a year. */
const HASHED_ASSET = /^\/assets\//;

/**
 * The web app (apps/web, built to dist/web) from the API's own origin, so the browser needs no CORS: hashed
 * assets with a year's `immutable` caching, everything else (index.html, the service worker, the manifest)
 * revalidated on every load, and a GET of one of the app's screens answered with index.html (the app's own router
 * then shows the screen). Returns false when no build is there (API-only deployments, the e2e tests).
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
  // whatever the Accept: the service worker fetches the shell ("/") with */*
  const screen = (_request: FastifyRequest, reply: FastifyReply) => sendIndex(reply);
  fastify.get('/', screen);
  for (const path of WEB_APP_PATHS) {
    fastify.get(path, screen);
    fastify.get(`${path}/*`, screen);
  }
  return true;
}
