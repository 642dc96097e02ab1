import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';
import { expectProblem } from '../fixtures/builders';
import { at, createPackages, get, newResident, Packages, post, signContract, Who } from '../fixtures/contracts';

/**
 * Who may use each contracts route (api.md: a role never allowed → 403; a
 * record outside the caller's scope → 404), role by role.
 */
describe('contracts access per role (issue #4, design.md "Access control")', () => {
  let t: TestApp;
  let w: World;
  let p: Packages;
  let active: { id: string };
  let pending: { id: string };
  let recordId: string;

  const status = async (who: Who, method: 'get' | 'post', path: string, body: object = {}) => {
    const token = await w.as(who);
    const res = method === 'get' ? await get(w, token, path) : await post(w, token, path, body);
    if (res.status >= 400) expectProblem(res, res.status);
    return res.status;
  };
  const each = async (whos: Who[], method: 'get' | 'post', path: string, body: object = {}) => {
    const out: Record<string, number> = {};
    for (const who of whos) out[who] = await status(who, method, path, body);
    return out;
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    p = await createPackages(w);
    active = await signContract(w, w.residents.A1, { packages: p });
    const applied = await post(w, await w.as('resA2'), 'contracts', {
      residentId: w.residents.A2, teamId: w.teamA1, packageIds: [p.basic], startDate: t.clock.today(), sharingConsent: true,
    });
    pending = applied.body;
    recordId = (await post(w, await w.as('nurseA1'), `contracts/${active.id}/services`, {
      serviceItemCode: 'health_check', deliveredAt: at(t.clock.today(), 0), modality: 'face_to_face',
    })).body.id;
  });
  afterAll(() => t.close());

  it('POST /service-packages: county and institution admins of the county; nobody else', async () => {
    const body = (code: string) => ({ countyId: w.countyA, code, name: 'P', kind: 'basic', priceYuan: 0, items: [{ code: 'x', name: 'x', timesPerYear: 1, modality: 'any' }] });
    expect(await status('countyAdminA', 'post', 'service-packages', body('pa'))).toBe(201);
    expect(await status('instAdminA1', 'post', 'service-packages', body('pb'))).toBe(201);
    expect(await status('countyAdminB', 'post', 'service-packages', body('pc'))).toBe(404);
    expect(await each(['gpA1', 'nurseA1', 'deskA', 'resA1', 'admin'], 'post', 'service-packages', body('pd')))
      .toEqual({ gpA1: 403, nurseA1: 403, deskA: 403, resA1: 403, admin: 403 });
  });

  it('GET /service-packages(/:id): staff and residents of the county; the desk never; other counties 404', async () => {
    expect(await each(['countyAdminA', 'instAdminA1', 'gpA1', 'nurseA1', 'resA1', 'admin'], 'get', 'service-packages'))
      .toEqual({ countyAdminA: 200, instAdminA1: 200, gpA1: 200, nurseA1: 200, resA1: 200, admin: 200 });
    expect(await status('deskA', 'get', 'service-packages')).toBe(403);
    expect(await each(['gpA1', 'resA1', 'gpB1', 'resB1', 'deskA'], 'get', `service-packages/${p.basic}`))
      .toEqual({ gpA1: 200, resA1: 200, gpB1: 404, resB1: 404, deskA: 403 });
  });

  it('POST /contracts: a GP of the team signs, the resident applies for themselves; other roles 403', async () => {
    const r = await newResident(w);
    const body = { residentId: r.id, teamId: w.teamA1, packageIds: [p.basic], startDate: t.clock.today(), sharingConsent: true };
    expect(await each(['nurseA1', 'countyAdminA', 'instAdminA1', 'deskA', 'admin'], 'post', 'contracts', body))
      .toEqual({ nurseA1: 403, countyAdminA: 403, instAdminA1: 403, deskA: 403, admin: 403 });
    expect(await each(['gpB1', 'gpA2', 'resA3'], 'post', 'contracts', body)).toEqual({ gpB1: 404, gpA2: 404, resA3: 404 });
    expect(await status('gpA1', 'post', 'contracts', body)).toBe(201);
  });

  it('GET /contracts/:id: the team, its institution and county admins, the resident, and clinicians of the county while open', async () => {
    expect(await each(['gpA1', 'nurseA1', 'instAdminA1', 'countyAdminA', 'admin', 'resA1', 'hospitalGpA', 'gpA2', 'gpVillageA1'], 'get', `contracts/${active.id}`))
      .toEqual({ gpA1: 200, nurseA1: 200, instAdminA1: 200, countyAdminA: 200, admin: 200, resA1: 200, hospitalGpA: 200, gpA2: 200, gpVillageA1: 200 });
    expect(await each(['resA2', 'gpB1', 'countyAdminB', 'deskA'], 'get', `contracts/${active.id}`))
      .toEqual({ resA2: 404, gpB1: 404, countyAdminB: 404, deskA: 403 });
    // an application is not open: only the team, admins and the applicant see it
    expect(await each(['gpA1', 'resA2', 'gpA2', 'hospitalGpA', 'resA1'], 'get', `contracts/${pending.id}`))
      .toEqual({ gpA1: 200, resA2: 200, gpA2: 404, hospitalGpA: 404, resA1: 404 });
  });

  it('GET /contracts: everyone with a contract scope; the desk never; nobody sees outside their scope', async () => {
    expect(await status('deskA', 'get', 'contracts')).toBe(403);
    const ids = async (who: Who, query = '') => (await get(w, await w.as(who), `contracts?limit=200${query}`)).body.items.map((c: { id: string }) => c.id);
    expect(await ids('gpA1')).toEqual(expect.arrayContaining([active.id, pending.id]));
    expect(await ids('instAdminA1')).toEqual(expect.arrayContaining([active.id, pending.id]));
    expect(await ids('countyAdminA')).toEqual(expect.arrayContaining([active.id, pending.id]));
    expect(await ids('resA1')).toEqual([active.id]);
    expect(await ids('countyAdminB')).toEqual([]);
    expect(await ids('gpA2', `&residentId=${w.residents.A2}`)).toEqual([]);
    expect(await ids('gpA2', `&residentId=${w.residents.A1}`)).toEqual([active.id]);
  });

  it('confirm / reject: GPs of the team only', async () => {
    for (const action of ['confirm', 'reject']) {
      const body = action === 'reject' ? { reason: 'x' } : {};
      expect(await each(['nurseA1', 'resA2', 'countyAdminA', 'instAdminA1', 'deskA', 'admin'], 'post', `contracts/${pending.id}/${action}`, body))
        .toEqual({ nurseA1: 403, resA2: 403, countyAdminA: 403, instAdminA1: 403, deskA: 403, admin: 403 });
      expect(await each(['gpA2', 'gpB1'], 'post', `contracts/${pending.id}/${action}`, body)).toEqual({ gpA2: 404, gpB1: 404 });
    }
    expect(await status('gpA1', 'post', `contracts/${pending.id}/confirm`)).toBe(200);
  });

  it('terminate / renew: GPs of the team, or the resident asking; other roles 403, others\' contracts 404', async () => {
    for (const [action, body] of [['terminate', { reason: 'moved_out' }], ['renew', { sharingConsent: true }]] as const) {
      expect(await each(['nurseA1', 'countyAdminA', 'instAdminA1', 'deskA', 'admin'], 'post', `contracts/${active.id}/${action}`, body))
        .toEqual({ nurseA1: 403, countyAdminA: 403, instAdminA1: 403, deskA: 403, admin: 403 });
      expect(await each(['gpA2', 'gpB1', 'resA2'], 'post', `contracts/${active.id}/${action}`, body)).toEqual({ gpA2: 404, gpB1: 404, resA2: 404 });
      // a GP outside any team holds no contracts at all
      expect(await status('hospitalGpA', 'post', `contracts/${active.id}/${action}`, body)).toBe(403);
    }
    expect(await status('resA1', 'post', `contracts/${active.id}/renew`, { sharingConsent: true })).toBe(201);
  });

  it('cancel / withdraw-termination / sharing-consent: the resident or the team\'s GP', async () => {
    const r = await newResident(w, { login: true });
    const c = await signContract(w, r.id, { packages: p });
    await post(w, r.token!, `contracts/${c.id}/terminate`, { reason: 'resident_request' });
    for (const [action, body] of [['withdraw-termination', {}], ['sharing-consent', { sharingConsent: false }], ['cancel', {}]] as const) {
      expect(await each(['nurseA1', 'countyAdminA', 'deskA', 'admin'], 'post', `contracts/${c.id}/${action}`, body))
        .toEqual({ nurseA1: 403, countyAdminA: 403, deskA: 403, admin: 403 });
      expect(await each(['gpA2', 'resA1'], 'post', `contracts/${c.id}/${action}`, body)).toEqual({ gpA2: 404, resA1: 404 });
    }
    expect((await post(w, r.token!, `contracts/${c.id}/sharing-consent`, { sharingConsent: false })).status).toBe(200);
    expect(await status('gpA1', 'post', `contracts/${c.id}/withdraw-termination`)).toBe(200);
  });

  it('POST /contracts/:id/services: GPs and nurses of the county only', async () => {
    const body = { serviceItemCode: 'health_consult', deliveredAt: at(t.clock.today(), 0), modality: 'phone' };
    expect(await each(['gpA1', 'nurseA1', 'hospitalGpA', 'gpVillageA1', 'nurseA2'], 'post', `contracts/${active.id}/services`, body))
      .toEqual({ gpA1: 201, nurseA1: 201, hospitalGpA: 201, gpVillageA1: 201, nurseA2: 201 });
    expect(await each(['countyAdminA', 'instAdminA1', 'deskA', 'resA1', 'admin'], 'post', `contracts/${active.id}/services`, body))
      .toEqual({ countyAdminA: 403, instAdminA1: 403, deskA: 403, resA1: 403, admin: 403 });
    expect(await each(['gpB1', 'nurseB1'], 'post', `contracts/${active.id}/services`, body)).toEqual({ gpB1: 404, nurseB1: 404 });
  });

  it('GET /contracts/:id/services: the team sees every record; another institution only its own', async () => {
    expect(await each(['gpA1', 'nurseA1', 'instAdminA1', 'countyAdminA', 'admin', 'resA1', 'hospitalGpA'], 'get', `contracts/${active.id}/services`))
      .toEqual({ gpA1: 200, nurseA1: 200, instAdminA1: 200, countyAdminA: 200, admin: 200, resA1: 200, hospitalGpA: 200 });
    expect(await each(['resA2', 'gpB1', 'countyAdminB', 'deskA'], 'get', `contracts/${active.id}/services`))
      .toEqual({ resA2: 404, gpB1: 404, countyAdminB: 404, deskA: 403 });
    const by = async (who: Who) => (await get(w, await w.as(who), `contracts/${active.id}/services?limit=200`)).body.items
      .map((r: { deliveringInstitutionId: string }) => r.deliveringInstitutionId);
    expect(new Set(await by('gpA1'))).toEqual(new Set([w.townA1, w.hospitalA, w.villageA1, w.townA2]));
    expect(new Set(await by('hospitalGpA'))).toEqual(new Set([w.hospitalA]));
  });

  it('void: only the clinician who logged the record', async () => {
    const path = `contracts/${active.id}/services/${recordId}/void`;
    expect(await each(['countyAdminA', 'resA1', 'deskA'], 'post', path, { reason: 'x' })).toEqual({ countyAdminA: 403, resA1: 403, deskA: 403 });
    expect(await each(['gpA1', 'hospitalGpA', 'gpB1'], 'post', path, { reason: 'x' })).toEqual({ gpA1: 404, hospitalGpA: 404, gpB1: 404 });
    expect(await status('nurseA1', 'post', path, { reason: '录入错误' })).toBe(200);
  });

  it('GET /me/contracts: residents only', async () => {
    expect(await each(['resA1', 'resB1'], 'get', 'me/contracts')).toEqual({ resA1: 200, resB1: 200 });
    expect(await each(['gpA1', 'countyAdminA', 'admin'], 'get', 'me/contracts')).toEqual({ gpA1: 403, countyAdminA: 403, admin: 403 });
  });
});
