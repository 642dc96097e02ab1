import { ContractJobs } from '@countycare/contracts';
import { ReferralJobs } from '@countycare/referrals';
import { expectProblem, fieldsOf } from '../fixtures/builders';
import { at, createPackages, newResident, Packages, post as postAs, signContract } from '../fixtures/contracts';
import { createReferral, referralOutcome, setCountyPolicy, step, upReferralBody } from '../fixtures/referrals';
import { activeFor, closeAndFinalize, post, roundBody } from '../fixtures/sickbeds';
import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, StaffKey, World } from '../fixtures/world';

/**
 * A small county built through the API along a timeline, then the three
 * dashboards read on 2027-07-15 for the first half of 2027 (reference date
 * 2027-06-30). Every figure below is worked out by hand in the comments, so a
 * broken formula or query fails here.
 */
describe('indicators (api.md "Indicators and audit"; domain.md §3.6, §4.4, §5.6)', () => {
  let t: TestApp;
  let w: World;
  let p: Packages;
  const ids: Record<string, string> = {};
  const H1 = 'from=2027-01-01&to=2027-06-30';

  /** The clock at a county-zone wall time. */
  const travel = (date: string, time = '10:00') => t.clock.travelTo(new Date(`${date}T${time}:00+08:00`));
  const token = (who: StaffKey | 'admin' | 'resA1') => w.as(who);
  const read = async (who: StaffKey | 'admin' | 'resA1', path: string, lang?: string) => {
    const req = t.http.get(`/api/v1/indicators/${path}`).set('authorization', await token(who));
    return lang ? req.set('accept-language', lang) : req;
  };
  const ok = <R extends { status: number; body: any }>(res: R): R => {
    if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const logService = async (who: StaffKey, contractId: string, serviceItemCode: string, date: string, extra: object = {}) =>
    ok(await postAs(w, await token(who), `contracts/${contractId}/services`, {
      serviceItemCode, deliveredAt: at(date, 9), modality: 'face_to_face', ...extra,
    }));
  const round = async (who: StaffKey, bedId: string, kind: 'doctor' | 'nurse', date: string) => {
    travel(date, '18:00');
    ok(await post(w, who, `sickbeds/${bedId}/rounds`, roundBody(kind, at(date))));
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    p = await createPackages(w);
    await setCountyPolicy(w, w.countyA, { insurance: { deductibleByLevel: { township_center: 300, county_hospital: 800 } } });
    // county A's registry: A1 (hypertension, 1950), A2 (diabetes), A3 (born 2022) from the world, plus
    // X (1980, no tag), Y (1970, disabled) and three bed patients born 1958: 8 residents, 7 in key populations
    ids.X = (await newResident(w, { birthDate: '1980-05-05' })).id;
    ids.Y = (await newResident(w, { birthDate: '1970-05-05', tags: ['disabled'] })).id;
    ids.Sa = (await newResident(w)).id;
    ids.Sb = (await newResident(w)).id;
    ids.Sc = (await newResident(w)).id;
    const { A1, A2, A3, B1 } = w.residents;
    const sign = (residentId: string, startDate: string, opts: Partial<Parameters<typeof signContract>[2]> = {}) =>
      signContract(w, residentId, { packages: p, startDate, ...opts }).then((c) => c.id);

    // ---- 2026: contracts that end in the first half of 2027
    travel('2026-03-01');
    ids.C1 = await sign(A1, '2026-03-01', { packageIds: [p.basic, p.htn] });
    ids.C2 = await sign(ids.X, '2026-03-01');
    travel('2026-03-10');
    await logService('gpA1', ids.C1, 'health_check', '2026-03-10');
    await logService('gpA1', ids.C1, 'htn_follow_up', '2026-03-10', { payload: { sbp: 150, dbp: 95 } });
    travel('2026-04-01');
    ids.C3 = await sign(ids.Y, '2026-04-01', { who: 'gpA2', teamId: w.teamA2 });
    travel('2026-05-01');
    await logService('gpA2', ids.C3, 'health_check', '2026-05-01');
    travel('2026-06-01');
    await logService('gpA2', ids.C3, 'health_consult', '2026-06-01', { modality: 'phone' });
    travel('2026-06-15');
    await logService('gpA1', ids.C1, 'htn_follow_up', '2026-06-15', { payload: { sbp: 138, dbp: 85 } });

    // ---- 2027
    travel('2027-01-05');
    ids.S1 = ok(await postAs(w, await token('gpA1'), `contracts/${ids.C1}/renew`, { sharingConsent: true })).body.id;
    ids.C4 = await sign(A2, '2027-01-05', { who: 'gpA2', teamId: w.teamA2, packageIds: [p.basic, p.dm] });
    await sign(B1, '2027-01-05', { who: 'gpB1', teamId: w.teamB1, packageIds: [p.basicB] });

    travel('2027-02-01');
    ids.C5 = await sign(A3, '2027-02-01', { signWay: 'family_proxy' });
    await logService('gpA2', ids.C4, 'dm_follow_up', '2027-02-01', { payload: { fastingGlucose: 6.5 } });
    ids.R1 = (await createReferral(w, 'gpA1', upReferralBody(w, { submit: true, sourceInpatient: { deductiblePaid: 300 } }))).id;
    ids.RB = (await createReferral(w, 'gpB1', upReferralBody(w, { submit: true, residentId: B1, toInstitutionId: w.hospitalB }))).id;
    travel('2027-02-01', '12:00');
    await step(w, 'deskA', ids.R1, 'accept', { appointmentAt: at('2027-02-03', 9) });
    await step(w, 'deskB', ids.RB, 'accept', { appointmentAt: at('2027-02-03', 9) });
    travel('2027-02-03');
    await step(w, 'deskA', ids.R1, 'arrive');
    await step(w, 'deskB', ids.RB, 'arrive');
    travel('2027-02-04');
    await step(w, 'deskA', ids.R1, 'complete', { outcome: referralOutcome, admitted: true });
    travel('2027-02-04', '11:00');
    ids.R5 = (await createReferral(w, 'deskA', {
      ...upReferralBody(w), direction: 'down', toInstitutionId: w.townA1, parentReferralId: ids.R1, submit: true,
    })).id;
    travel('2027-02-04', '12:00');
    await step(w, 'gpA1', ids.R5, 'accept', { appointmentAt: at('2027-02-05', 9) });
    travel('2027-02-05');
    await step(w, 'gpA1', ids.R5, 'arrive');
    await step(w, 'gpA1', ids.R5, 'complete', { outcome: referralOutcome, admitted: true });
    travel('2027-02-10');
    ok(await postAs(w, await token('gpA2'), `contracts/${ids.C3}/terminate`, { reason: 'deceased' }));

    travel('2027-03-01');
    const contractJobs = t.app.get(ContractJobs);
    await contractJobs.activateScheduled();
    await contractJobs.expireEnded();
    ids.B1 = (await activeFor(w, ids.Sa, { startDate: '2027-03-01' })).id;
    ids.R2 = (await createReferral(w, 'gpA2', upReferralBody(w, { submit: true, residentId: A2 }))).id;
    await round('gpA1', ids.B1, 'doctor', '2027-03-02');
    travel('2027-03-03');
    await step(w, 'deskA', ids.R2, 'accept', { appointmentAt: at('2027-03-05', 9) });
    await round('nurseA1', ids.B1, 'nurse', '2027-03-05');
    await step(w, 'deskA', ids.R2, 'arrive');
    await round('gpA1', ids.B1, 'doctor', '2027-03-09');
    await round('nurseA1', ids.B1, 'nurse', '2027-03-12');
    travel('2027-03-15');
    await logService('gpA1', ids.S1, 'htn_follow_up', '2027-03-15', { payload: { sbp: 132, dbp: 82 } });
    await round('gpA1', ids.B1, 'doctor', '2027-03-20');
    travel('2027-03-21');
    await closeAndFinalize(w, ids.B1, { closureDate: '2027-03-21', outcome: 'improved' });

    travel('2027-04-01');
    await logService('gpA2', ids.S1, 'health_check', '2027-04-01');
    ids.B2 = (await activeFor(w, ids.Sb, { startDate: '2027-04-01', bedType: 'treatment' })).id;
    ids.R3 = (await createReferral(w, 'gpA1', upReferralBody(w, { submit: true }))).id;
    travel('2027-04-01', '12:00');
    await step(w, 'deskA', ids.R3, 'reject', { reason: '本院专科床位已满，建议改约' });
    await round('gpA1', ids.B2, 'doctor', '2027-04-02');
    travel('2027-04-10');
    await closeAndFinalize(w, ids.B2, { closureDate: '2027-04-10', outcome: 'transferred_to_hospital' });
    ids.R4 = (await createReferral(w, 'gpA1', upReferralBody(w, { submit: true, residentId: A3 }))).id;
    travel('2027-04-10', '12:00');
    await step(w, 'deskA', ids.R4, 'accept', { appointmentAt: at('2027-04-12', 9) });
    travel('2027-04-15');
    ids.C6 = await sign(ids.X, '2027-04-15', { who: 'gpA2', teamId: w.teamA2 });
    travel('2027-04-20');
    await t.app.get(ReferralJobs).expireNoShows();

    travel('2027-05-01');
    await logService('nurseA2', ids.C4, 'health_consult', '2027-05-01', { modality: 'phone' });
    ids.B4 = (await activeFor(w, A2, { startDate: '2027-05-01', responsibleDoctorId: w.staff.gpA2, responsibleNurseId: w.staff.nurseA2 }, 'gpA2')).id;
    travel('2027-06-01');
    ids.B3 = (await activeFor(w, ids.Sc, { startDate: '2027-06-01', plannedEndDate: '2027-06-30' })).id;
    await round('gpA1', ids.B3, 'doctor', '2027-06-02');
    await round('nurseA1', ids.B3, 'nurse', '2027-06-05');
    await round('gpA1', ids.B3, 'doctor', '2027-06-09');
    await round('gpA1', ids.B3, 'doctor', '2027-06-16');
    await round('gpA1', ids.B3, 'doctor', '2027-06-23');
    travel('2027-06-29');
    ids.R6 = (await createReferral(w, 'gpA1', upReferralBody(w, { submit: true }))).id;
    await round('gpA1', ids.B3, 'doctor', '2027-06-30');

    travel('2027-07-15');
  }, 120_000);
  afterAll(async () => {
    t.clock.reset();
    await t.close();
  });

  describe('family-doctor contracts (§3.6)', () => {
    it('a contract terminated on a day is not in force that day: coverage and the contract\'s status agree (§3.3, §3.6)', async () => {
      // in force on 02-09: C1 (A1), C2 (X), C3 (Y), C4 (A2), C5 (A3); C3 was terminated on 02-10 (death takes effect at once)
      expect(ok(await read('countyAdminA', 'contracts?from=2027-02-01&to=2027-02-09')).body.indicators.coverage.numerator).toBe(5);
      expect(ok(await read('countyAdminA', 'contracts?from=2027-02-01&to=2027-02-10')).body.indicators.coverage.numerator).toBe(4);
      const c3 = ok(await t.http.get(`/api/v1/contracts/${ids.C3}`).set('authorization', await token('gpA2')));
      expect(c3.body).toMatchObject({ status: 'terminated', termination: { terminatedOn: '2027-02-10' } });
    });

    it('county admin: exact figures for the county on the reference date 2027-06-30', async () => {
      const res = ok(await read('countyAdminA', `contracts?${H1}`, 'en'));
      expect(res.body).toMatchObject({
        scope: { countyId: w.countyA, institutionId: null, teamId: null },
        period: { from: '2027-01-01', to: '2027-06-30' },
        referenceDate: '2027-06-30',
      });
      const i = res.body.indicators;
      // in force on 06-30: S1 (A1), C4 (A2), C5 (A3), C6 (X) of 8 registered
      expect(i.coverage).toEqual({
        numerator: 4, denominator: 8, rate: 0.5, unit: 'proportion', note: expect.stringContaining('no census figure is stored'),
      });
      // key populations: A1, A2, A3, Y and the three patients born 1958; contracted: A1, A2, A3
      expect(i.keyPopulationCoverage).toMatchObject({ numerator: 3, denominator: 7, rate: 0.4286 });
      // windows of C1 3/7, S1 2/7, C2 0/3, C3 2/2 (one dropped at termination), C4 2/7, C5 0/3, C6 0/3
      expect(i.itemFulfilment).toMatchObject({ numerator: 9, denominator: 32, rate: 0.2813 });
      // ended in the period: C1, C2 (02-28), C3 (terminated 02-10); only C3 met every window
      expect(i.personFulfilment).toMatchObject({ numerator: 1, denominator: 3, rate: 0.3333 });
      // C3 ended by death leaves the denominator; C1 renewed the next day; X signed again 46 days after C2 (> 30)
      expect(i.renewalRate).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5, note: expect.stringContaining('30 days') });
      expect(i.renewalRateSameTeam).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5 });
      // 2027 services: S1 htn (town A1), S1 check by town A2, C4 dm and consult (town A2)
      expect(i.serviceVolume).toEqual({ numerator: 4, denominator: null, rate: null, unit: 'count' });
      expect(i.sharedServiceShare).toMatchObject({ numerator: 1, denominator: 4, rate: 0.25 });

      const tag = (name: string) => res.body.breakdowns.keyPopulationByTag.find((x: { tag: string }) => x.tag === name);
      expect(tag('elderly_65')).toMatchObject({ numerator: 1, denominator: 4, rate: 0.25 });
      expect(tag('child_0_6')).toMatchObject({ numerator: 1, denominator: 1, rate: 1 });
      expect(tag('hypertension')).toMatchObject({ numerator: 1, denominator: 1, rate: 1 });
      expect(tag('disabled')).toMatchObject({ numerator: 0, denominator: 1, rate: 0 });
      expect(tag('pregnant')).toMatchObject({ numerator: 0, denominator: 0, rate: null });
      expect(res.body.breakdowns.serviceVolume).toEqual(expect.arrayContaining([
        { contractInstitution: { id: w.townA1, name: '城关镇卫生院' }, deliveringInstitution: { id: w.townA1, name: '城关镇卫生院' }, services: 1, shared: false },
        { contractInstitution: { id: w.townA1, name: '城关镇卫生院' }, deliveringInstitution: { id: w.townA2, name: '东乡镇卫生院' }, services: 1, shared: true },
        { contractInstitution: { id: w.townA2, name: '东乡镇卫生院' }, deliveringInstitution: { id: w.townA2, name: '东乡镇卫生院' }, services: 2, shared: false },
      ]));
      expect(res.body.breakdowns.serviceVolume).toHaveLength(3);
      expect(res.body.unavailable.map((u: { name: string }) => u.name)).toEqual(expect.arrayContaining(['satisfaction', 'contractedPrimaryCareVisitShare']));
      expect(res.body.unavailable.every((u: { reason: string }) => u.reason.length > 0)).toBe(true);
    });

    it('a county admin narrows to an institution: town A2\'s contracts, and both sides of shared services', async () => {
      const i = ok(await read('countyAdminA', `contracts?${H1}&institutionId=${w.townA2}`)).body.indicators;
      // C4 (A2) and C6 (X) in force; residents belong to the county, so no denominator below it
      expect(i.coverage).toMatchObject({ numerator: 2, denominator: null, rate: null });
      expect(i.coverage.note).toContain('居民按县登记');
      expect(i.itemFulfilment).toMatchObject({ numerator: 4, denominator: 12, rate: 0.3333 });
      expect(i.serviceVolume.numerator).toBe(3);
      expect(i.sharedServiceShare).toMatchObject({ numerator: 1, denominator: 3 });
    });

    it('a GP sees the team\'s figures: team A1 (C1, S1, C2, C5)', async () => {
      const res = ok(await read('gpA1', `contracts?${H1}`));
      expect(res.body.scope).toEqual({ countyId: w.countyA, institutionId: w.townA1, teamId: w.teamA1 });
      const i = res.body.indicators;
      expect(i.coverage).toMatchObject({ numerator: 2, denominator: null });
      expect(i.keyPopulationCoverage).toMatchObject({ numerator: 2, denominator: null });
      expect(i.itemFulfilment).toMatchObject({ numerator: 5, denominator: 20, rate: 0.25 });
      expect(i.personFulfilment).toMatchObject({ numerator: 0, denominator: 2, rate: 0 });
      expect(i.renewalRate).toMatchObject({ numerator: 1, denominator: 2 });
      expect(i.sharedServiceShare).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5 });
      expect(ok(await read('nurseA2', `contracts?${H1}`)).body.indicators.coverage.numerator).toBe(2);
    });

    it('a county admin narrows to a team: the same figures its GP sees, with the team\'s institution in the scope', async () => {
      const res = ok(await read('countyAdminA', `contracts?${H1}&teamId=${w.teamA1}`));
      expect(res.body.scope).toEqual({ countyId: w.countyA, institutionId: w.townA1, teamId: w.teamA1 });
      const asGp = ok(await read('gpA1', `contracts?${H1}`)).body.indicators;
      expect(res.body.indicators).toEqual(asGp);
      expect(res.body.indicators.itemFulfilment).toMatchObject({ numerator: 5, denominator: 20 });
      // team and institution together, when they agree
      expect(ok(await read('countyAdminA', `sickbeds?${H1}&teamId=${w.teamA1}&institutionId=${w.townA1}`)).body.scope.teamId).toBe(w.teamA1);
      // an institution admin names a team of the institution; a GP their own team
      expect(ok(await read('instAdminA1', `contracts?${H1}&teamId=${w.teamA1}`)).body.indicators).toEqual(asGp);
      expect(ok(await read('gpA1', `contracts?${H1}&teamId=${w.teamA1}`)).body.indicators).toEqual(asGp);
    });

    it('the default period is the calendar year up to today', async () => {
      const res = ok(await read('countyAdminA', 'contracts'));
      expect(res.body.period).toEqual({ from: '2027-01-01', to: '2027-07-15' });
      expect(res.body.referenceDate).toBe('2027-07-15');
    });
  });

  describe('household sickbeds (§4.4)', () => {
    it('county admin: beds opened, open, bed days, round compliance, transfers, outcomes, overdue', async () => {
      const res = ok(await read('countyAdminA', `sickbeds?${H1}`));
      const i = res.body.indicators;
      expect(i.bedsOpened).toMatchObject({ numerator: 4, unit: 'count' });
      // open on 06-30: Sc's bed (planned to end that day) and A2's
      expect(i.openBeds).toMatchObject({ numerator: 2 });
      // closed: Sa's 21 days (improved), Sb's 10 days (transferred)
      expect(i.averageBedDays).toEqual({ numerator: 31, denominator: 2, rate: 15.5, unit: 'days' });
      expect(i.transferToHospitalRate).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5 });
      // doctor rounds due 3 + 1 + 4 + 8 (21, 10, 30, 61 open days; weekly), on time 2 + 1 + 4 (capped) + 0
      expect(i.roundCompliance).toMatchObject({ numerator: 7, denominator: 16, rate: 0.4375 });
      // nurse visits due the same, on time 2 + 0 + 1 + 0
      expect(i.nurseVisitCompliance).toMatchObject({ numerator: 3, denominator: 16, rate: 0.1875 });
      // today 07-15: Sc's bed ran past 06-30 without extension
      expect(i.overdueEpisodes).toMatchObject({ numerator: 1 });
      expect(res.body.breakdowns.openedByBedType).toEqual([
        { bedType: 'treatment', beds: 1 }, { bedType: 'rehabilitation', beds: 3 }, { bedType: 'palliative', beds: 0 },
      ]);
      expect(res.body.breakdowns.openedByInstitution).toEqual(expect.arrayContaining([
        { institution: { id: w.townA1, name: '城关镇卫生院' }, beds: 3 }, { institution: { id: w.townA2, name: '东乡镇卫生院' }, beds: 1 },
      ]));
      const outcome = (name: string) => res.body.breakdowns.outcomeMix.find((o: { outcome: string }) => o.outcome === name);
      expect(outcome('improved')).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5 });
      expect(outcome('died')).toMatchObject({ numerator: 0, denominator: 2, rate: 0 });
      expect(res.body.unavailable).toEqual([]);
    });

    it('a GP sees team A1\'s beds only', async () => {
      const i = ok(await read('gpA1', `sickbeds?${H1}`)).body.indicators;
      expect(i.bedsOpened.numerator).toBe(3);
      expect(i.openBeds.numerator).toBe(1);
      expect(i.roundCompliance).toMatchObject({ numerator: 7, denominator: 8, rate: 0.875 });
      expect(i.nurseVisitCompliance).toMatchObject({ numerator: 3, denominator: 8, rate: 0.375 });
      expect(i.averageBedDays.rate).toBe(15.5);
    });

    it('an earlier reference date takes the states on it: on 03-10 one bed was open, and its rounds were all on time', async () => {
      const i = ok(await read('countyAdminA', 'sickbeds?from=2027-03-01&to=2027-03-10')).body.indicators;
      expect(i.openBeds.numerator).toBe(1);
      // 10 open days: 1 doctor round due (2 done on time), 1 nurse visit due (done)
      expect(i.roundCompliance).toMatchObject({ numerator: 1, denominator: 1, rate: 1 });
      expect(i.nurseVisitCompliance).toMatchObject({ numerator: 1, denominator: 1 });
      expect(i.averageBedDays).toMatchObject({ denominator: 0, rate: null });
    });
  });

  describe('referrals (§5.6)', () => {
    it('county admin: up/down arrivals, 下转比, 受理及时率, 转诊到诊率, out of county, continuous deductible', async () => {
      const res = ok(await read('countyAdminA', `referrals?${H1}`));
      const i = res.body.indicators;
      // arrived: R1 and R2 up, R5 down (county B's referral is not counted)
      expect(i.upReferrals).toMatchObject({ numerator: 2, unit: 'count' });
      expect(i.downReferrals).toMatchObject({ numerator: 1 });
      expect(i.downToUpRatio).toEqual({ numerator: 1, denominator: 2, rate: 0.5, unit: 'ratio' });
      // submitted R1..R6; R2 answered after 48 h, R6 never (limit 24 h passed)
      expect(i.timelyAnswerRate).toMatchObject({ numerator: 4, denominator: 6, rate: 0.6667 });
      // appointments with an outcome: R1, R2, R5 arrived; R4 expired as a no-show
      expect(i.arrivalRate).toMatchObject({ numerator: 3, denominator: 4, rate: 0.75 });
      expect(i.outOfCountyRate).toMatchObject({ numerator: 0, denominator: 5, rate: 0, note: expect.any(String) });
      expect(res.body.breakdowns.byDirection).toEqual([
        { direction: 'up', submitted: 5, answeredInTime: 3, undecided: 0, arrived: 2, completed: 1 },
        { direction: 'down', submitted: 1, answeredInTime: 1, undecided: 0, arrived: 1, completed: 1 },
      ]);
      // R1: county hospital 800 less 300 paid at the township = 500; R5 back down: 300 already covered = 0
      expect(res.body.breakdowns.continuousDeductible).toEqual({
        admittedReferrals: 2, standardYuan: 1100, dueYuan: 500, relievedYuan: 600, note: expect.stringContaining('以医保结算为准'),
      });
      expect(res.body.unavailable.map((u: { name: string }) => u.name)).toEqual(expect.arrayContaining(['countyRetentionRate', 'primaryCareVisitShare']));
    });

    it('a GP sees the team\'s residents\' referrals; a desk and an institution admin their institution\'s', async () => {
      const gp = ok(await read('gpA1', `referrals?${H1}`)).body;
      expect(gp.indicators.upReferrals.numerator).toBe(1);
      expect(gp.indicators.timelyAnswerRate).toMatchObject({ numerator: 4, denominator: 5, rate: 0.8 });
      expect(gp.indicators.arrivalRate).toMatchObject({ numerator: 2, denominator: 3 });
      const desk = ok(await read('deskA', `referrals?${H1}`)).body;
      expect(desk.scope).toEqual({ countyId: w.countyA, institutionId: w.hospitalA, teamId: null });
      expect(desk.indicators.timelyAnswerRate).toMatchObject({ numerator: 4, denominator: 6 });
      const inst = ok(await read('instAdminA1', `referrals?${H1}`)).body;
      expect(inst.scope).toEqual({ countyId: w.countyA, institutionId: w.townA1, teamId: null });
      expect(inst.indicators.upReferrals.numerator).toBe(1);
      expect(inst.indicators.timelyAnswerRate.denominator).toBe(5);
      const countyB = ok(await read('countyAdminB', `referrals?${H1}`)).body;
      expect(countyB.indicators.upReferrals.numerator).toBe(1);
      expect(countyB.indicators.timelyAnswerRate).toMatchObject({ numerator: 1, denominator: 1 });
    });
  });

  describe('access (design.md "Access control")', () => {
    it('residents may never read indicators: 403 on every route', async () => {
      for (const path of ['contracts', 'sickbeds', 'referrals']) expectProblem(await read('resA1', path), 403, 'forbidden_role');
    });

    it('the referral desk reads referral figures only: contracts and sickbeds 403', async () => {
      expectProblem(await read('deskA', 'contracts'), 403, 'forbidden_role');
      expectProblem(await read('deskA', 'sickbeds'), 403, 'forbidden_role');
    });

    it('another county or institution answers 404, by id or by county code', async () => {
      expectProblem(await read('countyAdminB', `contracts?countyId=${w.countyA}`), 404, 'not_found');
      expectProblem(await read('countyAdminB', 'sickbeds?countyId=330781'), 404, 'not_found');
      expectProblem(await read('countyAdminA', `referrals?institutionId=${w.townB1}`), 404, 'not_found');
      expectProblem(await read('instAdminA1', `contracts?institutionId=${w.townA2}`), 404, 'not_found');
      expectProblem(await read('gpA1', `sickbeds?countyId=${w.countyB}`), 404, 'not_found');
      expectProblem(await read('gpA1', `referrals?institutionId=${w.townA2}`), 404, 'not_found');
      expectProblem(await read('deskA', `referrals?institutionId=${w.townA1}`), 404, 'not_found');
      expectProblem(await read('countyAdminA', 'contracts?countyId=999999'), 404, 'not_found');
      // teams: of another county, of another institution than the one named or bound, another clinician's, none
      expectProblem(await read('countyAdminA', `contracts?teamId=${w.teamB1}`), 404, 'not_found');
      expectProblem(await read('countyAdminA', `contracts?teamId=${w.teamA2}&institutionId=${w.townA1}`), 404, 'not_found');
      expectProblem(await read('instAdminA1', `sickbeds?teamId=${w.teamA2}`), 404, 'not_found');
      expectProblem(await read('gpA1', `contracts?teamId=${w.teamA2}`), 404, 'not_found');
      expectProblem(await read('deskA', `referrals?teamId=${w.teamA1}`), 404, 'not_found');
      expectProblem(await read('countyAdminA', `contracts?teamId=${w.townA1}`), 404, 'not_found');
    });

    it('an institution admin is held to the institution', async () => {
      const res = ok(await read('instAdminA1', `sickbeds?${H1}`));
      expect(res.body.scope).toEqual({ countyId: w.countyA, institutionId: w.townA1, teamId: null });
      expect(res.body.indicators.bedsOpened.numerator).toBe(3);
      expect(ok(await read('instAdminA1', `sickbeds?${H1}&institutionId=${w.townA1}`)).body.indicators.bedsOpened.numerator).toBe(3);
    });

    it('the system admin names a county (400 without one) and then sees it whole', async () => {
      const none = await read('admin', 'contracts');
      expectProblem(none, 400, 'validation_failed');
      expect(fieldsOf(none)).toEqual(['countyId']);
      const res = ok(await read('admin', `referrals?${H1}&countyId=330781`));
      expect(res.body.scope.countyId).toBe(w.countyA);
      expect(res.body.indicators.upReferrals.numerator).toBe(2);
    });

    it('audits one read per call, purpose statistics, without any resident', async () => {
      const events = async () => (await t.http.get(`/api/v1/audit-events?actorId=${w.staff.countyAdminA}&limit=200`)
        .set('authorization', await token('admin'))).body.items.filter((e: { resourceType: string }) => e.resourceType === 'indicators');
      const before = (await events()).length;
      ok(await read('countyAdminA', `sickbeds?${H1}`));
      const after = await events();
      expect(after).toHaveLength(before + 1);
      expect(after[0]).toMatchObject({
        action: 'read', resourceId: 'sickbeds', purpose: 'statistics', residentId: null,
        detail: { institutionId: null, teamId: null, from: '2027-01-01', to: '2027-06-30' },
      });
    });
  });

  describe('validation', () => {
    it('from/to must be real dates, in order, at most 366 days, not starting in the future: 400 with the field', async () => {
      const bad = async (query: string, field: string) => {
        const res = await read('countyAdminA', `contracts?${query}`);
        expectProblem(res, 400, 'validation_failed');
        expect(fieldsOf(res)).toEqual([field]);
      };
      await bad('from=2027-02-30', 'from');
      await bad('to=2027/06/30', 'to');
      await bad('from=2027-03-01&to=2027-02-01', 'from');
      await bad('from=2026-01-01&to=2027-01-02', 'to');
      await bad('from=2027-08-01&to=2027-08-31', 'from');
      await bad('institutionId=bad%20id', 'institutionId');
    });

    it('unknown query parameters are refused', async () => {
      const res = await read('countyAdminA', 'referrals?groupBy=team');
      expectProblem(res, 400, 'validation_failed');
      expect(fieldsOf(res)).toEqual(['groupBy']);
    });

    it('the OpenAPI document describes the routes, their query and the response fields', async () => {
      const doc = (await t.http.get('/docs-json')).body;
      const route = doc.paths['/api/v1/indicators/contracts'].get;
      expect(route.parameters.map((q: { name: string }) => q.name)).toEqual(expect.arrayContaining(['countyId', 'institutionId', 'teamId', 'from', 'to']));
      expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
      expect(Object.keys(doc.components.schemas.ContractIndicatorSetView.properties)).toContain('renewalRate');
      expect(Object.keys(doc.components.schemas.IndicatorValueView.properties)).toEqual(['numerator', 'denominator', 'rate', 'unit', 'note']);
    });
  });
});
