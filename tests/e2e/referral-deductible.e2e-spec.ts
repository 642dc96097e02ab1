import { Actor } from '@countycare/common';
import { TransactionRunner } from '@countycare/database';
import { ReferralsService } from '@countycare/referrals';
import { expectProblem, fieldsOf } from '../fixtures/builders';
import { newResident } from '../fixtures/contracts';
import {
  act, completeUpReferral, createReferral, daysFromNow, getReferral, referralOutcome, setCountyPolicy, step, upReferralBody,
} from '../fixtures/referrals';
import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';

const DAY = 86_400_000;

describe('continuous deductible on completion with admission (issue #6, domain.md §5.5)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    await setCountyPolicy(w, w.countyA, { insurance: { deductibleByLevel: { township_center: 300, county_hospital: 800 } } });
  });
  afterAll(async () => {
    t.clock.reset();
    await t.close();
  });
  afterEach(() => t.clock.reset());

  /** An up-referral from township A1 to county hospital A, each for a resident of its own so that no test continues another's chain. */
  const up = async (extra: Record<string, unknown> = {}) =>
    createReferral(w, 'gpA1', upReferralBody(w, { residentId: (await newResident(w)).id, submit: true, ...extra }));

  /** The down-referral of a completed up-referral, worked by township A1's GP to completion. */
  async function downAndBack(parentId: string, complete: Record<string, unknown>, daysLater = 0) {
    const parent = (await getReferral(w, 'deskA', parentId)).body;
    const down = await createReferral(w, 'deskA', {
      ...upReferralBody(w), residentId: parent.resident.id, direction: 'down', toInstitutionId: w.townA1, parentReferralId: parentId, submit: true,
    });
    if (daysLater) t.clock.travelTo(new Date(t.clock.now().getTime() + daysLater * DAY));
    await step(w, 'gpA1', down.id, 'accept', { appointmentAt: daysFromNow(0, t.clock.now()) });
    await step(w, 'gpA1', down.id, 'arrive');
    return step(w, 'gpA1', down.id, 'complete', { outcome: referralOutcome, ...complete });
  }

  it('§5.5 example up the chain: township paid 300, county hospital 800 -> due 500, stored and shown', async () => {
    const r = await up({ sourceInpatient: { deductiblePaid: 300 } });
    expect(r.sourceInpatient).toEqual({ deductiblePaid: 300 });
    const done = await completeUpReferral(w, r.id, { admitted: true });
    expect(done.deductible).toMatchObject({
      basis: 'chained', standard: 800, creditedBefore: 300, due: 500, creditedAfter: 800, eligibleCost: null,
      admittedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), note: expect.stringContaining('以医保结算为准'),
    });
    expect(done.events.at(-1).data).toMatchObject({ admitted: true, deductibleDueFen: 50_000, deductibleBasis: 'chained' });
    // stored: a later read shows the same figure even after the county changes its amounts
    await setCountyPolicy(w, w.countyA, { insurance: { deductibleByLevel: { county_hospital: 900 } } });
    expect((await getReferral(w, 'gpA1', r.id)).body.deductible.due).toBe(500);
    await setCountyPolicy(w, w.countyA, { insurance: { deductibleByLevel: { county_hospital: 800 } } });
  });

  it('§5.5 example back down the chain: township 300 after 800 credited -> due 0', async () => {
    const r = await up({ sourceInpatient: { deductiblePaid: 300 } });
    await completeUpReferral(w, r.id, { admitted: true });
    const down = await downAndBack(r.id, { admitted: true });
    expect(down.deductible).toMatchObject({ basis: 'chained', standard: 300, creditedBefore: 800, due: 0, creditedAfter: 800 });
  });

  it('credits no more than the eligible cost, and the lower credit travels down the chain', async () => {
    const r = await up({ sourceInpatient: { deductiblePaid: 300 } });
    const done = await completeUpReferral(w, r.id, { admitted: true, eligibleCost: 200.5 });
    expect(done.deductible).toMatchObject({ due: 500, creditedAfter: 500.5, eligibleCost: 200.5 });
    const down = await downAndBack(r.id, { admitted: true });
    expect(down.deductible).toMatchObject({ basis: 'chained', creditedBefore: 500.5, due: 0 });
  });

  it('outside the chain window (3 days) each episode pays its full deductible, up and down', async () => {
    const r = await up({ sourceInpatient: { deductiblePaid: 300 } });
    t.clock.travelTo(new Date(Date.now() + 4 * DAY));
    const done = await completeUpReferral(w, r.id, { admitted: true });
    expect(done.deductible).toMatchObject({ basis: 'outside_window', creditedBefore: 0, due: 800, creditedAfter: 800 });
    const down = await downAndBack(r.id, { admitted: true }, 5);
    expect(down.deductible).toMatchObject({ basis: 'outside_window', creditedBefore: 0, due: 300 });
  });

  it('inside the window by an explicit admission day; a day outside arrival..today is refused', async () => {
    const r = await up({ sourceInpatient: { deductiblePaid: 300 } });
    t.clock.travelTo(new Date(Date.now() + 2 * DAY));
    await step(w, 'deskA', r.id, 'accept', { appointmentAt: daysFromNow(0, t.clock.now()) });
    await step(w, 'deskA', r.id, 'arrive');
    const today = t.clock.today();
    const tooEarly = await act(w, 'deskA', r.id, 'complete', { outcome: referralOutcome, admitted: true, admittedOn: '2020-01-01' });
    expect(fieldsOf(tooEarly)).toEqual(['admittedOn']);
    const future = await act(w, 'deskA', r.id, 'complete', { outcome: referralOutcome, admitted: true, admittedOn: '2999-01-01' });
    expect(fieldsOf(future)).toEqual(['admittedOn']);
    const done = await step(w, 'deskA', r.id, 'complete', { outcome: referralOutcome, admitted: true, admittedOn: today });
    expect(done.deductible).toMatchObject({ basis: 'chained', admittedOn: today, due: 500 });
  });

  it('unknown credit: no source figure means no chain; a sickbed origin is an episode of unknown credit; full deductible', async () => {
    const plain = await up();
    expect((await completeUpReferral(w, plain.id, { admitted: true })).deductible).toMatchObject({ basis: 'no_chain', due: 800, creditedBefore: 0 });

    // the household-sickbed closure path (createUpReferral inside the caller's transaction)
    const actor: Actor = {
      userId: w.staff.gpA1, username: 'gpa1', displayName: 'gpA1', role: 'gp', countyId: w.countyA, institutionId: w.townA1, teamId: w.teamA1,
      residentId: null, sessionId: 'test', requestId: 'test-sickbed-close', ip: '127.0.0.1',
    };
    const created = await t.app.get(TransactionRunner).run((em) => t.app.get(ReferralsService).createUpReferral(em, actor, {
      residentId: w.residents.A2, toInstitutionId: w.hospitalA, urgency: 'urgent', reason: '家床期间病情加重',
      diagnoses: [{ code: 'J44.1', name: '慢阻肺急性加重' }], summary: '家庭病床第 20 天，血氧下降', sourceSickbedId: '01a2-sickbed-1',
    }));
    const fromBed = (await getReferral(w, 'deskA', created.id)).body;
    expect(fromBed).toMatchObject({ status: 'submitted', referralNo: created.referralNo, sourceSickbedId: '01a2-sickbed-1', urgency: 'urgent' });
    expect((await completeUpReferral(w, created.id, { admitted: true })).deductible).toMatchObject({ basis: 'unknown_credit', due: 800 });

    // a completed up-referral without admission gives its down-referral nothing to continue
    const outpatient = await up({ sourceInpatient: { deductiblePaid: 300 } });
    await completeUpReferral(w, outpatient.id);
    expect((await downAndBack(outpatient.id, { admitted: true })).deductible).toMatchObject({ basis: 'no_chain', due: 300 });
  });

  it('the chain stops at the insurance-year boundary', async () => {
    const year = new Date().getUTCFullYear() + 1;
    t.clock.travelTo(new Date(`${year}-12-31T10:00:00+08:00`));
    const r = await up({ sourceInpatient: { deductiblePaid: 300 } });
    t.clock.travelTo(new Date(`${year + 1}-01-01T10:00:00+08:00`));
    const done = await completeUpReferral(w, r.id, { admitted: true });
    expect(done.deductible).toMatchObject({ basis: 'year_boundary', due: 800, admittedOn: `${year + 1}-01-01` });
  });

  it('a county without deductibles gets no estimate (not_configured); cost and admission day need admitted', async () => {
    const r = await createReferral(w, 'gpB1', upReferralBody(w, {
      residentId: w.residents.B1, toInstitutionId: w.hospitalB, sourceInpatient: { deductiblePaid: 300 }, submit: true,
    }));
    await step(w, 'deskB', r.id, 'accept', { appointmentAt: daysFromNow(1) });
    await step(w, 'deskB', r.id, 'arrive');
    expect(fieldsOf(await act(w, 'deskB', r.id, 'complete', { outcome: referralOutcome, eligibleCost: 100 }))).toEqual(['eligibleCost']);
    expectProblem(await act(w, 'deskB', r.id, 'complete', { outcome: referralOutcome, admitted: true, eligibleCost: -1 }), 400);
    const done = await step(w, 'deskB', r.id, 'complete', { outcome: referralOutcome, admitted: true });
    expect(done.deductible).toMatchObject({ basis: 'not_configured', standard: null, due: null, creditedAfter: null });
  });

  it('township -> county (admitted) -> city: the chain CountyCare holds is credited, a stated figure replaces the stay\'s estimate', async () => {
    const admin = await w.as('admin');
    const city = await t.http.post('/api/v1/institutions').set('authorization', admin)
      .send({ countyId: w.countyA, name: '示范市第一医院', level: 'city_hospital', hasReferralDesk: true });
    expect(city.status).toBe(201);
    await setCountyPolicy(w, w.countyA, { insurance: { deductibleByLevel: { township_center: 300, county_hospital: 800, city_hospital: 1500 } } });
    const deskCity = await t.http.post('/api/v1/staff').set('authorization', admin).send({
      username: 'deskcity', password: 'Test#Pass2026', displayName: '市医院转诊岗', role: 'referral_desk', institutionId: city.body.id,
    });
    expect(deskCity.status).toBe(201);
    const deskCityToken = await t.login('deskcity');
    const completeAtCity = async (id: string) => {
      const work = (action: string, body: Record<string, unknown> = {}) =>
        t.http.post(`/api/v1/referrals/${id}/${action}`).set('authorization', deskCityToken).send(body);
      expect((await work('accept', { appointmentAt: daysFromNow(0, t.clock.now()) })).status).toBe(200);
      expect((await work('arrive')).status).toBe(200);
      const done = await work('complete', { outcome: referralOutcome, admitted: true });
      expect(done.status).toBe(200);
      return done.body;
    };

    // township stay paid 300 -> county hospital admitted: due 500, credited 800
    const first = await up({ sourceInpatient: { deductiblePaid: 300 } });
    expect((await completeUpReferral(w, first.id, { admitted: true })).deductible).toMatchObject({ creditedBefore: 300, due: 500, creditedAfter: 800 });

    // the hospital's doctor refers the inpatient on to the city: nothing typed, the recorded chain is continued
    const onward = await createReferral(w, 'hospitalGpA', upReferralBody(w, {
      residentId: first.resident.id, toInstitutionId: city.body.id, submit: true,
    }));
    const atCity = await completeAtCity(onward.id);
    expect(atCity.deductible).toMatchObject({
      basis: 'chained', standard: 1500, creditedBefore: 800, due: 700, creditedAfter: 1500, chainedFromReferralId: first.id,
    });

    // the county's settlement said 550 were paid there: that replaces the 500 estimated, on top of the township's 300
    const second = await up({ sourceInpatient: { deductiblePaid: 300 } });
    await completeUpReferral(w, second.id, { admitted: true });
    const stated = await createReferral(w, 'hospitalGpA', upReferralBody(w, {
      residentId: second.resident.id, toInstitutionId: city.body.id, sourceInpatient: { deductiblePaid: 550 }, submit: true,
    }));
    expect((await completeAtCity(stated.id)).deductible).toMatchObject({ creditedBefore: 850, due: 650, chainedFromReferralId: second.id });
    await setCountyPolicy(w, w.countyA, { insurance: { deductibleByLevel: { township_center: 300, county_hospital: 800 } } });
  });
});
