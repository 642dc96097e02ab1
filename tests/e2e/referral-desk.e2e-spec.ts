import { TransactionRunner } from '@countycare/database';
import { ReferralJobs, seedDemoReferrals } from '@countycare/referrals';
import { expectProblem } from '../fixtures/builders';
import { act, createReferral, getReferral, setCountyPolicy, step, upReferralBody, Who } from '../fixtures/referrals';
import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';

const HOUR = 3_600_000;

describe('referral desk queue and referral jobs (issue #6, domain.md §5.3)', () => {
  let t: TestApp;
  let w: World;
  let t0: number;
  const r: Record<string, string> = {};

  const at = (hours: number) => t.clock.travelTo(new Date(t0 + hours * HOUR));
  const submitAt = async (hours: number, extra: Record<string, unknown> = {}, who: Who = 'gpA1') => {
    at(hours);
    return (await createReferral(w, who, upReferralBody(w, { submit: true, ...extra }))).id as string;
  };
  const queue = async (who: Who, query = '') => t.http.get(`/api/v1/referral-desk/queue${query}`).set('authorization', await w.as(who));
  const queueIds = async (who: Who, query = '') => (await queue(who, query)).body.items.map((i: { id: string }) => i.id);

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    t0 = Date.now();
    r.routineOld = await submitAt(0);
    r.urgentOld = await submitAt(1, { urgency: 'urgent', residentId: w.residents.A2 });
    r.routineNew = await submitAt(2, { residentId: w.residents.A3 });
    r.accepted = await submitAt(2.5);
    await step(w, 'deskA', r.accepted, 'accept');
    r.urgentNew = await submitAt(3, { urgency: 'urgent' });
    at(3.1);
    r.draft = (await createReferral(w, 'gpA1', upReferralBody(w))).id;
    r.rejected = await submitAt(3.2);
    await step(w, 'deskA', r.rejected, 'reject', { reason: '无号源' });
    r.otherCounty = await submitAt(3.3, { residentId: w.residents.B1, toInstitutionId: w.hospitalB }, 'gpB1');
    at(3.5);
  });
  afterAll(async () => {
    t.clock.reset();
    await t.close();
  });

  it('§5.3 green channel first, then oldest submission; only what awaits the desk of the caller\'s institution', async () => {
    const res = await queue('deskA');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([r.urgentOld, r.urgentNew, r.routineOld, r.routineNew, r.accepted]);
    expect(res.body.nextCursor).toBeNull();
    // masked names in the list, no clinical text
    expect(res.body.items.map((i: { resident: { name: string } }) => i.resident.name)).toEqual(['李*', '张*', '张*', '王**', '张*']);
    expect(res.body.items[0]).not.toHaveProperty('summary');
    expect(await queueIds('deskB')).toEqual([r.otherCounty]);
  });

  it('§5.3 the green channel (emergent) above urgent above routine, whatever the submission order; one priority or kind by filter', async () => {
    const emergent = await submitAt(3.4, { urgency: 'emergent', kind: 'emergency', residentId: w.residents.A3 });
    at(3.5);
    expect(await queueIds('deskA')).toEqual([emergent, r.urgentOld, r.urgentNew, r.routineOld, r.routineNew, r.accepted]);
    expect(await queueIds('deskA', '?urgency=emergent')).toEqual([emergent]);
    expect(await queueIds('deskA', '?kind=emergency')).toEqual([emergent]);
    expect(await queueIds('deskA', '?kind=outpatient')).toEqual([r.urgentOld, r.urgentNew, r.routineOld, r.routineNew, r.accepted]);
    expectProblem(await queue('deskA', '?urgency=critical'), 400, 'validation_failed');
    expectProblem(await queue('deskA', '?kind=surgery'), 400, 'validation_failed');
    // its reply limit is the county's green-channel limit (a quarter hour by default)
    const detail = (await getReferral(w, 'deskA', emergent)).body;
    expect(Date.parse(detail.sla.deadline) - Date.parse(detail.submittedAt)).toBe(15 * 60_000);
    expect(detail).toMatchObject({ urgency: 'emergent', kind: 'emergency' });
    // the desk is told at once
    const told = (await t.http.get('/api/v1/notifications?limit=100').set('authorization', await w.as('deskA'))).body.items
      .filter((n: { subjectId: string }) => n.subjectId === emergent);
    expect(told.map((n: { kind: string; data: { urgency: string } }) => [n.kind, n.data.urgency])).toEqual([['referral_submitted', 'emergent']]);
    await step(w, 'gpA1', emergent, 'cancel', { reason: '已呼叫120直送急诊' });
    expect(await queueIds('deskA')).toEqual([r.urgentOld, r.urgentNew, r.routineOld, r.routineNew, r.accepted]);
  });

  it('filters by status and urgency and pages by keyset over (urgency, submittedAt, id)', async () => {
    expect(await queueIds('deskA', '?status=accepted')).toEqual([r.accepted]);
    expect(await queueIds('deskA', '?urgency=urgent')).toEqual([r.urgentOld, r.urgentNew]);
    const pages: string[][] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await queue('deskA', `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
    }
    expect(pages).toEqual([[r.urgentOld, r.urgentNew], [r.routineOld, r.routineNew], [r.accepted]]);
    expectProblem(await queue('deskA', '?status=draft'), 400);
    expectProblem(await queue('deskA', '?limit=0'), 400);
    expectProblem(await queue('deskA', '?cursor=bm9wZQ'), 400);
  });

  it('the queue is served by an index that leads with the county and the institution', () => {
    const index = t.dataSource.getMetadata('Referral').indices.find((i) => i.name === 'ix_referrals_desk_queue')!;
    expect(index.columns.map((c) => c.databaseName)).toEqual(['county_id', 'to_institution_id', 'desk_open', 'urgency_rank', 'submitted_at', 'id']);
  });

  it('who may see a queue: whoever triages there (desk; primary-care GP for down-referrals); others 403', async () => {
    expect(await queueIds('gpA1')).toEqual([]);
    for (const who of ['nurseA1', 'resA1', 'countyAdminA', 'instAdminA1', 'admin'] as Who[]) {
      const res = await queue(who);
      expect({ who, status: res.status }).toEqual({ who, status: 403 });
    }
  });

  it('§5.3 SLA state per urgency (urgent 4 h, routine 24 h): on_time, due_soon in the last quarter, breached; met once answered', async () => {
    const sla = async () => Object.fromEntries((await queue('deskA')).body.items.map((i: { id: string; sla: { state: string } }) => [i.id, i.sla.state]));
    expect(await sla()).toEqual({ [r.urgentOld]: 'on_time', [r.urgentNew]: 'on_time', [r.routineOld]: 'on_time', [r.routineNew]: 'on_time', [r.accepted]: 'met' });
    at(4.5); // urgentOld is due at t0 + 5 h
    expect((await sla())[r.urgentOld]).toBe('due_soon');
    at(5.5);
    const later = await sla();
    expect([later[r.urgentOld], later[r.urgentNew], later[r.routineOld]]).toEqual(['breached', 'on_time', 'on_time']);
    const detail = await getReferral(w, 'deskA', r.urgentOld);
    expect(detail.body.sla.state).toBe('breached');
    expect(Math.abs(new Date(detail.body.sla.deadline).getTime() - (t0 + 5 * HOUR))).toBeLessThan(1000);
  });

  it('the worker flags a breach once, tells the desk once, leaves the version alone (two workers at once)', async () => {
    at(5.5);
    const jobs = t.app.get(ReferralJobs);
    const before = (await getReferral(w, 'deskA', r.urgentOld)).body.version;
    const counts = await Promise.all([jobs.flagSlaBreaches(), jobs.flagSlaBreaches()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await jobs.flagSlaBreaches()).toBe(0);
    expect((await getReferral(w, 'deskA', r.urgentOld)).body.version).toBe(before);
    const inbox = await t.http.get('/api/v1/notifications?limit=100').set('authorization', await w.as('deskA'));
    const breaches = inbox.body.items.filter((n: { kind: string }) => n.kind === 'referral_sla_breached');
    expect(breaches.map((n: { subjectId: string }) => n.subjectId)).toEqual([r.urgentOld]);
    const other = await t.http.get('/api/v1/notifications?limit=100').set('authorization', await w.as('deskB'));
    expect(other.body.items.filter((n: { kind: string }) => n.kind === 'referral_sla_breached')).toEqual([]);

    at(26.5); // both other A ones and urgentNew are past their deadlines; the accepted one was answered in time
    expect(await jobs.flagSlaBreaches()).toBe(3);
  });

  it('§5.2 a scheduled patient who never came expires after appointment day + noShowDays (7), once, with history and notices', async () => {
    at(30);
    const id = await submitAt(30);
    const appointment = new Date(t0 + 54 * HOUR).toISOString();
    const scheduled = await step(w, 'deskA', id, 'accept', { appointmentAt: appointment });
    expect(scheduled.status).toBe('scheduled');
    const jobs = t.app.get(ReferralJobs);

    t.clock.travelTo(new Date(`${scheduled.arriveBy}T23:00:00+08:00`));
    expect(await jobs.expireNoShows()).toBe(0);
    t.clock.travelTo(new Date(`${scheduled.arriveBy}T23:59:59+08:00`));
    expect(await jobs.expireNoShows()).toBe(0);
    t.clock.travelTo(new Date(new Date(`${scheduled.arriveBy}T23:59:59+08:00`).getTime() + 2000));
    const counts = await Promise.all([jobs.expireNoShows(), jobs.expireNoShows()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await jobs.expireNoShows()).toBe(0);

    const expired = (await getReferral(w, 'gpA1', id)).body;
    expect(expired).toMatchObject({ status: 'expired', version: scheduled.version + 1, allowedActions: [] });
    expect(expired.events.at(-1)).toMatchObject({ action: 'expire', from: 'scheduled', to: 'expired', actorId: null });
    expectProblem(await act(w, 'deskA', id, 'arrive'), 409, 'illegal_transition');
    expect(await queueIds('deskA')).not.toContain(id);

    const gp = await t.http.get('/api/v1/notifications?limit=100').set('authorization', await w.as('gpA1'));
    expect(gp.body.items.filter((n: { subjectId: string; data: { status: string } }) => n.subjectId === id && n.data.status === 'expired')).toHaveLength(1);
    const audit = await t.http.get(`/api/v1/audit-events?residentId=${w.residents.A1}&limit=200`).set('authorization', await w.as('admin'));
    expect(audit.body.items).toContainEqual(expect.objectContaining({ resourceId: id, action: 'transition', actorId: null }));
  });

  it('the demo seed puts believable referrals in every state, some in the desk queue, and a priced round trip', async () => {
    t.clock.reset();
    await setCountyPolicy(w, w.countyA, { insurance: { deductibleByLevel: { township_center: 300, county_hospital: 800 } } });
    const before = new Set(await queueIds('deskA', '?limit=200'));
    await t.app.get(TransactionRunner).run((em) => seedDemoReferrals(em, {
      countyId: w.countyA, today: t.clock.today(), now: t.clock.now(), hospitalId: w.hospitalA, townshipIds: [w.townA1, w.townA2],
      villageIds: [w.villageA1], deskUserId: w.staff.deskA, hospitalGpUserId: w.staff.hospitalGpA,
      teams: [
        { id: w.teamA1, institutionId: w.townA1, gpUserId: w.staff.gpA1, nurseUserId: w.staff.nurseA1 },
        { id: w.teamA2, institutionId: w.townA2, gpUserId: w.staff.gpA2, nurseUserId: w.staff.nurseA2 },
      ],
      residentIds: [w.residents.A1, w.residents.A2, w.residents.A3], demoResidentId: w.residents.A3,
    }));
    const seeded = (await queue('deskA', '?limit=200')).body.items.filter((i: { id: string }) => !before.has(i.id));
    expect(seeded.length).toBeGreaterThanOrEqual(5);
    expect(seeded.filter((i: { urgency: string }) => i.urgency !== 'routine').length).toBeGreaterThanOrEqual(2);
    expect(seeded[0].urgency).toBe('emergent');
    expect(seeded.some((i: { sla: { state: string } }) => i.sla.state === 'breached')).toBe(true);

    const mine = (await t.http.get('/api/v1/me/referrals').set('authorization', await w.as('resA3'))).body.items;
    const down = mine.find((i: { direction: string }) => i.direction === 'down');
    expect(down).toMatchObject({ status: 'completed' });
    const downDetail = (await getReferral(w, 'resA3', down.id)).body;
    const upDetail = (await getReferral(w, 'resA3', down.parentReferralId)).body;
    expect(upDetail.deductible).toMatchObject({ basis: 'chained', creditedBefore: 300, due: 500 });
    expect(downDetail.deductible).toMatchObject({ basis: 'chained', creditedBefore: 800, due: 0 });
    expect(downDetail.events.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'accept', 'schedule', 'arrive', 'complete']);

    const all = (await t.http.get('/api/v1/referrals?limit=200').set('authorization', await w.as('countyAdminA'))).body.items;
    expect(new Set(all.map((i: { status: string }) => i.status))).toEqual(
      new Set(['draft', 'submitted', 'accepted', 'scheduled', 'arrived', 'completed', 'rejected', 'cancelled', 'expired']),
    );
  });
});
