import { DEMO_PASSWORD } from '@countycare/schema';
import { startTestApp, TestApp } from '../fixtures/test-app';

/** seedDemoSickbeds: believable beds in every state on top of the demo county, with work due. */
describe('demo household sickbeds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DEMO_SEED: 'true' });
  });
  afterAll(() => t.close());

  it('puts beds in every state in the county, with rounds and orders', async () => {
    const admin = await t.login('county.admin', DEMO_PASSWORD);
    const list = await t.http.get('/api/v1/sickbeds?limit=50').set('authorization', admin);
    expect(list.status).toBe(200);
    const statuses = list.body.items.map((s: { status: string }) => s.status).sort();
    expect(statuses).toEqual(['active', 'active', 'active', 'active', 'applied', 'approved', 'assessing', 'closed', 'closing']);
    const closed = list.body.items.find((s: { status: string }) => s.status === 'closed');
    expect(closed.bedDays).toBeGreaterThan(50);
    const rounds = await t.http.get(`/api/v1/sickbeds/${closed.id}/rounds`).set('authorization', admin);
    expect(rounds.body.items.length).toBe(16);
  });

  it('gives the GPs overdue rounds on their worklists and the demo resident a bed to follow', async () => {
    let overdue = 0;
    for (const gp of ['gp.chen', 'gp.wang', 'gp.sun']) {
      const token = await t.login(gp, DEMO_PASSWORD);
      const res = await t.http.get('/api/v1/worklists/rounds?due=overdue').set('authorization', token);
      expect(res.status).toBe(200);
      overdue += res.body.items.length;
    }
    expect(overdue).toBeGreaterThanOrEqual(2);
    const resident = await t.login('resident', DEMO_PASSWORD);
    const mine = await t.http.get('/api/v1/me/sickbeds').set('authorization', resident);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ status: 'active', schedule: [{ dueState: 'upcoming' }, { dueState: 'upcoming' }] });
    expect(mine.body.items[0].rounds).toHaveLength(7);
    expect(mine.body.items[0].activeOrders).toHaveLength(2);
  });
});
