import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';
import { expectProblem, fieldsOf } from '../fixtures/builders';
import { activeFor, closeAndFinalize, closeBody, get, newResidentA, orderBody, post, roundBody } from '../fixtures/sickbeds';

/** Monday 2026-03-02 10:00 in Shanghai. */
const T0 = new Date('2026-03-02T02:00:00Z');

describe('household sickbeds: rounds, orders and the rounds worklist (issue #5, domain.md §4.1, §4.3)', () => {
  let t: TestApp;
  let w: World;
  const at = (iso: string) => t.clock.travelTo(new Date(iso));

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  beforeEach(() => at(T0.toISOString()));
  afterAll(() => t.close());

  describe('rounds (查床 / 上门护理)', () => {
    it('a GP records a doctor round and a nurse a nurse visit; 201 with vitals and the next due dates', async () => {
      const bed = await activeFor(w, await newResidentA(w));
      at('2026-03-03T06:00:00Z');
      const doctor = await post(w, 'gpA1', `sickbeds/${bed.id}/rounds`, roundBody('doctor', '2026-03-03T13:30:00+08:00'));
      expect(doctor.status).toBe(201);
      expect(doctor.headers.location).toBe(`/api/v1/sickbeds/${bed.id}/rounds/${doctor.body.id}`);
      // the Location answers, in scope only
      const one = await w.t.http.get(doctor.headers.location).set('authorization', await w.as('nurseA1'));
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: doctor.body.id, kind: 'doctor', practitionerId: w.staff.gpA1 });
      expect((await w.t.http.get(doctor.headers.location).set('authorization', await w.as('gpB1'))).status).toBe(404);
      expect((await get(w, 'gpA1', `sickbeds/${bed.id}/rounds/01a20bdc-0000-7000-8000-000000000000`)).status).toBe(404);
      expect(doctor.body).toMatchObject({
        kind: 'doctor', cycleNo: 1, practitionerId: w.staff.gpA1, visitedAt: '2026-03-03T05:30:00.000Z',
        vitals: { sbp: 132, dbp: 84, pulse: 76, temperature: 36.6, spo2: 97, glucose: 6.8 },
      });
      // the first doctor round done: the next is due 7 days after its day, in the county zone
      expect(doctor.body.schedule).toEqual([
        expect.objectContaining({ kind: 'doctor', nextDueDate: '2026-03-10', lastRoundAt: '2026-03-03T05:30:00.000Z', dueState: 'upcoming' }),
        expect.objectContaining({ kind: 'nurse', nextDueDate: '2026-03-09', lastRoundAt: null }),
      ]);
      const nurse = await post(w, 'nurseA1', `sickbeds/${bed.id}/rounds`, { kind: 'nurse', visitedAt: '2026-03-03T06:00:00Z', vitals: { temperature: 37.2 } });
      expect(nurse.status).toBe(201);
      expect(nurse.body.vitals).toEqual({ sbp: null, dbp: null, pulse: null, temperature: 37.2, spo2: null, glucose: null });
      expect(nurse.body.schedule[1]).toMatchObject({ kind: 'nurse', nextDueDate: '2026-03-10' });

      const list = await get(w, 'nurseA1', `sickbeds/${bed.id}/rounds`);
      expect(list.body.items.map((r: { kind: string }) => r.kind)).toEqual(['nurse', 'doctor']);
      expect((await get(w, 'gpA1', `sickbeds/${bed.id}/rounds?kind=doctor`)).body.items).toHaveLength(1);
      expect((await get(w, 'gpA1', `sickbeds/${bed.id}`)).body.version).toBe(bed.version);
    });

    it('a round synced late does not move the schedule backwards', async () => {
      const bed = await activeFor(w, await newResidentA(w));
      at('2026-03-06T02:00:00Z');
      await post(w, 'gpA1', `sickbeds/${bed.id}/rounds`, roundBody('doctor', '2026-03-05T02:00:00Z'));
      const late = await post(w, 'gpA1', `sickbeds/${bed.id}/rounds`, roundBody('doctor', '2026-03-03T02:00:00Z'));
      expect(late.body.schedule[0]).toMatchObject({ nextDueDate: '2026-03-12', lastRoundAt: '2026-03-05T02:00:00.000Z' });
    });

    it('doctor rounds only by GPs and nurse visits only by nurses (403); other roles never (403)', async () => {
      const bed = await activeFor(w, await newResidentA(w));
      expectProblem(await post(w, 'nurseA1', `sickbeds/${bed.id}/rounds`, roundBody('doctor', '2026-03-02T01:00:00Z')), 403, 'round_kind_not_for_role');
      expectProblem(await post(w, 'gpA1', `sickbeds/${bed.id}/rounds`, roundBody('nurse', '2026-03-02T01:00:00Z')), 403, 'round_kind_not_for_role');
      for (const who of ['countyAdminA', 'instAdminA1', 'deskA', 'resA1', 'admin'] as const) {
        expectProblem(await post(w, who, `sickbeds/${bed.id}/rounds`, roundBody('doctor', '2026-03-02T01:00:00Z')), 403, 'forbidden_role');
      }
    });

    it('a nurse neither assigned nor on the team gets 404; so does a GP of another team', async () => {
      const bed = await activeFor(w, await newResidentA(w));
      expectProblem(await post(w, 'nurseA2', `sickbeds/${bed.id}/rounds`, roundBody('nurse', '2026-03-02T01:00:00Z')), 404, 'not_found');
      expectProblem(await post(w, 'nurseB1', `sickbeds/${bed.id}/rounds`, roundBody('nurse', '2026-03-02T01:00:00Z')), 404, 'not_found');
      expectProblem(await post(w, 'gpA2', `sickbeds/${bed.id}/rounds`, roundBody('doctor', '2026-03-02T01:00:00Z')), 404, 'not_found');
      expectProblem(await get(w, 'nurseA2', `sickbeds/${bed.id}/rounds`), 404, 'not_found');
      expect((await get(w, 'gpA1', `sickbeds/${bed.id}/rounds`)).body.items).toEqual([]);
    });

    it.each<[Record<string, number>, string, string]>([
      [{ spo2: 101 }, 'vitals.spo2', 'vital_out_of_range'],
      [{ sbp: 300, dbp: 80 }, 'vitals.sbp', 'vital_out_of_range'],
      [{ sbp: 120, dbp: 125 }, 'vitals.dbp', 'diastolic_not_below_systolic'],
      [{ sbp: 120 }, 'vitals.dbp', 'blood_pressure_pair'],
      [{ temperature: 45 }, 'vitals.temperature', 'vital_out_of_range'],
      [{ temperature: 36.55 }, 'vitals.temperature', 'vital_out_of_range'],
      [{ pulse: 0 }, 'vitals.pulse', 'vital_out_of_range'],
      [{ glucose: 50 }, 'vitals.glucose', 'vital_out_of_range'],
    ])('vitals %j out of range -> 400 on %s, nothing written', async (vitals, field, code) => {
      const bed = await activeFor(w, await newResidentA(w));
      const res = await post(w, 'gpA1', `sickbeds/${bed.id}/rounds`, roundBody('doctor', '2026-03-02T01:00:00Z', vitals));
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([expect.objectContaining({ field, code })]);
      expect((await get(w, 'gpA1', `sickbeds/${bed.id}/rounds`)).body.items).toEqual([]);
      expect((await get(w, 'gpA1', `sickbeds/${bed.id}`)).body.schedule[0].lastRoundAt).toBeNull();
    });

    it('refuses a wrong type, a visit time without offset, in the future or before the bed (400)', async () => {
      const bed = await activeFor(w, await newResidentA(w));
      const typed = await post(w, 'gpA1', `sickbeds/${bed.id}/rounds`, { kind: 'doctor', visitedAt: '2026-03-02T01:00:00Z', vitals: { sbp: '120' } });
      expect(fieldsOf(typed)).toEqual(['vitals.sbp']);
      // a wrong shape is refused, not stored as a round with every vital empty
      for (const vitals of [[{ sbp: 120 }], 'sbp 120', 120]) {
        const shaped = await post(w, 'gpA1', `sickbeds/${bed.id}/rounds`, { kind: 'doctor', visitedAt: '2026-03-02T01:00:00Z', vitals });
        expectProblem(shaped, 400, 'validation_failed');
        expect(fieldsOf(shaped)).toEqual(['vitals']);
      }
      expect((await get(w, 'gpA1', `sickbeds/${bed.id}/rounds`)).body.items).toEqual([]);
      expect(fieldsOf(await post(w, 'gpA1', `sickbeds/${bed.id}/rounds`, { kind: 'doctor', visitedAt: '2026-03-02T09:00:00' }))).toEqual(['visitedAt']);
      const future = await post(w, 'gpA1', `sickbeds/${bed.id}/rounds`, roundBody('doctor', '2026-03-02T03:00:00Z'));
      expect(future.body.errors[0]).toMatchObject({ field: 'visitedAt', code: 'visit_in_future' });
      const before = await post(w, 'gpA1', `sickbeds/${bed.id}/rounds`, roundBody('doctor', '2026-03-01T12:00:00Z'));
      expect(before.body.errors[0]).toMatchObject({ field: 'visitedAt', code: 'visit_before_opening' });
    });

    it('the same offline visit synced twice (clientId) is recorded once: 409 naming it', async () => {
      const bed = await activeFor(w, await newResidentA(w));
      const body = { ...roundBody('nurse', '2026-03-02T01:00:00Z'), clientId: 'phone-7-visit-1' };
      const first = await post(w, 'nurseA1', `sickbeds/${bed.id}/rounds`, body);
      expect(first.status).toBe(201);
      const again = await post(w, 'nurseA1', `sickbeds/${bed.id}/rounds`, body);
      expectProblem(again, 409, 'round_already_recorded');
      expect(again.body.roundId).toBe(first.body.id);
    });

    it('no round on a closing or closed bed (409 illegal_transition)', async () => {
      const bed = await activeFor(w, await newResidentA(w));
      await post(w, 'gpA1', `sickbeds/${bed.id}/close`, closeBody({ closureDate: '2026-03-02' }));
      const closing = await post(w, 'gpA1', `sickbeds/${bed.id}/rounds`, roundBody('doctor', '2026-03-02T01:00:00Z'));
      expectProblem(closing, 409, 'illegal_transition');
      expect(closing.body).toMatchObject({ state: 'closing', event: 'round' });
      await post(w, 'gpA1', `sickbeds/${bed.id}/finalize`);
      const closed = await post(w, 'nurseA1', `sickbeds/${bed.id}/rounds`, roundBody('nurse', '2026-03-02T01:00:00Z'));
      expectProblem(closed, 409, 'illegal_transition');
      expect(closed.body).toMatchObject({ state: 'closed', allowedActions: [] });
    });
  });

  describe('orders (医嘱)', () => {
    it('a GP starts and stops orders with who and when; nothing is deleted', async () => {
      const bed = await activeFor(w, await newResidentA(w));
      const started = await post(w, 'gpA1', `sickbeds/${bed.id}/orders`, orderBody);
      expect(started.status).toBe(201);
      expect(started.headers.location).toBe(`/api/v1/sickbeds/${bed.id}/orders/${started.body.id}`);
      const order = await w.t.http.get(started.headers.location).set('authorization', await w.as('nurseA1'));
      expect(order.status).toBe(200);
      expect(order.body).toMatchObject({ id: started.body.id, status: 'active', content: orderBody.content });
      expect((await w.t.http.get(started.headers.location).set('authorization', await w.as('gpA2'))).status).toBe(404);
      expect(started.body).toMatchObject({ type: 'medication', longTerm: true, status: 'active', startedById: w.staff.gpA1, stoppedAt: null, version: 1 });
      expect(new Date(started.body.startedAt).getTime() - T0.getTime()).toBeLessThan(60_000);

      expectProblem(await post(w, 'gpA1', `sickbeds/${bed.id}/orders/${started.body.id}/stop`, {}, { 'if-match': '"5"' }), 412, 'version_mismatch');
      at('2026-03-05T02:00:00Z');
      const stopped = await post(w, 'gpA1', `sickbeds/${bed.id}/orders/${started.body.id}/stop`, { reason: '血压控制良好' });
      expect(stopped.status).toBe(200);
      expect(stopped.body).toMatchObject({ status: 'stopped', stoppedById: w.staff.gpA1, stopReason: '血压控制良好', version: 2 });
      expect(new Date(stopped.body.stoppedAt).getTime()).toBeGreaterThanOrEqual(new Date('2026-03-05T02:00:00Z').getTime());
      expectProblem(await post(w, 'gpA1', `sickbeds/${bed.id}/orders/${started.body.id}/stop`, {}), 409, 'order_already_stopped');

      await post(w, 'gpA1', `sickbeds/${bed.id}/orders`, { type: 'nursing', longTerm: true, content: '二级护理' });
      expect((await get(w, 'nurseA1', `sickbeds/${bed.id}/orders`)).body.items).toHaveLength(2);
      const active = await get(w, 'nurseA1', `sickbeds/${bed.id}/orders?status=active`);
      expect(active.body.items.map((o: { type: string }) => o.type)).toEqual(['nursing']);
    });

    it('nurses, residents and admins may not order (403); another team\'s GP does not see the bed (404)', async () => {
      const bed = await activeFor(w, await newResidentA(w));
      const order = await post(w, 'gpA1', `sickbeds/${bed.id}/orders`, orderBody);
      for (const who of ['nurseA1', 'resA1', 'countyAdminA'] as const) {
        expectProblem(await post(w, who, `sickbeds/${bed.id}/orders`, orderBody), 403, 'forbidden_role');
        expectProblem(await post(w, who, `sickbeds/${bed.id}/orders/${order.body.id}/stop`, {}), 403, 'forbidden_role');
      }
      expectProblem(await post(w, 'gpA2', `sickbeds/${bed.id}/orders`, orderBody), 404, 'not_found');
      expectProblem(await post(w, 'gpA1', `sickbeds/${bed.id}/orders/01a20bdc-0000-7000-8000-000000000000/stop`, {}), 404, 'not_found');
    });

    it('refuses an order with bad fields (400) and on a bed that is not active (409)', async () => {
      const bed = await activeFor(w, await newResidentA(w));
      const bad = await post(w, 'gpA1', `sickbeds/${bed.id}/orders`, { type: 'surgery', longTerm: 'yes', content: '' });
      expect([...new Set(fieldsOf(bad))].sort()).toEqual(['content', 'longTerm', 'type']);
      await closeAndFinalize(w, bed.id, { closureDate: '2026-03-02' });
      expectProblem(await post(w, 'gpA1', `sickbeds/${bed.id}/orders`, orderBody), 409, 'illegal_transition');
    });
  });

  describe('GET /worklists/rounds (today / overdue in the county zone)', () => {
    let bedId: string;
    let residentId: string;
    const items = async (who: 'gpA1' | 'nurseA1' | 'gpA2', query: string) =>
      (await get(w, who, `worklists/rounds?limit=200&${query}`)).body.items.filter((i: { episodeId: string }) => i.episodeId === bedId);

    beforeAll(async () => {
      t.clock.travelTo(T0);
      residentId = await newResidentA(w);
      bedId = (await activeFor(w, residentId)).id;
    });

    it('the first doctor round is due today on the day 48 h after opening, then overdue when that day ends in Shanghai', async () => {
      at('2026-03-03T16:30:00Z'); // 2026-03-04 00:30 in Shanghai
      const today = await items('gpA1', 'due=today');
      expect(today).toEqual([expect.objectContaining({ kind: 'doctor', dueDate: '2026-03-04', dueState: 'today', assigneeId: w.staff.gpA1 })]);
      expect(today[0].resident).toMatchObject({ id: residentId, name: '钱*' });
      expect(await items('gpA1', 'due=overdue')).toEqual([]);
      expect(await items('nurseA1', 'due=today')).toEqual([]);

      at('2026-03-04T15:59:00Z'); // 23:59 local: still today
      expect(await items('gpA1', 'due=today')).toHaveLength(1);
      at('2026-03-04T16:00:00Z'); // 2026-03-05 00:00 local while UTC still says 2026-03-04
      expect(await items('gpA1', 'due=today')).toEqual([]);
      expect(await items('gpA1', 'due=overdue')).toEqual([expect.objectContaining({ kind: 'doctor', dueState: 'overdue' })]);
    });

    it('after a round at 20:00 UTC on a Saturday (Sunday in Shanghai) the next is due the following Sunday, overdue on Monday', async () => {
      at('2026-03-07T20:30:00Z');
      const round = await post(w, 'gpA1', `sickbeds/${bedId}/rounds`, roundBody('doctor', '2026-03-07T20:00:00Z'));
      expect(round.body.schedule[0]).toMatchObject({ nextDueDate: '2026-03-15', nextDueAt: '2026-03-14T16:00:00.000Z' });
      expect(await items('gpA1', 'due=overdue')).toEqual([]);

      at('2026-03-14T15:00:00Z'); // Saturday 23:00 local: not due yet
      expect(await items('gpA1', 'due=today')).toEqual([]);
      at('2026-03-15T15:00:00Z'); // Sunday 23:00 local
      expect(await items('gpA1', 'due=today')).toEqual([expect.objectContaining({ kind: 'doctor', dueDate: '2026-03-15' })]);
      at('2026-03-15T20:00:00Z'); // Monday 04:00 local, a new ISO week; Sunday in UTC
      expect(await items('gpA1', 'due=today')).toEqual([]);
      expect(await items('gpA1', 'due=overdue')).toEqual([expect.objectContaining({ kind: 'doctor', dueDate: '2026-03-15', dueState: 'overdue' })]);
    });

    it('the nurse sees her own visits; ?teamId= shows the whole team\'s, ?kind= narrows', async () => {
      at('2026-03-16T02:00:00Z');
      expect(await items('nurseA1', 'due=overdue')).toEqual([expect.objectContaining({ kind: 'nurse', dueDate: '2026-03-09', assigneeId: w.staff.nurseA1 })]);
      const team = await items('nurseA1', `due=overdue&teamId=${w.teamA1}`);
      expect(team.map((i: { kind: string }) => i.kind)).toEqual(['nurse', 'doctor']);
      expect(await items('gpA1', `due=overdue&teamId=${w.teamA1}&kind=doctor`)).toEqual([expect.objectContaining({ kind: 'doctor' })]);
      expect(await items('gpA2', 'due=overdue')).toEqual([]);
    });

    it('pages soonest first with a keyset cursor', async () => {
      at('2026-03-16T02:00:00Z');
      const first = await get(w, 'gpA1', `worklists/rounds?due=overdue&teamId=${w.teamA1}&limit=1`);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await get(w, 'gpA1', `worklists/rounds?due=overdue&teamId=${w.teamA1}&limit=1&cursor=${first.body.nextCursor}`);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.items[0].dueAt >= first.body.items[0].dueAt).toBe(true);
      expect(`${second.body.items[0].episodeId}:${second.body.items[0].kind}`).not.toBe(`${first.body.items[0].episodeId}:${first.body.items[0].kind}`);
    });

    it('only clinicians have a rounds worklist (403); another team is not theirs (404); due is required (400)', async () => {
      for (const who of ['instAdminA1', 'countyAdminA', 'deskA', 'resA1'] as const) {
        expectProblem(await get(w, who, 'worklists/rounds?due=today'), 403, 'forbidden_role');
      }
      expectProblem(await get(w, 'nurseA1', `worklists/rounds?due=today&teamId=${w.teamA2}`), 404, 'not_found');
      expectProblem(await get(w, 'gpA1', 'worklists/rounds'), 400, 'validation_failed');
      expectProblem(await get(w, 'gpA1', 'worklists/rounds?due=tomorrow'), 400, 'validation_failed');
    });

    it('a closed bed leaves the worklist', async () => {
      at('2026-03-16T02:00:00Z');
      await closeAndFinalize(w, bedId, { closureDate: '2026-03-16' });
      expect(await items('gpA1', `due=overdue&teamId=${w.teamA1}`)).toEqual([]);
    });
  });
});
