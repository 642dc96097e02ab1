import Fastify from 'fastify';
import { noStoreByDefault } from './cache-control';

describe('Cache-Control on API answers', () => {
  const fastify = Fastify();
  noStoreByDefault(fastify);
  fastify.get('/api/v1/residents', async () => ({ items: [] }));
  fastify.get('/api/v1/dictionaries', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=3600');
    return {};
  });
  fastify.get('/api/v1/fails', async (_request, reply) => reply.code(404).send({ status: 404 }));
  fastify.get('/docs/asset.js', async () => 'x');
  afterAll(() => fastify.close());

  it('no-store by default, on success and error answers', async () => {
    for (const url of ['/api/v1/residents', '/api/v1/residents?limit=1', '/api/v1/fails', '/api/v1/no-such-route']) {
      const res = await fastify.inject({ method: 'GET', url });
      expect([url, res.headers['cache-control'], res.headers.pragma]).toEqual([url, 'no-store', 'no-cache']);
    }
  });

  it('a route may set its own', async () => {
    const res = await fastify.inject({ method: 'GET', url: '/api/v1/dictionaries' });
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.headers.pragma).toBeUndefined();
  });

  it('leaves the docs cacheable', async () => {
    const res = await fastify.inject({ method: 'GET', url: '/docs/asset.js' });
    expect(res.headers['cache-control']).toBeUndefined();
  });
});
