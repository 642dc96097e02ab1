import { DEMO_PASSWORD, DemoSeed } from '@countycare/schema';
import { startTestApp, TestApp } from '../fixtures/test-app';

/** README "Demo logins": every listed login works and sees a populated county (issue #2). */
describe('demo county seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DEMO_SEED: 'true' });
  });
  afterAll(() => t.close());

  it.each([
    ['county.admin', 'county_admin'], ['inst.admin', 'institution_admin'], ['gp.chen', 'gp'], ['nurse.li', 'nurse'],
    ['gp.wang', 'gp'], ['nurse.zhao', 'nurse'], ['gp.sun', 'gp'], ['nurse.zhou', 'nurse'], ['desk.liu', 'referral_desk'],
    ['doctor.he', 'gp'], ['resident', 'resident'],
  ])('%s signs in as %s', async (username, role) => {
    const res = await t.http.post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe(role);
  });

  it('has the county tree and 200 residents, and seeds only once', async () => {
    const admin = await t.login('county.admin', DEMO_PASSWORD);
    const institutions = await t.http.get('/api/v1/institutions?limit=50').set('authorization', admin);
    const levels = institutions.body.items.map((i: { level: string }) => i.level).sort();
    expect(levels).toEqual(['county_hospital', 'township_center', 'township_center', 'village_clinic', 'village_clinic', 'village_clinic', 'village_clinic']);
    expect(institutions.body.items.find((i: { level: string }) => i.level === 'county_hospital').hasReferralDesk).toBe(true);
    let count = 0;
    let cursor: string | null = null;
    do {
      const page: { body: { items: unknown[]; nextCursor: string | null } } = await t.http
        .get(`/api/v1/residents?limit=200${cursor ? `&cursor=${cursor}` : ''}`).set('authorization', admin);
      count += page.body.items.length;
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(count).toBe(200);
    expect(await t.app.get(DemoSeed).seedIfEmpty()).toBe(false);
  });

  it('is seeded once when two starts race on an empty database (two replicas started together)', async () => {
    const fresh = await startTestApp({ DEMO_SEED: 'false' });
    try {
      const seed = fresh.app.get(DemoSeed);
      const outcomes = await Promise.all([seed.seedIfEmpty(), seed.seedIfEmpty()]);
      expect(outcomes.sort()).toEqual([false, true]);
      const [{ n }] = await fresh.dataSource.query('SELECT COUNT(*) AS n FROM counties');
      expect(Number(n)).toBe(1);
      expect((await fresh.http.post('/api/v1/auth/login').send({ username: 'gp.chen', password: DEMO_PASSWORD })).status).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});
