import Fastify from 'fastify';
import { helmetHeaders, securityHeaders } from './security-headers';

describe('security headers (helmet, worked out once)', () => {
  const fastify = Fastify();
  securityHeaders(fastify);
  fastify.get('/api/v1/residents', async () => ({ items: [] }));
  fastify.get('/fails', async (_request, reply) => reply.code(500).send({ status: 500 }));
  afterAll(() => fastify.close());

  it('are helmet\'s for the API\'s policy', () => {
    const headers = helmetHeaders();
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("img-src 'self' data:");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d+; includeSubDomains$/);
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('are set on every answer, success, error and unknown route alike', async () => {
    for (const url of ['/api/v1/residents', '/fails', '/no-such-route']) {
      const res = await fastify.inject({ method: 'GET', url });
      expect([url, res.headers['x-content-type-options'], res.headers['content-security-policy']])
        .toEqual([url, 'nosniff', helmetHeaders()['content-security-policy']]);
    }
  });
});
