import { expectProblem, fieldsOf, makeIdNumber } from '../fixtures/builders';
import { REVEAL_REASONS } from '@countycare/domain';
import { createPackages, signContract } from '../fixtures/contracts';
import { freshIdNumber, withWrongCheck } from '../fixtures/residents';
import { startTestApp, TEST_PASSWORD, TestApp } from '../fixtures/test-app';
import { buildWorld, StaffKey, World } from '../fixtures/world';

type Who = StaffKey | 'admin' | 'resA1' | 'resA2' | 'resB1';
type View = Record<string, unknown> & { id: string; version: number };

/** The resident registry (issue #3; domain.md §7.1-7.3, §7.5). */
describe('residents', () => {
  let t: TestApp;
  let w: World;

  const get = async (who: Who, path: string) => t.http.get(`/api/v1/${path}`).set('authorization', await w.as(who));
  const post = async (who: Who, path: string, body: object) => t.http.post(`/api/v1/${path}`).set('authorization', await w.as(who)).send(body);
  const register = async (extra: object = {}, who: Who = 'countyAdminA') =>
    post(who, 'residents', { countyId: w.countyA, name: '测试', idNumber: freshIdNumber(), ...extra });
  const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  describe('registration', () => {
    it('derives birth date and sex from the ID number; answers 201 with Location and a masked view', async () => {
      const idNumber = makeIdNumber('330781', '1958-02-03', 124);
      const res = await register({ name: '钱小花', idNumber, phone: '+86 139-0000-0101', tags: ['hypertension'] });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/residents/${res.body.id}`);
      expect(res.body).toMatchObject({
        birthDate: '1958-02-03', sex: 'female', name: '钱**', idNumber: masked(idNumber), phone: '139****0101',
        tags: ['elderly_65', 'hypertension'], status: 'active', masked: true, version: 1,
      });
    });

    it('a birth date or sex that disagrees with the ID number is 400 on that field', async () => {
      const idNumber = makeIdNumber('330781', '1980-01-01', 11);
      const date = await register({ idNumber, birthDate: '1980-01-02' });
      expectProblem(date, 400, 'validation_failed');
      expect(date.body.errors[0]).toMatchObject({ field: 'birthDate', code: 'birth_date_mismatch' });
      expect((await register({ idNumber, sex: 'female' })).body.errors[0]).toMatchObject({ field: 'sex', code: 'sex_mismatch' });
      expect((await register({ idNumber, birthDate: '1980-01-01', sex: 'male' })).status).toBe(201);
    });

    it('bad ID numbers are 400 on idNumber with the reason code', async () => {
      const cases: Array<[string, string]> = [
        ['33078119800101', 'id_number_format'],
        [makeIdNumber('990781', '1980-01-01', 11), 'id_number_region'],
        ['330781' + '19800230' + '0111', 'id_number_birth_date'],
        [makeIdNumber('330781', '2099-01-01', 11), 'id_number_birth_date'],
        [makeIdNumber('330781', '1899-12-31', 11), 'id_number_birth_date'],
        [withWrongCheck(makeIdNumber('330781', '1980-01-01', 13)), 'id_number_check_digit'],
      ];
      for (const [idNumber, code] of cases) {
        const res = await register({ idNumber });
        expectProblem(res, 400, 'validation_failed');
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'idNumber', code })]);
      }
    });

    it('stores a lower-case x as X and upgrades a 15-digit legacy number (domain.md §7.1)', async () => {
      let x = makeIdNumber('330781', '1975-06-07', 15);
      for (let seq = 16; !x.endsWith('X'); seq++) x = makeIdNumber('330781', '1975-06-07', seq);
      const lower = await register({ idNumber: x.toLowerCase() });
      expect((await get('countyAdminA', `residents/${lower.body.id}?reveal=true&reason=verify_identity`)).body.idNumber).toBe(x);

      const eighteen = makeIdNumber('330781', '1940-08-09', 201);
      const legacy = await register({ idNumber: eighteen.slice(0, 6) + eighteen.slice(8, 17) });
      expect(legacy.body).toMatchObject({ birthDate: '1940-08-09', sex: 'male', idNumber: masked(eighteen) });
    });

    it('one record per person: the same ID number again is 409, the legacy form of it too', async () => {
      const idNumber = makeIdNumber('330781', '1966-06-06', 61);
      const first = await register({ idNumber });
      const again = await register({ idNumber });
      expectProblem(again, 409, 'resident_exists');
      expect(again.body.residentId).toBe(first.body.id);
      expectProblem(await register({ idNumber: idNumber.slice(0, 6) + idNumber.slice(8, 17) }), 409, 'resident_exists');
      // another county's admin learns that the person exists, not where
      const other = await register({ idNumber, countyId: w.countyB }, 'countyAdminB');
      expectProblem(other, 409, 'resident_exists');
      expect(other.body.residentId).toBeUndefined();
    });

    it('age-based tags cannot be typed; the pregnant tag needs a woman', async () => {
      expect((await register({ tags: ['elderly_65'] })).body.errors[0]).toMatchObject({ field: 'tags', code: 'isIn' });
      expect((await register({ idNumber: freshIdNumber('male'), tags: ['pregnant'] })).body.errors[0]).toMatchObject({ field: 'tags', code: 'tag_sex_mismatch' });
    });

    it('who registers: county staff of the county; another county 404; the bureau-less system admin and residents 403', async () => {
      for (const who of ['instAdminA1', 'gpA1', 'nurseA1'] as const) expect((await register({}, who)).status).toBe(201);
      expectProblem(await register({}, 'countyAdminB'), 404, 'not_found');
      expectProblem(await register({}, 'gpB1'), 404, 'not_found');
      for (const who of ['deskA', 'resA1', 'admin'] as const) expectProblem(await register({}, who), 403, 'forbidden_role');
    });
  });

  describe('search (GET /residents?q=)', () => {
    it('finds by full ID number (18, lower-case x, legacy 15) and by mobile in any common format', async () => {
      const byId = await get('gpA1', `residents?q=${w.idNumbers.A1}`);
      expect(byId.body.items.map((r: View) => r.id)).toEqual([w.residents.A1]);
      expect(byId.body.items[0]).toMatchObject({ name: '张*', idNumber: masked(w.idNumbers.A1), phone: '138****0001' });
      const legacy = w.idNumbers.A1.slice(0, 6) + w.idNumbers.A1.slice(8, 17);
      expect((await get('gpA1', `residents?q=${legacy}`)).body.items.map((r: View) => r.id)).toEqual([w.residents.A1]);
      for (const q of ['13800000002', '+8613800000002', '138-0000-0002']) {
        expect((await get('gpA1', `residents?q=${encodeURIComponent(q)}`)).body.items.map((r: View) => r.id)).toEqual([w.residents.A2]);
      }
      expect((await get('gpA1', `residents?q=${withWrongCheck(w.idNumbers.A1)}`)).body.errors[0]).toMatchObject({ field: 'q', code: 'id_number_check_digit' });
    });

    it('walks a name prefix with keyset pages: every match once, in name order, nothing else', async () => {
      const names = Array.from({ length: 17 }, (_, i) => `欧阳${String.fromCharCode(0x4e00 + i * 7)}${i % 3 ? '明' : ''}`);
      for (const name of names) expect((await register({ name })).status).toBe(201);
      await register({ name: '欧文' });
      const seen: View[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await get('gpA1', `residents?q=${encodeURIComponent('欧阳')}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(4);
      expect(seen).toHaveLength(17);
      expect(new Set(seen.map((r) => r.id)).size).toBe(17);
      expect(seen.every((r) => r.name === '欧阳' + '*'.repeat(String(r.name).length - 2))).toBe(true);
      expectProblem(await get('gpA1', 'residents?q=%E6%AC%A7&cursor=not-a-cursor'), 400, 'validation_failed');
    });

    it('finds names with characters outside the BMP (生僻字) by prefix, on every database alike', async () => {
      const rare = ['王𠀾𪚥', '王𠀾', '王𪚥𠀾', '王𠀾明', '王小明'];
      const ids = new Map<string, string>();
      for (const name of rare) {
        const res = await register({ name });
        expect(res.status).toBe(201);
        ids.set(name, res.body.id);
      }
      const found = async (q: string) => (await get('countyAdminA', `residents?q=${encodeURIComponent(q)}&limit=50`)).body.items
        .map((r: View) => r.id).filter((id: string) => [...ids.values()].includes(id)).sort();
      const idsOf = (...names: string[]) => names.map((n) => ids.get(n)!).sort();
      expect(await found('王𠀾')).toEqual(idsOf('王𠀾𪚥', '王𠀾', '王𠀾明'));
      expect(await found('王𪚥')).toEqual(idsOf('王𪚥𠀾'));
      expect(await found('王𠀾𪚥')).toEqual(idsOf('王𠀾𪚥'));
      expect(await found('王')).toEqual(idsOf(...rare));
      // the full name is kept as typed (no replacement characters)
      const one = await get('gpA1', `residents/${ids.get('王𠀾𪚥')}`);
      expect(one.body.name).toBe('王𠀾𪚥');
    });

    it('a LIKE wildcard in the prefix is a literal character', async () => {
      expect((await get('gpA1', `residents?q=${encodeURIComponent('%')}`)).body.items).toEqual([]);
      expect((await get('gpA1', `residents?q=${encodeURIComponent('张_')}`)).body.items).toEqual([]);
    });

    it('stays in scope: a GP of another county finds nothing of county A, and gets 404 on its records', async () => {
      expect((await get('gpB1', `residents?q=${w.idNumbers.A1}`)).body.items).toEqual([]);
      expect((await get('gpB1', 'residents?q=13800000001')).body.items).toEqual([]);
      expect((await get('gpB1', `residents?q=${encodeURIComponent('张')}`)).body.items).toEqual([]);
      expect((await get('gpB1', 'residents?limit=200')).body.items.map((r: View) => r.id)).toEqual([w.residents.B1]);
      expectProblem(await get('gpB1', `residents/${w.residents.A1}`), 404, 'not_found');
      expectProblem(await get('countyAdminB', `residents/${w.residents.A1}`), 404, 'not_found');
      expect((await get('resA1', 'residents?limit=200')).body.items.map((r: View) => r.id)).toEqual([w.residents.A1]);
    });

    it('the system admin names a county for name and phone searches (county-leading indexes)', async () => {
      expect(fieldsOf(await get('admin', `residents?q=${encodeURIComponent('张')}`))).toEqual(['countyId']);
      const res = await get('admin', `residents?q=${encodeURIComponent('张')}&countyId=${w.countyA}`);
      expect(res.body.items.map((r: View) => r.id)).toContain(w.residents.A1);
      expect((await get('admin', `residents?q=${w.idNumbers.B1}`)).body.items.map((r: View) => r.id)).toEqual([w.residents.B1]);
    });
  });

  describe('masking per role (domain.md §7.3)', () => {
    it('lists mask name, ID and phone for every staff role', async () => {
      for (const who of ['gpA1', 'nurseA1', 'deskA', 'countyAdminA', 'instAdminA1'] as const) {
        const [row] = (await get(who, `residents?q=${w.idNumbers.A1}`)).body.items;
        expect(row).toMatchObject({ name: '张*', idNumber: masked(w.idNumbers.A1), phone: '138****0001', addressLine: null, masked: true });
      }
    });

    it('details: the care team sees name and address, the desk the name, admins neither; numbers stay masked', async () => {
      const detail = async (who: Who) => (await get(who, `residents/${w.residents.A1}`)).body;
      expect(await detail('gpA1')).toMatchObject({ name: '张三', addressLine: '解放路1号', idNumber: masked(w.idNumbers.A1), phone: '138****0001' });
      expect(await detail('nurseA1')).toMatchObject({ name: '张三', addressLine: '解放路1号' });
      expect(await detail('deskA')).toMatchObject({ name: '张三', addressLine: null });
      expect(await detail('countyAdminA')).toMatchObject({ name: '张*', addressLine: null, township: '城关镇', idNumber: masked(w.idNumbers.A1) });
      expect(await detail('instAdminA1')).toMatchObject({ name: '张*' });
    });

    it('?reveal=true is for the care team, the desk working a live referral and county admins; others 403, audited; self in full', async () => {
      const packages = await createPackages(w);
      const registered = await register({ name: '周大福', phone: '13900001234', addressLine: '解放路9号' });
      const id = registered.body.id;
      const idNumber = (await get('countyAdminA', `residents/${id}?reveal=true&reason=verify_identity`)).body.idNumber;
      const reveal = (who: Who) => get(who, `residents/${id}?reveal=true&reason=verify_identity`);
      const full = { idNumber, phone: '13900001234', masked: false, maskedFields: [] };
      // no care relation yet: a GP of the county reads the record, masked, but may not reveal it
      expectProblem(await reveal('gpA1'), 403, 'reveal_not_allowed');
      expect((await get('gpA1', `residents/${id}`)).body).toMatchObject({ masked: true, maskedFields: ['idNumber', 'phone'] });

      await signContract(w, id, { packages });
      for (const who of ['gpA1', 'nurseA1'] as const) expect((await reveal(who)).body).toMatchObject(full);
      // another team, another institution reading under county-wide sharing, the desk without a referral: masked, 403
      for (const who of ['gpA2', 'nurseA2', 'hospitalGpA', 'deskA'] as const) {
        const res = await reveal(who);
        expect({ who, status: res.status, code: res.body.code }).toEqual({ who, status: 403, code: 'reveal_not_allowed' });
      }
      expect((await get('hospitalGpA', `residents/${id}`)).body).toMatchObject({ name: '周大福', idNumber: masked(idNumber), phone: '139****1234' });

      // a referral to hospital A is being worked: its desk may call the patient
      const referral = await post('gpA1', 'referrals', {
        direction: 'up', residentId: id, toInstitutionId: w.hospitalA, urgency: 'urgent', reason: '胸痛待查',
        diagnoses: [{ code: 'R07.4', name: '胸痛' }], summary: '胸痛两天', submit: true,
      });
      expect(referral.status).toBe(201);
      expect((await reveal('deskA')).body).toMatchObject({ idNumber, phone: '13900001234', masked: true, maskedFields: ['addressLine'] });
      expectProblem(await reveal('deskB'), 404, 'not_found');
      await post('deskA', `referrals/${referral.body.id}/reject`, { reason: '请先在基层完善心电图' });
      expectProblem(await reveal('deskA'), 403, 'reveal_not_allowed');

      expect((await reveal('countyAdminA')).body).toMatchObject({ idNumber, phone: '13900001234' });
      expectProblem(await get('instAdminA1', `residents/${id}?reveal=true&reason=verify_identity`), 403, 'forbidden_role');
      expectProblem(await get('gpB1', `residents/${id}?reveal=true&reason=verify_identity`), 404, 'not_found');
      // the refusals are in the audit log as denied reveals
      const events = (await get('countyAdminA', `audit-events?residentId=${id}&limit=200`)).body.items as Array<Record<string, unknown>>;
      expect(events).toEqual(expect.arrayContaining([
        expect.objectContaining({ action: 'reveal_pii', outcome: 'denied', actorId: w.staff.hospitalGpA }),
        expect.objectContaining({ action: 'reveal_pii', outcome: 'success', actorId: w.staff.deskA }),
      ]));

      const self = (await get('resA1', `residents/${w.residents.A1}`)).body;
      expect(self).toMatchObject({ name: '张三', idNumber: w.idNumbers.A1, phone: '13800000001', addressLine: '解放路1号', masked: false, maskedFields: [] });
      expectProblem(await get('resA1', `residents/${w.residents.A2}`), 404, 'not_found');
    });

    it('the masked flag says what was actually held back', async () => {
      const bare = await register({ name: '吴一' });
      // no phone, no address: only the name (for an admin) and the ID number are held back
      expect((await get('countyAdminA', `residents/${bare.body.id}`)).body).toMatchObject({ masked: true, maskedFields: ['name', 'idNumber'], phone: null });
      expect((await get('gpA1', `residents/${bare.body.id}`)).body).toMatchObject({ masked: true, maskedFields: ['idNumber'] });
      expect((await get('countyAdminA', `residents/${bare.body.id}?reveal=true&reason=verify_identity`)).body).toMatchObject({ maskedFields: ['name'] });
      const sensitive = await register({ name: '郑二', tags: ['severe_mental'] });
      expect((await get('deskA', `residents/${sensitive.body.id}`)).body.maskedFields).toEqual(['idNumber', 'tags']);
    });

    it('extra-sensitive tags show only to the care team and the resident', async () => {
      const res = await register({ tags: ['severe_mental', 'low_income'] });
      const path = `residents/${res.body.id}`;
      expect((await get('gpA1', path)).body.tags).toEqual(['severe_mental', 'low_income']);
      expect((await get('countyAdminA', path)).body.tags).toEqual(['low_income']);
      expect((await get('deskA', path)).body.tags).toEqual(['low_income']);
    });
  });

  describe('audit (domain.md §7.5)', () => {
    it('every read and every reveal is audited; the resident sees both in the access log', async () => {
      await signContract(w, w.residents.A2, { packages: await createPackages(w, '_audit') });
      await get('nurseA1', `residents/${w.residents.A2}`);
      await get('gpA1', `residents/${w.residents.A2}?reveal=true&reason=contact_resident`);
      const events = (await get('countyAdminA', `audit-events?residentId=${w.residents.A2}`)).body.items as Array<Record<string, unknown>>;
      // the read and the reveal of one request share a millisecond: their order is not defined
      expect(events.slice(0, 2)).toEqual(expect.arrayContaining([
        expect.objectContaining({
          action: 'reveal_pii', actorId: w.staff.gpA1, resourceId: w.residents.A2, detail: { fields: ['idNumber', 'phone'], reason: 'contact_resident' },
        }),
        expect.objectContaining({ action: 'read', actorId: w.staff.gpA1, resourceId: w.residents.A2 }),
      ]));
      expect(events[2]).toMatchObject({ action: 'read', actorId: w.staff.nurseA1 });
      const log = ((await get('resA2', 'me/access-log')).body.items as Array<{ action: string; actorRole: string; resourceType: string; revealReason: string | null }>)
        .filter((e) => e.resourceType === 'resident');
      expect(log.slice(0, 3).map((e) => `${e.action}:${e.actorRole}:${e.revealReason}`).sort()).toEqual(
        ['read:gp:null', 'read:nurse:null', 'reveal_pii:gp:contact_resident'],
      );
    });

    it('a reveal names its reason: none, an unknown one, or a reason without reveal=true is 400 on `reason`, and nothing is shown or audited', async () => {
      // the GP's own events about the resident (reading the log is audited too, as the county admin's)
      const gpEvents = async () => (await get('countyAdminA', `audit-events?residentId=${w.residents.A1}&actorId=${w.staff.gpA1}&limit=200`)).body.items;
      const before = (await gpEvents()).length;
      for (const query of ['reveal=true', 'reveal=true&reason=curiosity', 'reveal=true&reason=', 'reason=verify_identity', 'reveal=false&reason=verify_identity']) {
        const res = await get('gpA1', `residents/${w.residents.A1}?${query}`);
        expect({ query, status: res.status, fields: fieldsOf(res) }).toEqual({ query, status: 400, fields: ['reason'] });
        expect(res.body.idNumber).toBeUndefined();
      }
      expect(await gpEvents()).toHaveLength(before);
      // every reason has its label in both languages (GET /dictionaries)
      const labels = (await t.http.get('/api/v1/dictionaries').set('authorization', await w.as('gpA1'))).body.reveal_reason;
      expect(Object.keys(labels).sort()).toEqual([...REVEAL_REASONS].sort());
      for (const reason of REVEAL_REASONS) expect(labels[reason]).toEqual({ 'zh-CN': expect.any(String), en: expect.any(String) });
    });

    it('search hits are audited, one event per resident listed; an out-of-scope read is audited as denied', async () => {
      await get('deskA', `residents?q=${w.idNumbers.A3}`);
      await get('gpB1', `residents/${w.residents.A3}`);
      const events = (await get('admin', `audit-events?residentId=${w.residents.A3}`)).body.items as Array<Record<string, unknown>>;
      expect(events[0]).toMatchObject({ action: 'read', actorId: w.staff.gpB1, outcome: 'denied' });
      expect(events[1]).toMatchObject({ action: 'read', actorId: w.staff.deskA, outcome: 'success', detail: { via: 'search' } });
    });
  });

  describe('changes (PATCH with If-Match)', () => {
    it('updates with the current version, 412 on a stale one, and audits the fields changed', async () => {
      const r = (await register({ phone: '13700000001' })).body as View;
      const patch = async (body: object, version?: number) => {
        const req = t.http.patch(`/api/v1/residents/${r.id}`).set('authorization', await w.as('gpA1'));
        return (version === undefined ? req : req.set('if-match', `"${version}"`)).send(body);
      };
      const ok = await patch({ name: '测试改', phone: '', householdNo: 'H9', tags: ['copd'] }, r.version);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ name: '测试改', phone: null, householdNo: 'H9', tags: ['copd'], version: r.version + 1 });
      expectProblem(await patch({ name: '再改' }, r.version), 412, 'version_mismatch');
      expectProblem(await patch({ name: '再改', version: r.version }), 409, 'version_mismatch');
      expect((await patch({ tags: ['pregnant'] })).body.errors[0]).toMatchObject({ field: 'tags', code: 'tag_sex_mismatch' });
      expect((await patch({ phone: '12345' })).body.errors[0]).toMatchObject({ field: 'phone', code: 'phone_format' });
      const events = (await get('countyAdminA', `audit-events?residentId=${r.id}`)).body.items as Array<Record<string, unknown>>;
      expect(events.find((e) => e.action === 'update')).toMatchObject({ detail: { fields: ['name', 'phone', 'householdNo', 'tags'] } });
      expectProblem(await t.http.patch(`/api/v1/residents/${r.id}`).set('authorization', await w.as('gpB1')).send({ name: 'x' }), 404, 'not_found');
      expectProblem(await t.http.patch(`/api/v1/residents/${r.id}`).set('authorization', await w.as('deskA')).send({ name: 'x' }), 403, 'forbidden_role');
    });
  });

  describe('resident accounts (POST /residents/:id/account)', () => {
    it('staff in scope open a login bound to the resident; the resident then signs in and sees only self', async () => {
      const r = (await register({ name: '卫小民' })).body as View;
      const res = await post('gpA1', `residents/${r.id}/account`, { username: 'weixiaomin', password: TEST_PASSWORD });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/residents/${r.id}`);
      expect(res.body).toMatchObject({ role: 'resident', scope: { residentId: r.id, countyId: w.countyA } });
      const token = await t.login('weixiaomin');
      expect((await t.http.get('/api/v1/me').set('authorization', token)).body).toMatchObject({ role: 'resident', scope: { residentId: r.id } });
      expect((await t.http.get(`/api/v1/residents/${r.id}`).set('authorization', token)).body).toMatchObject({ name: '卫小民', masked: false });
      expectProblem(await t.http.get(`/api/v1/residents/${w.residents.A1}`).set('authorization', token), 404, 'not_found');
      expectProblem(await post('gpA1', `residents/${r.id}/account`, { username: 'weixiaomin2', password: TEST_PASSWORD }), 409, 'resident_account_exists');
    });

    it('another county 404; the desk and residents 403; a weak password 400', async () => {
      const r = (await register()).body as View;
      expectProblem(await post('gpB1', `residents/${r.id}/account`, { username: 'nope1', password: TEST_PASSWORD }), 404, 'not_found');
      expectProblem(await post('deskA', `residents/${r.id}/account`, { username: 'nope2', password: TEST_PASSWORD }), 403, 'forbidden_role');
      expectProblem(await post('resA1', `residents/${r.id}/account`, { username: 'nope3', password: TEST_PASSWORD }), 403, 'forbidden_role');
      expect(fieldsOf(await post('countyAdminA', `residents/${r.id}/account`, { username: 'nope4', password: 'weak' }))).toEqual(['password']);
    });
  });

  describe('bad input is 400, never 500', () => {
    it('wrong types, unknown fields, huge strings, missing fields', async () => {
      const huge = 'x'.repeat(10_000);
      for (const body of [
        { countyId: w.countyA, name: 123, idNumber: freshIdNumber() },
        { countyId: w.countyA, name: '张三', idNumber: freshIdNumber(), role: 'admin' },
        { countyId: w.countyA, name: huge, idNumber: freshIdNumber() },
        { countyId: w.countyA, name: '张三', idNumber: huge },
        { countyId: w.countyA, name: '张三', idNumber: freshIdNumber(), addressLine: huge },
        { countyId: w.countyA, name: '张三', idNumber: freshIdNumber(), tags: 'copd' },
        { countyId: w.countyA, name: '张三', idNumber: freshIdNumber(), phone: { $gt: '' } },
        { countyId: ['x'], name: null, idNumber: 18 },
        {},
      ]) {
        const res = await post('countyAdminA', 'residents', body);
        expectProblem(res, 400, 'validation_failed');
      }
      expectProblem(await get('gpA1', `residents?q=${'x'.repeat(10_000)}`), 400, 'validation_failed');
      expectProblem(await get('gpA1', 'residents?limit=100000'), 400, 'validation_failed');
      expectProblem(await get('gpA1', `residents/${w.residents.A1}?reveal=yes`), 400, 'validation_failed');
      expectProblem(await get('gpA1', `residents/${'x'.repeat(5000)}`), 404, 'not_found');
      const patch = await t.http.patch(`/api/v1/residents/${w.residents.A1}`).set('authorization', await w.as('gpA1')).send({ birthDate: '1990-01-01', status: 'gone' });
      expect(fieldsOf(patch).sort()).toEqual(['birthDate', 'status']);
    });
  });
});
