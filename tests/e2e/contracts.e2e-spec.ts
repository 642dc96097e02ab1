import { packRef, uuidBytes } from '@countycare/audit';
import { Contract } from '@countycare/contracts';
import { newId } from '@countycare/common';
import { contractEndDate } from '@countycare/domain';
import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';
import { expectProblem, fieldsOf } from '../fixtures/builders';
import { at, createPackages, daysFrom, get, newResident, Packages, post, signContract } from '../fixtures/contracts';

/** A valid body for each action route, so a refusal can only come from the state machine. */
const BODIES: Record<string, object> = {
  confirm: {}, reject: { reason: '不在本团队服务范围' }, cancel: {}, terminate: { reason: 'moved_out' }, 'withdraw-termination': {},
  renew: { sharingConsent: true },
};
const ROUTES = Object.keys(BODIES);
const route = (action: string) => action.replace('_', '-');
/** The fields a 400 names, each once. */
const fields = (res: { body: { errors?: Array<{ field: string }> } }) => [...new Set(fieldsOf(res))];

describe('family-doctor contracts (issue #4, domain.md §3)', () => {
  let t: TestApp;
  let w: World;
  let p: Packages;
  let today: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    p = await createPackages(w);
    today = t.clock.today();
  });
  afterAll(() => t.close());

  describe('service packages (§3.1)', () => {
    it('stores price and own share in fen and shows yuan; institution packages record their owner', async () => {
      const res = await get(w, await w.as('gpA1'), `service-packages/${p.dm}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        code: 'dm_care', kind: 'personalized', targetPopulations: ['diabetes_t2'], priceYuan: 150, selfPayYuan: 45, selfPayShare: 0.3,
        ownerInstitutionId: w.townA1, active: true,
        items: [{ code: 'dm_follow_up', timesPerYear: 4, modality: 'face_to_face', requiredData: ['fastingGlucose'] }],
      });
      const htn = await get(w, await w.as('resA1'), `service-packages/${p.htn}`);
      expect(htn.body).toMatchObject({ priceYuan: 120, selfPayYuan: 36, selfPayShare: 0.3, ownerInstitutionId: null });
    });

    it('refuses a repeated code (409), repeated items, bad money and unknown fields (400)', async () => {
      const admin = await w.as('countyAdminA');
      const item = { code: 'x', name: 'x', timesPerYear: 1, modality: 'any' };
      const base = { code: 'p1', name: 'P', kind: 'basic', priceYuan: 10, items: [item] };
      expectProblem(await post(w, admin, 'service-packages', { ...base, code: 'basic' }), 409, 'package_code_taken');
      const repeated = await post(w, admin, 'service-packages', { ...base, items: [item, item] });
      expectProblem(repeated, 400, 'validation_failed');
      expect(fields(repeated)).toEqual(['items.1.code']);
      expect(fields(await post(w, admin, 'service-packages', { ...base, priceYuan: 1.234 }))).toEqual(['priceYuan']);
      expect(fields(await post(w, admin, 'service-packages', { ...base, selfPayYuan: 11 }))).toEqual(['selfPayYuan']);
      expect(fields(await post(w, admin, 'service-packages', { ...base, selfPayShare: 1.5 }))).toEqual(['selfPayShare']);
      expect(fields(await post(w, admin, 'service-packages', { ...base, items: [{ ...item, modality: 'fax' }] }))).toEqual(['items.0.modality']);
      expect(fields(await post(w, admin, 'service-packages', { ...base, targetPopulations: ['vip'] }))).toEqual(['targetPopulations']);
      expect(fields(await post(w, admin, 'service-packages', { ...base, discount: 5 }))).toEqual(['discount']);
    });

    it('lists only the caller\'s county, keyset-paginated', async () => {
      const first = await get(w, await w.as('gpA1'), 'service-packages?limit=2');
      expect(first.body.items).toHaveLength(2);
      const second = await get(w, await w.as('gpA1'), `service-packages?limit=2&cursor=${first.body.nextCursor}`);
      const codes = [...first.body.items, ...second.body.items].map((x: { id: string }) => x.id);
      expect(codes).toEqual(expect.arrayContaining([p.basic, p.htn, p.dm]));
      expect(codes).not.toContain(p.basicB);
      expectProblem(await get(w, await w.as('gpA1'), `service-packages/${p.basicB}`), 404, 'not_found');
    });
  });

  describe('signing and applying (§3.2, §3.3)', () => {
    it('a GP signs: active from today, term = start + 1 year − 1 day, consent recorded; Location header', async () => {
      const r = await newResident(w, { tags: ['hypertension'] });
      const res = await post(w, await w.as('gpA1'), 'contracts', {
        residentId: r.id, teamId: w.teamA1, packageIds: [p.basic, p.htn], startDate: today, sharingConsent: true,
      });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/contracts/${res.body.id}`);
      expect(res.body).toMatchObject({
        status: 'active', startDate: today, endDate: contractEndDate(today), gpId: w.staff.gpA1, teamId: w.teamA1, institutionId: w.townA1,
        origin: 'team', signWay: 'self', sharingConsent: { given: true }, allowedActions: ['terminate', 'renew'], version: 1,
      });
      expect(res.body.resident).toMatchObject({ name: '测***' });
      expect(res.body.packages.map((x: { code: string }) => x.code)).toEqual(['basic', 'htn_care']);
      expect(res.body.fulfilment.overall).toEqual({ promised: 7, counted: 0, rate: 0 });
    });

    it('a future start is scheduled; a resident\'s application is pending', async () => {
      const r = await newResident(w, { login: true });
      const scheduled = await signContract(w, (await newResident(w)).id, { packages: p, startDate: daysFrom(today, 10) });
      expect(scheduled.status).toBe('scheduled');
      const applied = await post(w, r.token!, 'contracts', {
        residentId: r.id, teamId: w.teamA2, packageIds: [p.basic], startDate: daysFrom(today, 3), sharingConsent: false,
      });
      expect(applied.status).toBe(201);
      expect(applied.body).toMatchObject({ status: 'pending', gpId: null, origin: 'resident', sharingConsent: { given: false }, signedAt: null });
    });

    it('checks the start window, a guardian for children, package fit and overlap', async () => {
      const gp = await w.as('gpA1');
      const body = { residentId: w.residents.A2, teamId: w.teamA1, packageIds: [p.basic], startDate: today, sharingConsent: true };
      const tooEarly = await post(w, gp, 'contracts', { ...body, startDate: daysFrom(today, -31) });
      expectProblem(tooEarly, 400, 'validation_failed');
      expect(tooEarly.body.errors[0]).toMatchObject({ field: 'startDate', code: 'start_date_out_of_range' });
      expect(fields(await post(w, gp, 'contracts', { ...body, startDate: '2026-02-30' }))).toEqual(['startDate']);
      expect(fields(await post(w, gp, 'contracts', { ...body, sharingConsent: 'yes' }))).toEqual(['sharingConsent']);
      // A3 is a small child (PIPL Art. 31)
      const child = await post(w, gp, 'contracts', { ...body, residentId: w.residents.A3 });
      expect(child.body.errors[0]).toMatchObject({ field: 'signWay', code: 'guardian_required' });
      expectProblem(await post(w, gp, 'contracts', { ...body, packageIds: [p.basic, p.htn] }), 409, 'package_not_for_resident');
      expect(fields(await post(w, gp, 'contracts', { ...body, packageIds: [p.basicB] }))).toEqual(['packageIds.0']);
      const extra = await post(w, await w.as('countyAdminA'), 'service-packages', {
        code: 'check_plus', name: '体检加强包', kind: 'personalized', priceYuan: 50,
        items: [{ code: 'health_check', name: '年度健康体检', timesPerYear: 1, modality: 'face_to_face' }],
      });
      expectProblem(await post(w, gp, 'contracts', { ...body, packageIds: [p.basic, extra.body.id] }), 409, 'package_items_overlap');
      const ok = await post(w, gp, 'contracts', { ...body, residentId: w.residents.A3, signWay: 'family_proxy' });
      expect(ok.status).toBe(201);
    });

    it('a GP signs only for their own team, and only residents of the team\'s county', async () => {
      const body = { residentId: w.residents.A2, teamId: w.teamA2, packageIds: [p.basic], startDate: today, sharingConsent: true };
      expectProblem(await post(w, await w.as('gpA1'), 'contracts', body), 404, 'not_found');
      expectProblem(await post(w, await w.as('gpA1'), 'contracts', { ...body, teamId: w.teamA1, residentId: w.residents.B1 }), 404, 'not_found');
      expectProblem(await post(w, await w.as('resA2'), 'contracts', { ...body, residentId: w.residents.A1 }), 404, 'not_found');
      expectProblem(await post(w, await w.as('resA2'), 'contracts', { ...body, teamId: w.teamB1 }), 404, 'not_found');
    });

    it('one team at a time: a second open contract for a resident is refused (409)', async () => {
      const r = await newResident(w, { login: true });
      await signContract(w, r.id, { packages: p });
      const again = await post(w, await w.as('gpA2'), 'contracts', {
        residentId: r.id, teamId: w.teamA2, packageIds: [p.basic], startDate: today, sharingConsent: true,
      });
      expectProblem(again, 409, 'open_contract_exists');
      const apply = await post(w, r.token!, 'contracts', { residentId: r.id, teamId: w.teamA2, packageIds: [p.basic], startDate: today, sharingConsent: true });
      expectProblem(apply, 409, 'open_contract_exists');
    });

    it('two concurrent signings for one resident: exactly one 201 and one 409, enforced by the database', async () => {
      const r = await newResident(w, { login: true });
      const body = (teamId: string) => ({ residentId: r.id, teamId, packageIds: [p.basic], startDate: today, sharingConsent: true });
      const [a, b, c] = await Promise.all([
        post(w, await w.as('gpA1'), 'contracts', body(w.teamA1)),
        post(w, await w.as('gpA2'), 'contracts', body(w.teamA2)),
        post(w, r.token!, 'contracts', body(w.teamA2)),
      ]);
      expect([a.status, b.status, c.status].sort()).toEqual([201, 409, 409]);
      for (const res of [a, b, c].filter((x) => x.status === 409)) expectProblem(res, 409, 'open_contract_exists');
      const rows = await t.dataSource.query('SELECT status FROM contracts WHERE resident_id = ?', [r.id]);
      expect(rows).toHaveLength(1);
    });

    it('the database itself refuses a second open contract or a second renewal (generated key + UNIQUE index)', async () => {
      const repo = t.dataSource.getRepository(Contract);
      const c = await signContract(w, (await newResident(w)).id, { packages: p });
      const { openResidentId: _open, renewalResidentId: _renewal, ...row } = await repo.findOneByOrFail({ id: c.id });
      await expect(repo.insert({ ...row, id: newId(), status: 'pending' })).rejects.toThrow(/UNIQUE|Duplicate/);
      await repo.insert({ ...row, id: newId(), status: 'scheduled', predecessorId: c.id });
      await expect(repo.insert({ ...row, id: newId(), status: 'pending', predecessorId: c.id })).rejects.toThrow(/UNIQUE|Duplicate/);
      // closed contracts hold no key: any number of them may coexist
      await repo.insert({ ...row, id: newId(), status: 'cancelled' });
      await repo.insert({ ...row, id: newId(), status: 'expired' });
    });

    it('a GP at capacity (contract.maxActivePerGp) cannot sign more', async () => {
      const admin = await w.as('countyAdminB');
      const setMax = (max: number) => w.t.http.patch(`/api/v1/counties/${w.countyB}/policy`).set('authorization', admin)
        .send({ policy: { contract: { maxActivePerGp: max } } });
      expect((await setMax(1)).status).toBe(200);
      try {
        await signContract(w, w.residents.B1, { who: 'gpB1', teamId: w.teamB1, packages: p, packageIds: [p.basicB] });
        const other = await newResident(w, { county: 'B' });
        const res = await post(w, await w.as('gpB1'), 'contracts', {
          residentId: other.id, teamId: w.teamB1, packageIds: [p.basicB], startDate: today, sharingConsent: true,
        });
        expectProblem(res, 409, 'gp_at_capacity');
      } finally {
        await setMax(2000);
      }
    });
  });

  describe('state machine through HTTP (§3.2): every transition allowed and refused', () => {
    /** Tries every action route the machine refuses in this state; each answers 409 naming the allowed actions. */
    async function refusesAllBut(id: string, allowed: string[]) {
      const gp = await w.as('gpA1');
      for (const action of ROUTES.filter((a) => !allowed.map(route).includes(a))) {
        const res = await post(w, gp, `contracts/${id}/${action}`, BODIES[action]);
        expectProblem(res, 409, 'illegal_transition');
        expect({ action, allowed: res.body.allowedActions }).toEqual({ action, allowed });
      }
      const unchanged = await get(w, gp, `contracts/${id}`);
      expect(unchanged.body.allowedActions).toEqual(allowed);
    }

    async function application(startDate = today) {
      const r = await newResident(w, { login: true });
      const res = await post(w, r.token!, 'contracts', { residentId: r.id, teamId: w.teamA1, packageIds: [p.basic], startDate, sharingConsent: true });
      expect(res.status).toBe(201);
      return { resident: r, contract: res.body as { id: string; version: number } };
    }

    it('pending: confirm (start today → active), and refuses terminate, renew, withdraw', async () => {
      const { contract } = await application();
      await refusesAllBut(contract.id, ['confirm', 'reject', 'cancel']);
      const res = await post(w, await w.as('gpA1'), `contracts/${contract.id}/confirm`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'active', gpId: w.staff.gpA1, version: 2 });
      expect(res.body.signedAt).not.toBeNull();
    });

    it('pending: confirm with a future start → scheduled, which only allows cancel', async () => {
      const { contract } = await application(daysFrom(today, 5));
      const res = await post(w, await w.as('gpA1'), `contracts/${contract.id}/confirm`);
      expect(res.body).toMatchObject({ status: 'scheduled', startDate: daysFrom(today, 5) });
      await refusesAllBut(contract.id, ['cancel']);
      const cancelled = await post(w, await w.as('gpA1'), `contracts/${contract.id}/cancel`, { reason: '居民外出务工' });
      expect(cancelled.body).toMatchObject({ status: 'cancelled', closingReason: '居民外出务工', allowedActions: [] });
      await refusesAllBut(contract.id, []);
    });

    it('pending: reject needs a reason; rejected is terminal', async () => {
      const { contract } = await application();
      const noReason = await post(w, await w.as('gpA1'), `contracts/${contract.id}/reject`, {});
      expect(fields(noReason)).toEqual(['reason']);
      const res = await post(w, await w.as('gpA1'), `contracts/${contract.id}/reject`, { reason: '不在服务范围' });
      expect(res.body).toMatchObject({ status: 'rejected', closingReason: '不在服务范围' });
      await refusesAllBut(contract.id, []);
    });

    it('pending: the resident cancels their own application', async () => {
      const { resident, contract } = await application();
      const res = await post(w, resident.token!, `contracts/${contract.id}/cancel`, {});
      expect(res.body).toMatchObject({ status: 'cancelled' });
    });

    it('active: refuses confirm, reject, cancel, withdraw; the team terminates with a reason code', async () => {
      const c = await signContract(w, (await newResident(w)).id, { packages: p });
      await refusesAllBut(c.id, ['terminate', 'renew']);
      const bad = await post(w, await w.as('gpA1'), `contracts/${c.id}/terminate`, { reason: 'other' });
      expect(bad.body.errors[0]).toMatchObject({ field: 'note', code: 'termination_note_required' });
      expect(fields(await post(w, await w.as('gpA1'), `contracts/${c.id}/terminate`, { reason: 'bored' }))).toEqual(['reason']);
      const res = await post(w, await w.as('gpA1'), `contracts/${c.id}/terminate`, { reason: 'deceased' });
      expect(res.body).toMatchObject({ status: 'terminated', termination: { reason: 'deceased', terminatedOn: today } });
      await refusesAllBut(c.id, []);
    });

    it('active → terminating on the resident\'s request; withdrawn back to active; then approved by the team', async () => {
      const r = await newResident(w, { login: true });
      const c = await signContract(w, r.id, { packages: p });
      const asked = await post(w, r.token!, `contracts/${c.id}/terminate`, { reason: 'resident_request' });
      expect(asked.body).toMatchObject({ status: 'terminating', termination: { reason: 'resident_request', terminatedAt: null } });
      await refusesAllBut(c.id, ['terminate', 'withdraw_termination']);
      const withdrawn = await post(w, r.token!, `contracts/${c.id}/withdraw-termination`);
      expect(withdrawn.body).toMatchObject({ status: 'active', termination: null });
      await post(w, r.token!, `contracts/${c.id}/terminate`, { reason: 'resident_request' });
      const declined = await post(w, await w.as('gpA1'), `contracts/${c.id}/withdraw-termination`);
      expect(declined.body.status).toBe('active');
      await post(w, r.token!, `contracts/${c.id}/terminate`, { reason: 'resident_request' });
      const approved = await post(w, await w.as('gpA1'), `contracts/${c.id}/terminate`, { reason: 'resident_request' });
      expect(approved.body).toMatchObject({ status: 'terminated', termination: { reason: 'resident_request', terminatedOn: today } });
    });

    it('a resident may not approve their own request, nor act on another resident\'s contract', async () => {
      const r = await newResident(w, { login: true });
      const c = await signContract(w, r.id, { packages: p });
      await post(w, r.token!, `contracts/${c.id}/terminate`, { reason: 'resident_request' });
      expectProblem(await post(w, r.token!, `contracts/${c.id}/terminate`, { reason: 'resident_request' }), 409, 'illegal_transition');
      expectProblem(await post(w, r.token!, `contracts/${c.id}/confirm`), 403, 'forbidden_role');
      expectProblem(await post(w, await w.as('resA2'), `contracts/${c.id}/withdraw-termination`), 404, 'not_found');
    });

    it('optimistic versions: stale If-Match → 412, stale body version → 409, nothing changes', async () => {
      const { contract } = await application();
      const gp = await w.as('gpA1');
      const stale = await w.t.http.post(`/api/v1/contracts/${contract.id}/confirm`).set('authorization', gp).set('if-match', '"7"').send({});
      expectProblem(stale, 412, 'version_mismatch');
      expectProblem(await post(w, gp, `contracts/${contract.id}/reject`, { reason: 'x', version: 3 }), 409, 'version_mismatch');
      expect((await get(w, gp, `contracts/${contract.id}`)).body).toMatchObject({ status: 'pending', version: 1 });
      const ok = await w.t.http.post(`/api/v1/contracts/${contract.id}/confirm`).set('authorization', gp).set('if-match', '"1"').send({});
      expect(ok.body).toMatchObject({ status: 'active', version: 2 });
    });

    it('a retried transition with the same Idempotency-Key replays the answer and transitions once', async () => {
      const { contract } = await application();
      const gp = await w.as('gpA1');
      const send = () => w.t.http.post(`/api/v1/contracts/${contract.id}/confirm`).set('authorization', gp).set('idempotency-key', `k-${contract.id}`).send({});
      const first = await send();
      const second = await send();
      expect(second.status).toBe(200);
      expect(second.body).toEqual(first.body);
      const audit = await t.dataSource.query("SELECT COUNT(*) AS n FROM audit_events WHERE resource_id = ? AND action = 'transition'", [packRef(contract.id)]);
      expect(Number(audit[0].n)).toBe(1);
    });
  });

  describe('renewal (§3.3)', () => {
    it('the team renews: the successor is scheduled from the day after the end; one renewal at a time', async () => {
      const c = await signContract(w, (await newResident(w, { tags: ['hypertension'] })).id, { packages: p, packageIds: [p.basic, p.htn] });
      const gp = await w.as('gpA1');
      const res = await post(w, gp, `contracts/${c.id}/renew`, { sharingConsent: true });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/contracts/${res.body.id}`);
      expect(res.body).toMatchObject({
        status: 'scheduled', predecessorId: c.id, startDate: daysFrom(c.endDate, 1), endDate: contractEndDate(daysFrom(c.endDate, 1)),
      });
      expect(res.body.packages.map((x: { code: string }) => x.code)).toEqual(['basic', 'htn_care']);
      expect((await get(w, gp, `contracts/${c.id}`)).body).toMatchObject({ status: 'active', successorId: res.body.id });
      expectProblem(await post(w, gp, `contracts/${c.id}/renew`, { sharingConsent: true }), 409, 'renewal_exists');
      // cancelling the renewal frees the way for another
      await post(w, gp, `contracts/${res.body.id}/cancel`, {});
      expect((await post(w, gp, `contracts/${c.id}/renew`, { sharingConsent: false, packageIds: [p.basic] })).status).toBe(201);
    });

    it('the resident asks to renew (pending); the team confirms it as scheduled', async () => {
      const r = await newResident(w, { login: true });
      const c = await signContract(w, r.id, { packages: p });
      const asked = await post(w, r.token!, `contracts/${c.id}/renew`, { sharingConsent: true });
      expect(asked.body).toMatchObject({ status: 'pending', predecessorId: c.id, origin: 'resident' });
      const confirmed = await post(w, await w.as('gpA1'), `contracts/${asked.body.id}/confirm`);
      expect(confirmed.body).toMatchObject({ status: 'scheduled', startDate: daysFrom(c.endDate, 1) });
    });

    it('terminating the current contract cancels a renewal not yet started', async () => {
      const c = await signContract(w, (await newResident(w)).id, { packages: p });
      const gp = await w.as('gpA1');
      const successor = await post(w, gp, `contracts/${c.id}/renew`, { sharingConsent: true });
      await post(w, gp, `contracts/${c.id}/terminate`, { reason: 'moved_out' });
      expect((await get(w, gp, `contracts/${successor.body.id}`)).body).toMatchObject({ status: 'cancelled', closingReason: 'predecessor_terminated' });
    });
  });

  describe('county-wide sharing (§2.2, 一地签约、县域服务共享)', () => {
    let contractId: string;
    beforeAll(async () => {
      contractId = (await signContract(w, w.residents.A1, { packages: p, packageIds: [p.basic, p.htn], startDate: daysFrom(today, -20) })).id;
    });

    it('a GP of another institution of the county logs a service; it counts and the team sees who delivered it', async () => {
      const res = await post(w, await w.as('hospitalGpA'), `contracts/${contractId}/services`, {
        serviceItemCode: 'htn_follow_up', deliveredAt: at(daysFrom(today, -2)), modality: 'face_to_face', payload: { sbp: 152, dbp: 94 },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        deliveringInstitutionId: w.hospitalA, contractInstitutionId: w.townA1, shared: true, deliveredBy: w.staff.hospitalGpA, counted: true,
      });
      const team = await get(w, await w.as('nurseA1'), `contracts/${contractId}/services`);
      expect(team.body.items.map((x: { id: string; deliveringInstitutionId: string }) => [x.id, x.deliveringInstitutionId]))
        .toContainEqual([res.body.id, w.hospitalA]);
      const contract = await get(w, await w.as('gpA1'), `contracts/${contractId}`);
      expect(contract.body.fulfilment.items.find((i: { code: string }) => i.code === 'htn_follow_up'))
        .toMatchObject({ promised: 4, delivered: 1, counted: 1, rate: 0.25 });
      const mine = await get(w, await w.as('resA1'), 'me/contracts');
      expect(mine.body.items[0].fulfilment.overall).toEqual({ promised: 7, counted: 1, rate: 0.1429 });
    });

    it('staff of another county get 404; roles that never deliver care get 403', async () => {
      const body = { serviceItemCode: 'health_check', deliveredAt: at(today, 0), modality: 'face_to_face' };
      expectProblem(await post(w, await w.as('gpB1'), `contracts/${contractId}/services`, body), 404, 'not_found');
      expectProblem(await post(w, await w.as('nurseB1'), `contracts/${contractId}/services`, body), 404, 'not_found');
      expectProblem(await get(w, await w.as('gpB1'), `contracts/${contractId}`), 404, 'not_found');
      expectProblem(await post(w, await w.as('countyAdminA'), `contracts/${contractId}/services`, body), 403, 'forbidden_role');
      expectProblem(await post(w, await w.as('resA1'), `contracts/${contractId}/services`, body), 403, 'forbidden_role');
      expectProblem(await post(w, await w.as('deskA'), `contracts/${contractId}/services`, body), 403, 'forbidden_role');
    });

    it('checks the item, the period and the clock; keeps non-counting records with the reason', async () => {
      const nurse = await w.as('nurseA1');
      const log = (body: object) => post(w, nurse, `contracts/${contractId}/services`, { modality: 'face_to_face', ...body });
      expectProblem(await log({ serviceItemCode: 'dm_follow_up', deliveredAt: at(today, 0) }), 409, 'item_not_in_contract');
      const early = await log({ serviceItemCode: 'health_check', deliveredAt: at(daysFrom(today, -21)) });
      expect(early.body.errors[0]).toMatchObject({ field: 'deliveredAt', code: 'delivered_outside_contract' });
      const future = await log({ serviceItemCode: 'health_check', deliveredAt: at(daysFrom(today, 1)) });
      expect(future.body.errors[0]).toMatchObject({ field: 'deliveredAt', code: 'delivered_in_future' });
      expect(fields(await log({ serviceItemCode: 'health_check', deliveredAt: '2026-03-01 10:00' }))).toEqual(['deliveredAt']);
      expect(fields(await log({ serviceItemCode: 'htn_follow_up', deliveredAt: at(today, 0), payload: { sbp: 1000 } }))).toEqual(['payload.sbp']);
      const phone = await log({ serviceItemCode: 'htn_follow_up', deliveredAt: at(daysFrom(today, -3)), modality: 'phone', payload: { sbp: 140, dbp: 90 } });
      expect(phone.body).toMatchObject({ counted: false, notCountedReason: 'modality_mismatch', shared: false });
      const noBp = await log({ serviceItemCode: 'htn_follow_up', deliveredAt: at(daysFrom(today, -3)), payload: { sbp: 140 } });
      expect(noBp.body).toMatchObject({ counted: false, notCountedReason: 'missing_data' });
    });

    it('an offline replay with the same clientId returns the first record and counts once', async () => {
      const nurse = await w.as('nurseA1');
      const body = { serviceItemCode: 'health_consult', deliveredAt: at(daysFrom(today, -5)), modality: 'online', clientId: 'offline-1' };
      const first = await post(w, nurse, `contracts/${contractId}/services`, body);
      const again = await post(w, nurse, `contracts/${contractId}/services`, body);
      expect([first.status, again.status]).toEqual([201, 200]);
      expect(again.body.id).toBe(first.body.id);
      const item = (await get(w, nurse, `contracts/${contractId}`)).body.fulfilment.items.find((i: { code: string }) => i.code === 'health_consult');
      expect(item).toMatchObject({ delivered: 1, counted: 1 });
    });

    it('a record entered in error is voided by the clinician who logged it and stops counting', async () => {
      const nurse = await w.as('nurseA1');
      const rec = await post(w, nurse, `contracts/${contractId}/services`, { serviceItemCode: 'health_check', deliveredAt: at(daysFrom(today, -1)), modality: 'home' });
      const countOf = async () => (await get(w, nurse, `contracts/${contractId}`)).body.fulfilment.items.find((i: { code: string }) => i.code === 'health_check').counted;
      expect(await countOf()).toBe(1);
      expectProblem(await post(w, await w.as('gpA1'), `contracts/${contractId}/services/${rec.body.id}/void`, { reason: '重复' }), 404, 'not_found');
      const voided = await post(w, nurse, `contracts/${contractId}/services/${rec.body.id}/void`, { reason: '录入错误' });
      expect(voided.body).toMatchObject({ status: 'voided', voidReason: '录入错误', counted: false, notCountedReason: 'voided' });
      expect(await countOf()).toBe(0);
      expectProblem(await post(w, nurse, `contracts/${contractId}/services/${rec.body.id}/void`, { reason: '再次' }), 409, 'illegal_transition');
    });

    it('without the sharing consent only the signing institution works on the contract, until the resident consents', async () => {
      const r = await newResident(w, { login: true });
      const c = await signContract(w, r.id, { packages: p, sharingConsent: false });
      const body = { serviceItemCode: 'health_check', deliveredAt: at(today, 0), modality: 'face_to_face' };
      expectProblem(await post(w, await w.as('hospitalGpA'), `contracts/${c.id}/services`, body), 409, 'sharing_consent_missing');
      expectProblem(await get(w, await w.as('hospitalGpA'), `contracts/${c.id}`), 404, 'not_found');
      expect((await post(w, await w.as('nurseA1'), `contracts/${c.id}/services`, body)).status).toBe(201);
      const consent = await post(w, r.token!, `contracts/${c.id}/sharing-consent`, { sharingConsent: true });
      expect(consent.body.sharingConsent.given).toBe(true);
      expect((await post(w, await w.as('hospitalGpA'), `contracts/${c.id}/services`, body)).status).toBe(201);
      expect((await get(w, await w.as('hospitalGpA'), `contracts/${c.id}`)).status).toBe(200);
    });

    it('services are logged on open contracts only', async () => {
      const r = await newResident(w, { login: true });
      const pending = await post(w, r.token!, 'contracts', { residentId: r.id, teamId: w.teamA1, packageIds: [p.basic], startDate: today, sharingConsent: true });
      const body = { serviceItemCode: 'health_check', deliveredAt: at(today, 0), modality: 'face_to_face' };
      expectProblem(await post(w, await w.as('gpA1'), `contracts/${pending.body.id}/services`, body), 409, 'contract_not_open');
      expectProblem(await post(w, await w.as('hospitalGpA'), `contracts/${pending.body.id}/services`, body), 404, 'not_found');
    });
  });

  describe('fulfilment (§3.5, §3.6)', () => {
    it('Σ min(delivered, promised) / Σ promised: over-delivering one item does not hide another item\'s gap', async () => {
      const start = daysFrom(today, -25);
      const c = await signContract(w, (await newResident(w, { tags: ['hypertension'] })).id, { packages: p, packageIds: [p.basic, p.htn], startDate: start });
      const gp = await w.as('gpA1');
      const log = (code: string, day: string, payload?: object) =>
        post(w, gp, `contracts/${c.id}/services`, { serviceItemCode: code, deliveredAt: at(day), modality: 'face_to_face', payload });
      for (const d of [-20, -15, -10]) expect((await log('health_check', daysFrom(today, d))).status).toBe(201);
      // two follow-ups in the same quarter: spacing counts one
      await log('htn_follow_up', daysFrom(today, -12), { sbp: 150, dbp: 92 });
      await log('htn_follow_up', daysFrom(today, -4), { sbp: 138, dbp: 86 });
      const res = await get(w, gp, `contracts/${c.id}`);
      expect(res.body.fulfilment.items).toEqual([
        { code: 'health_check', name: '年度健康体检', modality: 'face_to_face', promised: 1, delivered: 3, counted: 1, rate: 1 },
        { code: 'health_consult', name: '健康咨询', modality: 'any', promised: 2, delivered: 0, counted: 0, rate: 0 },
        { code: 'htn_follow_up', name: '高血压面对面随访', modality: 'face_to_face', promised: 4, delivered: 2, counted: 1, rate: 0.25 },
      ]);
      // (1 + 0 + 1) / (1 + 2 + 4), not (3 + 0 + 2) / 7
      expect(res.body.fulfilment.overall).toEqual({ promised: 7, counted: 2, rate: 0.2857 });
    });

    it('a record\'s counted flag comes from the rule of the totals: surplus in a met window does not count; voiding promotes the next', async () => {
      const c = await signContract(w, (await newResident(w, { tags: ['hypertension'] })).id, { packages: p, packageIds: [p.basic, p.htn], startDate: daysFrom(today, -25) });
      const gp = await w.as('gpA1');
      const log = async (code: string, day: string, payload?: object) => {
        const res = await post(w, gp, `contracts/${c.id}/services`, { serviceItemCode: code, deliveredAt: at(day), modality: 'face_to_face', payload });
        expect(res.status).toBe(201);
        return res;
      };
      const check1 = await log('health_check', daysFrom(today, -20));
      const check2 = await log('health_check', daysFrom(today, -15));
      const visit1 = await log('htn_follow_up', daysFrom(today, -12), { sbp: 150, dbp: 92 });
      const visit2 = await log('htn_follow_up', daysFrom(today, -4), { sbp: 138, dbp: 86 });
      expect([check1, check2, visit1, visit2].map((r) => [r.body.counted, r.body.notCountedReason])).toEqual([
        [true, null], [false, 'window_already_met'], [true, null], [false, 'window_already_met'],
      ]);
      // the Location of a logged service is a route
      const one = await w.t.http.get(check2.headers.location).set('authorization', gp);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: check2.body.id, counted: false, notCountedReason: 'window_already_met' });
      expectProblem(await get(w, await w.as('gpB1'), `contracts/${c.id}/services/${check2.body.id}`), 404, 'not_found');
      expectProblem(await get(w, gp, `contracts/${c.id}/services/01a20bdc-0000-7000-8000-000000000000`), 404, 'not_found');

      const flags = async () => (await get(w, gp, `contracts/${c.id}/services?limit=50`)).body.items
        .filter((r: { status: string }) => r.status === 'valid').filter((r: { counted: boolean }) => r.counted).length;
      const totals = async () => (await get(w, gp, `contracts/${c.id}`)).body.fulfilment;
      expect(await flags()).toBe((await totals()).overall.counted);

      // voiding the counted check: the surplus one takes its place, the totals do not move
      const voided = await post(w, gp, `contracts/${c.id}/services/${check1.body.id}/void`, { reason: '重复登记' });
      expect(voided.body).toMatchObject({ counted: false, notCountedReason: 'voided' });
      expect((await get(w, gp, `contracts/${c.id}/services/${check2.body.id}`)).body).toMatchObject({ counted: true, notCountedReason: null });
      const after = await totals();
      expect(after.items.find((i: { code: string }) => i.code === 'health_check')).toMatchObject({ delivered: 1, counted: 1 });
      expect(await flags()).toBe(after.overall.counted);
      // voiding a surplus record changes no flag but the delivered count
      await post(w, gp, `contracts/${c.id}/services/${visit2.body.id}/void`, { reason: '录入错误' });
      expect((await totals()).items.find((i: { code: string }) => i.code === 'htn_follow_up')).toMatchObject({ delivered: 1, counted: 1 });
      expect((await get(w, gp, `contracts/${c.id}/services/${visit1.body.id}`)).body.counted).toBe(true);
    });

    it('a terminated contract drops the windows due after the termination from the denominator', async () => {
      const c = await signContract(w, (await newResident(w, { tags: ['hypertension'] })).id, { packages: p, packageIds: [p.htn], startDate: daysFrom(today, -10) });
      const gp = await w.as('gpA1');
      await post(w, gp, `contracts/${c.id}/services`, { serviceItemCode: 'htn_follow_up', deliveredAt: at(daysFrom(today, -1)), modality: 'home', payload: { sbp: 130, dbp: 80 } });
      const res = await post(w, gp, `contracts/${c.id}/terminate`, { reason: 'moved_out' });
      expect(res.body.fulfilment.overall).toEqual({ promised: 1, counted: 1, rate: 1 });
    });
  });

  describe('contracts lists and the resident\'s view', () => {
    it('GET /contracts: the GP\'s team by default, filters, keyset pages, each listed contract audited', async () => {
      const gp = await w.as('gpA1');
      const first = await get(w, gp, 'contracts?limit=3');
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(3);
      expect(first.body.items.every((c: { teamId: string }) => c.teamId === w.teamA1)).toBe(true);
      const second = await get(w, gp, `contracts?limit=3&cursor=${first.body.nextCursor}`);
      const ids = [...first.body.items, ...second.body.items].map((c: { id: string }) => c.id);
      expect(new Set(ids).size).toBe(6);
      const pending = await get(w, gp, 'contracts?status=pending&limit=200');
      expect(pending.body.items.length).toBeGreaterThan(0);
      expect(pending.body.items.every((c: { status: string }) => c.status === 'pending')).toBe(true);
      const expiring = await get(w, gp, `contracts?expiringBefore=${daysFrom(today, 400)}&limit=200`);
      const ends = expiring.body.items.map((c: { endDate: string }) => c.endDate);
      expect(ends).toEqual([...ends].sort());
      expect(expiring.body.items.every((c: { status: string }) => ['active', 'terminating'].includes(c.status))).toBe(true);
      // A page is one read event naming the residents of its contracts (domain.md §7.5 "Shapes"), with how many were listed.
      const audited: Array<{ detail: string; resource_id: Buffer | null }> = await t.dataSource.query(
        "SELECT e.detail, e.resource_id FROM audit_events e JOIN audit_event_subjects s ON s.event_id = e.id WHERE e.actor_id = ? "
          + "AND e.resource_type = 'contract' AND e.action = 'read' AND s.resident_id = ? ORDER BY e.id LIMIT 1",
        [packRef(w.staff.gpA1), uuidBytes(first.body.items[0].residentId)],
      );
      expect(audited).toHaveLength(1);
      expect({ detail: JSON.parse(audited[0].detail), resourceId: audited[0].resource_id }).toEqual({ detail: { via: 'list', count: 3 }, resourceId: null });
    });

    it('a clinician without a team must name the resident; the resident\'s contracts in scope then show', async () => {
      const gp = await w.as('hospitalGpA');
      expect(fields(await get(w, gp, 'contracts'))).toEqual(['residentId']);
      const res = await get(w, gp, `contracts?residentId=${w.residents.A1}`);
      expect(res.body.items.map((c: { residentId: string }) => c.residentId)).toEqual([w.residents.A1]);
      expect((await get(w, await w.as('gpB1'), `contracts?residentId=${w.residents.A1}`)).body.items).toEqual([]);
    });

    it('/me/contracts shows the resident only their own contracts, with packages and fulfilment', async () => {
      const mine = await get(w, await w.as('resA1'), 'me/contracts');
      expect(mine.status).toBe(200);
      expect(mine.body.items.length).toBeGreaterThan(0);
      expect(mine.body.items.every((c: { residentId: string }) => c.residentId === w.residents.A1)).toBe(true);
      expect(mine.body.items[0].packages.length).toBeGreaterThan(0);
      expect(mine.body.items[0].fulfilment.overall.promised).toBeGreaterThan(0);
      // who my doctor is: the team, its GP's display name and its service phone, never staff personal data
      const phone = await w.t.http.patch(`/api/v1/teams/${w.teamA1}`).set('authorization', await w.as('instAdminA1')).send({ servicePhone: '(0570) 8881234' });
      expect(phone.status).toBe(200);
      expect(phone.body.servicePhone).toBe('0570-8881234');
      expect(fields(await w.t.http.patch(`/api/v1/teams/${w.teamA1}`).set('authorization', await w.as('instAdminA1')).send({ servicePhone: '8881234' })))
        .toEqual(['servicePhone']);
      expectProblem(await w.t.http.patch(`/api/v1/teams/${w.teamA1}`).set('authorization', await w.as('gpA1')).send({ servicePhone: '0570-8881234' }), 403);
      expectProblem(await w.t.http.patch(`/api/v1/teams/${w.teamA1}`).set('authorization', await w.as('countyAdminB')).send({ name: 'x' }), 404);
      const careTeam = (await get(w, await w.as('resA1'), 'me/contracts')).body.items
        .find((c: { teamId: string }) => c.teamId === w.teamA1).careTeam;
      expect(careTeam).toEqual({
        teamId: w.teamA1, teamName: '城关1组', servicePhone: '0570-8881234', institutionId: w.townA1, institutionName: '城关镇卫生院', gpName: 'gpA1',
      });
      expectProblem(await get(w, await w.as('resA1'), `teams/${w.teamA1}`), 403);
      const other = await get(w, await w.as('resA2'), 'me/contracts');
      expect(other.body.items.every((c: { residentId: string }) => c.residentId === w.residents.A2)).toBe(true);
      expectProblem(await get(w, await w.as('resA2'), `contracts/${mine.body.items[0].id}`), 404, 'not_found');
      expectProblem(await get(w, await w.as('gpA1'), 'me/contracts'), 403, 'forbidden_role');
      const list = await get(w, await w.as('resA2'), 'contracts');
      expect(list.body.items.every((c: { residentId: string }) => c.residentId === w.residents.A2)).toBe(true);
    });
  });
});
