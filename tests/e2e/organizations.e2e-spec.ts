import { expectProblem, fieldsOf } from '../fixtures/builders';
import { startTestApp, TEST_PASSWORD, TestApp } from '../fixtures/test-app';
import { buildWorld, StaffKey, World } from '../fixtures/world';

/** Counties, institutions, GP teams and staff (issue #3; domain.md §2). */
describe('organizations', () => {
  let t: TestApp;
  let w: World;

  const as = (who: StaffKey | 'admin' | 'resA1') => w.as(who);
  const get = async (who: StaffKey | 'admin' | 'resA1', path: string) => t.http.get(`/api/v1/${path}`).set('authorization', await as(who));
  const post = async (who: StaffKey | 'admin' | 'resA1', path: string, body: object) =>
    t.http.post(`/api/v1/${path}`).set('authorization', await as(who)).send(body);
  const patch = async (who: StaffKey | 'admin' | 'resA1', path: string, body: object, version?: number) => {
    const req = t.http.patch(`/api/v1/${path}`).set('authorization', await as(who));
    return (version === undefined ? req : req.set('if-match', `"${version}"`)).send(body);
  };
  const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((i) => i.id);
  let usernames = 0;
  const staffBody = (extra: object) => ({ username: `staff${++usernames}`, password: TEST_PASSWORD, displayName: `员工${usernames}`, ...extra });

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  describe('counties', () => {
    it('only the system admin creates counties; a taken code is 409; a bad code 400', async () => {
      const res = await post('admin', 'counties', { code: '330783', name: '第三县', policy: { sickbed: { maxCycleDays: 60 } } });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/counties/${res.body.id}`);
      expect(res.body.policy.sickbed.maxCycleDays).toBe(60);
      expectProblem(await post('admin', 'counties', { code: '330783', name: '重复' }), 409, 'county_code_taken');
      expect(fieldsOf(await post('admin', 'counties', { code: '33078', name: 'x' }))).toEqual(['code']);
      for (const who of ['countyAdminA', 'instAdminA1', 'gpA1', 'deskA', 'resA1'] as const) {
        expectProblem(await post(who, 'counties', { code: '330784', name: 'x' }), 403, 'forbidden_role');
      }
    });

    it('reads: admins and staff see their own county; another county is 404; residents 403', async () => {
      expect(ids(await get('countyAdminA', 'counties'))).toEqual([w.countyA]);
      expect(ids(await get('gpB1', 'counties'))).toEqual([w.countyB]);
      expect(ids(await get('admin', 'counties'))).toEqual(expect.arrayContaining([w.countyA, w.countyB]));
      expect((await get('instAdminA1', `counties/${w.countyA}`)).body).toMatchObject({ id: w.countyA, code: '330781' });
      expectProblem(await get('countyAdminA', `counties/${w.countyB}`), 404, 'not_found');
      expectProblem(await get('resA1', 'counties'), 403, 'forbidden_role');
    });

    it('the county admin changes the policy with If-Match (412 when stale); bad settings are 400 with the setting named', async () => {
      const county = (await get('countyAdminA', `counties/${w.countyA}`)).body;
      const ok = await patch('countyAdminA', `counties/${w.countyA}/policy`, { policy: { referral: { replyHours: { urgent: 2 } } } }, county.version);
      expect(ok.status).toBe(200);
      expect(ok.body.policy.referral.replyHours).toEqual({ routine: 24, urgent: 2, emergent: 0.25 });
      expect(ok.body.version).toBe(county.version + 1);
      expectProblem(await patch('countyAdminA', `counties/${w.countyA}/policy`, { policy: { sickbed: { maxCycleDays: 30 } } }, county.version), 412, 'version_mismatch');
      expectProblem(await patch('countyAdminA', `counties/${w.countyA}/policy`, { policy: { sickbed: { maxCycleDays: 30 } }, version: county.version }), 409, 'version_mismatch');

      for (const [policy, field] of [
        [{ sickbed: { maxCycleDays: 0 } }, 'policy.sickbed.maxCycleDays'],
        [{ sickbed: { maxCycleDays: 'ninety' } }, 'policy.sickbed.maxCycleDays'],
        [{ sickbed: { maxCycleDays: 45.5 } }, 'policy.sickbed.maxCycleDays'],
        [{ sickbed: { beds: 1 } }, 'policy.sickbed.beds'],
        [{ insurance: { deductibleByLevel: { county_hospital: -1 } } }, 'policy.insurance.deductibleByLevel.county_hospital'],
      ] as const) {
        const res = await patch('countyAdminA', `counties/${w.countyA}/policy`, { policy });
        expectProblem(res, 400, 'validation_failed');
        expect(fieldsOf(res)).toEqual([field]);
      }
      expect((await get('countyAdminA', `counties/${w.countyA}`)).body.version).toBe(county.version + 1);
    });

    it('policy changes: another county is 404; institution admins and clinicians 403', async () => {
      expectProblem(await patch('countyAdminB', `counties/${w.countyA}/policy`, { policy: {} }), 404, 'not_found');
      for (const who of ['instAdminA1', 'gpA1', 'deskA', 'resA1'] as const) {
        expectProblem(await patch(who, `counties/${w.countyA}/policy`, { policy: {} }), 403, 'forbidden_role');
      }
    });
  });

  describe('institutions', () => {
    it('the county admin adds an institution under a parent of a higher level in the same county', async () => {
      const res = await post('countyAdminA', 'institutions', { countyId: w.countyA, name: '城关二村卫生室', level: 'village_clinic', parentId: w.townA1 });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/institutions/${res.body.id}`);
      expect(res.body).toMatchObject({ countyId: w.countyA, level: 'village_clinic', parentId: w.townA1, hasReferralDesk: false, active: true, version: 1 });
    });

    it('refuses a referral desk below county level, a parent in another county, a parent not higher', async () => {
      const base = { countyId: w.countyA, name: '新机构' };
      const desk = await post('countyAdminA', 'institutions', { ...base, level: 'township_center', hasReferralDesk: true });
      expectProblem(desk, 400, 'validation_failed');
      expect(desk.body.errors[0]).toMatchObject({ field: 'hasReferralDesk', code: 'referral_desk_level' });
      const other = await post('countyAdminA', 'institutions', { ...base, level: 'village_clinic', parentId: w.townB1 });
      expect(other.body.errors[0]).toMatchObject({ field: 'parentId', code: 'parent_not_in_county' });
      const lower = await post('countyAdminA', 'institutions', { ...base, level: 'township_center', parentId: w.villageA1 });
      expect(lower.body.errors[0]).toMatchObject({ field: 'parentId', code: 'parent_level' });
      const same = await post('countyAdminA', 'institutions', { ...base, level: 'township_center', parentId: w.townA2 });
      expect(same.body.errors[0]).toMatchObject({ field: 'parentId', code: 'parent_level' });
      const city = await post('countyAdminA', 'institutions', { ...base, level: 'city_hospital', hasReferralDesk: true });
      expect(city.status).toBe(201);
    });

    it('creation: another county is 404; institution admins, clinicians, desk and residents 403', async () => {
      const body = { countyId: w.countyA, name: '越权', level: 'township_center' };
      expectProblem(await post('countyAdminB', 'institutions', body), 404, 'not_found');
      for (const who of ['instAdminA1', 'gpA1', 'nurseA1', 'deskA', 'resA1'] as const) {
        expectProblem(await post(who, 'institutions', body), 403, 'forbidden_role');
      }
    });

    it('lists stay inside the county; residents see their county\'s institutions', async () => {
      const a = ids(await get('gpA1', 'institutions?limit=200'));
      expect(a).toEqual(expect.arrayContaining([w.hospitalA, w.townA1, w.villageA1]));
      expect(a).not.toContain(w.hospitalB);
      expect(ids(await get('countyAdminB', 'institutions?limit=200'))).not.toContain(w.townA1);
      expect(ids(await get('resA1', 'institutions?level=county_hospital'))).toEqual([w.hospitalA]);
      expectProblem(await get('gpB1', `institutions/${w.townA1}`), 404, 'not_found');
    });

    it('the institution admin updates their own institution only, with If-Match', async () => {
      const current = (await get('instAdminA1', `institutions/${w.townA1}`)).body;
      const ok = await patch('instAdminA1', `institutions/${w.townA1}`, { name: '  城关镇中心卫生院 ' }, current.version);
      expect(ok.body).toMatchObject({ name: '城关镇中心卫生院', version: current.version + 1 });
      expectProblem(await patch('instAdminA1', `institutions/${w.townA1}`, { code: 'X1' }, current.version), 412, 'version_mismatch');
      expectProblem(await patch('instAdminA1', `institutions/${w.townA2}`, { name: '别人的' }), 404, 'not_found');
      expectProblem(await patch('gpA1', `institutions/${w.townA1}`, { name: 'x' }), 403, 'forbidden_role');
      const desk = await patch('instAdminA1', `institutions/${w.townA1}`, { hasReferralDesk: true });
      expect(desk.body.errors[0]).toMatchObject({ field: 'hasReferralDesk', code: 'referral_desk_level' });
    });
  });

  describe('teams', () => {
    it('county and institution admins create teams; another institution or county is 404; clinicians 403', async () => {
      const mine = await post('instAdminA1', 'teams', { institutionId: w.townA1, name: '城关2组' });
      expect(mine.status).toBe(201);
      expect(mine.headers.location).toBe(`/api/v1/teams/${mine.body.id}`);
      expect(mine.body).toMatchObject({ institutionId: w.townA1, countyId: w.countyA, status: 'active', members: [] });
      expect((await post('countyAdminA', 'teams', { institutionId: w.townA2, name: '东乡2组' })).status).toBe(201);
      expectProblem(await post('instAdminA1', 'teams', { institutionId: w.townA2, name: 'x' }), 404, 'not_found');
      expectProblem(await post('countyAdminB', 'teams', { institutionId: w.townA1, name: 'x' }), 404, 'not_found');
      for (const who of ['gpA1', 'nurseA1', 'deskA', 'resA1'] as const) {
        expectProblem(await post(who, 'teams', { institutionId: w.townA1, name: 'x' }), 403, 'forbidden_role');
      }
    });

    it('shows the members; staff of another county get 404', async () => {
      const team = await get('gpA1', `teams/${w.teamA1}`);
      expect(team.body.members.map((m: { userId: string }) => m.userId).sort()).toEqual([w.staff.gpA1, w.staff.nurseA1].sort());
      expectProblem(await get('gpB1', `teams/${w.teamA1}`), 404, 'not_found');
      expect(ids(await get('gpB1', 'teams'))).toEqual([w.teamB1]);
    });

    it('moves a clinician of the institution onto another team; the team role must fit the account', async () => {
      const team = (await post('instAdminA1', 'teams', { institutionId: w.townA1, name: '城关3组' })).body;
      const nurse = (await post('instAdminA1', 'staff', staffBody({ role: 'nurse', institutionId: w.townA1, teamId: w.teamA1 }))).body;
      const moved = await post('instAdminA1', `teams/${team.id}/members`, { userId: nurse.id, memberRole: 'nurse' });
      expect(moved.status).toBe(201);
      expect(moved.headers.location).toBe(`/api/v1/teams/${team.id}`);
      expect((await get('instAdminA1', `teams/${team.id}`)).body.members).toEqual([expect.objectContaining({ userId: nurse.id, memberRole: 'nurse' })]);
      expect((await get('instAdminA1', `teams/${w.teamA1}`)).body.members.map((m: { userId: string }) => m.userId)).not.toContain(nurse.id);
      expect((await get('instAdminA1', `staff/${nurse.id}`)).body.teamId).toBe(team.id);

      const lead = await post('instAdminA1', `teams/${team.id}/members`, { userId: nurse.id, memberRole: 'gp_lead' });
      expect(lead.body.errors[0]).toMatchObject({ field: 'memberRole', code: 'member_role_not_for_account' });
      const outsider = await post('instAdminA1', `teams/${team.id}/members`, { userId: w.staff.gpA2, memberRole: 'gp' });
      expect(outsider.body.errors[0]).toMatchObject({ field: 'userId', code: 'member_not_clinician_of_institution' });
      const gpLead = await post('countyAdminA', `teams/${team.id}/members`, { userId: w.staff.gpA1, memberRole: 'gp_lead' });
      expect(gpLead.status).toBe(201);
      expect((await get('gpA1', `teams/${team.id}`)).body.leadUserId).toBe(w.staff.gpA1);

      expectProblem(await post('instAdminA1', `teams/${w.teamA2}/members`, { userId: w.staff.gpA2, memberRole: 'gp' }), 404, 'not_found');
      expectProblem(await post('gpA1', `teams/${team.id}/members`, { userId: nurse.id, memberRole: 'nurse' }), 403, 'forbidden_role');
    });
  });

  describe('staff', () => {
    it('the institution admin creates clinicians of their institution; never admins (403); another institution 404', async () => {
      const gp = await post('instAdminA1', 'staff', staffBody({ role: 'gp', institutionId: w.townA1, teamId: w.teamA1, phone: '+86 139 0000 0001' }));
      expect(gp.status).toBe(201);
      expect(gp.headers.location).toBe(`/api/v1/staff/${gp.body.id}`);
      expect(gp.body).toMatchObject({ role: 'gp', institutionId: w.townA1, teamId: w.teamA1, countyId: w.countyA, status: 'active', phone: '13900000001' });
      for (const role of ['county_admin', 'institution_admin'] as const) {
        expectProblem(await post('instAdminA1', 'staff', staffBody({ role, institutionId: w.townA1, countyId: w.countyA })), 403, 'forbidden_role');
      }
      expectProblem(await post('instAdminA1', 'staff', staffBody({ role: 'gp', institutionId: w.townA2 })), 404, 'not_found');
      expectProblem(await post('countyAdminB', 'staff', staffBody({ role: 'gp', institutionId: w.townA1 })), 404, 'not_found');
      for (const who of ['gpA1', 'nurseA1', 'deskA', 'resA1'] as const) {
        expectProblem(await post(who, 'staff', staffBody({ role: 'gp', institutionId: w.townA1 })), 403, 'forbidden_role');
      }
    });

    it('role rules: a desk clerk needs an institution with a desk; a team only for GPs and nurses of its institution', async () => {
      const desk = await post('countyAdminA', 'staff', staffBody({ role: 'referral_desk', institutionId: w.townA1 }));
      expect(desk.body.errors[0]).toMatchObject({ field: 'institutionId', code: 'institution_has_no_referral_desk' });
      expect((await post('countyAdminA', 'staff', staffBody({ role: 'referral_desk', institutionId: w.hospitalA }))).status).toBe(201);
      const team = await post('countyAdminA', 'staff', staffBody({ role: 'gp', institutionId: w.townA2, teamId: w.teamA1 }));
      expect(team.body.errors[0]).toMatchObject({ field: 'teamId', code: 'team_not_of_institution' });
      const deskTeam = await post('countyAdminA', 'staff', staffBody({ role: 'referral_desk', institutionId: w.hospitalA, teamId: w.teamA1 }));
      expect(deskTeam.body.errors[0]).toMatchObject({ field: 'teamId' });
      const noInstitution = await post('countyAdminA', 'staff', staffBody({ role: 'gp' }));
      expect(fieldsOf(noInstitution)).toEqual(['institutionId']);
      const admin = await post('countyAdminA', 'staff', staffBody({ role: 'county_admin', countyId: w.countyA }));
      expect(admin.body).toMatchObject({ role: 'county_admin', countyId: w.countyA, institutionId: null });
    });

    it('refuses a taken username (409), a weak password, a bad phone (400)', async () => {
      expectProblem(await post('countyAdminA', 'staff', { ...staffBody({ role: 'gp', institutionId: w.townA1 }), username: 'gpa1' }), 409, 'username_taken');
      expect(fieldsOf(await post('countyAdminA', 'staff', { ...staffBody({ role: 'gp', institutionId: w.townA1 }), password: 'weak' }))).toEqual(['password']);
      expect(fieldsOf(await post('countyAdminA', 'staff', staffBody({ role: 'gp', institutionId: w.townA1, phone: '12345' })))).toEqual(['phone']);
    });

    it('lists stay in scope and mask phone numbers; clinicians may not list staff', async () => {
      await post('instAdminA1', 'staff', staffBody({ role: 'nurse', institutionId: w.townA1, phone: '13712345678' }));
      const list = await get('instAdminA1', 'staff?limit=200');
      expect(list.body.items.every((s: { institutionId: string }) => s.institutionId === w.townA1)).toBe(true);
      expect(list.body.items.map((s: { phone: string | null }) => s.phone)).toContain('137****5678');
      expect(ids(await get('countyAdminB', 'staff?limit=200'))).not.toContain(w.staff.gpA1);
      expect(ids(await get('countyAdminA', `staff?teamId=${w.teamA2}`)).sort()).toEqual([w.staff.gpA2, w.staff.nurseA2].sort());
      expectProblem(await get('countyAdminB', `staff/${w.staff.gpA1}`), 404, 'not_found');
      expectProblem(await get('gpA1', 'staff'), 403, 'forbidden_role');
    });

    it('disabling an account stops its sign-in and its open sessions at once; re-enabling restores sign-in', async () => {
      const user = (await post('countyAdminA', 'staff', staffBody({ role: 'gp', institutionId: w.townA2 }))).body;
      const token = await t.login(user.username);
      expect((await t.http.get('/api/v1/me').set('authorization', token)).status).toBe(200);

      const { version } = (await get('countyAdminA', `staff/${user.id}`)).body;
      expectProblem(await patch('countyAdminA', `staff/${user.id}`, { status: 'disabled' }, version + 5), 412, 'version_mismatch');
      const disabled = await patch('countyAdminA', `staff/${user.id}`, { status: 'disabled' }, version);
      expect(disabled.body).toMatchObject({ status: 'disabled', version: version + 1 });
      expectProblem(await t.http.get('/api/v1/me').set('authorization', token), 401, 'token_invalid');
      expectProblem(await t.http.post('/api/v1/auth/login').send({ username: user.username, password: TEST_PASSWORD }), 401, 'account_disabled');

      await patch('countyAdminA', `staff/${user.id}`, { status: 'active' });
      expect((await t.http.post('/api/v1/auth/login').send({ username: user.username, password: TEST_PASSWORD })).status).toBe(200);
    });

    it('account changes: out of scope 404; an institution admin cannot disable an admin (403); clinicians 403', async () => {
      expectProblem(await patch('instAdminA1', `staff/${w.staff.gpA2}`, { status: 'disabled' }), 404, 'not_found');
      expectProblem(await patch('instAdminA1', `staff/${w.staff.countyAdminA}`, { status: 'disabled' }), 404, 'not_found');
      expectProblem(await patch('countyAdminB', `staff/${w.staff.gpA1}`, { status: 'disabled' }), 404, 'not_found');
      const otherAdmin = (await post('countyAdminA', 'staff', staffBody({ role: 'institution_admin', institutionId: w.townA1 }))).body;
      expectProblem(await patch('instAdminA1', `staff/${otherAdmin.id}`, { status: 'disabled' }), 403, 'forbidden_role');
      expectProblem(await patch('gpA1', `staff/${w.staff.nurseA1}`, { status: 'disabled' }), 403, 'forbidden_role');
      expect(fieldsOf(await patch('countyAdminA', `staff/${w.staff.gpA1}`, { status: 'gone', role: 'county_admin' })).sort()).toEqual(['role', 'status']);
    });
  });
});
