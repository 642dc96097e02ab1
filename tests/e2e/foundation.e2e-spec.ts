import { AuditService, packRef } from '@countycare/audit';
import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';
import { expectProblem, fieldsOf, makeIdNumber } from '../fixtures/builders';

describe('foundation: errors, idempotency, audit chain, operations (issue #2)', () => {
  let t: TestApp;
  let w: World;
  let countyAdmin: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    countyAdmin = await w.as('countyAdminA');
  });
  afterAll(() => t.close());

  describe('bad input is a 4xx problem+json, never a 500 or a partial write', () => {
    const residentBody = (over: object = {}) => ({ countyId: w.countyA, name: '钱七', idNumber: makeIdNumber('330781', '1970-01-01', 51), ...over });

    it('unknown fields are refused with the field named', async () => {
      const res = await t.http.post('/api/v1/residents').set('authorization', countyAdmin).send(residentBody({ isAdmin: true }));
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'isAdmin', code: 'unknown_field' })]);
    });

    it('wrong types and missing fields list every field', async () => {
      const res = await t.http.post('/api/v1/residents').set('authorization', countyAdmin).send({ countyId: 42, tags: 'x' });
      expectProblem(res, 400, 'validation_failed');
      expect(fieldsOf(res)).toEqual(expect.arrayContaining(['countyId', 'name', 'idNumber', 'tags']));
    });

    it('huge strings are refused by length, huge bodies by size (413)', async () => {
      const long = await t.http.post('/api/v1/residents').set('authorization', countyAdmin).send(residentBody({ name: '张'.repeat(10_000) }));
      expectProblem(long, 400);
      expect(fieldsOf(long)).toContain('name');
      const huge = await t.http.post('/api/v1/residents').set('authorization', countyAdmin).set('content-type', 'application/json')
        .send(JSON.stringify(residentBody({ addressLine: 'x'.repeat(1024 * 1024 + 10) })));
      expectProblem(huge, 413, 'body_too_large');
    });

    it('broken JSON, a JSON array and an empty body are 400', async () => {
      const broken = await t.http.post('/api/v1/residents').set('authorization', countyAdmin).set('content-type', 'application/json').send('{"name": ');
      expectProblem(broken, 400, 'invalid_json');
      expectProblem(await t.http.post('/api/v1/residents').set('authorization', countyAdmin).send([1, 2]), 400);
      expectProblem(await t.http.post('/api/v1/residents').set('authorization', countyAdmin), 400);
    });

    it('a bad ID number names the field and the reason, and writes nothing', async () => {
      const before = await t.dataSource.query('SELECT COUNT(*) AS n FROM residents');
      const res = await t.http.post('/api/v1/residents').set('authorization', countyAdmin).send(residentBody({ idNumber: '330781197001010519' }));
      expectProblem(res, 400);
      expect(res.body.errors[0]).toMatchObject({ field: 'idNumber', code: 'id_number_check_digit' });
      const after = await t.dataSource.query('SELECT COUNT(*) AS n FROM residents');
      expect(Number(after[0].n)).toBe(Number(before[0].n));
    });

    it('unknown routes and malformed cursors', async () => {
      expectProblem(await t.http.get('/api/v1/nothing-here').set('authorization', countyAdmin), 404, 'route_not_found');
      expectProblem(await t.http.get('/api/v1/residents?cursor=%%%').set('authorization', countyAdmin), 400);
      expectProblem(await t.http.get('/api/v1/residents?limit=100000').set('authorization', countyAdmin), 400);
    });
  });

  describe('Idempotency-Key (api.md "Creation")', () => {
    it('a retried POST returns the first answer and creates nothing new', async () => {
      const body = { countyId: w.countyA, name: '孙八', idNumber: makeIdNumber('330781', '1966-06-06', 61) };
      const first = await t.http.post('/api/v1/residents').set('authorization', countyAdmin).set('idempotency-key', 'k-1').send(body);
      expect(first.status).toBe(201);
      const again = await t.http.post('/api/v1/residents').set('authorization', countyAdmin).set('idempotency-key', 'k-1').send(body);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.location).toBe(first.headers.location);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const rows = await t.dataSource.query('SELECT COUNT(*) AS n FROM residents WHERE name = ?', ['孙八']);
      expect(Number(rows[0].n)).toBe(1);
    });

    it('the same key with another body is 422; another user may use the same key', async () => {
      const body = { countyId: w.countyA, name: '周九', idNumber: makeIdNumber('330781', '1977-07-07', 71) };
      expect((await t.http.post('/api/v1/residents').set('authorization', countyAdmin).set('idempotency-key', 'k-2').send(body)).status).toBe(201);
      const other = await t.http.post('/api/v1/residents').set('authorization', countyAdmin).set('idempotency-key', 'k-2').send({ ...body, name: '吴十' });
      expectProblem(other, 422, 'idempotency_key_reused');
      const gp = await w.as('gpA1');
      const byGp = await t.http.post('/api/v1/residents').set('authorization', gp).set('idempotency-key', 'k-2')
        .send({ ...body, idNumber: makeIdNumber('330781', '1977-07-07', 73) });
      expect(byGp.status).toBe(201);
    });

    it('a failed first attempt is not stored: the retry is processed', async () => {
      const bad = { countyId: w.countyA, name: '郑一', idNumber: 'nope' };
      expectProblem(await t.http.post('/api/v1/residents').set('authorization', countyAdmin).set('idempotency-key', 'k-3').send(bad), 400);
      const fixed = await t.http.post('/api/v1/residents').set('authorization', countyAdmin).set('idempotency-key', 'k-3')
        .send({ ...bad, idNumber: makeIdNumber('330781', '1981-01-01', 81) });
      expect(fixed.status).toBe(201);
    });
  });

  describe('access shapes (api.md "Auth")', () => {
    it('401 without a token, 403 for a role never allowed, 404 for a record out of scope', async () => {
      expectProblem(await t.http.get(`/api/v1/residents/${w.residents.A1}`), 401);
      expectProblem(await t.http.post('/api/v1/counties').set('authorization', await w.as('gpA1')).send({ code: '330799', name: 'x' }), 403, 'forbidden_role');
      expectProblem(await t.http.get(`/api/v1/residents/${w.residents.A1}`).set('authorization', await w.as('gpB1')), 404, 'not_found');
      expectProblem(await t.http.get('/api/v1/residents/does-not-exist').set('authorization', await w.as('gpB1')), 404, 'not_found');
    });
  });

  describe('audit log (domain.md §7.5)', () => {
    it('reads of a resident are audited, and the resident sees who read them', async () => {
      const gp = await w.as('gpA1');
      expect((await t.http.get(`/api/v1/residents/${w.residents.A2}`).set('authorization', gp)).status).toBe(200);
      const log = await t.http.get('/api/v1/me/access-log').set('authorization', await w.as('resA2'));
      expect(log.status).toBe(200);
      expect(log.body.items[0]).toMatchObject({ actorName: 'gpA1', actorRole: 'gp', action: 'read', resourceType: 'resident', purpose: 'treatment' });
      expect(log.body.items[0]).not.toHaveProperty('ip');
    });

    it('the hash chain verifies, and an edited row is detected', async () => {
      const admin = await w.as('admin');
      // What the worker does every 10 s, without its grace: no request is in flight here.
      await t.app.get(AuditService).sealPending({ graceMs: 0 });
      const ok = await t.http.get('/api/v1/audit-events/verify').set('authorization', admin);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ intact: true, firstBreak: null });
      expect(ok.body.sealed).toBeGreaterThan(10);

      const [victim] = await t.dataSource.query('SELECT id, actor_id FROM audit_events ORDER BY id LIMIT 1 OFFSET 3');
      await t.dataSource.query('UPDATE audit_events SET actor_id = ? WHERE id = ?', [packRef('someone-else'), victim.id]);
      const broken = await t.http.get('/api/v1/audit-events/verify').set('authorization', admin);
      expect(broken.body.intact).toBe(false);
      expect(broken.body.firstBreak).toMatchObject({ reason: 'event_altered' });
      await t.dataSource.query('UPDATE audit_events SET actor_id = ? WHERE id = ?', [victim.actor_id, victim.id]);
      expect((await t.http.get('/api/v1/audit-events/verify').set('authorization', admin)).body.intact).toBe(true);
    });

    it('only admins read the audit log; county admins only their county', async () => {
      expectProblem(await t.http.get('/api/v1/audit-events').set('authorization', await w.as('gpA1')), 403);
      expectProblem(await t.http.get('/api/v1/audit-events').set('authorization', await w.as('resA1')), 403);
      const countyB = await t.http.get(`/api/v1/audit-events?residentId=${w.residents.A1}`).set('authorization', await w.as('countyAdminB'));
      expect(countyB.status).toBe(200);
      expect(countyB.body.items).toEqual([]);
      const countyA = await t.http.get(`/api/v1/audit-events?residentId=${w.residents.A1}`).set('authorization', countyAdmin);
      expect(countyA.body.items.length).toBeGreaterThan(0);
    });
  });

  describe('operations', () => {
    it('health, readiness and the OpenAPI document are served without auth', async () => {
      expect((await t.http.get('/health')).body).toEqual({ status: 'ok' });
      const ready = await t.http.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.info.database.status).toBe('up');
      const doc = await t.http.get('/docs-json');
      expect(doc.status).toBe(200);
      expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/residents', '/api/v1/residents/{id}']));
      expect(doc.body.components.securitySchemes.bearer).toBeDefined();
    });

    it('the OpenAPI document describes every route: a summary, its success schema and its problem answers', async () => {
      const doc = (await t.http.get('/docs-json')).body;
      const gaps: string[] = [];
      for (const [path, item] of Object.entries<Record<string, { summary?: string; responses?: Record<string, { content?: unknown }> }>>(doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
          const responses = Object.entries(op.responses ?? {});
          const success = responses.filter(([code]) => code.startsWith('2'));
          if (!op.summary) gaps.push(`${method} ${path}: summary`);
          if (!success.some(([code, r]) => code === '204' || r.content)) gaps.push(`${method} ${path}: success schema`);
          if (!path.startsWith('/health') && !responses.some(([code]) => code.startsWith('4'))) gaps.push(`${method} ${path}: problems`);
        }
      }
      expect(gaps).toEqual([]);
    });

    it('echoes a request id and generates one otherwise', async () => {
      expect((await t.http.get('/health').set('x-request-id', 'abc-123')).headers['x-request-id']).toBe('abc-123');
      expect((await t.http.get('/health')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('sets security headers', async () => {
      const res = await t.http.get('/health');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBeDefined();
    });
  });
});

describe('rate limiting (issue #2: throttler)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => t.close());

  it('answers 429 problem+json with Retry-After past the limit', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await t.http.get('/api/v1/me');
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expectProblem(last!, 429, 'rate_limited');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('sign-in rate limit (password guessing from one address)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('limits sign-in and refresh attempts per address and route, and nothing else', async () => {
    for (let i = 0; i < 3; i++) expect((await t.http.post('/api/v1/auth/login').send({ username: 'nobody', password: 'x' })).status).toBe(401);
    expectProblem(await t.http.post('/api/v1/auth/login').send({ username: 'nobody', password: 'x' }), 429, 'rate_limited');
    for (let i = 0; i < 3; i++) expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken: 'x' })).status).toBe(401);
    expectProblem(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: 'x' }), 429, 'rate_limited');
    expect((await t.http.get('/health')).status).toBe(200);
    expectProblem(await t.http.get('/api/v1/me'), 401);
  });
});

describe('dictionaries (api.md: enum labels in Chinese and English)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the labels of every registered enum without sign-in', async () => {
    const res = await t.http.get('/api/v1/dictionaries');
    expect(res.status).toBe(200);
    expect(res.body.institution_level.township_center).toEqual({ 'zh-CN': '乡镇卫生院/社区卫生服务中心', en: 'Township health centre' });
    expect(Object.keys(res.body.role)).toEqual(['system_admin', 'county_admin', 'institution_admin', 'gp', 'nurse', 'referral_desk', 'resident']);
  });
});
