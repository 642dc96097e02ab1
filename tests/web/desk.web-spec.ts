/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DESKTOP, expectAccessible, see, seeText, startWebApp, type WebApp } from '../fixtures/browser';

/** Tomorrow at 09:00 in the county zone, as a datetime-local input value. */
function tomorrowAtNine(): string {
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 86_400_000));
  return `${day}T09:00`;
}

describe('web app: the referral desk works its queue', () => {
  let web: WebApp;
  let gp: string;
  let desk: string;
  let urgentId: string;
  let urgentNo: string;
  let routineId: string;

  async function referral(residentId: string, toInstitutionId: string, urgency: 'urgent' | 'routine') {
    const res = await web.api.http.post('/api/v1/referrals').set('authorization', gp).send({
      direction: 'up', residentId, toInstitutionId, urgency, department: '心血管内科',
      reason: urgency === 'urgent' ? '突发胸痛两小时，心电图 ST 段改变' : '血压控制不佳，需专科评估',
      diagnoses: [{ code: urgency === 'urgent' ? 'R07.400' : 'I10.x00', name: urgency === 'urgent' ? '胸痛' : '高血压' }],
      summary: '现病史、既往史与用药见摘要。', submit: true,
    }).expect(201);
    return res.body as { id: string; referralNo: string; status: string };
  }

  beforeAll(async () => {
    web = await startWebApp();
    gp = await web.api.login('gp.chen', DEMO_PASSWORD);
    desk = await web.api.login('desk.liu', DEMO_PASSWORD);
    const hospitals = await web.api.http.get('/api/v1/institutions?level=county_hospital').set('authorization', gp).expect(200);
    const hospital = hospitals.body.items.find((i: { hasReferralDesk: boolean }) => i.hasReferralDesk).id as string;
    const contracts = await web.api.http.get('/api/v1/contracts?status=active&limit=5').set('authorization', gp).expect(200);
    const residents = [...new Set(contracts.body.items.map((c: { residentId: string }) => c.residentId))] as string[];
    const urgent = await referral(residents[1], hospital, 'urgent');
    expect(urgent.status).toBe('submitted');
    urgentId = urgent.id;
    urgentNo = urgent.referralNo;
    routineId = (await referral(residents[2], hospital, 'routine')).id;
  });
  afterAll(() => web.close());

  async function act(page: Page, button: RegExp) {
    await page.getByRole('main').getByRole('button', { name: button }).click();
    return page.getByRole('dialog');
  }

  it('urgent first with the SLA in words; accept with an appointment, arrival, completion with admission and the deductible', async () => {
    const page = await (await web.context(DESKTOP)).newPage();
    await web.signIn(page, 'desk.liu');
    await page.waitForURL('**/desk');
    await see(page.getByRole('heading', { name: '转诊队列' }));
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await see(rows.first());
    // the API orders the queue: the first row is a green-channel referral
    await seeText(rows.first(), '紧急');
    const mine = rows.filter({ hasText: urgentNo });
    await seeText(mine, '待受理');
    await seeText(mine, /时限内|即将超时/);
    await seeText(mine, /剩余 \d+ 小时 \d+ 分|剩余 \d+ 分钟/);
    await expectAccessible(page, 'referral queue');

    // the urgency filter asks the API again: only routine rows remain
    await page.getByLabel('紧急程度').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^普通$/ }).click();
    await see(page.locator('.ant-table-tbody tr.ant-table-row').first());
    await page.waitForFunction(() => [...document.querySelectorAll('.ant-table-tbody tr.ant-table-row')].every((r) => !r.textContent?.includes('紧急')));
    expect(await rows.filter({ hasText: urgentNo }).count()).toBe(0);
    await page.getByLabel('紧急程度').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^紧急/ }).click();
    await see(rows.filter({ hasText: urgentNo }));

    await rows.filter({ hasText: urgentNo }).click();
    await page.waitForURL(`**/desk/referrals/${urgentId}`);
    await see(page.getByRole('heading', { name: `转诊单 ${urgentNo}` }));
    await see(page.getByText('突发胸痛两小时，心电图 ST 段改变'));
    await see(page.getByText('R07.400 胸痛'));
    await expectAccessible(page, 'referral detail');

    let dialog = await act(page, /^受\s*理$/);
    await page.getByLabel(/预约就诊时间/).fill(tomorrowAtNine());
    await expectAccessible(page, 'accept form');
    await dialog.getByRole('button', { name: /^受\s*理$/ }).click();
    await seeText(page.locator('.ant-tag').first(), '已预约');
    await see(page.getByText('预约就诊时间').first());

    dialog = await act(page, /^到\s*诊$/);
    await dialog.getByRole('button', { name: /^到\s*诊$/ }).click();
    await seeText(page.locator('.ant-tag').first(), '已到诊');

    dialog = await act(page, /完成（回执）/);
    await page.getByLabel('诊断结果').fill('急性非 ST 段抬高型心肌梗死');
    await page.getByLabel('下一步建议').fill('出院后回基层随访');
    await page.getByLabel('已收住院').check();
    await page.getByLabel(/医保可报销费用/).fill('5000');
    await dialog.getByRole('button', { name: /完成（回执）/ }).click();
    await seeText(page.locator('.ant-tag').first(), '已完成');
    await see(page.getByRole('heading', { name: '连续计算起付线（估算）' }));

    const after = await web.api.http.get(`/api/v1/referrals/${urgentId}`).set('authorization', desk).expect(200);
    expect(after.body.status).toBe('completed');
    expect(after.body.admitted).toBe(true);
    expect(after.body.outcome.diagnosisResult).toBe('急性非 ST 段抬高型心肌梗死');
    const actions = after.body.events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['submit', 'accept', 'arrive', 'complete']));
    expect(actions.indexOf('accept')).toBeLessThan(actions.indexOf('arrive'));
    expect(after.body.appointmentAt).toBeTruthy();
    // the figure on the screen is the API's estimate
    const due = after.body.deductible.due as number;
    const shown = `${new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(due)} 元`;
    await seeText(page.locator('.ant-statistic'), shown);
    await see(page.getByText(after.body.deductible.note));
    // the history shows each step
    await see(page.getByText('完成（回执）').last());
    await expectAccessible(page, 'completed referral');
  });

  it('rejecting needs a reason, and the API then holds the rejection with it', async () => {
    const page = await (await web.context(DESKTOP)).newPage();
    await web.signIn(page, 'desk.liu');
    await page.goto(`/desk/referrals/${routineId}`);
    await see(page.getByRole('heading', { name: /^转诊单 \d{23}$/ }));
    const dialog = await act(page, /^拒\s*绝$/);
    await dialog.getByRole('button', { name: /^拒\s*绝$/ }).click();
    await seeText(dialog.locator('.ant-form-item-explain-error'), '必填');
    let unchanged = await web.api.http.get(`/api/v1/referrals/${routineId}`).set('authorization', desk).expect(200);
    expect(unchanged.body.status).toBe('submitted');
    await page.getByLabel('拒绝原因').fill('本院心内科床位已满，请转市级医院');
    await dialog.getByRole('button', { name: /^拒\s*绝$/ }).click();
    await seeText(page.locator('.ant-tag').first(), '已拒绝');
    await see(page.getByText('本院心内科床位已满，请转市级医院').first());
    unchanged = await web.api.http.get(`/api/v1/referrals/${routineId}`).set('authorization', desk).expect(200);
    expect(unchanged.body.status).toBe('rejected');
    expect(unchanged.body.rejectReason).toBe('本院心内科床位已满，请转市级医院');
    await expectAccessible(page, 'rejected referral');
  });
});
