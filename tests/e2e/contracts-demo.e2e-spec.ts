import { DEMO_PASSWORD } from '@countycare/schema';
import { startTestApp, TestApp } from '../fixtures/test-app';

/** The demo county's contracts (seedDemoContracts): the worklist and fulfilment figures a demo shows. */
describe('contracts demo seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DEMO_SEED: 'true' });
  });
  afterAll(() => t.close());

  it('seeds packages, about 120 contracts in every state, services by the team and the county hospital', async () => {
    const count = async (sql: string) => Number((await t.dataSource.query(sql))[0].n);
    expect(await count('SELECT COUNT(*) AS n FROM service_packages')).toBe(3);
    expect(await count('SELECT COUNT(*) AS n FROM contracts')).toBeGreaterThanOrEqual(120);
    const states = (await t.dataSource.query('SELECT DISTINCT status FROM contracts')).map((r: { status: string }) => r.status).sort();
    expect(states).toEqual(['active', 'expired', 'pending', 'scheduled', 'terminated']);
    expect(await count('SELECT COUNT(*) AS n FROM service_records WHERE delivering_institution_id <> contract_institution_id')).toBeGreaterThan(0);
    expect(await count("SELECT COUNT(*) AS n FROM follow_ups WHERE status = 'met'")).toBeGreaterThan(0);
  });

  it('the demo GP has a worklist and the demo resident sees a contract with fulfilment', async () => {
    const gp = await t.login('gp.chen', DEMO_PASSWORD);
    const worklist = await t.http.get('/api/v1/worklists/follow-ups?limit=50').set('authorization', gp);
    expect(worklist.status).toBe(200);
    expect(worklist.body.items.length).toBeGreaterThan(0);
    const contracts = await t.http.get('/api/v1/contracts?limit=5').set('authorization', gp);
    expect(contracts.body.items.length).toBe(5);
    const resident = await t.login('resident', DEMO_PASSWORD);
    const mine = await t.http.get('/api/v1/me/contracts').set('authorization', resident);
    expect(mine.body.items[0]).toMatchObject({ status: 'active' });
    expect(mine.body.items[0].fulfilment.overall.promised).toBeGreaterThan(0);
  });
});
