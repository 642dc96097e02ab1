import { createPackages, newResident, signContract } from '../fixtures/contracts';
import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';
import { expectProblem, fieldsOf } from '../fixtures/builders';
import {
  activeFor, applicationBody, applyFor, approvedFor, closeAndFinalize, closeBody, ELIGIBLE_CRITERIA, eligibleAssessment, get, newResidentA,
  openBody, orderBody, post, roundBody,
} from '../fixtures/sickbeds';

/** Monday 2026-03-02 10:00 in Shanghai. */
const T0 = new Date('2026-03-02T02:00:00Z');

describe('household sickbeds: lifecycle and access (issue #5, domain.md §4)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    t.clock.travelTo(T0);
  });
  afterAll(() => t.close());

  describe('application (§4.2 apply)', () => {
    it('a GP applies for a resident of the county: 201, Location, status applied, audited', async () => {
      const resident = await newResidentA(w);
      const res = await post(w, 'gpA1', 'sickbeds', applicationBody(resident));
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/sickbeds/${res.body.id}`);
      expect(res.body).toMatchObject({
        status: 'applied', allowedActions: ['amend', 'submit', 'cancel'], countyId: w.countyA, institutionId: w.townA1, teamId: w.teamA1,
        resident: { id: resident, name: '钱*' }, responsibleDoctor: { id: w.staff.gpA1 }, cycleNo: 0, version: 1,
      });
      const audit = await get(w, 'admin', `audit-events?residentId=${resident}`);
      expect(audit.body.items.map((e: { action: string; resourceType: string }) => `${e.action}:${e.resourceType}`)).toContain('create:sickbed');
    });

    it('GPs apply for residents; nurses, admins and the desk get 403; a resident applies only for themselves (404 for others)', async () => {
      const resident = await newResidentA(w);
      for (const who of ['nurseA1', 'countyAdminA', 'instAdminA1', 'deskA', 'admin'] as const) {
        expectProblem(await post(w, who, 'sickbeds', applicationBody(resident)), 403, 'forbidden_role');
      }
      expectProblem(await post(w, 'resA1', 'sickbeds', { residentId: resident, conditionSummary: '卧床' }), 404, 'not_found');
      expect(fieldsOf(await post(w, 'gpA1', 'sickbeds', { residentId: resident, conditionSummary: '卧床' }))).toEqual(['admissionIndication']);
    });

    it('a resident applies for themselves through their contracted team, which writes the opinion and submits (§4.2)', async () => {
      const packages = await createPackages(w);
      const withoutContract = await newResident(w, { login: true });
      const refused = await w.t.http.post('/api/v1/sickbeds').set('authorization', withoutContract.token!)
        .send({ residentId: withoutContract.id, conditionSummary: '母亲卧床，行动不便' });
      expectProblem(refused, 409, 'sickbed_needs_contract');

      const me = await newResident(w, { login: true });
      await signContract(w, me.id, { packages });
      const asMe = (path: string, body: object = {}) => w.t.http.post(`/api/v1/${path}`).set('authorization', me.token!).send(body);
      expect(fieldsOf(await asMe('sickbeds', { residentId: me.id, conditionSummary: '卧床', admissionIndication: '建议建床' })))
        .toEqual(['admissionIndication']);
      expect(fieldsOf(await asMe('sickbeds', { residentId: me.id, conditionSummary: '   ' }))).toEqual(['conditionSummary']);
      const applied = await asMe('sickbeds', { residentId: me.id, conditionSummary: '中风后卧床半年，家属照护，往返医院困难' });
      expect(applied.status).toBe(201);
      expect(applied.body).toMatchObject({
        status: 'applied', origin: 'resident', appliedById: expect.any(String), institutionId: w.townA1, teamId: w.teamA1,
        admissionIndication: null, responsibleDoctor: null,
      });
      // the team is told; it cannot submit before the doctor's opinion is written
      const inbox = await w.t.http.get('/api/v1/notifications?limit=50').set('authorization', await w.as('nurseA1'));
      expect(inbox.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'sickbed_applied', subjectId: applied.body.id })]));
      expectProblem(await post(w, 'gpA1', `sickbeds/${applied.body.id}/submit`), 409, 'sickbed_indication_missing');
      // the resident may not work it, but may withdraw it
      expectProblem(await asMe(`sickbeds/${applied.body.id}/submit`), 403);
      const amended = await w.t.http.patch(`/api/v1/sickbeds/${applied.body.id}`).set('authorization', await w.as('gpA1'))
        .send({ admissionIndication: '卧床不起，需上门换药及康复指导，建议建床' });
      expect(amended.status).toBe(200);
      expect((await post(w, 'gpA1', `sickbeds/${applied.body.id}/submit`)).body.status).toBe('assessing');
      expect((await w.t.http.get('/api/v1/me/sickbeds').set('authorization', me.token!)).body.items.map((b: { id: string }) => b.id))
        .toContain(applied.body.id);
      const withdrawn = await asMe(`sickbeds/${applied.body.id}/cancel`, { reason: '家属决定送养老机构' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.status).toBe('cancelled');
    });

    it('a resident of another county is out of scope: 404', async () => {
      expectProblem(await post(w, 'gpA1', 'sickbeds', applicationBody(w.residents.B1)), 404, 'not_found');
      expectProblem(await post(w, 'gpB1', 'sickbeds', applicationBody(w.residents.A1)), 404, 'not_found');
      expectProblem(await post(w, 'gpA1', 'sickbeds', applicationBody('01a20bdc-0000-7000-8000-000000000000')), 404, 'not_found');
    });

    it('refuses bad input with field errors and writes nothing', async () => {
      const resident = await newResidentA(w);
      const res = await post(w, 'gpA1', 'sickbeds', { ...applicationBody(resident), conditionSummary: '', diagnosisDate: '2026-02-30', extra: 1 });
      expectProblem(res, 400, 'validation_failed');
      expect(fieldsOf(res).sort()).toEqual(['conditionSummary', 'diagnosisDate', 'extra']);
      expect((await get(w, 'gpA1', `sickbeds?residentId=${resident}`)).body.items).toEqual([]);
    });

    it('at most one open episode per resident (database unique key): 409 naming the open one, free again once cancelled', async () => {
      const resident = await newResidentA(w);
      const first = await applyFor(w, resident);
      const second = await post(w, 'gpA1', 'sickbeds', applicationBody(resident));
      expectProblem(second, 409, 'sickbed_already_open');
      expect(second.body.sickbedId).toBe(first.id);
      // another team's GP learns nothing about the episode it may not see
      const other = await post(w, 'gpA2', 'sickbeds', applicationBody(resident));
      expectProblem(other, 409, 'sickbed_already_open');
      expect(other.body.sickbedId).toBeUndefined();

      expect((await post(w, 'gpA1', `sickbeds/${first.id}/cancel`, { reason: '家属改变主意' })).status).toBe(200);
      expect((await post(w, 'gpA1', 'sickbeds', applicationBody(resident))).status).toBe(201);
    });

    it('two concurrent applications for one resident: exactly one is created', async () => {
      const resident = await newResidentA(w);
      const results = await Promise.all([1, 2, 3].map(() => post(w, 'gpA1', 'sickbeds', applicationBody(resident))));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      expect((await get(w, 'gpA1', `sickbeds?residentId=${resident}`)).body.items).toHaveLength(1);
    });

    it('a retried application with the same Idempotency-Key returns the first answer and creates nothing', async () => {
      const resident = await newResidentA(w);
      const headers = { 'idempotency-key': `apply-${resident}` };
      const a = await post(w, 'gpA1', 'sickbeds', applicationBody(resident), headers);
      const b = await post(w, 'gpA1', 'sickbeds', applicationBody(resident), headers);
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(b.body.id).toBe(a.body.id);
      expect((await get(w, 'gpA1', `sickbeds?residentId=${resident}`)).body.items).toHaveLength(1);
    });
  });

  describe('assessment and approval (§4.2 submit, return, reject, approve; §4.3 required before opening)', () => {
    it('applied -> assessing -> (return) applied -> assessing -> approved, each audited', async () => {
      const episode = await applyFor(w, await newResidentA(w));
      const id = episode.id;
      const submitted = await post(w, 'gpA1', `sickbeds/${id}/submit`);
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({ status: 'assessing', allowedActions: ['assess', 'return', 'reject', 'approve', 'cancel'], version: 2 });

      expectProblem(await post(w, 'gpA1', `sickbeds/${id}/return`, {}), 400, 'validation_failed');
      const amendWhileAssessing = await w.t.http.patch(`/api/v1/sickbeds/${id}`).set('authorization', await w.as('gpA1')).send({ conditionSummary: '补充' });
      expectProblem(amendWhileAssessing, 409, 'illegal_transition');
      await post(w, 'gpA1', `sickbeds/${id}/assess`, eligibleAssessment);
      const returned = await post(w, 'gpA1', `sickbeds/${id}/return`, { reason: '病情摘要不完整' });
      expect(returned.body).toMatchObject({ status: 'applied', decisionReason: '病情摘要不完整', latestAssessment: null });

      const amended = await w.t.http.patch(`/api/v1/sickbeds/${id}`).set('authorization', await w.as('gpA1'))
        .set('if-match', `"${returned.body.version}"`).send({ conditionSummary: '脑梗死后遗症，左侧偏瘫，Barthel 35 分，骶尾部压疮 II 期' });
      expect(amended.status).toBe(200);
      expect(amended.body).toMatchObject({ status: 'applied', conditionSummary: expect.stringContaining('压疮') });
      await post(w, 'gpA1', `sickbeds/${id}/submit`);
      // the amended application is assessed afresh
      expectProblem(await post(w, 'gpA1', `sickbeds/${id}/approve`), 409, 'sickbed_not_assessed_eligible');
      const assessed = await post(w, 'gpA1', `sickbeds/${id}/assess`, eligibleAssessment);
      expect(assessed.status).toBe(200);
      expect(assessed.body).toMatchObject({ status: 'assessing', latestAssessment: { result: 'eligible', consentSigned: true, functionalScore: 35 } });
      const approved = await post(w, 'gpA1', `sickbeds/${id}/approve`);
      expect(approved.body).toMatchObject({ status: 'approved', allowedActions: ['open', 'cancel'] });

      const audit = await get(w, 'admin', `audit-events?residentId=${episode.resident.id}&limit=50`);
      const transitions = audit.body.items.filter((e: { action: string }) => e.action === 'transition')
        .map((e: { detail: { event: string } }) => e.detail.event).reverse();
      expect(transitions).toEqual(['submit', 'assess', 'return', 'amend', 'submit', 'assess', 'approve']);
    });

    it('an assessment with criteria of the wrong shape is 400 naming the field, never a 500', async () => {
      const episode = await applyFor(w, await newResidentA(w));
      await post(w, 'gpA1', `sickbeds/${episode.id}/submit`);
      for (const criteria of [[], [ELIGIBLE_CRITERIA], 'ok', null]) {
        const res = await post(w, 'gpA1', `sickbeds/${episode.id}/assess`, { ...eligibleAssessment, criteria });
        expectProblem(res, 400, 'validation_failed');
        expect(fieldsOf(res)).toEqual(['criteria']);
      }
    });

    it('an assessment must agree with its checklist, and a non-eligible one needs a reason (400)', async () => {
      const { id } = await applyFor(w, await newResidentA(w));
      await post(w, 'gpA1', `sickbeds/${id}/submit`);
      const mismatch = await post(w, 'gpA1', `sickbeds/${id}/assess`, { ...eligibleAssessment, criteria: { ...ELIGIBLE_CRITERIA, caregiverPresent: false } });
      expectProblem(mismatch, 400, 'validation_failed');
      expect(mismatch.body.errors[0]).toMatchObject({ field: 'result', code: 'criteria_not_met' });
      const noReason = await post(w, 'gpA1', `sickbeds/${id}/assess`, { ...eligibleAssessment, result: 'pending' });
      expect(noReason.body.errors[0]).toMatchObject({ field: 'reason', code: 'reason_required' });
      const badEnum = await post(w, 'gpA1', `sickbeds/${id}/assess`, { ...eligibleAssessment, criteria: { ...ELIGIBLE_CRITERIA, indications: ['flying'] } });
      expect(fieldsOf(badEnum)).toEqual(['criteria.indications']);
    });

    it('approval needs an eligible assessment with consent and agreement signed (409)', async () => {
      const { id } = await applyFor(w, await newResidentA(w));
      await post(w, 'gpA1', `sickbeds/${id}/submit`);
      expectProblem(await post(w, 'gpA1', `sickbeds/${id}/approve`), 409, 'sickbed_not_assessed_eligible');
      await post(w, 'gpA1', `sickbeds/${id}/assess`, { ...eligibleAssessment, result: 'pending', reason: '待确认照护人' });
      expectProblem(await post(w, 'gpA1', `sickbeds/${id}/approve`), 409, 'sickbed_not_assessed_eligible');
      await post(w, 'gpA1', `sickbeds/${id}/assess`, { ...eligibleAssessment, consentSigned: false });
      expectProblem(await post(w, 'gpA1', `sickbeds/${id}/approve`), 409, 'sickbed_consent_missing');
      await post(w, 'gpA1', `sickbeds/${id}/assess`, eligibleAssessment);
      expect((await post(w, 'gpA1', `sickbeds/${id}/approve`)).body.status).toBe('approved');
    });

    it('a blank reason (white space only) is refused on return, reject and cancel; the application stays where it was', async () => {
      const episode = await applyFor(w, await newResidentA(w));
      expect((await post(w, 'gpA1', `sickbeds/${episode.id}/submit`)).status).toBe(200);
      for (const action of ['return', 'reject', 'cancel']) {
        const res = await post(w, 'gpA1', `sickbeds/${episode.id}/${action}`, { reason: ' \u3000 ' });
        expectProblem(res, 400, 'validation_failed');
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'reason', code: 'isNotBlank' })]);
      }
      expect((await get(w, 'gpA1', `sickbeds/${episode.id}`)).body).toMatchObject({ status: 'assessing', version: 2 });
    });

    it('rejection needs an ineligible assessment and a reason; rejected is final and frees the resident', async () => {
      const resident = await newResidentA(w);
      const { id } = await applyFor(w, resident);
      await post(w, 'gpA1', `sickbeds/${id}/submit`);
      await post(w, 'gpA1', `sickbeds/${id}/assess`, eligibleAssessment);
      expectProblem(await post(w, 'gpA1', `sickbeds/${id}/reject`, { reason: '不符合' }), 409, 'sickbed_not_assessed_ineligible');
      await post(w, 'gpA1', `sickbeds/${id}/assess`, {
        result: 'ineligible', criteria: { ...ELIGIBLE_CRITERIA, exclusions: ['needs_hospital_rescue'] }, consentSigned: false, agreementSigned: false,
        reason: '病情危重需住院',
      });
      const rejected = await post(w, 'gpA1', `sickbeds/${id}/reject`, { reason: '病情危重，建议住院' });
      expect(rejected.body).toMatchObject({ status: 'rejected', allowedActions: [], decisionReason: '病情危重，建议住院' });
      const again = await post(w, 'gpA1', `sickbeds/${id}/submit`);
      expectProblem(again, 409, 'illegal_transition');
      expect(again.body.allowedActions).toEqual([]);
      expect((await post(w, 'gpA1', 'sickbeds', applicationBody(resident))).status).toBe(201);
    });

    it('cancel works from applied, assessing and approved, with a reason', async () => {
      const applied = await applyFor(w, await newResidentA(w));
      const assessing = await applyFor(w, await newResidentA(w));
      await post(w, 'gpA1', `sickbeds/${assessing.id}/submit`);
      const approved = await approvedFor(w, await newResidentA(w));
      for (const id of [applied.id, assessing.id, approved]) {
        expectProblem(await post(w, 'gpA1', `sickbeds/${id}/cancel`, {}), 400, 'validation_failed');
        const res = await post(w, 'gpA1', `sickbeds/${id}/cancel`, { reason: '家属放弃' });
        expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: '家属放弃', allowedActions: [] });
      }
    });

    it('nurses may not move or amend an application (403); GPs of another team do not see it (404)', async () => {
      const { id } = await applyFor(w, await newResidentA(w));
      expectProblem(await post(w, 'nurseA1', `sickbeds/${id}/submit`), 403, 'forbidden_role');
      expectProblem(await post(w, 'countyAdminA', `sickbeds/${id}/submit`), 403, 'forbidden_role');
      expectProblem(await post(w, 'gpA2', `sickbeds/${id}/submit`), 404, 'not_found');
      expectProblem(await post(w, 'gpB1', `sickbeds/${id}/cancel`, { reason: 'x' }), 404, 'not_found');
      const amend = (who: 'nurseA1' | 'gpA2') => w.as(who).then((token) =>
        w.t.http.patch(`/api/v1/sickbeds/${id}`).set('authorization', token).send({ admissionIndication: '改' }));
      expectProblem(await amend('nurseA1'), 403, 'forbidden_role');
      expectProblem(await amend('gpA2'), 404, 'not_found');
    });
  });

  describe('opening (建床, §4.2 open)', () => {
    it('opens with responsible doctor and nurse, plan, cycle end = start + 90 − 1 and the first rounds scheduled', async () => {
      const id = await approvedFor(w, await newResidentA(w));
      const res = await post(w, 'gpA1', `sickbeds/${id}/open`, openBody(w, { plan: { nurseVisitIntervalDays: 3 } }));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'active', startDate: '2026-03-02', plannedEndDate: '2026-05-30', endWarningDate: '2026-05-23', cycleNo: 1, bedType: 'rehabilitation',
        admissionDiagnosis: { code: 'I69.3' }, responsibleDoctor: { id: w.staff.gpA1, name: 'gpA1' }, responsibleNurse: { id: w.staff.nurseA1 },
        plan: { firstRoundHours: 48, doctorRoundIntervalDays: 7, nurseVisitIntervalDays: 3 },
        allowedActions: ['round', 'order', 'stop_order', 'extend', 'close'], cycleOverdue: false,
        cycles: [{ cycleNo: 1, startDate: '2026-03-02', plannedEndDate: '2026-05-30' }],
      });
      expect(res.body.schedule).toEqual([
        expect.objectContaining({ kind: 'doctor', nextDueDate: '2026-03-04', dueState: 'upcoming', assigneeId: w.staff.gpA1 }),
        expect.objectContaining({ kind: 'nurse', nextDueDate: '2026-03-05', nextDueAt: '2026-03-04T16:00:00.000Z', assigneeId: w.staff.nurseA1 }),
      ]);
      expect(new Date(res.body.schedule[0].nextDueAt).getTime() - new Date(res.body.openedAt).getTime()).toBe(48 * 3_600_000);
    });

    it('the responsible doctor must be a GP and the nurse a nurse of the episode\'s institution (400)', async () => {
      const id = await approvedFor(w, await newResidentA(w));
      const asDoctor = await post(w, 'gpA1', `sickbeds/${id}/open`, openBody(w, { responsibleDoctorId: w.staff.nurseA1 }));
      expect(asDoctor.body.errors[0]).toMatchObject({ field: 'responsibleDoctorId', code: 'responsible_doctor_invalid' });
      const otherInstitution = await post(w, 'gpA1', `sickbeds/${id}/open`, openBody(w, { responsibleNurseId: w.staff.nurseA2 }));
      expect(otherInstitution.body.errors[0]).toMatchObject({ field: 'responsibleNurseId', code: 'responsible_nurse_invalid' });
    });

    it('refuses a start date outside the window, an end past the cycle maximum, a plan looser than the county, a bad ICD-10 code', async () => {
      const id = await approvedFor(w, await newResidentA(w));
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ startDate: '2026-02-20' }, 'startDate', 'start_date_window'],
        [{ plannedEndDate: '2026-05-31' }, 'plannedEndDate', 'planned_end_out_of_cycle'],
        [{ plan: { doctorRoundIntervalDays: 10 } }, 'plan.doctorRoundIntervalDays', 'interval_exceeds_policy'],
        [{ admissionDiagnosis: { code: 'stroke', name: '脑梗' } }, 'admissionDiagnosis.code', 'icd10_format'],
        [{ bedType: 'hotel' }, 'bedType', 'isIn'],
      ];
      for (const [override, field, code] of cases) {
        const res = await post(w, 'gpA1', `sickbeds/${id}/open`, openBody(w, override));
        expectProblem(res, 400, 'validation_failed');
        expect(res.body.errors[0]).toMatchObject({ field, code });
      }
      expect((await get(w, 'gpA1', `sickbeds/${id}`)).body).toMatchObject({ status: 'approved', version: 4 });
    });

    it('cannot open before approval (409 illegal_transition with the allowed actions)', async () => {
      const { id } = await applyFor(w, await newResidentA(w));
      const res = await post(w, 'gpA1', `sickbeds/${id}/open`, openBody(w));
      expectProblem(res, 409, 'illegal_transition');
      expect(res.body).toMatchObject({ state: 'applied', event: 'open', allowedActions: ['amend', 'submit', 'cancel'] });
      expect(res.body.detail).toContain('submit');
    });

    it('follows the county\'s own settings (maxCycleDays, firstRoundHours)', async () => {
      const county = await get(w, 'countyAdminB', `counties/${w.countyB}`);
      const patch = await w.t.http.patch(`/api/v1/counties/${w.countyB}/policy`).set('authorization', await w.as('countyAdminB'))
        .send({ policy: { sickbed: { maxCycleDays: 30, firstRoundHours: 24 } }, version: county.body.version });
      expect(patch.status).toBe(200);
      const applied = await applyFor(w, w.residents.B1, 'gpB1');
      for (const [step, body] of [['submit', {}], ['assess', eligibleAssessment], ['approve', {}]] as const) {
        await post(w, 'gpB1', `sickbeds/${applied.id}/${step}`, body);
      }
      const opened = await post(w, 'gpB1', `sickbeds/${applied.id}/open`, {
        ...openBody(w), responsibleDoctorId: w.staff.gpB1, responsibleNurseId: w.staff.nurseB1,
      });
      expect(opened.body).toMatchObject({ plannedEndDate: '2026-03-31', plan: { firstRoundHours: 24 } });
      expect(opened.body.schedule[0].nextDueDate).toBe('2026-03-03');
    });
  });

  describe('optimistic concurrency (api.md Concurrency)', () => {
    it('stale If-Match -> 412, stale body version -> 409, nothing changed; the right version passes', async () => {
      const { id } = await applyFor(w, await newResidentA(w));
      expectProblem(await post(w, 'gpA1', `sickbeds/${id}/submit`, {}, { 'if-match': '"7"' }), 412, 'version_mismatch');
      const stale = await post(w, 'gpA1', `sickbeds/${id}/cancel`, { reason: 'x', version: 3 });
      expectProblem(stale, 409, 'version_mismatch');
      expect(stale.body.currentVersion).toBe(1);
      expect((await get(w, 'gpA1', `sickbeds/${id}`)).body).toMatchObject({ status: 'applied', version: 1 });
      expect((await post(w, 'gpA1', `sickbeds/${id}/submit`, {}, { 'if-match': '"1"' })).body).toMatchObject({ status: 'assessing', version: 2 });
    });

    it('a transition with no body at all is accepted', async () => {
      const { id } = await applyFor(w, await newResidentA(w));
      const res = await w.t.http.post(`/api/v1/sickbeds/${id}/submit`).set('authorization', await w.as('gpA1'));
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('assessing');
    });
  });

  describe('extension (续床, §4.2 extend, §4.3 Extension)', () => {
    it('needs an eligible reassessment; starts cycle 2 the day after the planned end', async () => {
      const bed = await activeFor(w, await newResidentA(w));
      const pending = await post(w, 'gpA1', `sickbeds/${bed.id}/extend`, { reassessment: { result: 'pending', criteria: ELIGIBLE_CRITERIA, reason: '待复查' } });
      expectProblem(pending, 409, 'sickbed_reassessment_not_eligible');
      const missing = await post(w, 'gpA1', `sickbeds/${bed.id}/extend`, {});
      expectProblem(missing, 400, 'validation_failed');
      expect(fieldsOf(missing)).toEqual(['reassessment']);
      // arrays where objects belong are 400 naming the field, never a 500
      for (const [body, field] of [
        [{ reassessment: [] }, 'reassessment'],
        [{ reassessment: { result: 'eligible', criteria: [] } }, 'reassessment.criteria'],
        [{ reassessment: { result: 'eligible', criteria: 'all' } }, 'reassessment.criteria'],
      ] as const) {
        const res = await post(w, 'gpA1', `sickbeds/${bed.id}/extend`, body);
        expectProblem(res, 400, 'validation_failed');
        expect(fieldsOf(res)).toEqual([field]);
      }
      const extended = await post(w, 'gpA1', `sickbeds/${bed.id}/extend`, { reassessment: { result: 'eligible', criteria: ELIGIBLE_CRITERIA, functionalScore: 40 } });
      expect(extended.status).toBe(200);
      expect(extended.body).toMatchObject({
        status: 'active', cycleNo: 2, cycleStartDate: '2026-05-31', plannedEndDate: '2026-08-28', startDate: '2026-03-02',
        latestAssessment: { kind: 'reassessment', cycleNo: 2, result: 'eligible' },
      });
      expect(extended.body.cycles.map((c: { cycleNo: number; plannedEndDate: string }) => [c.cycleNo, c.plannedEndDate]))
        .toEqual([[1, '2026-05-30'], [2, '2026-08-28']]);
      expectProblem(await post(w, 'nurseA1', `sickbeds/${bed.id}/extend`, { reassessment: { result: 'eligible', criteria: ELIGIBLE_CRITERIA } }), 403);
    });

    it('is refused once the planned end has passed (409 sickbed_cycle_ended); the bed stays active', async () => {
      const bed = await activeFor(w, await newResidentA(w), { plannedEndDate: '2026-03-10' });
      t.clock.travelTo(new Date('2026-03-10T15:30:00Z')); // 23:30 on the end date in Shanghai: still allowed
      try {
        const ok = await post(w, 'gpA1', `sickbeds/${bed.id}/extend`, {
          reassessment: { result: 'eligible', criteria: ELIGIBLE_CRITERIA }, plannedEndDate: '2026-03-20',
        });
        expect(ok.body).toMatchObject({ cycleNo: 2, plannedEndDate: '2026-03-20' });
        t.clock.travelTo(new Date('2026-03-20T16:00:00Z')); // 2026-03-21 00:00 in Shanghai
        const late = await post(w, 'gpA1', `sickbeds/${bed.id}/extend`, { reassessment: { result: 'eligible', criteria: ELIGIBLE_CRITERIA } });
        expectProblem(late, 409, 'sickbed_cycle_ended');
        expect((await get(w, 'gpA1', `sickbeds/${bed.id}`)).body).toMatchObject({ status: 'active', cycleOverdue: true, cycleNo: 2 });
      } finally {
        t.clock.travelTo(T0);
      }
    });
  });

  describe('closure (预撤床 / 撤床, §4.2 recordClosure, undoClosure, finalize)', () => {
    it('close needs date, outcome, closure diagnosis and summary; then finalize; bed days counted inclusively', async () => {
      const bed = await activeFor(w, await newResidentA(w));
      const incomplete = await post(w, 'gpA1', `sickbeds/${bed.id}/close`, { closureDate: '2026-03-02' });
      expect([...new Set(fieldsOf(incomplete))].sort()).toEqual(['closureDiagnosis', 'outcome', 'summary']);
      t.clock.travelTo(new Date('2026-03-20T04:00:00Z'));
      try {
        const order = await post(w, 'gpA1', `sickbeds/${bed.id}/orders`, orderBody);
        const closing = await post(w, 'gpA1', `sickbeds/${bed.id}/close`, closeBody({ conditionAtClosure: '病情稳定', advice: '每月随访' }));
        expect(closing.status).toBe(200);
        expect(closing.body).toMatchObject({
          status: 'closing', allowedActions: ['close', 'stop_order', 'undo_close', 'finalize'], bedDays: 19,
          closure: { closureDate: '2026-03-20', outcome: 'improved', diagnosis: { code: 'I69.3' }, conditionAtClosure: '病情稳定', closedAt: null },
        });
        expect(closing.body.schedule.map((s: { nextDueAt: string | null }) => s.nextDueAt)).toEqual([null, null]);
        const closed = await post(w, 'gpA1', `sickbeds/${bed.id}/finalize`);
        expect(closed.body).toMatchObject({ status: 'closed', allowedActions: [], bedDays: 19, closure: { closedById: w.staff.gpA1 } });
        const orders = await get(w, 'gpA1', `sickbeds/${bed.id}/orders`);
        expect(orders.body.items[0]).toMatchObject({ id: order.body.id, status: 'stopped', stopReason: 'episode_closed', stoppedById: w.staff.gpA1 });
      } finally {
        t.clock.travelTo(T0);
      }
    });

    it('refuses a closure date before the start or in the future, and a referral without a hospital transfer', async () => {
      const bed = await activeFor(w, await newResidentA(w));
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ closureDate: '2026-03-01' }, 'closureDate', 'closure_before_start'],
        [{ closureDate: '2026-03-03' }, 'closureDate', 'closure_in_future'],
        [{ closureDate: '2026-03-02', closureDiagnosis: { code: '999', name: 'x' } }, 'closureDiagnosis.code', 'icd10_format'],
        [{
          closureDate: '2026-03-02', referral: {
            toInstitutionId: w.hospitalA, urgency: 'urgent', reason: '再发脑梗', diagnoses: [{ code: 'I63.9', name: '脑梗死' }], summary: '病情变化',
          },
        }, 'referral', 'referral_needs_transfer_outcome'],
      ];
      for (const [override, field, code] of cases) {
        const res = await post(w, 'gpA1', `sickbeds/${bed.id}/close`, closeBody(override));
        expectProblem(res, 400, 'validation_failed');
        expect(res.body.errors[0]).toMatchObject({ field, code });
      }
      const unknownOutcome = await post(w, 'gpA1', `sickbeds/${bed.id}/close`, closeBody({ closureDate: '2026-03-02', outcome: 'vanished' }));
      expect(fieldsOf(unknownOutcome)).toEqual(['outcome']);
      expect((await get(w, 'gpA1', `sickbeds/${bed.id}`)).body.status).toBe('active');
    });

    it('closing for a hospital transfer creates the linked up-referral in the same transaction (§4.2, §5)', async () => {
      const bed = await activeFor(w, await newResidentA(w));
      const referral = {
        toInstitutionId: w.hospitalA, department: '神经内科', urgency: 'urgent', reason: '再发脑梗，需住院治疗',
        diagnoses: [{ code: 'i63.9', name: '脑梗死' }], summary: '左侧肢体无力加重1天', consentToShare: true,
      };
      const transfer = { closureDate: '2026-03-02', outcome: 'transferred_to_hospital' };
      const referralCount = async () => (await get(w, 'deskA', 'referrals?limit=200')).body.items.length;
      const before = await referralCount();
      // a referral that may not go there (a township centre is not higher): nothing is written, the bed stays active
      const refused = await post(w, 'gpA1', `sickbeds/${bed.id}/close`, closeBody({ ...transfer, referral: { ...referral, toInstitutionId: w.townA2 } }));
      expectProblem(refused, 400, 'validation_failed');
      expect(refused.body.errors[0].field).toBe('referral.toInstitutionId');
      const badDiagnosis = await post(w, 'gpA1', `sickbeds/${bed.id}/close`, closeBody({ ...transfer, referral: { ...referral, diagnoses: [] } }));
      expect(fieldsOf(badDiagnosis)).toEqual(['referral.diagnoses']);
      expect((await get(w, 'gpA1', `sickbeds/${bed.id}`)).body).toMatchObject({ status: 'active', linkedReferralId: null, version: bed.version });
      expect(await referralCount()).toBe(before);

      const closed = await post(w, 'gpA1', `sickbeds/${bed.id}/close`, closeBody({ ...transfer, referral }));
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ status: 'closing', closure: { outcome: 'transferred_to_hospital' }, linkedReferralId: expect.any(String) });
      const linked = await get(w, 'deskA', `referrals/${closed.body.linkedReferralId}`);
      expect(linked.status).toBe(200);
      expect(linked.body).toMatchObject({
        direction: 'up', status: 'submitted', sourceSickbedId: bed.id, toInstitution: { id: w.hospitalA }, fromInstitution: { id: w.townA1 },
        urgency: 'urgent', kind: 'inpatient', consentToShare: true, clinicalWithheld: false, diagnoses: [{ code: 'I63.9', name: '脑梗死' }],
      });
      expect(await referralCount()).toBe(before + 1);
      expect((await post(w, 'gpA1', `sickbeds/${bed.id}/finalize`)).body).toMatchObject({ status: 'closed', linkedReferralId: closed.body.linkedReferralId });
    });

    it('an up-referral completed with an admission closes the active bed in the same transaction (§4.2, §4.3: one inpatient episode)', async () => {
      const residentId = await newResidentA(w);
      const bed = await activeFor(w, residentId);
      const referral = await post(w, 'gpA1', 'referrals', {
        direction: 'up', residentId, toInstitutionId: w.hospitalA, urgency: 'emergent', reason: '肺部感染，需住院治疗',
        diagnoses: [{ code: 'J18.9', name: '肺炎' }], summary: '家床期间发热三天', submit: true,
      });
      expect(referral.status).toBe(201);
      const id = referral.body.id;
      for (const [action, body] of [['accept', {}], ['arrive', {}]] as const) expect((await post(w, 'deskA', `referrals/${id}/${action}`, body)).status).toBe(200);
      // completing without an admission leaves the bed alone (an outpatient consultation)
      const outpatient = await newResidentA(w);
      const outpatientBed = await activeFor(w, outpatient);
      const consult = await post(w, 'gpA1', 'referrals', {
        direction: 'up', residentId: outpatient, toInstitutionId: w.hospitalA, urgency: 'emergent', reason: '复查',
        diagnoses: [{ code: 'I69.3', name: '脑梗死后遗症' }], summary: '门诊复查', submit: true,
      });
      for (const action of ['accept', 'arrive']) expect((await post(w, 'deskA', `referrals/${consult.body.id}/${action}`)).status).toBe(200);
      expect((await post(w, 'deskA', `referrals/${consult.body.id}/complete`, { outcome: { diagnosisResult: '稳定' } })).status).toBe(200);
      expect((await get(w, 'gpA1', `sickbeds/${outpatientBed.id}`)).body.status).toBe('active');

      const done = await post(w, 'deskA', `referrals/${id}/complete`, { outcome: { diagnosisResult: '社区获得性肺炎' }, admitted: true });
      expect(done.status).toBe(200);
      const after = (await get(w, 'gpA1', `sickbeds/${bed.id}`)).body;
      expect(after).toMatchObject({
        status: 'closing', linkedReferralId: id, version: bed.version + 1,
        closure: { outcome: 'transferred_to_hospital', closureDate: t.clock.today(), diagnosis: { code: 'J18.9', name: '肺炎' }, recordedById: w.staff.deskA },
      });
      expect(after.closure.summary).toContain(referral.body.referralNo);
      // rounds stop falling due; the responsible doctor is told to finish the closure
      expect(after.schedule.every((x: { nextDueDate: string | null }) => x.nextDueDate === null)).toBe(true);
      const inbox = await t.http.get('/api/v1/notifications?limit=50').set('authorization', await w.as('gpA1'));
      expect(inbox.body.items).toEqual(expect.arrayContaining([
        expect.objectContaining({ kind: 'sickbed_closed_for_admission', subjectId: bed.id, data: expect.objectContaining({ referralNo: referral.body.referralNo }) }),
      ]));
      const events = await t.http.get(`/api/v1/audit-events?residentId=${residentId}&limit=50`).set('authorization', await w.as('countyAdminA'));
      expect(events.body.items).toEqual(expect.arrayContaining([
        expect.objectContaining({ resourceType: 'sickbed', resourceId: bed.id, action: 'transition', actorId: w.staff.deskA }),
      ]));
      // the doctor writes the real closure summary on the closing bed (no second referral), then finalizes it
      const rewritten = await post(w, 'gpA1', `sickbeds/${bed.id}/close`, closeBody({
        closureDate: after.closure.closureDate, outcome: 'transferred_to_hospital', closureDiagnosis: { code: 'J18.9', name: '肺炎' },
        summary: '家床第5天出现发热咳嗽，经转诊住院治疗',
      }));
      expect(rewritten.status).toBe(200);
      expect(rewritten.body).toMatchObject({ status: 'closing', linkedReferralId: id, closure: { summary: '家床第5天出现发热咳嗽，经转诊住院治疗', recordedById: w.staff.gpA1 } });
      const twice = await post(w, 'gpA1', `sickbeds/${bed.id}/close`, closeBody({
        closureDate: after.closure.closureDate, outcome: 'transferred_to_hospital',
        referral: { toInstitutionId: w.hospitalA, urgency: 'urgent', reason: '再转', diagnoses: [{ code: 'J18.9', name: '肺炎' }], summary: '再转' },
      }));
      expectProblem(twice, 409, 'sickbed_referral_exists');
      expect((await post(w, 'gpA1', `sickbeds/${bed.id}/finalize`)).body.status).toBe('closed');
    });

    it('undo-close returns to active and the rounds fall due again', async () => {
      const bed = await activeFor(w, await newResidentA(w));
      await post(w, 'gpA1', `sickbeds/${bed.id}/close`, closeBody({ closureDate: '2026-03-02', outcome: 'patient_request' }));
      const undone = await post(w, 'gpA1', `sickbeds/${bed.id}/undo-close`);
      expect(undone.body).toMatchObject({ status: 'active', closure: null, bedDays: null });
      expect(undone.body.schedule.map((s: { nextDueDate: string }) => s.nextDueDate)).toEqual(['2026-03-04', '2026-03-09']);
      expectProblem(await post(w, 'gpA1', `sickbeds/${bed.id}/finalize`), 409, 'illegal_transition');
    });

    it('cannot cancel an opened bed, nor touch a closed one (409 with allowed actions)', async () => {
      const bed = await activeFor(w, await newResidentA(w));
      const cancel = await post(w, 'gpA1', `sickbeds/${bed.id}/cancel`, { reason: 'x' });
      expectProblem(cancel, 409, 'illegal_transition');
      expect(cancel.body.allowedActions).toEqual(['round', 'order', 'stop_order', 'extend', 'close']);
      await closeAndFinalize(w, bed.id, { closureDate: '2026-03-02', outcome: 'died' });
      for (const step of ['close', 'undo-close', 'finalize', 'submit'] as const) {
        const res = await post(w, 'gpA1', `sickbeds/${bed.id}/${step}`, step === 'close' ? closeBody({ closureDate: '2026-03-02' }) : {});
        expectProblem(res, 409, 'illegal_transition');
        expect(res.body.allowedActions).toEqual([]);
      }
    });

    it('nurses may not close (403); the GP of another team does not see the bed (404)', async () => {
      const bed = await activeFor(w, await newResidentA(w));
      expectProblem(await post(w, 'nurseA1', `sickbeds/${bed.id}/close`, closeBody({ closureDate: '2026-03-02' })), 403, 'forbidden_role');
      expectProblem(await post(w, 'gpA2', `sickbeds/${bed.id}/close`, closeBody({ closureDate: '2026-03-02' })), 404, 'not_found');
    });
  });

  describe('reading (design.md Access control)', () => {
    let bedId: string;
    beforeAll(async () => {
      const bed = await activeFor(w, w.residents.A1);
      bedId = bed.id;
    });

    it.each([
      ['gpA1', 200], ['nurseA1', 200], ['instAdminA1', 200], ['countyAdminA', 200], ['admin', 200], ['resA1', 200],
      ['gpA2', 404], ['nurseA2', 404], ['gpB1', 404], ['countyAdminB', 404], ['resA2', 404], ['hospitalGpA', 404],
      ['deskA', 403],
    ] as const)('GET /sickbeds/:id as %s -> %d', async (who, status) => {
      const res = await get(w, who, `sickbeds/${bedId}`);
      expect(res.status).toBe(status);
      if (status === 200) expect(res.body.id).toBe(bedId);
    });

    it('reads are audited, refused ones as denied', async () => {
      await get(w, 'gpA2', `sickbeds/${bedId}`);
      const audit = await get(w, 'admin', `audit-events?residentId=${w.residents.A1}&limit=100`);
      const reads = audit.body.items.filter((e: { action: string; resourceId: string }) => e.action === 'read' && e.resourceId === bedId);
      expect(reads.some((e: { outcome: string; actorId: string }) => e.outcome === 'denied' && e.actorId === w.staff.gpA2)).toBe(true);
      expect(reads.some((e: { outcome: string; actorRole: string }) => e.outcome === 'success' && e.actorRole === 'resident')).toBe(true);
    });

    it('lists only what is in scope, filtered by status and doctor, newest first, keyset-paginated', async () => {
      const mine = await get(w, 'gpA1', `sickbeds?status=active&doctorId=${w.staff.gpA1}&limit=2`);
      expect(mine.status).toBe(200);
      expect(mine.body.items).toHaveLength(2);
      expect(mine.body.items.every((s: { status: string }) => s.status === 'active')).toBe(true);
      const next = await get(w, 'gpA1', `sickbeds?status=active&doctorId=${w.staff.gpA1}&limit=2&cursor=${mine.body.nextCursor}`);
      expect(next.body.items[0].id < mine.body.items[1].id).toBe(true);
      expect((await get(w, 'gpA2', 'sickbeds')).body.items).toEqual([]);
      const county = await get(w, 'countyAdminB', 'sickbeds?limit=200');
      expect(county.body.items.every((s: { countyId: string }) => s.countyId === w.countyB)).toBe(true);
      expectProblem(await get(w, 'deskA', 'sickbeds'), 403, 'forbidden_role');
      expectProblem(await get(w, 'gpA1', 'sickbeds?status=sleeping'), 400, 'validation_failed');
    });

    it('a nurse of the institution outside the team sees a bed once she is its responsible nurse', async () => {
      const created = await post(w, 'admin', 'staff', {
        username: 'nurse.float', password: 'Test#Pass2026', displayName: '机动护士', role: 'nurse', institutionId: w.townA1,
      });
      expect(created.status).toBe(201);
      const token = await t.login('nurse.float');
      expect((await w.t.http.get(`/api/v1/sickbeds/${bedId}`).set('authorization', token)).status).toBe(404);
      const bed = await activeFor(w, await newResidentA(w), { responsibleNurseId: created.body.id });
      expect((await w.t.http.get(`/api/v1/sickbeds/${bed.id}`).set('authorization', token)).status).toBe(200);
      const visit = await w.t.http.post(`/api/v1/sickbeds/${bed.id}/rounds`).set('authorization', token)
        .send(roundBody('nurse', '2026-03-02T01:00:00Z'));
      expect(visit.status).toBe(201);
    });
  });

  describe('/me/sickbeds (resident)', () => {
    it('shows the resident\'s own episodes with rounds and orders in force, nothing of others', async () => {
      const resident = await newResidentA(w);
      await post(w, 'countyAdminA', `residents/${resident}/account`, { username: 'res.qian', password: 'Test#Pass2026' });
      const bed = await activeFor(w, resident);
      await post(w, 'gpA1', `sickbeds/${bed.id}/rounds`, roundBody('doctor', '2026-03-02T01:30:00Z'));
      await post(w, 'nurseA1', `sickbeds/${bed.id}/rounds`, roundBody('nurse', '2026-03-02T01:45:00Z'));
      const kept = await post(w, 'gpA1', `sickbeds/${bed.id}/orders`, orderBody);
      const stopped = await post(w, 'gpA1', `sickbeds/${bed.id}/orders`, { ...orderBody, type: 'test', longTerm: false, content: '血常规' });
      await post(w, 'gpA1', `sickbeds/${bed.id}/orders/${stopped.body.id}/stop`, { reason: '已完成' });

      const token = await t.login('res.qian');
      const me = await w.t.http.get('/api/v1/me/sickbeds').set('authorization', token);
      expect(me.status).toBe(200);
      expect(me.body.items).toHaveLength(1);
      expect(me.body.items[0]).toMatchObject({ id: bed.id, status: 'active', resident: { id: resident } });
      expect(me.body.items[0].rounds.map((r: { kind: string }) => r.kind)).toEqual(['nurse', 'doctor']);
      expect(me.body.items[0].rounds[0].vitals).toEqual({ sbp: 132, dbp: 84, pulse: 76, temperature: 36.6, spo2: 97, glucose: 6.8 });
      expect(me.body.items[0].activeOrders.map((o: { id: string }) => o.id)).toEqual([kept.body.id]);

      const other = await get(w, 'resA2', 'me/sickbeds');
      expect(other.body.items).toEqual([]);
      expectProblem(await get(w, 'gpA1', 'me/sickbeds'), 403, 'forbidden_role');
      // the resident reads but never writes
      expectProblem(await w.t.http.post(`/api/v1/sickbeds/${bed.id}/rounds`).set('authorization', token).send(roundBody('nurse', '2026-03-02T01:50:00Z')), 403);
      expectProblem(await w.t.http.get(`/api/v1/sickbeds/${bed.id}/rounds`).set('authorization', await w.as('resA1')), 404);
    });
  });
});
