/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, expectAccessible, PHONE, see, seeText, startWebApp, type WebApp } from '../fixtures/browser';

interface Episode {
  id: string;
  status: string;
  cycleNo: number;
  admissionDiagnosis: { code: string } | null;
  version: number;
}

describe('web app: household sickbeds on a phone (nurse visits, orders, extension, closure, the outbox)', () => {
  let web: WebApp;
  let gp: string;
  /** The demo resident's active bed of 陈医生/李护士's team (I69.3) and the team's other active bed (L89.3). */
  let strokeBed: string;
  let ulcerBed: string;

  const get = (path: string, auth = gp) => web.api.http.get(`/api/v1${path}`).set('authorization', auth).expect(200).then((r) => r.body);

  /** A dialog is open once its zoom-in has ended (clicks during the animation land beside their target). */
  async function openDialog(p: Page, name: string) {
    const dialog = p.getByRole('dialog', { name });
    await see(dialog);
    await p.waitForFunction(() => !document.querySelector('.ant-zoom-appear, .ant-zoom-enter, .ant-zoom-leave'));
    return dialog;
  }

  async function page(username: string): Promise<Page> {
    const p = await (await web.context(PHONE)).newPage();
    await web.signIn(p, username);
    return p;
  }

  beforeAll(async () => {
    web = await startWebApp();
    gp = await web.api.login('gp.chen', DEMO_PASSWORD);
    const me = await get('/me');
    const { items } = (await get(`/sickbeds?teamId=${me.scope.teamId}&status=active`)) as { items: Episode[] };
    strokeBed = items.find((s) => s.admissionDiagnosis?.code === 'I69.3')!.id;
    ulcerBed = items.find((s) => s.admissionDiagnosis?.code === 'L89.3')!.id;
    expect(strokeBed && ulcerBed).toBeTruthy();
  });
  afterAll(() => web.close());

  it('a nurse records a visit with vitals through the outbox: the form refuses an implausible value first, the API then holds exactly one new visit', async () => {
    const nurse = await web.api.login('nurse.li', DEMO_PASSWORD);
    const before = ((await get(`/sickbeds/${strokeBed}/rounds?kind=nurse&limit=200`, nurse)) as { items: { id: string }[] }).items.map((r) => r.id);

    const p = await page('nurse.li');
    await p.goto('/sickbeds');
    await see(p.getByRole('heading', { name: '家庭病床', level: 2 }));
    await see(p.locator(`a[href="/sickbeds/${strokeBed}"]`));
    await expectAccessible(p, 'sickbed list');
    await p.locator(`a[href="/sickbeds/${strokeBed}"]`).click();
    await see(p.getByRole('heading', { name: '家庭病床 · 黄*' }));
    await see(p.getByText('脑梗死后遗症（I69.3）'));
    await see(p.getByRole('heading', { name: '查床与护理记录' }));
    // a nurse does not start orders nor close beds
    expect(await p.getByRole('button', { name: '开医嘱' }).count()).toBe(0);
    await expectAccessible(p, 'sickbed detail (nurse)');

    await p.getByRole('button', { name: '记录护士上门护理' }).click();
    await see(p.getByRole('heading', { name: '记录护士上门护理' }));
    await p.getByLabel('收缩压 (mmHg)').fill('132');
    await p.getByLabel('舒张压 (mmHg)').fill('84');
    await p.getByLabel('脉搏 (/min)').fill('76');
    await p.getByLabel('体温 (°C)').fill('45');
    await p.getByLabel('血氧饱和度 (%)').fill('97');
    await p.getByLabel('所见（主诉、查体、检查）').fill('骶尾部皮肤完整，协助翻身拍背。');
    await p.getByRole('button', { name: '保存记录' }).click();
    await see(p.getByText('应在 34–42.5 °C 之间'));
    await expectAccessible(p, 'record a round');
    // refused by the form: nothing recorded on the device, nothing sent
    expect(await p.getByText('已保存在本机').count()).toBe(0);

    await p.getByLabel('体温 (°C)').fill('36.8');
    await p.getByRole('button', { name: '保存记录' }).click();
    await seeText(p.getByRole('status'), '已同步');
    await see(p.getByText('下次到期'));

    await p.getByRole('link', { name: '查看待同步记录' }).click();
    await see(p.getByRole('heading', { name: '待同步记录' }));
    const entry = p.locator('li[data-entry-id]').first();
    await seeText(entry, '已同步');
    await seeText(entry, '护士上门护理');
    await expectAccessible(p, 'outbox');

    const after = ((await get(`/sickbeds/${strokeBed}/rounds?kind=nurse&limit=200`, nurse)) as { items: { id: string; vitals: unknown; findings: string; clientId: string }[] }).items;
    const added = after.filter((r) => !before.includes(r.id));
    expect(added).toHaveLength(1);
    expect(added[0].vitals).toEqual({ sbp: 132, dbp: 84, pulse: 76, temperature: 36.8, spo2: 97, glucose: null });
    expect(added[0].findings).toBe('骶尾部皮肤完整，协助翻身拍背。');
    expect(added[0].clientId).toBe(await entry.getAttribute('data-entry-id'));
    // the visit is on the bed's screen too
    await p.goto(`/sickbeds/${strokeBed}`);
    await see(p.locator(`li[data-round-id="${added[0].id}"]`));
    await seeText(p.locator(`li[data-round-id="${added[0].id}"]`), '血压 132/84 mmHg');
  });

  it('a GP starts a medication order and stops it with a reason', async () => {
    const p = await page('gp.chen');
    await p.goto(`/sickbeds/${ulcerBed}`);
    await see(p.getByRole('heading', { name: '医嘱', exact: true }));
    await p.getByRole('button', { name: '开医嘱' }).click();
    const dialog = await openDialog(p, '开医嘱');
    await dialog.getByLabel('医嘱内容').fill('氨氯地平片 5mg 口服 每日一次');
    await dialog.getByLabel('剂量').fill('5mg');
    await dialog.getByLabel('给药途径').fill('po');
    await dialog.getByLabel('频次').fill('qd');
    await expectAccessible(p, 'start an order');
    await dialog.getByRole('button', { name: '确认开立' }).click();
    const inForce = p.getByRole('list', { name: '在用医嘱' });
    await seeText(inForce, '氨氯地平片 5mg 口服 每日一次');

    const orders = () => get(`/sickbeds/${ulcerBed}/orders?limit=200`).then((b: { items: { id: string; content: string; type: string; status: string; stopReason: string | null }[] }) => b.items);
    const started = (await orders()).find((o) => o.content === '氨氯地平片 5mg 口服 每日一次')!;
    expect(started).toMatchObject({ type: 'medication', status: 'active' });

    await p.getByRole('button', { name: '停止医嘱：氨氯地平片 5mg 口服 每日一次' }).click();
    const stop = await openDialog(p, '停医嘱');
    await stop.getByRole('button', { name: '确认停止' }).click();
    await see(stop.getByText('请填写停止原因'));
    await stop.getByLabel('停止原因').fill('血压控制平稳，停药观察');
    await stop.getByRole('button', { name: '确认停止' }).click();
    await seeText(p.getByRole('list', { name: '已停医嘱' }), '血压控制平稳，停药观察');
    expect((await orders()).find((o) => o.id === started.id)).toMatchObject({ status: 'stopped', stopReason: '血压控制平稳，停药观察' });
  });

  it('a GP extends one bed by a reassessment, records the closure of another and finalizes it', async () => {
    const p = await page('gp.chen');
    await p.goto(`/sickbeds/${strokeBed}`);
    await p.getByRole('button', { name: /^续\s*床$/ }).click();
    const extend = await openDialog(p, '续床（再评估）');
    await extend.getByLabel('已签署续床协议').check();
    await extend.getByLabel('已签署知情同意书').check();
    await expectAccessible(p, 'extend');
    await extend.getByRole('button', { name: '确认续床' }).click();
    await see(p.getByText(/第 2 周期/));
    const extended = (await get(`/sickbeds/${strokeBed}`)) as Episode & { latestAssessment: { kind: string; result: string } };
    expect(extended).toMatchObject({ status: 'active', cycleNo: 2, latestAssessment: { kind: 'reassessment', result: 'eligible' } });

    await p.goto(`/sickbeds/${ulcerBed}`);
    await p.getByRole('button', { name: '预撤床' }).click();
    const close = await openDialog(p, '预撤床');
    await close.getByLabel('转归').click();
    await p.locator('.ant-select-item-option', { hasText: '好转' }).click();
    // the option list has closed (its fade-out is not a screen the user reads)
    await p.waitForFunction(() => [...document.querySelectorAll('.ant-select-dropdown')].every((d) => d.classList.contains('ant-select-dropdown-hidden')));
    await close.getByLabel('撤床小结').fill('压疮创面愈合，家属已掌握翻身护理。');
    await expectAccessible(p, 'record closure');
    await close.getByRole('button', { name: '确认预撤床' }).click();
    await see(p.getByRole('heading', { name: '撤床记录' }));
    await see(p.getByText('压疮创面愈合，家属已掌握翻身护理。'));
    expect(await get(`/sickbeds/${ulcerBed}`)).toMatchObject({ status: 'closing', closure: { outcome: 'improved', diagnosis: { code: 'L89.3' } } });

    await p.getByRole('button', { name: /^撤\s*床$/ }).click();
    await p.getByRole('button', { name: /^确\s*认$/ }).click();
    await seeText(p.locator('.ant-tag', { hasText: '已撤床' }), '已撤床');
    const closed = (await get(`/sickbeds/${ulcerBed}`)) as Episode & { bedDays: number };
    expect(closed.status).toBe('closed');
    expect(closed.bedDays).toBeGreaterThan(0);
  });

  it('an action the bed no longer allows answers with the API\'s reason, and the screen then shows what the API holds', async () => {
    const p = await page('gp.chen');
    await p.goto(`/sickbeds/${strokeBed}`);
    await see(p.getByRole('button', { name: '开医嘱' }));
    // meanwhile, on another device, the closure is recorded
    const { version } = (await get(`/sickbeds/${strokeBed}`)) as Episode;
    await web.api.http.post(`/api/v1/sickbeds/${strokeBed}/close`).set('authorization', gp)
      .send({ version, closureDate: new Date().toISOString().slice(0, 10), outcome: 'patient_request', closureDiagnosis: { code: 'I69.3', name: '脑梗死后遗症' }, summary: '家属要求撤床。' })
      .expect(200);
    const refused = await web.api.http.post(`/api/v1/sickbeds/${strokeBed}/orders`).set('authorization', gp).set('accept-language', 'zh-CN')
      .send({ type: 'nursing', longTerm: false, content: '测量血压' }).expect(409);
    expect(refused.body.code).toBe('illegal_transition');

    await p.getByRole('button', { name: '开医嘱' }).click();
    const dialog = await openDialog(p, '开医嘱');
    await dialog.getByLabel('医嘱内容').fill('测量血压 每日两次');
    await dialog.getByRole('button', { name: '确认开立' }).click();
    await see(p.getByText(refused.body.title as string));
    // refreshed: the bed is closing now, no order can be started, and none was
    await see(p.getByRole('heading', { name: '撤床记录' }));
    await see(p.getByRole('button', { name: '取消撤床' }));
    const orders = (await get(`/sickbeds/${strokeBed}/orders?limit=200`)) as { items: { content: string }[] };
    expect(orders.items.some((o) => o.content.startsWith('测量血压'))).toBe(false);
  });
});
