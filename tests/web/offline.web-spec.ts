/// <reference lib="dom" />
import { DEMO_PASSWORD, PHONE, see, seeText, startWebApp, type WebApp } from '../fixtures/browser';

interface Page_<T> { items: T[] }
interface FollowUp { contractId: string | null; itemCode: string | null }
interface Service { id: string; clientId: string | null; payload: Record<string, number> | null }
interface Round { id: string; clientId: string | null; vitals: Record<string, number | null> }

/**
 * The GP's normal case (issue #11, docs/web.md "Offline"): the network goes, two services and a round are recorded,
 * the page is reloaded while still offline, the network returns; each record then exists exactly once on the server
 * and shows synced. Nothing recorded offline is lost or created twice.
 */
describe('web app offline: services and a round recorded without a network reach the server exactly once', () => {
  let web: WebApp;
  let gp: string;
  beforeAll(async () => {
    web = await startWebApp();
    gp = await web.api.login('gp.chen', DEMO_PASSWORD);
  });
  afterAll(() => web.close());

  const get = async <T>(path: string): Promise<T> => (await web.api.http.get(path).set('authorization', gp).expect(200)).body as T;

  it('records two services and a doctor round offline, survives a reload offline, syncs each once when online', async () => {
    const me = await get<{ id: string; scope: { teamId: string } }>('/api/v1/me');
    const overdue = await get<Page_<FollowUp>>('/api/v1/worklists/follow-ups?due=overdue');
    const contractId = overdue.items.find((f) => f.itemCode === 'htn_follow_up' && f.contractId)!.contractId!;
    const beds = await get<Page_<{ id: string }>>(`/api/v1/sickbeds?teamId=${me.scope.teamId}&status=active`);
    const bedId = beds.items[0].id;
    const servicesBefore = (await get<Page_<Service>>(`/api/v1/contracts/${contractId}/services`)).items.map((s) => s.id);
    const roundsBefore = (await get<Page_<Round>>(`/api/v1/sickbeds/${bedId}/rounds?kind=doctor&limit=200`)).items.map((r) => r.id);

    const context = await web.context(PHONE);
    const page = await context.newPage();
    await web.signIn(page, 'gp.chen');
    // online first: the service worker keeps the shell, the app keeps today's work and what the GP opens
    await see(page.getByRole('heading', { name: '今日工作' }));
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.goto(`/clinic/contracts/${contractId}`);
    await see(page.getByRole('heading', { name: '签约详情' }));
    await page.goto(`/sickbeds/${bedId}`);
    await see(page.getByRole('heading', { name: '查床与护理记录' }));
    await page.waitForLoadState('networkidle');

    await context.setOffline(true);
    await page.goto(`/clinic/contracts/${contractId}`); // served by the service worker, data from the device
    await see(page.getByRole('heading', { name: '签约详情' }));
    for (const [sbp, dbp] of [[142, 90], [136, 84]]) {
      await page.getByRole('button', { name: '记录服务' }).click();
      await see(page.getByRole('heading', { name: '记录服务' }));
      await page.getByRole('radio', { name: /高血压面对面随访/ }).check();
      await page.getByLabel(/^收缩压/).fill(String(sbp));
      await page.getByLabel(/^舒张压/).fill(String(dbp));
      await page.getByRole('button', { name: '保存记录' }).click();
      await seeText(page.getByRole('status').filter({ hasText: /已同步|待同步|同步中|被拒绝/ }), '待同步');
      await page.getByRole('button', { name: '返回签约详情' }).click();
      await see(page.getByRole('heading', { name: '签约详情' }));
    }
    await page.goto(`/sickbeds/${bedId}`);
    await page.getByRole('button', { name: '记录医生查床' }).click();
    await see(page.getByRole('heading', { name: '记录医生查床' }));
    await page.getByLabel('收缩压 (mmHg)').fill('128');
    await page.getByLabel('舒张压 (mmHg)').fill('80');
    await page.getByLabel('脉搏 (/min)').fill('72');
    await page.getByRole('button', { name: '保存记录' }).click();
    await seeText(page.getByRole('status').filter({ hasText: /已同步|待同步|同步中|被拒绝/ }), '待同步');

    // a reload while still offline: the shell from the service worker, the records from IndexedDB
    await page.reload();
    await page.goto('/sickbeds/outbox');
    await see(page.getByRole('heading', { name: '待同步记录' }));
    const entries = page.locator('li[data-entry-id]');
    await see(entries.nth(2));
    expect(await entries.count()).toBe(3);
    for (let i = 0; i < 3; i++) await seeText(entries.nth(i), '待同步');
    expect((await get<Page_<Service>>(`/api/v1/contracts/${contractId}/services`)).items.map((s) => s.id)).toEqual(servicesBefore);

    // the network returns: the outbox sends by itself
    await context.setOffline(false);
    for (let i = 0; i < 3; i++) await seeText(entries.nth(i), '已同步', 30_000);
    const ids = await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-entry-id')!));

    const services = (await get<Page_<Service>>(`/api/v1/contracts/${contractId}/services`)).items.filter((s) => !servicesBefore.includes(s.id));
    const rounds = (await get<Page_<Round>>(`/api/v1/sickbeds/${bedId}/rounds?kind=doctor&limit=200`)).items.filter((r) => !roundsBefore.includes(r.id));
    expect(services.map((s) => s.payload).sort((a, b) => a!.sbp - b!.sbp)).toEqual([{ sbp: 136, dbp: 84 }, { sbp: 142, dbp: 90 }]);
    expect(rounds).toHaveLength(1);
    expect(rounds[0].vitals).toMatchObject({ sbp: 128, dbp: 80, pulse: 72 });
    // each record once, under the id the device gave it
    expect([...services.map((s) => s.clientId), rounds[0].clientId].sort()).toEqual([...ids].sort());

    // the answer to one of them "lost" (the device still thinks it pending): sending it again creates nothing more
    await page.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('countycare');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const store = db.transaction('outbox', 'readwrite').objectStore('outbox');
      const entry = await new Promise<Record<string, unknown>>((resolve) => {
        const read = store.get(id);
        read.onsuccess = () => resolve(read.result);
      });
      await new Promise((resolve) => {
        store.put({ ...entry, status: 'pending' }).onsuccess = resolve;
      });
    }, services[0].clientId!);
    await page.reload(); // the app sends what is pending at every start
    await see(page.getByRole('heading', { name: '待同步记录' }));
    for (let i = 0; i < 3; i++) await seeText(entries.nth(i), '已同步', 30_000);
    expect((await get<Page_<Service>>(`/api/v1/contracts/${contractId}/services`)).items.filter((s) => !servicesBefore.includes(s.id))).toHaveLength(2);
  });
});
