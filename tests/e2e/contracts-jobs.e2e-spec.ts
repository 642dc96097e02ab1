import { packRef } from '@countycare/audit';
import { ContractJobs, FollowUpsService } from '@countycare/contracts';
import { newId } from '@countycare/common';
import { TransactionRunner } from '@countycare/database';
import { addDays, planWindows } from '@countycare/domain';
import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';
import { expectProblem, fieldsOf } from '../fixtures/builders';
import { at, createPackages, get, newResident, Packages, post, signContract } from '../fixtures/contracts';

describe('contract worker jobs and the follow-up worklist (domain.md §3.2 scheduler rows, §3.5)', () => {
  let t: TestApp;
  let w: World;
  let p: Packages;
  let jobs: ContractJobs;
  let today: string;

  /** 10:00 in the county (UTC+8) on a calendar date. */
  const travel = (date: string) => t.clock.travelTo(new Date(`${date}T02:00:00Z`));
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(sql, params))[0].n);
  const transitions = (id: string, event: string) =>
    count("SELECT COUNT(*) AS n FROM audit_events WHERE resource_id = ? AND action = 'transition' AND detail LIKE ?", [packRef(id), `%"event":"${event}"%`]);
  const statusOf = async (id: string) => (await get(w, await w.as('countyAdminA'), `contracts/${id}`)).body;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    p = await createPackages(w);
    jobs = t.app.get(ContractJobs);
    today = t.clock.today();
  });
  afterEach(() => t.clock.reset());
  afterAll(() => t.close());

  it('activates a scheduled contract on its start date, once with two workers running', async () => {
    const c = await signContract(w, (await newResident(w)).id, { packages: p, startDate: addDays(today, 5) });
    travel(addDays(today, 4));
    expect(await jobs.activateScheduled()).toBe(0);
    travel(addDays(today, 5));
    const [a, b] = await Promise.all([jobs.activateScheduled(), jobs.activateScheduled()]);
    expect(a + b).toBe(1);
    expect(await statusOf(c.id)).toMatchObject({ status: 'active', version: 2 });
    expect(await transitions(c.id, 'activate')).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM follow_ups WHERE contract_id = ?', [c.id])).toBe(3);
  });

  it('a renewal starts the day after its predecessor ends, which expires with renewed = true', async () => {
    const c = await signContract(w, (await newResident(w)).id, { packages: p });
    const successor = (await post(w, await w.as('gpA1'), `contracts/${c.id}/renew`, { sharingConsent: true })).body;
    travel(addDays(c.endDate, 1));
    const [a, b] = await Promise.all([jobs.activateScheduled(), jobs.activateScheduled()]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    expect(await statusOf(successor.id)).toMatchObject({ status: 'active', startDate: addDays(c.endDate, 1) });
    expect(await statusOf(c.id)).toMatchObject({ status: 'expired', renewed: true, successorId: successor.id });
    expect(await transitions(c.id, 'expire')).toBe(1);
    expect(await transitions(successor.id, 'activate')).toBe(1);
  });

  it('expires contracts the day after their end date, once with two workers; unmet windows become missed', async () => {
    const c = await signContract(w, (await newResident(w)).id, { packages: p, startDate: addDays(today, -20) });
    travel(c.endDate);
    await jobs.expireEnded();
    expect((await statusOf(c.id)).status).toBe('active');
    travel(addDays(c.endDate, 1));
    const eligible = await count("SELECT COUNT(*) AS n FROM contracts WHERE status IN ('active', 'terminating') AND end_date < ?", [addDays(c.endDate, 1)]);
    const [a, b] = await Promise.all([jobs.expireEnded(), jobs.expireEnded()]);
    expect(a + b).toBe(eligible);
    expect(await statusOf(c.id)).toMatchObject({ status: 'expired', renewed: false });
    expect(await transitions(c.id, 'expire')).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM follow_ups WHERE contract_id = ? AND status = 'open'", [c.id])).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM follow_ups WHERE contract_id = ? AND status = 'missed'", [c.id])).toBe(3);
  });

  it('tells the team once about a contract expiring within 30 days, however many workers and runs', async () => {
    const c = await signContract(w, (await newResident(w)).id, { packages: p });
    travel(addDays(c.endDate, -31));
    await jobs.notifyExpiring();
    const key = `contract_expiring:${c.id}:${c.endDate}`;
    expect(await count('SELECT COUNT(*) AS n FROM notifications WHERE dedupe_key = ?', [key])).toBe(0);
    travel(addDays(c.endDate, -10));
    const [a, b] = await Promise.all([jobs.notifyExpiring(), jobs.notifyExpiring()]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    await jobs.notifyExpiring();
    expect(await count('SELECT COUNT(*) AS n FROM notifications WHERE dedupe_key = ?', [key])).toBe(1);
    const inbox = await get(w, await w.as('nurseA1'), 'notifications?limit=200');
    expect(inbox.body.items.filter((n: { subjectId: string; kind: string }) => n.subjectId === c.id && n.kind === 'contract_expiring')).toHaveLength(1);
  });

  it('closes plan windows that ended unmet as missed, once with two workers', async () => {
    const c = await signContract(w, (await newResident(w, { tags: ['hypertension'] })).id, { packages: p, packageIds: [p.htn] });
    const first = planWindows({ timesPerYear: 4 }, c.startDate, c.endDate)[0];
    travel(addDays(first.windowEnd, 1));
    const eligible = await count("SELECT COUNT(*) AS n FROM follow_ups WHERE status = 'open' AND window_end < ?", [addDays(first.windowEnd, 1)]);
    const [a, b] = await Promise.all([jobs.closeMissedWindows(), jobs.closeMissedWindows()]);
    expect(a + b).toBe(eligible);
    const rows = await t.dataSource.query('SELECT window_start, status FROM follow_ups WHERE contract_id = ? ORDER BY window_start', [c.id]);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['missed', 'open', 'open', 'open']);
  });

  it('an expired contract is renewed within the grace days (starting that day), not after', async () => {
    const r = await newResident(w, { login: true });
    const c = await signContract(w, r.id, { packages: p });
    const late = await signContract(w, (await newResident(w)).id, { packages: p });
    travel(addDays(c.endDate, 1));
    await jobs.expireEnded();
    travel(addDays(c.endDate, 10));
    const asked = await post(w, r.token!, `contracts/${c.id}/renew`, { sharingConsent: true });
    expect(asked.body).toMatchObject({ status: 'pending', startDate: addDays(c.endDate, 10) });
    const confirmed = await post(w, await w.as('gpA1'), `contracts/${asked.body.id}/confirm`);
    expect(confirmed.body).toMatchObject({ status: 'active', startDate: addDays(c.endDate, 10) });
    expect(await statusOf(c.id)).toMatchObject({ status: 'expired', renewed: true });
    travel(addDays(late.endDate, 31));
    expectProblem(await post(w, await w.as('gpA1'), `contracts/${late.id}/renew`, { sharingConsent: true }), 409, 'renewal_window_closed');
  });

  describe('GET /worklists/follow-ups (ISO weeks in the county zone)', () => {
    let contractId: string;
    let residentId: string;
    let due: string;

    beforeAll(async () => {
      const r = await newResident(w, { tags: ['hypertension'] });
      residentId = r.id;
      contractId = (await signContract(w, r.id, { who: 'gpA2', teamId: w.teamA2, packages: p, packageIds: [p.basic, p.htn] })).id;
      for (let i = 0; i < 2; i++) {
        await signContract(w, (await newResident(w, { tags: ['hypertension'] })).id, { who: 'gpA2', teamId: w.teamA2, packages: p, packageIds: [p.htn] });
      }
      due = planWindows({ timesPerYear: 4 }, today, addDays(today, 364))[0].dueDate;
    });

    const htnOf = (items: Array<{ contractId: string; itemCode: string }>) => items.filter((i) => i.contractId === contractId && i.itemCode === 'htn_follow_up');

    it('an item due today is due this week, the day after it is overdue; a delivery takes it off', async () => {
      travel(due);
      const nurse = await w.as('nurseA2');
      const week = await get(w, nurse, 'worklists/follow-ups?due=this_week&limit=200');
      expect(week.status).toBe(200);
      expect(htnOf(week.body.items)).toEqual([expect.objectContaining({ kind: 'package_item', dueDate: due, urgency: 'this_week', status: 'open' })]);
      expect(week.body.items[0].resident).toMatchObject({ name: '测***' });
      expect(htnOf((await get(w, nurse, 'worklists/follow-ups?due=overdue&limit=200')).body.items)).toEqual([]);

      travel(addDays(due, 1));
      const overdue = await get(w, nurse, 'worklists/follow-ups?due=overdue&limit=200');
      expect(htnOf(overdue.body.items)).toEqual([expect.objectContaining({ urgency: 'overdue' })]);
      expect(htnOf((await get(w, nurse, 'worklists/follow-ups?due=this_week&limit=200')).body.items)).toEqual([]);
      const dueDates = overdue.body.items.map((i: { dueDate: string }) => i.dueDate);
      expect(dueDates).toEqual([...dueDates].sort());

      await post(w, nurse, `contracts/${contractId}/services`, {
        serviceItemCode: 'htn_follow_up', deliveredAt: at(addDays(due, 1), 9), modality: 'home', payload: { sbp: 135, dbp: 85 },
      });
      expect(htnOf((await get(w, nurse, 'worklists/follow-ups?limit=200')).body.items)).toEqual([]);
    });

    it('a window that closed unmet leaves the worklist at once, even when the worker has not run', async () => {
      const r = await newResident(w, { tags: ['hypertension'] });
      const c = await signContract(w, r.id, { who: 'gpA2', teamId: w.teamA2, packages: p, packageIds: [p.htn] });
      const first = planWindows({ timesPerYear: 4 }, today, addDays(today, 364))[0];
      const mine = (items: Array<{ contractId: string; windowEnd: string }>) => items.filter((i) => i.contractId === c.id);
      travel(first.windowEnd);
      expect(mine((await get(w, await w.as('gpA2'), 'worklists/follow-ups?due=overdue&limit=200')).body.items))
        .toEqual([expect.objectContaining({ windowEnd: first.windowEnd, urgency: 'overdue' })]);
      travel(addDays(first.windowEnd, 1));
      // still open in the table (no worker ran), but dead: nothing the GP can deliver any more
      const overdue = mine((await get(w, await w.as('gpA2'), 'worklists/follow-ups?due=overdue&limit=200')).body.items);
      expect(overdue).toEqual([]);
    });

    it('upcoming and an explicit range show what falls due later, so the GP can plan', async () => {
      travel(today);
      const gp = await w.as('gpA2');
      const second = planWindows({ timesPerYear: 4 }, today, addDays(today, 364))[1];
      const ofContract = (items: Array<{ contractId: string; itemCode: string; dueDate: string; urgency: string }>) =>
        items.filter((i) => i.contractId === contractId && i.itemCode === 'htn_follow_up').map((i) => [i.dueDate, i.urgency]);
      // the first quarter's visit was delivered above; the second is due in about five months: only a range finds it
      const upcoming = await get(w, gp, 'worklists/follow-ups?due=upcoming&limit=200');
      expect(upcoming.status).toBe(200);
      expect(upcoming.body.items.every((i: { urgency: string }) => i.urgency === 'later')).toBe(true);
      const range = await get(w, gp, `worklists/follow-ups?dueFrom=${today}&dueTo=${second.dueDate}&limit=200`);
      expect(ofContract(range.body.items)).toEqual([[second.dueDate, 'later']]);
      expect(ofContract(upcoming.body.items)).toEqual([]);
      expectProblem(await get(w, gp, `worklists/follow-ups?due=upcoming&dueFrom=${today}`), 400, 'validation_failed');
      expect(fieldsOf(await get(w, gp, `worklists/follow-ups?dueFrom=${second.dueDate}&dueTo=${today}`))).toEqual(['dueTo']);
      expect(fieldsOf(await get(w, gp, 'worklists/follow-ups?dueFrom=2026-02-30'))).toEqual(['dueFrom']);
    });

    it('pages with a keyset cursor in due-date order, without repeats', async () => {
      travel(addDays(due, 1));
      const gp = await w.as('gpA2');
      const all = (await get(w, gp, 'worklists/follow-ups?limit=200')).body.items.map((i: { id: string }) => i.id);
      expect(all.length).toBeGreaterThanOrEqual(2);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(w, gp, `worklists/follow-ups?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.body.items.length).toBeLessThanOrEqual(1);
        seen.push(...res.body.items.map((i: { id: string }) => i.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all);
    });

    it('shows tasks other contexts schedule (down-referral follow-up) for the resident\'s team, until the resident is seen', async () => {
      const followUps = t.app.get(FollowUpsService);
      const tx = t.app.get(TransactionRunner);
      const input = {
        countyId: w.countyA, residentId, institutionId: w.hospitalA, teamId: null, kind: 'referral_return' as const,
        dueDate: addDays(today, 2), sourceType: 'referral' as const, sourceId: newId(),
      };
      const first = await tx.run((em) => followUps.scheduleFollowUp(em, input));
      const again = await tx.run((em) => followUps.scheduleFollowUp(em, input));
      expect(again.id).toBe(first.id);
      const list = await get(w, await w.as('gpA2'), 'worklists/follow-ups?limit=200');
      expect(list.body.items.find((i: { id: string }) => i.id === first.id)).toMatchObject({
        kind: 'referral_return', sourceType: 'referral', sourceId: input.sourceId, teamId: w.teamA2, contractId, dueDate: input.dueDate,
      });
      await post(w, await w.as('hospitalGpA'), `contracts/${contractId}/services`, {
        serviceItemCode: 'health_consult', deliveredAt: at(today, 0), modality: 'phone',
      });
      const after = await get(w, await w.as('gpA2'), 'worklists/follow-ups?limit=200');
      expect(after.body.items.find((i: { id: string }) => i.id === first.id)).toBeUndefined();
    });

    it('the team and its admins see it; other teams, other counties and residents do not', async () => {
      expect((await get(w, await w.as('countyAdminA'), `worklists/follow-ups?teamId=${w.teamA2}`)).status).toBe(200);
      expectProblem(await get(w, await w.as('gpA1'), `worklists/follow-ups?teamId=${w.teamA2}`), 404, 'not_found');
      expectProblem(await get(w, await w.as('instAdminA1'), `worklists/follow-ups?teamId=${w.teamA2}`), 404, 'not_found');
      expectProblem(await get(w, await w.as('countyAdminB'), `worklists/follow-ups?teamId=${w.teamA2}`), 404, 'not_found');
      expectProblem(await get(w, await w.as('resA1'), `worklists/follow-ups?teamId=${w.teamA2}`), 403, 'forbidden_role');
      expectProblem(await get(w, await w.as('deskA'), `worklists/follow-ups?teamId=${w.teamA2}`), 403, 'forbidden_role');
      expectProblem(await get(w, await w.as('hospitalGpA'), 'worklists/follow-ups'), 400, 'validation_failed');
      expectProblem(await get(w, await w.as('gpA2'), 'worklists/follow-ups?due=soon'), 400, 'validation_failed');
    });
  });
});
