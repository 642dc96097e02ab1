import { addDays, isValidReferralNo } from '@countycare/domain';
import { createPackages, signContract } from '../fixtures/contracts';
import { expectProblem, fieldsOf } from '../fixtures/builders';
import {
  act, completeUpReferral, createReferral, daysFromNow, getReferral, postReferral, referralOutcome, step, upReferralBody, Who,
} from '../fixtures/referrals';
import { startTestApp, TEST_PASSWORD, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';

describe('referrals (issue #6, domain.md §5)', () => {
  let t: TestApp;
  let w: World;
  /** A second clerk of hospital A's desk, for the concurrent-accept test. */
  let deskA2: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    const res = await t.http.post('/api/v1/staff').set('authorization', await w.as('admin')).send({
      username: 'deska2', password: TEST_PASSWORD, displayName: 'deskA2', role: 'referral_desk', institutionId: w.hospitalA,
    });
    expect(res.status).toBe(201);
    deskA2 = await t.login('deska2');
  });
  afterAll(() => t.close());

  const submitted = (extra: Record<string, unknown> = {}) => createReferral(w, 'gpA1', upReferralBody(w, { submit: true, ...extra }));

  /** Each caller gets the expected status for the action; nothing changes. */
  async function expectRefused(id: string, action: string, body: Record<string, unknown>, cases: Array<[Who, number]>) {
    for (const [who, status] of cases) {
      const res = await act(w, who, id, action, body);
      expect({ who, status: res.status }).toEqual({ who, status });
      expectProblem(res, status);
    }
  }

  it('§5.2 create + submit: a GP refers up from their institution; the desk is told; the SLA clock starts', async () => {
    const res = await postReferral(w, 'gpA1', upReferralBody(w, { diagnoses: [{ code: 'i10.X00', name: '高血压' }, { code: 'E11.9', name: '2型糖尿病' }] }));
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/referrals/${res.body.id}`);
    expect(res.body).toMatchObject({
      direction: 'up', status: 'draft', urgency: 'routine', fromInstitution: { id: w.townA1, level: 'township_center' },
      toInstitution: { id: w.hospitalA, level: 'county_hospital' }, createdById: w.staff.gpA1, resident: { id: w.residents.A1, name: '张*' },
      diagnoses: [{ code: 'I10.x00', name: '高血压' }, { code: 'E11.9', name: '2型糖尿病' }], primaryDiagnosis: { code: 'I10.x00' },
      sla: null, version: 1, allowedActions: ['update', 'submit', 'cancel'],
    });
    expect(isValidReferralNo(res.body.referralNo)).toBe(true);
    expect(res.body.referralNo.slice(0, 6)).toBe('330781');
    expect(res.body.events.map((e: { action: string; to: string }) => [e.action, e.to])).toEqual([['create', 'draft']]);

    const sent = await step(w, 'gpA1', res.body.id, 'submit', { note: '请尽快安排' });
    expect(sent).toMatchObject({ status: 'submitted', version: 2, sla: { state: 'on_time' } });
    expect(new Date(sent.sla.deadline).getTime() - new Date(sent.submittedAt).getTime()).toBe(24 * 3_600_000);
    expect(sent.events.map((e: { action: string }) => e.action)).toEqual(['create', 'submit']);
    expect(sent.events[1]).toMatchObject({ from: 'draft', to: 'submitted', actorId: w.staff.gpA1, note: '请尽快安排' });

    const inbox = await t.http.get('/api/v1/notifications').set('authorization', await w.as('deskA'));
    expect(inbox.body.items).toContainEqual(expect.objectContaining({ kind: 'referral_submitted', subjectId: res.body.id }));

    // a retried POST on a weak network creates nothing new
    const retry = () => t.http.post('/api/v1/referrals').set('authorization', token).set('idempotency-key', 'ref-create-1').send(upReferralBody(w));
    const token = await w.as('gpA1');
    const [first, second] = [await retry(), await retry()];
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
  });

  it('refuses bad input with 400 naming the field; ICD-10 format-validated; nothing is written', async () => {
    const count = async () => (await t.http.get('/api/v1/referrals?limit=200').set('authorization', await w.as('gpA1'))).body.items.length;
    const before = await count();
    const bad = async (extra: Record<string, unknown>, field: string, code?: string) => {
      const res = await postReferral(w, 'gpA1', upReferralBody(w, extra));
      expectProblem(res, 400, 'validation_failed');
      expect(fieldsOf(res)).toContain(field);
      if (code) expect(res.body.errors.find((e: { field: string }) => e.field === field).code).toBe(code);
    };
    await bad({ diagnoses: [{ code: 'I10', name: '高血压' }, { code: '高血压', name: 'x' }] }, 'diagnoses.1.code', 'icd10_format');
    await bad({ diagnoses: [] }, 'diagnoses');
    await bad({ diagnoses: [{ code: 'I10', name: 'a' }, { code: 'i10', name: 'b' }] }, 'diagnoses.1.code', 'diagnosis_repeated');
    await bad({ toInstitutionId: w.townA2 }, 'toInstitutionId', 'referral_up_level');
    await bad({ toInstitutionId: w.hospitalB }, 'toInstitutionId', 'referral_target_outside_county');
    await bad({ urgency: 'critical' }, 'urgency');
    await bad({ kind: 'surgery' }, 'kind');
    await bad({ kind: 'emergency', urgency: 'urgent' }, 'urgency', 'referral_emergency_not_emergent');
    await bad({ redFlags: ['chest_pain', 'fever'] }, 'redFlags');
    await bad({ redFlags: ['chest_pain', 'chest_pain'] }, 'redFlags');
    await bad({ redFlags: 'chest_pain' }, 'redFlags');
    await bad({ insuranceType: 'commercial' }, 'insuranceType');
    await bad({ insuranceType: 'employee', insuranceNo: '12-34' }, 'insuranceNo', 'insurance_no_format');
    await bad({ insuranceNo: 'ZJ3301020000123456' }, 'insuranceType', 'referral_insurance_type_required');
    await bad({ reason: '' }, 'reason');
    await bad({ summary: 'x'.repeat(4001) }, 'summary');
    await bad({ sourceInpatient: { deductiblePaid: 1.005 } }, 'sourceInpatient.deductiblePaid');
    await bad({ parentReferralId: w.residents.A2 }, 'parentReferralId', 'referral_parent_only_down');
    await bad({ direction: 'down', toInstitutionId: w.villageA1 }, 'parentReferralId', 'referral_parent_required');
    await bad({ priority: 'urgent' }, 'priority', 'unknown_field');
    expectProblem(await postReferral(w, 'gpA1', upReferralBody(w, { toInstitutionId: '01a2-nope' })), 404, 'not_found');
    expect(await count()).toBe(before);
  });

  it('only GPs write up-referrals (403 for other roles); an out-of-county resident is 404; a village GP may refer', async () => {
    for (const who of ['nurseA1', 'deskA', 'resA1', 'countyAdminA', 'instAdminA1', 'admin'] as Who[]) {
      const res = await postReferral(w, who, upReferralBody(w));
      expect({ who, status: res.status }).toEqual({ who, status: 403 });
    }
    expectProblem(await postReferral(w, 'gpB1', upReferralBody(w)), 404, 'not_found');
    const village = await createReferral(w, 'gpVillageA1', upReferralBody(w, { residentId: w.residents.A2 }));
    expect(village.fromInstitution.id).toBe(w.villageA1);
  });

  it('§5.2 every desk transition by the right role; wrong role 403; desk of another institution or the GP 404', async () => {
    const r = await submitted({ department: '神经内科' });
    const outsiders: Array<[Who, number]> = [['nurseA1', 403], ['resA1', 403], ['countyAdminA', 403], ['gpA1', 404], ['gpA2', 404], ['deskB', 404]];

    await expectRefused(r.id, 'accept', {}, outsiders);
    const accepted = await step(w, 'deskA', r.id, 'accept', { note: '已受理' });
    expect(accepted).toMatchObject({ status: 'accepted', sla: { state: 'met' } });
    expect(accepted.acceptedAt).toBeTruthy();

    const appointment = daysFromNow(2, t.clock.now());
    await expectRefused(r.id, 'schedule', { appointmentAt: appointment }, outsiders);
    expectProblem(await act(w, 'deskA', r.id, 'schedule', { appointmentAt: daysFromNow(-2, t.clock.now()) }), 400, 'validation_failed');
    expectProblem(await act(w, 'deskA', r.id, 'schedule', { appointmentAt: '2026-03-02 09:00' }), 400, 'validation_failed');
    const scheduled = await step(w, 'deskA', r.id, 'schedule', { appointmentAt: appointment });
    expect(scheduled).toMatchObject({ status: 'scheduled', appointmentAt: new Date(appointment).toISOString() });
    expect(scheduled.arriveBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const later = daysFromNow(3, t.clock.now());
    await expectRefused(r.id, 'reschedule', { appointmentAt: later }, outsiders);
    const moved = await step(w, 'deskA', r.id, 'reschedule', { appointmentAt: later });
    expect(moved.appointmentAt).toBe(new Date(later).toISOString());

    await expectRefused(r.id, 'arrive', {}, outsiders);
    expect((await step(w, 'deskA', r.id, 'arrive')).status).toBe('arrived');

    await expectRefused(r.id, 'complete', { outcome: referralOutcome }, outsiders);
    expectProblem(await act(w, 'deskA', r.id, 'complete', {}), 400, 'validation_failed');
    const done = await step(w, 'deskA', r.id, 'complete', { outcome: referralOutcome });
    expect(done).toMatchObject({ status: 'completed', outcome: referralOutcome, admitted: false, deductible: null, allowedActions: [] });
    expect(done.events.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'accept', 'schedule', 'reschedule', 'arrive', 'complete']);
    expect(done.events.every((e: { actorId: string | null }, i: number) => i < 2 ? e.actorId === w.staff.gpA1 : e.actorId === w.staff.deskA)).toBe(true);

    // the source GP sees every status change (one notification per step, none for their own)
    const inbox = await t.http.get('/api/v1/notifications?limit=50').set('authorization', await w.as('gpA1'));
    const seen = inbox.body.items.filter((n: { subjectId: string }) => n.subjectId === r.id).map((n: { data: { status: string } }) => n.data.status);
    expect(seen.sort()).toEqual(['accepted', 'arrived', 'completed', 'scheduled', 'scheduled'].sort());

    // the resident reads it (history included); another resident cannot
    const own = await getReferral(w, 'resA1', r.id);
    expect(own.status).toBe(200);
    expect(own.body.events).toHaveLength(7);
    expect(own.body.allowedActions).toEqual([]);
    expectProblem(await getReferral(w, 'resA2', r.id), 404, 'not_found');
  });

  it('§5.2 the receiving hospital\'s own doctors work referrals addressed to it (not only the desk); its nurses read them', async () => {
    const nurse = await t.http.post('/api/v1/staff').set('authorization', await w.as('admin')).send({
      username: 'hospnursea', password: TEST_PASSWORD, displayName: '医院护士', role: 'nurse', institutionId: w.hospitalA,
    });
    expect(nurse.status).toBe(201);
    const hospitalNurse = await t.login('hospnursea');
    const r = await submitted();
    // the doctor sees it in the institution's queue and in lists, as the desk does
    const queue = await t.http.get('/api/v1/referral-desk/queue?limit=200').set('authorization', await w.as('hospitalGpA'));
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(r.id);
    expect((await getReferral(w, 'hospitalGpA', r.id)).body.allowedActions).toEqual(expect.arrayContaining(['accept', 'reject', 'return']));
    const read = await t.http.get(`/api/v1/referrals/${r.id}`).set('authorization', hospitalNurse);
    expect(read.status).toBe(200);
    expect(read.body.allowedActions).toEqual([]);
    expectProblem(await t.http.post(`/api/v1/referrals/${r.id}/accept`).set('authorization', hospitalNurse).send({}), 403);
    // a doctor of another institution still answers 404
    await expectRefused(r.id, 'accept', {}, [['gpB1', 404], ['gpA2', 404]]);

    await step(w, 'hospitalGpA', r.id, 'accept', { appointmentAt: daysFromNow(1, t.clock.now()) });
    await step(w, 'hospitalGpA', r.id, 'arrive');
    const done = await step(w, 'hospitalGpA', r.id, 'complete', { outcome: referralOutcome });
    expect(done).toMatchObject({ status: 'completed' });
    expect(done.events.slice(2).map((e: { actorId: string }) => e.actorId)).toEqual(Array(4).fill(w.staff.hospitalGpA));
    // and refers the patient back down
    const down = await createReferral(w, 'hospitalGpA', {
      ...upReferralBody(w), direction: 'down', toInstitutionId: w.townA1, parentReferralId: r.id, submit: true,
    });
    expect(down).toMatchObject({ status: 'submitted', fromInstitution: { id: w.hospitalA } });
    expect((await step(w, 'hospitalGpA', down.id, 'cancel', { reason: '患者改往他院康复' })).status).toBe('cancelled');
  });

  it('a reason of white space alone is no reason: reject, return and cancel refuse it (400 isNotBlank), nothing moves', async () => {
    const r = await submitted();
    for (const [who, action] of [['deskA', 'reject'], ['deskA', 'return'], ['gpA1', 'cancel']] as Array<[Who, string]>) {
      for (const reason of ['   ', '\u3000\u3000', '\t\n']) {
        const res = await act(w, who, r.id, action, { reason });
        expectProblem(res, 400, 'validation_failed');
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'reason', code: 'isNotBlank' })]);
      }
    }
    expect((await getReferral(w, 'gpA1', r.id)).body).toMatchObject({ status: 'submitted', version: r.version });
  });

  it('§5.2 returnForInfo sends it back to the draft with a reason; the GP edits and resubmits; reject is terminal', async () => {
    const r = await submitted();
    await expectRefused(r.id, 'return', { reason: '请补充心电图' }, [['gpA1', 404], ['deskB', 404], ['nurseA1', 403]]);
    expectProblem(await act(w, 'deskA', r.id, 'return', {}), 400, 'validation_failed');
    const returned = await step(w, 'deskA', r.id, 'return', { reason: '请补充心电图' });
    expect(returned).toMatchObject({ status: 'draft', returnReason: '请补充心电图', sla: { state: 'met' } });

    const gp = await getReferral(w, 'gpA1', r.id);
    expect(gp.body.allowedActions).toEqual(['update', 'submit', 'cancel']);
    const patch = (who: Who, body: object, version: string) =>
      w.as(who).then((token) => t.http.patch(`/api/v1/referrals/${r.id}`).set('authorization', token).set('if-match', version).send(body));
    expectProblem(await patch('gpA2', { summary: '补充' }, `"${returned.version}"`), 404);
    expectProblem(await patch('deskA', { summary: '补充' }, `"${returned.version}"`), 403);
    expectProblem(await patch('gpA1', { diagnoses: [{ code: 'X', name: 'y' }] }, `"${returned.version}"`), 400);
    const edited = await patch('gpA1', { summary: '已补充心电图：窦性心律', urgency: 'urgent' }, `"${returned.version}"`);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ summary: '已补充心电图：窦性心律', urgency: 'urgent', status: 'draft' });

    const again = await step(w, 'gpA1', r.id, 'submit');
    expect(again).toMatchObject({ status: 'submitted', returnReason: null, sla: { state: 'on_time' } });
    expect(new Date(again.sla.deadline).getTime() - new Date(again.submittedAt).getTime()).toBe(4 * 3_600_000);

    expectProblem(await act(w, 'deskA', r.id, 'reject', {}), 400, 'validation_failed');
    await expectRefused(r.id, 'reject', { reason: '无床位' }, [['gpA1', 404], ['deskB', 404], ['resA1', 403]]);
    const rejected = await step(w, 'deskA', r.id, 'reject', { reason: '本院无相应专科，建议转市级医院' });
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '本院无相应专科，建议转市级医院', allowedActions: [] });
    const res = await act(w, 'deskA', r.id, 'accept');
    expectProblem(res, 409, 'illegal_transition');
    expect(res.body.allowedActions).toEqual([]);
  });

  it('§5.2 cancel: the requester or the patient, with a reason; not another GP, the receiving desk or a nurse', async () => {
    const byGp = await submitted();
    const byPatient = await createReferral(w, 'gpA1', upReferralBody(w));
    for (const id of [byGp.id, byPatient.id]) {
      await expectRefused(id, 'cancel', { reason: '患者拒绝' }, [['gpA2', 404], ['deskA', 404], ['deskB', 404], ['resA2', 404], ['nurseA1', 403]]);
    }
    expectProblem(await act(w, 'gpA1', byGp.id, 'cancel', {}), 400, 'validation_failed');
    expect(await step(w, 'gpA1', byGp.id, 'cancel', { reason: '患者已自行就诊' })).toMatchObject({ status: 'cancelled', cancelReason: '患者已自行就诊' });
    expect(await step(w, 'resA1', byPatient.id, 'cancel', { reason: '暂不转诊' })).toMatchObject({ status: 'cancelled' });
    // the source GP hears of a cancellation only when someone else made it
    const inbox = await t.http.get('/api/v1/notifications?limit=100').set('authorization', await w.as('gpA1'));
    expect(inbox.body.items).toContainEqual(expect.objectContaining({ subjectId: byPatient.id, data: expect.objectContaining({ status: 'cancelled' }) }));
    expect(inbox.body.items).not.toContainEqual(expect.objectContaining({ subjectId: byGp.id, data: expect.objectContaining({ status: 'cancelled' }) }));
  });

  it('illegal moves answer 409 with the allowed actions; the green channel may arrive without a schedule (§5.3)', async () => {
    const draft = await createReferral(w, 'gpA1', upReferralBody(w));
    let res = await act(w, 'deskA', draft.id, 'accept');
    expectProblem(res, 409, 'illegal_transition');
    expect(res.body).toMatchObject({ state: 'draft', event: 'accept', allowedActions: ['update', 'submit', 'cancel'] });

    const routine = await submitted();
    await step(w, 'deskA', routine.id, 'accept');
    res = await act(w, 'deskA', routine.id, 'arrive');
    expectProblem(res, 409, 'illegal_transition');
    expect(res.body.allowedActions).toEqual(['schedule', 'cancel']);
    res = await act(w, 'deskA', routine.id, 'complete', { outcome: referralOutcome });
    expect(res.body.allowedActions).toEqual(['schedule', 'cancel']);

    // urgent (加急) is scheduled first like routine; only the green channel arrives straight from accepted
    const urgent = await submitted({ urgency: 'urgent' });
    await step(w, 'deskA', urgent.id, 'accept');
    res = await act(w, 'deskA', urgent.id, 'arrive');
    expectProblem(res, 409, 'illegal_transition');
    expect(res.body.allowedActions).toEqual(['schedule', 'cancel']);

    const emergent = await submitted({ urgency: 'emergent', kind: 'emergency' });
    const accepted = await step(w, 'deskA', emergent.id, 'accept');
    expect(accepted.allowedActions).toEqual(['schedule', 'arrive']);
    expect((await step(w, 'deskA', emergent.id, 'arrive')).status).toBe('arrived');
    res = await act(w, 'gpA1', emergent.id, 'cancel', { reason: 'x' });
    expectProblem(res, 409, 'illegal_transition');
    expect(res.body.allowedActions).toEqual(['complete']);
  });

  it('stale versions change nothing: If-Match 412, body version 409', async () => {
    const r = await submitted();
    const stale = await act(w, 'deskA', r.id, 'accept', {}, { 'if-match': '"1"' });
    expectProblem(stale, 412, 'version_mismatch');
    expect(stale.body.currentVersion).toBe(2);
    expectProblem(await act(w, 'deskA', r.id, 'reject', { reason: 'x', version: 1 }), 409, 'version_mismatch');
    expect((await getReferral(w, 'deskA', r.id)).body).toMatchObject({ status: 'submitted', version: 2 });
    expect((await act(w, 'deskA', r.id, 'accept', { version: 2 })).status).toBe(200);
  });

  it('two clerks accepting at once: one 200, the other 412 (If-Match) or 409 (no version); one accept in the history', async () => {
    const accept = (token: string, id: string, headers: Record<string, string>) => {
      const req = t.http.post(`/api/v1/referrals/${id}/accept`).set('authorization', token);
      for (const [k, v] of Object.entries(headers)) req.set(k, v);
      return req.send({});
    };
    const a = await submitted();
    const withVersion = await Promise.all([accept(await w.as('deskA'), a.id, { 'if-match': '"2"' }), accept(deskA2, a.id, { 'if-match': '"2"' })]);
    expect(withVersion.map((r) => r.status).sort()).toEqual([200, 412]);

    const b = await submitted();
    const bare = await Promise.all([accept(await w.as('deskA'), b.id, {}), accept(deskA2, b.id, {})]);
    expect(bare.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(bare.find((r) => r.status === 409)!.body.code).toBe('illegal_transition');

    for (const id of [a.id, b.id]) {
      const detail = await getReferral(w, 'deskA', id);
      expect(detail.body.events.filter((e: { action: string }) => e.action === 'accept')).toHaveLength(1);
      expect(detail.body.version).toBe(3);
    }
  });

  it('lists only what the caller may see, with filters and keyset pages; each hit audited', async () => {
    const mine = await submitted({ residentId: w.residents.A3 });
    const ids = async (who: Who, query = '') =>
      (await t.http.get(`/api/v1/referrals${query}`).set('authorization', await w.as(who))).body.items.map((r: { id: string }) => r.id) as string[];
    expect(await ids('gpA1')).toContain(mine.id);
    expect(await ids('deskA')).toContain(mine.id);
    expect(await ids('countyAdminA')).toContain(mine.id);
    expect(await ids('instAdminA1')).toContain(mine.id);
    expect(await ids('gpA2')).not.toContain(mine.id);
    expect(await ids('deskB')).toEqual([]);
    expect(await ids('countyAdminB')).toEqual([]);
    expect(await ids('resA2')).not.toContain(mine.id);
    expect(await ids('nurseB1')).toEqual([]);

    expect(await ids('gpA1', '?status=submitted&direction=up')).toContain(mine.id);
    expect(await ids('gpA1', '?status=draft')).not.toContain(mine.id);
    expect(await ids('deskA', `?institutionId=${w.townA2}`)).not.toContain(mine.id);
    expectProblem(await t.http.get('/api/v1/referrals?status=open').set('authorization', await w.as('gpA1')), 400);
    expectProblem(await t.http.get('/api/v1/referrals?cursor=garbage').set('authorization', await w.as('gpA1')), 400);

    const first = await t.http.get('/api/v1/referrals?limit=2').set('authorization', await w.as('gpA1'));
    expect(first.body.items).toHaveLength(2);
    const second = await t.http.get(`/api/v1/referrals?limit=2&cursor=${first.body.nextCursor}`).set('authorization', await w.as('gpA1'));
    expect(second.body.items).toHaveLength(2);
    const all = [...first.body.items, ...second.body.items].map((r: { id: string }) => r.id);
    expect(new Set(all).size).toBe(4);
    expect([...all].sort().reverse()).toEqual(all);
    expect(first.body.items[0]).not.toHaveProperty('summary');

    await getReferral(w, 'deskA', mine.id);
    const audit = await t.http.get(`/api/v1/audit-events?residentId=${w.residents.A3}&limit=200`).set('authorization', await w.as('admin'));
    // A detail read names the referral; a list page is one event naming the residents it showed (domain.md §7.5 "Shapes").
    type Event = { resourceType: string; resourceId: string | null; residentIds: string[]; action: string; detail: { count?: number } | null };
    const reads = audit.body.items.filter((e: Event) => e.resourceType === 'referral' && e.action === 'read'
      && (e.resourceId === mine.id || (e.resourceId === null && e.residentIds.includes(w.residents.A3))));
    expect(reads.length).toBeGreaterThanOrEqual(4);
    expect(reads.some((e: Event) => e.resourceId === null && (e.detail?.count ?? 0) > 1)).toBe(true);
    const transitions = audit.body.items.filter((e: { resourceId: string; action: string }) => e.resourceId === mine.id && e.action !== 'read');
    expect(transitions.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'transition']);
  });

  it('GET /me/referrals: the resident\'s own referrals only', async () => {
    const forA2 = await createReferral(w, 'gpA1', upReferralBody(w, { residentId: w.residents.A2, submit: true }));
    const a1 = await t.http.get('/api/v1/me/referrals').set('authorization', await w.as('resA1'));
    expect(a1.status).toBe(200);
    expect(a1.body.items.length).toBeGreaterThan(0);
    expect(a1.body.items.every((r: { resident: { id: string } }) => r.resident.id === w.residents.A1)).toBe(true);
    const a2 = await t.http.get('/api/v1/me/referrals').set('authorization', await w.as('resA2'));
    expect(a2.body.items.map((r: { id: string }) => r.id)).toContain(forA2.id);
    expect(a2.body.items.every((r: { resident: { id: string } }) => r.resident.id === w.residents.A2)).toBe(true);
    expectProblem(await t.http.get('/api/v1/me/referrals').set('authorization', await w.as('gpA1')), 403);
  });

  it('§5.2 referDown: the hospital returns a completed up-referral to primary care; the primary-care GP accepts it', async () => {
    const up = await submitted();
    const downBody = (extra: Record<string, unknown> = {}) => ({
      ...upReferralBody(w), direction: 'down', toInstitutionId: w.townA1, parentReferralId: up.id, department: undefined,
      reason: '病情稳定，转回基层康复', submit: true, ...extra,
    });
    expectProblem(await postReferral(w, 'deskA', downBody()), 409, 'referral_parent_not_completed');
    await completeUpReferral(w, up.id);

    expectProblem(await postReferral(w, 'gpA1', downBody()), 404);
    expectProblem(await postReferral(w, 'deskB', downBody()), 404);
    expectProblem(await postReferral(w, 'nurseA1', downBody()), 403);
    const wrongLevel = await postReferral(w, 'deskA', downBody({ toInstitutionId: w.hospitalA }));
    expect(fieldsOf(wrongLevel)).toEqual(['toInstitutionId']);
    expect(fieldsOf(await postReferral(w, 'deskA', downBody({ residentId: w.residents.A2 })))).toEqual(['residentId']);
    expect(fieldsOf(await postReferral(w, 'deskA', downBody({ sourceInpatient: { deductiblePaid: 1 } })))).toEqual(['sourceInpatient']);

    const down = await createReferral(w, 'deskA', downBody());
    expect(down).toMatchObject({
      direction: 'down', status: 'submitted', parentReferralId: up.id, fromInstitution: { id: w.hospitalA }, toInstitution: { id: w.townA1 },
      createdById: w.staff.deskA,
    });
    expectProblem(await postReferral(w, 'hospitalGpA', downBody()), 409, 'referral_return_exists');
    expect((await getReferral(w, 'deskA', up.id)).body.returnReferralIds).toEqual([down.id]);

    await expectRefused(down.id, 'accept', {}, [['deskA', 404], ['deskB', 404], ['gpA2', 404], ['gpB1', 404], ['nurseA1', 403], ['resA1', 403]]);
    const accepted = await step(w, 'gpA1', down.id, 'accept');
    expect(accepted.status).toBe('accepted');
    const queue = await t.http.get('/api/v1/referral-desk/queue').set('authorization', await w.as('gpA1'));
    expect(queue.body.items.map((r: { id: string }) => r.id)).toEqual([down.id]);

    // the hospital calls it off; a new return may then be written, by a hospital doctor this time
    expect((await step(w, 'deskA', down.id, 'cancel', { reason: '患者转往上级医院' })).status).toBe('cancelled');
    const again = await createReferral(w, 'hospitalGpA', downBody({ submit: false }));
    expect(again).toMatchObject({ status: 'draft', createdById: w.staff.hospitalGpA, fromInstitution: { id: w.hospitalA } });
    expect((await step(w, 'hospitalGpA', again.id, 'submit')).status).toBe('submitted');
  });

  it('§5.2 the resident\'s family-doctor team: denormalised on the referral, reads it; accepting the return schedules its 2-week follow-up, due 14 days after the hand-back', async () => {
    const packages = await createPackages(w);
    const contract = await signContract(w, w.residents.A2, { packages });
    const up = await submitted({ residentId: w.residents.A2 });
    expect(up.teamId).toBe(w.teamA1);
    expect((await getReferral(w, 'nurseA1', up.id)).status).toBe(200);
    expectProblem(await getReferral(w, 'nurseA2', up.id), 404);

    await completeUpReferral(w, up.id);
    const down = await createReferral(w, 'hospitalGpA', {
      ...upReferralBody(w), residentId: w.residents.A2, direction: 'down', toInstitutionId: w.townA1, parentReferralId: up.id, submit: true,
    });
    expect(down.teamId).toBe(w.teamA1);
    // the team hears of it: primary-care GPs read team notifications
    const teamInbox = await t.http.get('/api/v1/notifications').set('authorization', await w.as('nurseA1'));
    expect(teamInbox.body.items).toContainEqual(expect.objectContaining({ kind: 'referral_submitted', subjectId: down.id }));

    const today = t.clock.today();
    await step(w, 'gpA1', down.id, 'accept');
    t.clock.travelTo(new Date(Date.now() + 14 * 86_400_000));
    try {
      const worklist = await t.http.get('/api/v1/worklists/follow-ups').set('authorization', await w.as('gpA1'));
      expect(worklist.status).toBe(200);
      const task = worklist.body.items.find((f: { sourceId: string }) => f.sourceId === down.id);
      expect(task).toMatchObject({
        kind: 'referral_return', sourceType: 'referral', residentId: w.residents.A2, teamId: w.teamA1, contractId: contract.id,
        dueDate: addDays(today, 14), status: 'open',
      });
      const other = await t.http.get('/api/v1/worklists/follow-ups').set('authorization', await w.as('gpA2'));
      expect(other.body.items.map((f: { sourceId: string }) => f.sourceId)).not.toContain(down.id);
    } finally {
      t.clock.reset();
    }

    // issue #6: the patient is handed back 3 days later -> the same task, now due 14 days after completion
    t.clock.travelTo(new Date(Date.now() + 3 * 86_400_000));
    try {
      await step(w, 'gpA1', down.id, 'schedule', { appointmentAt: daysFromNow(0.01, t.clock.now()) });
      await step(w, 'gpA1', down.id, 'arrive');
      await step(w, 'gpA1', down.id, 'complete', { outcome: referralOutcome });
      t.clock.travelTo(new Date(Date.now() + 17 * 86_400_000));
      const worklist = await t.http.get('/api/v1/worklists/follow-ups?limit=200').set('authorization', await w.as('gpA1'));
      const tasks = worklist.body.items.filter((f: { sourceId: string }) => f.sourceId === down.id);
      expect(tasks).toEqual([expect.objectContaining({ dueDate: addDays(today, 3 + 14), status: 'open' })]);
    } finally {
      t.clock.reset();
    }
  });
});
