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
  let emergentId: string;
  let emergentNo: string;
  let urgentId: string;
  let urgentNo: string;
  let routineId: string;
  let routineNo: string;

  type Urgency = 'emergent' | 'urgent' | 'routine';
  const CLINICAL: Record<Urgency, { reason: string; code: string; name: string }> = {
    emergent: { reason: '突发胸痛两小时，心电图 ST 段改变', code: 'R07.400', name: '胸痛' },
    urgent: { reason: '反复胸闷一周，活动后加重', code: 'I20.000', name: '不稳定型心绞痛' },
    routine: { reason: '血压控制不佳，需专科评估', code: 'I10.x00', name: '高血压' },
  };

  async function referral(residentId: string, toInstitutionId: string, urgency: Urgency, extra: object = {}) {
    const c = CLINICAL[urgency];
    const res = await web.api.http.post('/api/v1/referrals').set('authorization', gp).send({
      direction: 'up', residentId, toInstitutionId, urgency, department: '心血管内科', reason: c.reason,
      diagnoses: [{ code: c.code, name: c.name }], summary: '现病史、既往史与用药见摘要。', submit: true, consentToShare: true, ...extra,
    }).expect(201);
    return res.body as { id: string; referralNo: string; status: string };
  }

  beforeAll(async () => {
    web = await startWebApp();
    gp = await web.api.login('gp.chen', DEMO_PASSWORD);
    desk = await web.api.login('desk.liu', DEMO_PASSWORD);
    const hospitals = await web.api.http.get('/api/v1/institutions?level=county_hospital').set('authorization', gp).expect(200);
    const hospital = hospitals.body.items.find((i: { hasReferralDesk: boolean }) => i.hasReferralDesk).id as string;
    const contracts = await web.api.http.get('/api/v1/contracts?status=active&limit=10').set('authorization', gp).expect(200);
    const residents = [...new Set(contracts.body.items.map((c: { residentId: string }) => c.residentId))] as string[];
    expect(residents.length).toBeGreaterThanOrEqual(4);
    // created routine first and emergent last: the queue's order is the priority's, not the age's
    const routine = await referral(residents[2], hospital, 'routine');
    routineId = routine.id;
    routineNo = routine.referralNo;
    // chest pain ticked but sent as merely urgent: the signs suggest the green channel
    const urgent = await referral(residents[3], hospital, 'urgent', { kind: 'inpatient', redFlags: ['chest_pain'] });
    urgentId = urgent.id;
    urgentNo = urgent.referralNo;
    const emergent = await referral(residents[1], hospital, 'emergent', {
      kind: 'emergency', redFlags: ['chest_pain'], insuranceType: 'employee', insuranceNo: 'ZJ3301020000123456',
    });
    expect(emergent.status).toBe('submitted');
    emergentId = emergent.id;
    emergentNo = emergent.referralNo;
  });
  afterAll(() => web.close());

  async function act(page: Page, button: RegExp) {
    // the dialog of the previous step has closed (one modal serves every action: reopened while it animates out, it may not show)
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByRole('main').getByRole('button', { name: button }).click();
    return page.getByRole('dialog');
  }

  /** The priority shown on each row of the queue, top to bottom (0 emergent, 1 urgent, 2 routine). */
  async function ranks(page: Page): Promise<number[]> {
    const tags = await page.locator('.ant-table-tbody tr.ant-table-row [data-testid="referral-urgency"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    return tags.map((u) => ['emergent', 'urgent', 'routine'].indexOf(u ?? ''));
  }

  it('the green channel (危急) first, then 加急, then 普通, with the SLA in words; filters by priority and kind', async () => {
    const page = await (await web.context(DESKTOP)).newPage();
    await web.signIn(page, 'desk.liu');
    await page.waitForURL('**/desk');
    await see(page.getByRole('heading', { name: '转诊队列' }));
    await see(page.getByText('危急（绿色通道）在前，其次加急'));
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await see(rows.filter({ hasText: routineNo }));
    // the API orders the queue: emergent rows, then urgent, then routine; the first row is a green-channel referral
    await seeText(rows.first(), '危急（绿色通道）');
    const order = await ranks(page);
    expect(order.length).toBeGreaterThanOrEqual(3);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const texts = await rows.allTextContents();
    const at = (no: string) => texts.findIndex((t) => t.includes(no));
    expect(at(emergentNo)).toBeGreaterThanOrEqual(0);
    expect(at(emergentNo)).toBeLessThan(at(urgentNo));
    expect(at(urgentNo)).toBeLessThan(at(routineNo));
    const mine = rows.filter({ hasText: emergentNo });
    await seeText(mine, '危急（绿色通道）');
    await seeText(mine, '急诊转诊');
    await seeText(mine, '待受理');
    await seeText(mine, /时限内|即将超时/);
    await seeText(mine, /剩余 \d+ 分钟/);
    await seeText(rows.filter({ hasText: urgentNo }), '加急');
    await seeText(rows.filter({ hasText: urgentNo }), '住院转诊');
    await seeText(rows.filter({ hasText: routineNo }), '普通');
    await expectAccessible(page, 'referral queue');

    // the urgency filter asks the API again: only routine rows remain
    await page.getByLabel('紧急程度').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^普通$/ }).click();
    await see(rows.filter({ hasText: routineNo }));
    await page.waitForFunction(() => [...document.querySelectorAll('.ant-table-tbody tr.ant-table-row [data-testid="referral-urgency"]')].every((t) => t.getAttribute('data-status') === 'routine'));
    expect(await rows.filter({ hasText: emergentNo }).count()).toBe(0);
    expect(await rows.filter({ hasText: urgentNo }).count()).toBe(0);
    await page.getByLabel('紧急程度').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^加急$/ }).click();
    await see(rows.filter({ hasText: urgentNo }));
    await page.waitForFunction(() => [...document.querySelectorAll('.ant-table-tbody tr.ant-table-row [data-testid="referral-urgency"]')].every((t) => t.getAttribute('data-status') === 'urgent'));
    await page.getByLabel('紧急程度').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^危急（绿色通道）$/ }).click();
    await see(rows.filter({ hasText: emergentNo }));
    expect(await rows.filter({ hasText: urgentNo }).count()).toBe(0);
    expect(await ranks(page)).toEqual(expect.arrayContaining([0]));
    expect((await ranks(page)).every((r) => r === 0)).toBe(true);

    // and the kind filter, with it: an emergency referral is not an inpatient one
    await page.getByLabel('转诊类型').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^住院转诊$/ }).click();
    await page.waitForFunction((no) => ![...document.querySelectorAll('.ant-table-tbody tr.ant-table-row')].some((r) => r.textContent?.includes(no)), emergentNo);
    await page.getByLabel('转诊类型').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^急诊转诊$/ }).click();
    await see(rows.filter({ hasText: emergentNo }));
    await page.waitForFunction(() => [...document.querySelectorAll('.ant-table-tbody tr.ant-table-row')].every((r) => r.textContent?.includes('急诊转诊')));
    await expectAccessible(page, 'referral queue filtered');
  });

  it('an emergent referral: accepted, then arrives without scheduling (green channel), completed with admission and the deductible', async () => {
    const page = await (await web.context(DESKTOP)).newPage();
    await web.signIn(page, 'desk.liu');
    await page.waitForURL('**/desk');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.filter({ hasText: emergentNo }).click();
    await page.waitForURL(`**/desk/referrals/${emergentId}`);
    await see(page.getByRole('heading', { name: `转诊单 ${emergentNo}` }));
    await see(page.getByText('突发胸痛两小时，心电图 ST 段改变'));
    await see(page.getByText('R07.400 胸痛'));
    await seeText(page.getByTestId('referral-urgency'), '危急（绿色通道）');
    await see(page.getByText('急诊转诊').first());
    // the insurance number only ever masked
    await seeText(page.getByTestId('referral-insurance'), '职工医保 ZJ************3456');
    await see(page.getByText('胸痛', { exact: true }));
    // sent on the green channel: nothing to warn about
    expect(await page.getByTestId('green-channel-mismatch').count()).toBe(0);
    await expectAccessible(page, 'referral detail');

    // accepted without an appointment: the green channel may arrive straight away (the API's allowedActions)
    let dialog = await act(page, /^受\s*理$/);
    await expectAccessible(page, 'accept form');
    await dialog.getByRole('button', { name: /^受\s*理$/ }).click();
    await seeText(page.locator('.ant-tag').first(), '已受理');
    await see(page.getByRole('main').getByRole('button', { name: /^到\s*诊$/ }));

    dialog = await act(page, /^到\s*诊$/);
    await see(dialog.getByText('绿色通道（危急）：未经预约，直接到达急诊。'));
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

    const after = await web.api.http.get(`/api/v1/referrals/${emergentId}`).set('authorization', desk).expect(200);
    expect(after.body).toMatchObject({
      status: 'completed', urgency: 'emergent', kind: 'emergency', admitted: true, appointmentAt: null,
      insurance: { type: 'employee', numberMasked: 'ZJ************3456' },
    });
    expect(after.body.outcome.diagnosisResult).toBe('急性非 ST 段抬高型心肌梗死');
    const actions = after.body.events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['submit', 'accept', 'arrive', 'complete']));
    // never scheduled: accepted, then arrived
    expect(actions).not.toContain('schedule');
    expect(actions.indexOf('accept')).toBeLessThan(actions.indexOf('arrive'));
    // the figure on the screen is the API's estimate
    // (an employee-scheme patient: the county's own amount for the level, no employee table being set)
    const due = after.body.deductible.due as number;
    expect(typeof due).toBe('number');
    const shown = `${new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(due)} 元`;
    await seeText(page.locator('.ant-statistic'), shown);
    await see(page.getByText(after.body.deductible.note));
    // the history shows each step
    await see(page.getByText('完成（回执）').last());
    await expectAccessible(page, 'completed referral');
  });

  it('an urgent (加急) referral whose signs suggest the green channel: warned, and it must be scheduled before arrival', async () => {
    const page = await (await web.context(DESKTOP)).newPage();
    await web.signIn(page, 'desk.liu');
    await page.goto(`/desk/referrals/${urgentId}`);
    await see(page.getByRole('heading', { name: `转诊单 ${urgentNo}` }));
    await seeText(page.getByTestId('referral-urgency'), '加急');
    await seeText(page.getByTestId('green-channel-mismatch'), '体征提示应走绿色通道');
    await seeText(page.getByTestId('referral-insurance'), '未填写');
    await expectAccessible(page, 'urgent referral detail');

    let dialog = await act(page, /^受\s*理$/);
    await dialog.getByRole('button', { name: /^受\s*理$/ }).click();
    await seeText(page.locator('.ant-tag').first(), '已受理');
    await see(page.getByRole('main').getByRole('button', { name: /^预\s*约$/ }));
    expect(await page.getByRole('main').getByRole('button', { name: /^到\s*诊$/ }).count()).toBe(0);
    const accepted = await web.api.http.get(`/api/v1/referrals/${urgentId}`).set('authorization', desk).expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', urgency: 'urgent', kind: 'inpatient', suggestedUrgency: 'emergent', redFlags: ['chest_pain'] });
    expect(accepted.body.allowedActions).not.toContain('arrive');

    // scheduled, it may arrive
    dialog = await act(page, /^预\s*约$/);
    await page.getByLabel('预约就诊时间').fill(tomorrowAtNine());
    await dialog.getByRole('button', { name: /^预\s*约$/ }).click();
    await seeText(page.locator('.ant-tag').first(), '已预约');
    await see(page.getByText('预约就诊时间').first());
    await see(page.getByRole('main').getByRole('button', { name: /^到\s*诊$/ }));
    const scheduled = await web.api.http.get(`/api/v1/referrals/${urgentId}`).set('authorization', desk).expect(200);
    expect(scheduled.body.status).toBe('scheduled');
    expect(scheduled.body.appointmentAt).toBeTruthy();
    expect(scheduled.body.allowedActions).toContain('arrive');
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

  it('without the patient\'s consent the desk sees the demographics and the reason only (docs/domain.md §5.4)', async () => {
    const hospitals = await web.api.http.get('/api/v1/institutions?level=county_hospital').set('authorization', gp).expect(200);
    const hospital = hospitals.body.items.find((i: { hasReferralDesk: boolean }) => i.hasReferralDesk).id as string;
    const contracts = await web.api.http.get('/api/v1/contracts?status=active&limit=10').set('authorization', gp).expect(200);
    const resident = contracts.body.items[4].residentId as string;
    const withheld = await referral(resident, hospital, 'routine', {
      consentToShare: false, clinical: { chiefComplaint: '头晕三月', keyResults: '心电图左室高电压' },
    });
    const page = await (await web.context(DESKTOP)).newPage();
    await web.signIn(page, 'desk.liu');
    await page.goto(`/desk/referrals/${withheld.id}`);
    await see(page.getByTestId('clinical-withheld'));
    await see(page.getByText(CLINICAL.routine.reason).first());
    await see(page.getByTestId('referral-consent'));
    expect(await page.getByText('I10.x00').count()).toBe(0);
    expect(await page.getByText('头晕三月').count()).toBe(0);
    // the sender sees what it wrote
    const own = await web.api.http.get(`/api/v1/referrals/${withheld.id}`).set('authorization', gp).expect(200);
    expect(own.body).toMatchObject({ clinicalWithheld: false, clinical: { chiefComplaint: '头晕三月' }, consentToShare: false });
    await expectAccessible(page, 'referral without consent');
  });
});
