import { expectProblem, fieldsOf } from '../fixtures/builders';
import { createPackages, newResident, Packages, signContract } from '../fixtures/contracts';
import { completeUpReferral, createReferral, getReferral, postReferral, step, upReferralBody } from '../fixtures/referrals';
import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';

const CLINICAL = {
  chiefComplaint: '反复头晕 3 月，加重 1 周', presentIllness: '血压波动 160–180/100 mmHg', pastHistory: '高血压 10 年',
  treatmentSoFar: '氨氯地平 5mg qd，缬沙坦 80mg qd', keyResults: '心电图：左室高电压', precautions: '  ',
};

/** Issue #12: the clinical content of domain.md §5.4 and the patient's consent to share it with the receiving institution. */
describe('referral clinical content and consent (issue #12, domain.md §5.4)', () => {
  let t: TestApp;
  let w: World;
  let packages: Packages;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    packages = await createPackages(w);
  });
  afterAll(() => t.close());

  it('without consent the receiving side sees the demographics and the reason only; the sender and the county see it all', async () => {
    const r = await createReferral(w, 'gpA1', upReferralBody(w, { clinical: CLINICAL, consentToShare: false, requestedDate: t.clock.today(), submit: true }));
    // blank sections are left out
    const { precautions: _blank, ...written } = CLINICAL;
    expect(r).toMatchObject({ consentToShare: false, clinicalWithheld: false, requestedDate: t.clock.today() });
    expect(r.clinical).toEqual(written);
    const desk = (await getReferral(w, 'deskA', r.id)).body;
    expect(desk).toMatchObject({
      clinicalWithheld: true, summary: null, diagnoses: [], clinical: null, primaryDiagnosis: null, urgentSigns: [], redFlags: [],
      reason: r.reason, resident: { id: w.residents.A1 }, requestedDate: t.clock.today(), allowedActions: expect.arrayContaining(['accept']),
    });
    const queued = (await t.http.get('/api/v1/referral-desk/queue?limit=100').set('authorization', await w.as('deskA'))).body.items
      .find((i: { id: string }) => i.id === r.id);
    expect(queued).toMatchObject({ clinicalWithheld: true, primaryDiagnosis: null });
    // the hospital's doctors are the receiving side too
    expect((await getReferral(w, 'hospitalGpA', r.id)).body.clinicalWithheld).toBe(true);
    for (const who of ['gpA1', 'countyAdminA', 'instAdminA1'] as const) {
      const seen = (await getReferral(w, who, r.id)).body;
      expect({ who, withheld: seen.clinicalWithheld, dx: seen.diagnoses.length, cc: seen.clinical?.chiefComplaint }).toEqual({ who, withheld: false, dx: 1, cc: CLINICAL.chiefComplaint });
    }
  });

  it('left out, consent is the open contract\'s county-wide sharing consent; without a contract none; a draft may record it', async () => {
    const sharing = (await newResident(w)).id;
    await signContract(w, sharing, { packages, sharingConsent: true });
    const private_ = (await newResident(w)).id;
    await signContract(w, private_, { packages, sharingConsent: false });
    const none = (await newResident(w)).id;
    expect((await createReferral(w, 'gpA1', upReferralBody(w, { residentId: sharing }))).consentToShare).toBe(true);
    expect((await createReferral(w, 'gpA1', upReferralBody(w, { residentId: private_ }))).consentToShare).toBe(false);
    const draft = await createReferral(w, 'gpA1', upReferralBody(w, { residentId: none }));
    expect(draft.consentToShare).toBe(false);
    const given = await t.http.patch(`/api/v1/referrals/${draft.id}`).set('authorization', await w.as('gpA1')).send({ consentToShare: true, version: draft.version });
    expect(given.body.consentToShare).toBe(true);
    await step(w, 'gpA1', draft.id, 'submit');
    expect((await getReferral(w, 'deskA', draft.id)).body).toMatchObject({ clinicalWithheld: false, diagnoses: [{ code: 'I10.x00' }] });
  });

  it('the return path: treatment, the medication list and the follow-up plan reach the referring GP', async () => {
    const r = await createReferral(w, 'gpA1', upReferralBody(w, { consentToShare: true, submit: true }));
    const done = await completeUpReferral(w, r.id, {
      outcome: {
        diagnosisResult: '原发性高血压 3 级', keyFindings: '肾动脉超声未见狭窄', nextAdvice: '回基层随访', treatment: '调整降压方案',
        medications: [{ name: '氨氯地平片', dose: '5mg', frequency: '每日一次' }, { name: ' 缬沙坦胶囊 ', dose: ' ' }], followUpPlan: '两周后社区复测血压',
      },
    });
    const gp = (await getReferral(w, 'gpA1', done.id)).body;
    expect(gp.outcome).toEqual({
      diagnosisResult: '原发性高血压 3 级', keyFindings: '肾动脉超声未见狭窄', nextAdvice: '回基层随访', treatment: '调整降压方案',
      medications: [{ name: '氨氯地平片', dose: '5mg', frequency: '每日一次' }, { name: '缬沙坦胶囊' }], followUpPlan: '两周后社区复测血压',
    });
  });

  it('bad clinical input is a 400 naming the field, and nothing is written', async () => {
    const count = async () => (await t.http.get('/api/v1/referrals?limit=200').set('authorization', await w.as('gpA1'))).body.items.length;
    const before = await count();
    const bad = async (extra: Record<string, unknown>, field: string, code?: string) => {
      const res = await postReferral(w, 'gpA1', upReferralBody(w, extra));
      expectProblem(res, 400, 'validation_failed');
      expect(fieldsOf(res)).toEqual([field]);
      if (code) expect(res.body.errors[0].code).toBe(code);
    };
    await bad({ clinical: { chiefComplaint: 'x'.repeat(501) } }, 'clinical.chiefComplaint');
    await bad({ clinical: { diagnosis: 'x' } }, 'clinical.diagnosis', 'unknown_field');
    await bad({ clinical: 'headache' }, 'clinical');
    await bad({ clinical: { pastHistory: 5 } }, 'clinical.pastHistory');
    await bad({ requestedDate: '2026-02-30' }, 'requestedDate');
    await bad({ requestedDate: '2020-01-01' }, 'requestedDate', 'referral_requested_date_past');
    await bad({ consentToShare: 'yes' }, 'consentToShare');
    expect(await count()).toBe(before);
    const r = await createReferral(w, 'gpA1', upReferralBody(w, { submit: true }));
    await step(w, 'deskA', r.id, 'accept', { appointmentAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString() });
    await step(w, 'deskA', r.id, 'arrive');
    const noName = await t.http.post(`/api/v1/referrals/${r.id}/complete`).set('authorization', await w.as('deskA'))
      .send({ outcome: { diagnosisResult: '稳定', medications: [{ name: ' ' }] } });
    expectProblem(noName, 400, 'validation_failed');
    expect(fieldsOf(noName)).toEqual(['outcome.medications.0.name']);
    expect((await getReferral(w, 'deskA', r.id)).body.status).toBe('arrived');
  });
});
