import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';

/**
 * Answers carrying personal data must not be kept by a browser, an app's
 * HTTP cache or a proxy: every /api/v1 answer says `Cache-Control: no-store`
 * (and `Pragma: no-cache` for HTTP/1.0 caches), errors included.
 */
describe('Cache-Control: no-store on every API answer', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const expectNoStore = (res: { status: number; headers: Record<string, string> }, what: string) =>
    expect({ what, cacheControl: res.headers['cache-control'], pragma: res.headers.pragma }).toEqual({ what, cacheControl: 'no-store', pragma: 'no-cache' });

  it('on the routes with personal data, for staff and residents', async () => {
    const gp = await w.as('gpA1');
    const resident = await w.as('resA1');
    const admin = await w.as('admin');
    const reads: Array<[string, string]> = [
      ['/api/v1/me', gp], ['/api/v1/me/contracts', resident], ['/api/v1/me/sickbeds', resident], ['/api/v1/me/referrals', resident],
      ['/api/v1/me/access-log', resident], ['/api/v1/residents', gp], [`/api/v1/residents/${w.residents.A1}`, gp],
      ['/api/v1/contracts', gp], ['/api/v1/sickbeds', gp], ['/api/v1/referrals', gp],
      ['/api/v1/worklists/follow-ups', gp], ['/api/v1/worklists/rounds?due=today', gp], ['/api/v1/referral-desk/queue', await w.as('deskA')],
      ['/api/v1/audit-events', admin], ['/api/v1/audit-events/verify', admin], ['/api/v1/staff', admin],
    ];
    for (const [url, token] of reads) {
      const res = await t.http.get(url).set('authorization', token);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      expectNoStore(res, url);
    }
    const login = await t.http.post('/api/v1/auth/login').send({ username: 'gpa1', password: 'Test#Pass2026' });
    expect(login.status).toBe(200);
    expectNoStore(login, 'sign-in (tokens)');
    expectNoStore(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }), 'refresh (tokens)');
  });

  it('on every route of the OpenAPI document, whatever the answer', async () => {
    const doc = (await t.http.get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const gp = await w.as('gpA1');
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/v1/') || !('get' in item)) continue;
      const url = path.replace(/\{[^}]+\}/g, w.residents.A1);
      expectNoStore(await t.http.get(url).set('authorization', gp), url);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
    expectNoStore(await t.http.get('/api/v1/residents'), 'without a token (401)');
    expectNoStore(await t.http.get('/api/v1/no-such-route').set('authorization', gp), 'unknown route (404)');
    expectNoStore(await t.http.post('/api/v1/residents').set('authorization', gp).send({}), 'validation (400)');
  });

  it('leaves the OpenAPI document and health checks cacheable', async () => {
    for (const url of ['/docs-json', '/health']) {
      expect((await t.http.get(url)).headers['cache-control']).not.toBe('no-store');
    }
  });
});
