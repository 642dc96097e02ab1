import { expectProblem } from '../fixtures/builders';
import { ADMIN, startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld } from '../fixtures/world';

const NEW_PASSWORD = 'Own#Choice2026';

/**
 * Issue #9: a password someone else set (ADMIN_PASSWORD of a production
 * install, an administrator's reset) opens nothing but the password change.
 * `production: true` is what DATABASE_URL sets; forced here so the embedded
 * run proves it too.
 */
describe('first sign-in of a production install', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({}, { settings: { production: true }, firstAdmin: 'untouched' });
  });
  afterAll(() => t.close());

  it('the first admin must change the password before anything else, then works', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ username: ADMIN.username, password: t.firstAdminPassword });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ role: 'system_admin', passwordChangeRequired: true, passwordChangeDue: true });
    const bearer = `Bearer ${login.body.accessToken}`;

    const blocked = await t.http.get('/api/v1/counties').set('authorization', bearer);
    expectProblem(blocked, 403, 'password_change_required');
    expect(blocked.body.detail).toMatch(/修改密码/);
    const english = await t.http.post('/api/v1/counties').set('authorization', bearer).set('accept-language', 'en').send({ code: '330781', name: '示范县' });
    expectProblem(english, 403, 'password_change_required');
    expect(english.body.detail).toMatch(/change your password/);

    const me = await t.http.get('/api/v1/me').set('authorization', bearer);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: ADMIN.username, passwordChangeRequired: true });
    const refreshed = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    const current = `Bearer ${refreshed.body.accessToken}`;
    expectProblem(await t.http.get('/api/v1/counties').set('authorization', current), 403, 'password_change_required');

    const change = await t.http.post('/api/v1/auth/password').set('authorization', current)
      .send({ currentPassword: t.firstAdminPassword, newPassword: NEW_PASSWORD });
    expect(change.status).toBe(204);
    expect((await t.http.get('/api/v1/counties').set('authorization', current)).status).toBe(200);
    expect((await t.http.get('/api/v1/me').set('authorization', current)).body).toMatchObject({ passwordChangeRequired: false, passwordChangeDue: false });
    expectProblem(await t.http.post('/api/v1/auth/login').send({ username: ADMIN.username, password: t.firstAdminPassword }), 401, 'bad_credentials');
  });

  it('a blocked user may still sign out', async () => {
    const admin = `Bearer ${(await t.http.post('/api/v1/auth/login').send({ username: ADMIN.username, password: NEW_PASSWORD })).body.accessToken}`;
    const county = await t.http.post('/api/v1/counties').set('authorization', admin).send({ code: '330783', name: '试点县' }).expect(201);
    const staff = await t.http.post('/api/v1/staff').set('authorization', admin).send({
      username: 'pilot.admin', password: 'Test#Pass2026', displayName: '试点县管理员', role: 'county_admin', countyId: county.body.id,
    }).expect(201);
    await t.http.post(`/api/v1/staff/${staff.body.id}/password`).set('authorization', admin).send({ newPassword: 'Temp#Pass2026' }).expect(204);

    const login = await t.http.post('/api/v1/auth/login').send({ username: 'pilot.admin', password: 'Temp#Pass2026' });
    const bearer = `Bearer ${login.body.accessToken}`;
    expectProblem(await t.http.get('/api/v1/notifications').set('authorization', bearer), 403, 'password_change_required');
    expect((await t.http.post('/api/v1/auth/logout').set('authorization', bearer)).status).toBe(204);
    expectProblem(await t.http.get('/api/v1/me').set('authorization', bearer), 401);
  });
});

describe('an administrator\'s reset of a staff password', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('blocks the account until its user picks their own password; an expired password only reminds', async () => {
    const w = await buildWorld(t);
    await t.http.post(`/api/v1/staff/${w.staff.gpA1}/password`).set('authorization', await w.as('instAdminA1'))
      .send({ newPassword: 'Temp#Pass2026' }).expect(204);
    const login = await t.http.post('/api/v1/auth/login').send({ username: 'gpa1', password: 'Temp#Pass2026' });
    expect(login.body.user).toMatchObject({ passwordChangeRequired: true });
    const bearer = `Bearer ${login.body.accessToken}`;
    expectProblem(await t.http.get('/api/v1/worklists/follow-ups').set('authorization', bearer), 403, 'password_change_required');
    await t.http.post('/api/v1/auth/password').set('authorization', bearer)
      .send({ currentPassword: 'Temp#Pass2026', newPassword: NEW_PASSWORD }).expect(204);
    expect((await t.http.get('/api/v1/worklists/follow-ups').set('authorization', bearer)).status).toBe(200);

    // 90 days on: a reminder in the sign-in answer and /me, not a lock-out in the middle of a shift
    t.clock.travelTo(new Date(Date.now() + 91 * 86_400_000));
    try {
      const later = await t.http.post('/api/v1/auth/login').send({ username: 'gpa1', password: NEW_PASSWORD });
      expect(later.body.user).toMatchObject({ passwordChangeDue: true, passwordChangeRequired: false });
      expect((await t.http.get('/api/v1/worklists/follow-ups').set('authorization', `Bearer ${later.body.accessToken}`)).status).toBe(200);
    } finally {
      t.clock.reset();
    }
  });
});

describe('the first admin of the embedded demo', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({}, { settings: { production: false }, firstAdmin: 'untouched' });
  });
  afterAll(() => t.close());

  it('is not asked to change the password: the demo\'s logins are public anyway', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ username: ADMIN.username, password: t.firstAdminPassword });
    expect(login.body.user).toMatchObject({ passwordChangeRequired: false });
    expect((await t.http.get('/api/v1/counties').set('authorization', `Bearer ${login.body.accessToken}`)).status).toBe(200);
  });
});
