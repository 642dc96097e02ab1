import { Notification } from '@countycare/notifications';
import { SickbedJobs } from '@countycare/sickbeds';
import { Like } from 'typeorm';
import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';
import { activeFor, ELIGIBLE_CRITERIA, get, newResidentA, post, roundBody } from '../fixtures/sickbeds';

/** Monday 2026-03-02 10:00 in Shanghai. */
const T0 = new Date('2026-03-02T02:00:00Z');

describe('household-sickbed worker jobs (issue #5; domain.md §4.2 overdue flag, §4.3 missed round, end warning)', () => {
  let t: TestApp;
  let w: World;
  let jobs: SickbedJobs;
  const at = (iso: string) => t.clock.travelTo(new Date(iso));
  const notifications = (prefix: string) =>
    t.dataSource.getRepository(Notification).find({ where: { dedupeKey: Like(`${prefix}%`) }, order: { dedupeKey: 'ASC' } });

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    jobs = t.app.get(SickbedJobs);
  });
  beforeEach(() => t.clock.travelTo(T0));
  afterAll(() => t.close());

  it('alerts the responsible doctor and the institution once per missed round, even with two workers at once', async () => {
    const bed = await activeFor(w, await newResidentA(w));
    at('2026-03-04T15:59:00Z'); // first doctor round due 2026-03-04 10:00 local; the day is not over
    await jobs.notifyOverdueRounds();
    expect(await notifications(`round_overdue:${bed.id}`)).toEqual([]);

    at('2026-03-04T16:00:00Z'); // 2026-03-05 00:00 in Shanghai
    const handled = await Promise.all([jobs.notifyOverdueRounds(), jobs.notifyOverdueRounds()]);
    expect(handled[0] + handled[1]).toBe(1);
    const sent = await notifications(`round_overdue:${bed.id}`);
    expect(sent.map((n) => n.dedupeKey)).toEqual([
      `round_overdue:${bed.id}:doctor:2026-03-04`, `round_overdue:${bed.id}:doctor:2026-03-04:institution`,
    ]);
    expect(sent[0]).toMatchObject({ kind: 'round_overdue', recipientUserId: w.staff.gpA1, countyId: w.countyA, data: { roundKind: 'doctor', dueDate: '2026-03-04' } });
    expect(sent[1]).toMatchObject({ recipientInstitutionId: w.townA1, recipientUserId: null });
    expect(await jobs.notifyOverdueRounds()).toBe(0);

    const inbox = await get(w, 'gpA1', 'notifications');
    expect(inbox.body.items.map((n: { kind: string; subjectId: string }) => `${n.kind}:${n.subjectId}`)).toContain(`round_overdue:${bed.id}`);

    // the round is done late; the next one, missed again, is a new alert
    at('2026-03-05T02:00:00Z');
    await post(w, 'gpA1', `sickbeds/${bed.id}/rounds`, roundBody('doctor', '2026-03-05T01:00:00Z'));
    at('2026-03-12T16:00:00Z'); // 2026-03-13 00:00 local: the round due 2026-03-12 was missed
    await Promise.all([jobs.notifyOverdueRounds(), jobs.notifyOverdueRounds(), jobs.notifyOverdueRounds()]);
    const doctorAlerts = (await notifications(`round_overdue:${bed.id}:doctor`)).filter((n) => n.recipientUserId);
    expect(doctorAlerts.map((n) => n.data?.dueDate)).toEqual(['2026-03-04', '2026-03-12']);
    const nurseAlerts = await notifications(`round_overdue:${bed.id}:nurse`);
    expect(nurseAlerts.map((n) => [n.recipientUserId ?? n.recipientInstitutionId, n.data?.dueDate]))
      .toEqual([[w.staff.nurseA1, '2026-03-09'], [w.townA1, '2026-03-09']]);
  });

  it('warns the doctor endWarningDays before the cycle ends, once per cycle, and again for the next cycle', async () => {
    const bed = await activeFor(w, await newResidentA(w), { plannedEndDate: '2026-03-20' });
    at('2026-03-12T02:00:00Z'); // 8 days before the end
    await jobs.warnCyclesEnding();
    expect(await notifications(`sickbed_cycle_ending:${bed.id}`)).toEqual([]);

    at('2026-03-13T02:00:00Z'); // 7 days before
    const handled = await Promise.all([jobs.warnCyclesEnding(), jobs.warnCyclesEnding()]);
    expect(handled.filter((n) => n > 0)).toHaveLength(1);
    const sent = await notifications(`sickbed_cycle_ending:${bed.id}`);
    expect(sent).toEqual([expect.objectContaining({
      dedupeKey: `sickbed_cycle_ending:${bed.id}:1`, recipientUserId: w.staff.gpA1, data: { cycleNo: 1, plannedEndDate: '2026-03-20' },
    })]);
    expect(await jobs.warnCyclesEnding()).toBe(0);
    // the worker's mark is not a clinician's change: the version the doctor holds stays valid
    const view = await get(w, 'gpA1', `sickbeds/${bed.id}`);
    expect(view.body.version).toBe(bed.version);

    const extended = await post(w, 'gpA1', `sickbeds/${bed.id}/extend`, {
      reassessment: { result: 'eligible', criteria: ELIGIBLE_CRITERIA }, plannedEndDate: '2026-03-25',
    }, { 'if-match': `"${bed.version}"` });
    expect(extended.status).toBe(200);
    at('2026-03-19T02:00:00Z');
    await jobs.warnCyclesEnding();
    expect((await notifications(`sickbed_cycle_ending:${bed.id}`)).map((n) => n.dedupeKey))
      .toEqual([`sickbed_cycle_ending:${bed.id}:1`, `sickbed_cycle_ending:${bed.id}:2`]);
  });

  it('follows the county\'s endWarningDays', async () => {
    const county = await get(w, 'countyAdminB', `counties/${w.countyB}`);
    await w.t.http.patch(`/api/v1/counties/${w.countyB}/policy`).set('authorization', await w.as('countyAdminB'))
      .send({ policy: { sickbed: { endWarningDays: 2 } }, version: county.body.version });
    const applied = await post(w, 'gpB1', 'sickbeds', {
      residentId: w.residents.B1, conditionSummary: '术后', admissionIndication: '需换药',
    });
    for (const [step, body] of [['submit', {}], ['assess', { result: 'eligible', criteria: ELIGIBLE_CRITERIA, consentSigned: true, agreementSigned: true }], ['approve', {}]] as const) {
      await post(w, 'gpB1', `sickbeds/${applied.body.id}/${step}`, body);
    }
    await post(w, 'gpB1', `sickbeds/${applied.body.id}/open`, {
      responsibleDoctorId: w.staff.gpB1, responsibleNurseId: w.staff.nurseB1, startDate: '2026-03-02', plannedEndDate: '2026-03-20',
      bedType: 'treatment', admissionDiagnosis: { code: 'S72.0', name: '股骨颈骨折' },
    });
    at('2026-03-17T02:00:00Z');
    await jobs.warnCyclesEnding();
    expect(await notifications(`sickbed_cycle_ending:${applied.body.id}`)).toEqual([]);
    at('2026-03-18T02:00:00Z');
    await jobs.warnCyclesEnding();
    expect(await notifications(`sickbed_cycle_ending:${applied.body.id}`)).toHaveLength(1);
  });

  it('flags a bed past its planned end as overdue without closing it, alerting once', async () => {
    const bed = await activeFor(w, await newResidentA(w), { plannedEndDate: '2026-03-10' });
    at('2026-03-10T15:00:00Z'); // 23:00 on the end date in Shanghai
    await jobs.flagOverdueCycles();
    expect(await notifications(`sickbed_cycle_overdue:${bed.id}`)).toEqual([]);

    at('2026-03-10T16:00:00Z'); // 2026-03-11 00:00 local
    const handled = await Promise.all([jobs.flagOverdueCycles(), jobs.flagOverdueCycles()]);
    expect(handled.filter((n) => n > 0)).toHaveLength(1);
    expect((await notifications(`sickbed_cycle_overdue:${bed.id}`)).map((n) => n.recipientUserId ?? n.recipientInstitutionId))
      .toEqual([w.staff.gpA1, w.townA1]);
    expect(await jobs.flagOverdueCycles()).toBe(0);
    const view = await get(w, 'gpA1', `sickbeds/${bed.id}`);
    expect(view.body).toMatchObject({ status: 'active', cycleOverdue: true, version: bed.version });
  });
});
