import { ADMIN, startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';
import { expectProblem } from '../fixtures/builders';

describe('auth (issue #2)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('signs in and shows the user, role and scope on /me', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ username: 'gpa1', password: 'Test#Pass2026' });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { role: 'gp', scope: { teamId: w.teamA1, institutionId: w.townA1, countyId: w.countyA } } });
    const me = await t.http.get('/api/v1/me').set('authorization', `Bearer ${login.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: w.staff.gpA1, role: 'gp', roles: ['gp'], scope: { teamId: w.teamA1 } });
  });

  it('answers 401 problem+json without a token, with a bad token, and with a wrong password', async () => {
    expectProblem(await t.http.get('/api/v1/me'), 401, 'unauthenticated');
    expectProblem(await t.http.get('/api/v1/me').set('authorization', 'Bearer nonsense'), 401, 'token_invalid');
    expectProblem(await t.http.post('/api/v1/auth/login').send({ username: 'gpa1', password: 'wrong' }), 401, 'bad_credentials');
    expectProblem(await t.http.post('/api/v1/auth/login').send({ username: 'nobody', password: 'wrong' }), 401, 'bad_credentials');
  });

  it('rotates refresh tokens and revokes the whole session when a spent one is reused', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ username: 'nursea1', password: 'Test#Pass2026' });
    const first = login.body.refreshToken;
    const rotated = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(first);
    const access = rotated.body.accessToken;
    expect((await t.http.get('/api/v1/me').set('authorization', `Bearer ${access}`)).status).toBe(200);

    // replaying the spent token: reuse detected, session revoked
    expectProblem(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first }), 401, 'refresh_token_reused');
    expectProblem(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken }), 401, 'refresh_token_invalid');
    expectProblem(await t.http.get('/api/v1/me').set('authorization', `Bearer ${access}`), 401, 'token_invalid');
  });

  it('logout ends the session: access and refresh tokens stop working', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ username: 'deska', password: 'Test#Pass2026' });
    const bearer = `Bearer ${login.body.accessToken}`;
    expect((await t.http.post('/api/v1/auth/logout').set('authorization', bearer)).status).toBe(204);
    expectProblem(await t.http.get('/api/v1/me').set('authorization', bearer), 401);
    expectProblem(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }), 401, 'refresh_token_invalid');
  });

  it('a checked session is reused for a moment, never past a change of the account in this process', async () => {
    const admin = await w.as('countyAdminA');
    const nurse = await t.http.post('/api/v1/staff').set('authorization', admin).send({
      username: 'cachednurse', password: 'Test#Pass2026', displayName: '缓存护士', role: 'nurse', institutionId: w.townA2, teamId: w.teamA2,
    });
    expect(nurse.status).toBe(201);
    const bearer = `Bearer ${(await t.http.post('/api/v1/auth/login').send({ username: 'cachednurse', password: 'Test#Pass2026' })).body.accessToken}`;
    const me = () => t.http.get('/api/v1/me').set('authorization', bearer);
    expect((await me()).body.scope.teamId).toBe(w.teamA2);
    // moved to another team: the very next request carries the new scope, not the cached one
    const team = await t.http.post('/api/v1/teams').set('authorization', admin).send({ institutionId: w.townA2, name: '东乡2组' });
    expect((await t.http.post(`/api/v1/teams/${team.body.id}/members`).set('authorization', admin).send({ userId: nurse.body.id, memberRole: 'nurse' })).status).toBe(201);
    expect((await me()).body.scope.teamId).toBe(team.body.id);
    // disabled: refused at once
    const staff = await t.http.get(`/api/v1/staff/${nurse.body.id}`).set('authorization', admin);
    expect((await t.http.patch(`/api/v1/staff/${nurse.body.id}`).set('authorization', admin).send({ status: 'disabled', version: staff.body.version })).status).toBe(200);
    expectProblem(await me(), 401, 'token_invalid');
  });

  it('locks an account for 30 minutes after 5 failures (423, audited), even for the right password', async () => {
    for (let i = 1; i <= 4; i++) {
      expectProblem(await t.http.post('/api/v1/auth/login').send({ username: 'gpa2', password: `wrong${i}` }), 401, 'bad_credentials');
    }
    const fifth = await t.http.post('/api/v1/auth/login').send({ username: 'gpa2', password: 'wrong5' });
    expectProblem(fifth, 423, 'account_locked');
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(29 * 60);
    expectProblem(await t.http.post('/api/v1/auth/login').send({ username: 'gpa2', password: 'Test#Pass2026' }), 423, 'account_locked');

    const audit = await t.http.get(`/api/v1/audit-events?actorId=${w.staff.gpA2}`).set('authorization', await w.as('admin'));
    expect(audit.status).toBe(200);
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toContain('lockout');
    expect(actions.filter((a: string) => a === 'login_failed').length).toBeGreaterThanOrEqual(5);

    t.clock.travelTo(new Date(Date.now() + 31 * 60_000));
    try {
      expect((await t.http.post('/api/v1/auth/login').send({ username: 'gpa2', password: 'Test#Pass2026' })).status).toBe(200);
    } finally {
      t.clock.reset();
    }
  });

  it('changes my own password: checked, not reused, my other sessions end (domain.md §7.7)', async () => {
    const first = await t.login('nursea2');
    const second = await t.login('nursea2');
    const change = (body: object) => t.http.post('/api/v1/auth/password').set('authorization', second).send(body);
    expect((await change({ currentPassword: 'nope', newPassword: 'New#Pass2026' })).body.errors[0]).toMatchObject({ field: 'currentPassword', code: 'password_wrong' });
    expect((await change({ currentPassword: 'Test#Pass2026', newPassword: 'weakpass' })).body.errors[0]).toMatchObject({ field: 'newPassword', code: 'password_weak' });
    expect((await change({ currentPassword: 'Test#Pass2026', newPassword: 'Test#Pass2026' })).body.errors[0]).toMatchObject({ code: 'password_reused' });
    expect((await change({ currentPassword: 'Test#Pass2026', newPassword: 'New#Pass2026' })).status).toBe(204);

    expectProblem(await t.http.get('/api/v1/me').set('authorization', first), 401);
    expect((await t.http.get('/api/v1/me').set('authorization', second)).status).toBe(200);
    expectProblem(await t.http.post('/api/v1/auth/login').send({ username: 'nursea2', password: 'Test#Pass2026' }), 401, 'bad_credentials');
    // the previous password is remembered
    const again = await t.http.post('/api/v1/auth/password').set('authorization', await t.login('nursea2', 'New#Pass2026'))
      .send({ currentPassword: 'New#Pass2026', newPassword: 'Test#Pass2026' });
    expect(again.body.errors[0]).toMatchObject({ field: 'newPassword', code: 'password_reused' });
  });

  it('an admin resets a locked-out account: lock cleared, sessions ended, a new password due at sign-in', async () => {
    const before = await t.login('nursea1');
    for (let i = 0; i < 5; i++) await t.http.post('/api/v1/auth/login').send({ username: 'nursea1', password: `bad${i}` });
    expectProblem(await t.http.post('/api/v1/auth/login').send({ username: 'nursea1', password: 'Test#Pass2026' }), 423);

    const reset = (who: string, id: string) => w.as(who as never).then((token) => t.http.post(`/api/v1/staff/${id}/password`).set('authorization', token).send({ newPassword: 'Temp#Pass2026' }));
    expectProblem(await reset('gpA1', w.staff.nurseA1), 403);
    expectProblem(await reset('countyAdminB', w.staff.nurseA1), 404);
    expect((await reset('instAdminA1', w.staff.nurseA1)).status).toBe(204);

    expectProblem(await t.http.get('/api/v1/me').set('authorization', before), 401);
    const login = await t.http.post('/api/v1/auth/login').send({ username: 'nursea1', password: 'Temp#Pass2026' });
    expect(login.status).toBe(200);
    expect(login.body.user.passwordChangeDue).toBe(true);
    const token = `Bearer ${login.body.accessToken}`;
    expect((await t.http.get('/api/v1/me').set('authorization', token)).body.passwordChangeDue).toBe(true);
    expect((await t.http.post('/api/v1/auth/password').set('authorization', token).send({ currentPassword: 'Temp#Pass2026', newPassword: 'Test#Pass2027' })).status).toBe(204);
    expect((await t.http.get('/api/v1/me').set('authorization', token)).body.passwordChangeDue).toBe(false);
    const audit = await t.http.get(`/api/v1/audit-events?actorId=${w.staff.instAdminA1}`).set('authorization', await w.as('admin'));
    expect(audit.body.items[0]).toMatchObject({ action: 'permission_change', resourceType: 'staff', resourceId: w.staff.nurseA1 });
  });

  it('a password older than 90 days is due for a change', async () => {
    t.clock.travelTo(new Date(Date.now() + 91 * 86_400_000));
    try {
      const login = await t.http.post('/api/v1/auth/login').send({ username: 'gpa1', password: 'Test#Pass2026' });
      expect(login.body.user.passwordChangeDue).toBe(true);
    } finally {
      t.clock.reset();
    }
  });

  it('speaks English when asked and Chinese by default', async () => {
    const zh = await t.http.get('/api/v1/me');
    const en = await t.http.get('/api/v1/me').set('accept-language', 'en-US,en;q=0.9');
    expect(zh.body.title).toBe('未登录或登录已失效');
    expect(en.body.title).toBe('Not authenticated');
    expect(en.headers['content-language']).toBe('en');
  });

  it('the bootstrap system admin exists', async () => {
    const res = await t.http.post('/api/v1/auth/login').send(ADMIN);
    expect(res.body.user.role).toBe('system_admin');
  });
});
