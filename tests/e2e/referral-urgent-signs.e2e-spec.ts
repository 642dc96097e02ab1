import { FieldCipher } from '@countycare/common';
import { TransactionRunner } from '@countycare/database';
import { expectProblem } from '../fixtures/builders';
import { createPackages, newResident, Packages, signContract } from '../fixtures/contracts';
import { completeUpReferral, createReferral, getReferral, setCountyPolicy, upReferralBody, Who } from '../fixtures/referrals';
import { activeFor, post, roundBody } from '../fixtures/sickbeds';
import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';

/**
 * Issue #12: priority with the green channel's triggers, the referral's kind,
 * the insurance scheme and number, and the deductible table by scheme
 * (docs/domain.md §5.1, §5.3, §5.5).
 */
describe('referral urgent signs, kind and insurance (issue #12, domain.md §5.3, §5.5)', () => {
  let t: TestApp;
  let w: World;
  let packages: Packages;
  let patient: string;
  let noon: number;
  const HOUR = 3_600_000;

  const signs = async (who: Who, residentId: string) =>
    t.http.get(`/api/v1/referrals/urgent-signs?residentId=${residentId}`).set('authorization', await w.as(who));

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    packages = await createPackages(w);
    // noon in the county, so every reading below falls on today
    noon = Date.parse(`${t.clock.today()}T04:00:00Z`);
    t.clock.travelTo(new Date(noon));
    patient = (await newResident(w, { tags: ['hypertension', 'diabetes_t2'] })).id;
    const contract = await signContract(w, patient, { packages, packageIds: [packages.basic, packages.htn, packages.dm] });
    const gp = await w.as('gpA1');
    const service = (body: object) => t.http.post(`/api/v1/contracts/${contract.id}/services`).set('authorization', gp).send(body);
    const bp = await service({ serviceItemCode: 'htn_follow_up', deliveredAt: new Date(noon - 3 * HOUR).toISOString(), modality: 'face_to_face', payload: { sbp: 150, dbp: 96 } });
    expect(bp.status).toBe(201);
    const sugar = await service({ serviceItemCode: 'dm_follow_up', deliveredAt: new Date(noon - 2 * HOUR).toISOString(), modality: 'face_to_face', payload: { fastingGlucose: 17.2 } });
    expect(sugar.status).toBe(201);
    const bed = await activeFor(w, patient, { startDate: t.clock.today() });
    const round = await post(w, 'gpA1', `sickbeds/${bed.id}/rounds`, roundBody('doctor', new Date(noon - 60_000).toISOString(), { sbp: 186, dbp: 112, pulse: 90 }));
    expect(round.status).toBe(201);
  });
  afterAll(async () => {
    t.clock.reset();
    await t.close();
  });

  it('GET /referrals/urgent-signs: the newest reading of each sign from rounds and services against the §5.3 thresholds, audited', async () => {
    const res = await signs('gpA1', patient);
    expect(res.status).toBe(200);
    expect(res.body.suggestedUrgency).toBe('emergent');
    expect(res.body.signs.map((s: Record<string, unknown>) => [s.code, s.value, s.threshold, s.source, s.stale])).toEqual([
      // the round an hour ago is newer than the service's 150/96 three hours ago
      ['sbp_high', 186, 180, 'sickbed_round', false],
      ['dbp_high', 112, 110, 'sickbed_round', false],
      ['glucose_high', 17.2, 16.7, 'service', false],
    ]);
    expect(res.body.signs[2].recordedAt).toBe(new Date(noon - 2 * HOUR).toISOString());
    const audit = await t.http.get(`/api/v1/audit-events?residentId=${patient}&limit=50`).set('authorization', await w.as('admin'));
    expect(audit.body.items.some((e: { action: string; resourceType: string }) => e.action === 'read' && e.resourceType === 'resident_vitals')).toBe(true);
  });

  it('readings older than 72 hours are shown stale and suggest nothing', async () => {
    t.clock.travelTo(new Date(noon + 73 * HOUR));
    try {
      const res = await signs('gpA1', patient);
      expect(res.body.suggestedUrgency).toBeNull();
      expect(res.body.signs.map((s: { code: string; stale: boolean }) => [s.code, s.stale])).toEqual([['sbp_high', true], ['dbp_high', true], ['glucose_high', true]]);
    } finally {
      t.clock.travelTo(new Date(noon));
    }
  });

  it('who may ask: a GP who may refer the resident; other roles 403, out of county or unknown 404, bad id 400, no token 401', async () => {
    expect((await signs('gpA1', w.residents.A2)).body).toEqual({ residentId: w.residents.A2, signs: [], suggestedUrgency: null });
    // the referral desk writes down-referrals, so it may look too
    expect((await signs('deskA', patient)).body.suggestedUrgency).toBe('emergent');
    for (const who of ['nurseA1', 'countyAdminA', 'instAdminA1', 'resA1', 'admin'] as Who[]) {
      expect({ who, status: (await signs(who, patient)).status }).toEqual({ who, status: 403 });
    }
    expectProblem(await signs('gpB1', patient), 404, 'not_found');
    expectProblem(await signs('gpA1', '01a2-no-such-resident-000000000000'), 404, 'not_found');
    expectProblem(await signs('gpA1', 'not an id'), 400, 'validation_failed');
    expect((await t.http.get(`/api/v1/referrals/urgent-signs?residentId=${patient}`)).status).toBe(401);
  });

  it('a referral keeps the signs met when written and submitted, with the red flags; the desk sees the suggestion whatever was chosen', async () => {
    const created = await createReferral(w, 'gpA1', upReferralBody(w, { residentId: patient, urgency: 'routine', redFlags: ['chest_pain'], submit: true }));
    const desk = (await getReferral(w, 'deskA', created.id)).body;
    expect(desk).toMatchObject({ urgency: 'routine', kind: 'outpatient', redFlags: ['chest_pain'], suggestedUrgency: 'emergent' });
    expect(desk.urgentSigns.map((s: { code: string }) => s.code)).toEqual(['sbp_high', 'dbp_high', 'glucose_high', 'chest_pain']);
    // a resident without readings or flags: nothing stored, nothing suggested
    const calm = await createReferral(w, 'gpA1', upReferralBody(w, { residentId: w.residents.A2 }));
    expect(calm).toMatchObject({ redFlags: [], urgentSigns: [], suggestedUrgency: null });
    // flags edited on the draft are checked again
    const edited = await t.http.patch(`/api/v1/referrals/${calm.id}`).set('authorization', await w.as('gpA1'))
      .send({ redFlags: ['altered_consciousness'], version: calm.version });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ redFlags: ['altered_consciousness'], suggestedUrgency: 'emergent' });
  });

  it('kind: defaults to outpatient; an emergency referral must be emergent, on creation and on a draft', async () => {
    const inpatient = await createReferral(w, 'gpA1', upReferralBody(w, { kind: 'inpatient', urgency: 'urgent' }));
    expect(inpatient).toMatchObject({ kind: 'inpatient', urgency: 'urgent' });
    const refused = await t.http.patch(`/api/v1/referrals/${inpatient.id}`).set('authorization', await w.as('gpA1'))
      .send({ kind: 'emergency', version: inpatient.version });
    expectProblem(refused, 400, 'validation_failed');
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'urgency', code: 'referral_emergency_not_emergent' })]);
    expect((await getReferral(w, 'gpA1', inpatient.id)).body).toMatchObject({ kind: 'inpatient', version: inpatient.version });
    const ok = await t.http.patch(`/api/v1/referrals/${inpatient.id}`).set('authorization', await w.as('gpA1'))
      .send({ kind: 'emergency', urgency: 'emergent', version: inpatient.version });
    expect(ok.body).toMatchObject({ kind: 'emergency', urgency: 'emergent' });
  });

  it('insurance: the scheme and a masked number in every view; the number stored encrypted, never sent in full', async () => {
    const created = await createReferral(w, 'gpA1', upReferralBody(w, { insuranceType: 'resident', insuranceNo: ' zj3301 0200 0012 3456 ' }));
    expect(created.insurance).toEqual({ type: 'resident', numberMasked: 'ZJ************3456' });
    const desk = await getReferral(w, 'deskA', created.id);
    expect(desk.body.insurance).toEqual({ type: 'resident', numberMasked: 'ZJ************3456' });
    expect(JSON.stringify(desk.body)).not.toContain('3301020000123456');
    const [row] = await t.app.get(TransactionRunner).dataSource.query('SELECT insurance_no_enc FROM referrals WHERE id = ?', [created.id]);
    expect(row.insurance_no_enc).not.toContain('3456');
    expect(t.app.get(FieldCipher).decrypt(row.insurance_no_enc)).toBe('ZJ3301020000123456');
    // the scheme changes alone and the number stays
    const edited = await t.http.patch(`/api/v1/referrals/${created.id}`).set('authorization', await w.as('gpA1'))
      .send({ insuranceType: 'employee', version: created.version });
    expect(edited.body.insurance).toEqual({ type: 'employee', numberMasked: 'ZJ************3456' });
    // a bad number on a draft changes nothing
    const bad = await t.http.patch(`/api/v1/referrals/${created.id}`).set('authorization', await w.as('gpA1'))
      .send({ insuranceNo: '12', version: edited.body.version });
    expectProblem(bad, 400, 'validation_failed');
    expect((await getReferral(w, 'gpA1', created.id)).body).toMatchObject({ version: edited.body.version, insurance: { numberMasked: 'ZJ************3456' } });
  });

  it('§5.5 D(k) by level and scheme: the scheme\'s own deductible where the county set one, the level\'s otherwise', async () => {
    await setCountyPolicy(w, w.countyA, {
      insurance: { deductibleByLevel: { county_hospital: 800 }, deductibleByScheme: { resident: { county_hospital: 900 } } },
    });
    const standardFor = async (extra: Record<string, unknown>) => {
      const r = await createReferral(w, 'gpA1', upReferralBody(w, { residentId: w.residents.A3, submit: true, ...extra }));
      const done = await completeUpReferral(w, r.id, { admitted: true });
      return done.deductible.standard;
    };
    expect(await standardFor({ insuranceType: 'resident' })).toBe(900);
    expect(await standardFor({ insuranceType: 'employee' })).toBe(800);
    expect(await standardFor({})).toBe(800);
    const policy = await t.http.get(`/api/v1/counties/${w.countyA}`).set('authorization', await w.as('countyAdminA'));
    expect(policy.body.policy.insurance.deductibleByScheme).toEqual({ resident: { county_hospital: 900 } });
  });

  it('refuses a bad scheme table or green-channel limit in the county policy, naming the setting', async () => {
    const before = (await t.http.get(`/api/v1/counties/${w.countyA}`).set('authorization', await w.as('countyAdminA'))).body;
    for (const [policy, field] of [
      [{ insurance: { deductibleByScheme: { commercial: { county_hospital: 1 } } } }, 'policy.insurance.deductibleByScheme.commercial'],
      [{ insurance: { deductibleByScheme: { resident: { county_hospital: 'x' } } } }, 'policy.insurance.deductibleByScheme.resident.county_hospital'],
      [{ referral: { replyHours: { emergent: 0 } } }, 'policy.referral.replyHours.emergent'],
    ] as const) {
      const res = await t.http.patch(`/api/v1/counties/${w.countyA}/policy`).set('authorization', await w.as('countyAdminA')).send({ policy });
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    expect(before.policy.insurance.deductibleByScheme).toBeDefined();
    const after = (await t.http.get(`/api/v1/counties/${w.countyA}`).set('authorization', await w.as('countyAdminA'))).body;
    expect(after.policy).toEqual(before.policy);
  });
});
