import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, expectAccessible, PHONE, see, seeText, startWebApp, type WebApp } from '../fixtures/browser';

interface Page_<T> { items: T[]; nextCursor: string | null }
interface FollowUp { contractId: string | null; itemCode: string | null; itemName: string; urgency: string }
interface Service { id: string; serviceItemCode: string; payload: Record<string, number> | null; counted: boolean; modality: string }
interface Contract {
  id: string;
  teamId: string;
  status: string;
  fulfilment: { overall: { counted: number; promised: number }; items: { code: string }[] };
  termination: { reason: string } | null;
}
interface UrgentSign { code: string; value?: number; threshold?: number; source?: string; recordedAt?: string; stale: boolean }

describe('web app: the GP and nurse clinic screens (phone)', () => {
  let web: WebApp;
  let gp: string;
  beforeAll(async () => {
    web = await startWebApp();
    gp = await web.api.login('gp.chen', DEMO_PASSWORD);
  });
  afterAll(() => web.close());

  const get = async <T>(path: string, auth = gp): Promise<T> => (await web.api.http.get(path).set('authorization', auth).expect(200)).body as T;

  async function openMenu(page: Page, item: string) {
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('link', { name: item }).click();
  }

  it('gp.chen: today → contract → logs a BP service (range checked, synced) → finds a resident, refers up on the green channel its BP suggests, with ICD-10 and insurance → terminates a contract', async () => {
    const page = await (await web.context(PHONE)).newPage();
    await web.signIn(page, 'gp.chen');

    // 今日工作: overdue follow-ups first, marked in text
    await page.waitForURL('**/clinic/today');
    await see(page.getByRole('heading', { name: '今日工作' }));
    const overdue = await get<Page_<FollowUp>>('/api/v1/worklists/follow-ups?due=overdue');
    const htn = overdue.items.find((f) => f.itemCode === 'htn_follow_up' && f.contractId)!;
    expect(htn).toBeDefined();
    const followUps = page.getByRole('list', { name: '待随访' }).getByRole('link');
    await seeText(followUps.first(), '已逾期');
    await expectAccessible(page, 'clinic today');

    // the contract from the worklist, with its fulfilment bars
    const contractId = htn.contractId!;
    const before = await get<Contract>(`/api/v1/contracts/${contractId}`);
    const servicesBefore = await get<Page_<Service>>(`/api/v1/contracts/${contractId}/services`);
    await followUps.filter({ hasText: '高血压面对面随访' }).filter({ hasText: '已逾期' }).first().click();
    await page.waitForURL(`**/clinic/contracts/${contractId}`);
    await see(page.getByRole('heading', { name: '签约详情' }));
    await see(page.getByRole('progressbar', { name: '总体履约' }));
    await see(page.getByRole('progressbar', { name: '高血压面对面随访' }));
    const { counted, promised } = before.fulfilment.overall;
    await seeText(page.getByTestId('fulfilment-overall'), `已履约 ${counted}/${promised} 次`);
    await expectAccessible(page, 'contract detail');

    // log a blood-pressure follow-up: the form refuses an implausible value before anything is sent
    await page.getByRole('button', { name: '记录服务' }).click();
    await page.waitForURL(`**/clinic/contracts/${contractId}/log`);
    await see(page.getByRole('heading', { name: '记录服务' }));
    await page.getByRole('radio', { name: /高血压面对面随访/ }).check();
    await page.getByLabel(/^收缩压/).fill('400');
    await page.getByLabel(/^舒张压/).fill('86');
    await page.getByRole('button', { name: '保存记录' }).click();
    await see(page.getByText('收缩压（mmHg）应在 40–300 mmHg 之间'));
    await expectAccessible(page, 'log a service');
    expect((await get<Page_<Service>>(`/api/v1/contracts/${contractId}/services`)).items).toHaveLength(servicesBefore.items.length);
    await page.getByLabel(/^收缩压/).fill('138');
    await page.getByRole('button', { name: '保存记录' }).click();
    await seeText(page.getByRole('status').filter({ hasText: /已同步|待同步|同步中/ }), '已同步');

    const servicesAfter = await get<Page_<Service>>(`/api/v1/contracts/${contractId}/services`);
    const known = new Set(servicesBefore.items.map((s) => s.id));
    const added = servicesAfter.items.filter((s) => !known.has(s.id));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ serviceItemCode: 'htn_follow_up', modality: 'face_to_face', payload: { sbp: 138, dbp: 86 }, counted: true });
    const after = await get<Contract>(`/api/v1/contracts/${contractId}`);
    expect(after.fulfilment.overall.counted).toBe(counted + 1);

    // back on the contract: the record and the new totals
    await page.getByRole('button', { name: '返回签约详情' }).click();
    await seeText(page.getByTestId('fulfilment-overall'), `已履约 ${counted + 1}/${promised} 次`);
    await seeText(page.getByTestId('service-record').first(), '收缩压（mmHg） 138 · 舒张压（mmHg） 86');

    // find a resident by name prefix (a 林 with a contract of the GP's team: the care team may reveal)
    const me = await get<{ scope: { teamId: string } }>('/api/v1/me');
    const found = await get<Page_<{ id: string; idNumber: string }>>(`/api/v1/residents?q=${encodeURIComponent('林')}`);
    let residentId = '';
    let residentContract: Contract | undefined;
    for (const r of found.items) {
      const contracts = await get<Page_<Contract>>(`/api/v1/contracts?residentId=${r.id}`);
      residentContract = contracts.items.find((c) => c.status === 'active' && c.teamId === me.scope.teamId);
      if (residentContract) {
        residentId = r.id;
        break;
      }
    }
    expect(residentContract).toBeDefined();
    const masked = found.items.find((r) => r.id === residentId)!.idNumber;
    expect(masked).toMatch(/\*{8}/);
    await openMenu(page, '查找居民');
    await see(page.getByRole('heading', { name: '查找居民' }));
    await page.getByLabel('姓名、身份证号或手机号').fill('林');
    await page.getByRole('button', { name: /^查\s*找$/ }).click();
    await see(page.getByRole('list', { name: '查找结果' }));
    await expectAccessible(page, 'resident search');
    await page.getByRole('link').filter({ hasText: masked }).click();
    await page.waitForURL(`**/clinic/residents/${residentId}`);
    await see(page.getByRole('heading', { name: /居民档案/ }));
    await seeText(page.getByTestId('resident-id-number'), masked);

    // reveal (the care team may; audited with the reason given): the full ID number as the API gives it
    const full = await get<{ idNumber: string }>(`/api/v1/residents/${residentId}?reveal=true&reason=verify_identity`);
    await page.getByRole('button', { name: '查看完整证件号和手机号' }).click();
    const reveal = page.getByRole('dialog', { name: '查看完整信息' });
    await expectAccessible(page, 'reveal dialog');
    // no reason, no reveal
    await reveal.getByRole('button', { name: '确认查看' }).click();
    await see(reveal.getByText('请选择查看原因'));
    await seeText(page.getByTestId('resident-id-number'), masked);
    await reveal.getByRole('radio', { name: '联系居民（随访、上门、预约）' }).check();
    await reveal.getByRole('button', { name: '确认查看' }).click();
    await seeText(page.getByTestId('resident-id-number'), full.idNumber);
    await reveal.waitFor({ state: 'detached' });
    await expectAccessible(page, 'resident card');
    const admin = await web.api.login('county.admin', DEMO_PASSWORD);
    const me0 = await get<{ id: string }>('/api/v1/me');
    const reveals = (await get<Page_<{ action: string; detail: { reason?: string } }>>(
      `/api/v1/audit-events?residentId=${residentId}&actorId=${me0.id}&limit=50`, admin)).items.filter((e) => e.action === 'reveal_pii');
    // newest first: the screen's reveal, then the test's own
    expect(reveals.slice(0, 2).map((e) => e.detail.reason)).toEqual(['contact_resident', 'verify_identity']);

    // a follow-up of this resident a minute ago measured 186/98 mmHg (recorded on another device): an urgent trigger (SBP ≥ 180)
    const item = (await get<Contract>(`/api/v1/contracts/${residentContract!.id}`)).fulfilment.items[0].code;
    await web.api.http.post(`/api/v1/contracts/${residentContract!.id}/services`).set('authorization', gp).send({
      serviceItemCode: item, modality: 'face_to_face', deliveredAt: new Date(Date.now() - 60_000).toISOString(), payload: { sbp: 186, dbp: 98 },
    }).expect(201);
    const signs = await get<{ signs: UrgentSign[]; suggestedUrgency: string | null }>(`/api/v1/referrals/urgent-signs?residentId=${residentId}`);
    expect(signs.suggestedUrgency).toBe('emergent');
    expect(signs.signs).toEqual([expect.objectContaining({ code: 'sbp_high', value: 186, threshold: 180, source: 'service', stale: false })]);

    // refer up: the form shows the reading and suggests the green channel; ICD-10 code picked from the list
    await page.getByRole('button', { name: '向上转诊' }).click();
    await page.waitForURL(`**/clinic/residents/${residentId}/refer`);
    await see(page.getByRole('heading', { name: '向上转诊' }));
    const alert = page.getByTestId('urgent-signs');
    await seeText(alert, '建议按绿色通道（危急）转诊');
    const sign = alert.getByTestId('urgent-sign');
    await seeText(sign, '收缩压 ≥ 180 mmHg');
    await seeText(sign, '实测 186 mmHg（阈值 180）');
    await seeText(sign, '签约服务');
    // when it was measured, on the device's clock (the county's zone)
    const measuredAt = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })
      .format(new Date(signs.signs[0].recordedAt!));
    await seeText(sign, `测于 ${measuredAt}`);
    expect(await page.getByRole('radio', { name: '普通' }).isChecked()).toBe(true);
    await expectAccessible(page, 'refer up with urgent signs');
    // a ticked red flag suggests it too, by definition
    await page.getByRole('checkbox', { name: '胸痛' }).check();
    await seeText(alert, '已勾选急症指征：胸痛');
    await alert.getByRole('button', { name: '按绿色通道转诊' }).click();
    expect(await page.getByRole('radio', { name: '危急（绿色通道）' }).isChecked()).toBe(true);
    await seeText(alert, '已选择：危急（绿色通道）');
    expect(await alert.getByRole('button', { name: '按绿色通道转诊' }).count()).toBe(0);

    // an emergency referral is the green channel: choosing it sets 危急, and another priority is refused on the spot
    await page.getByRole('radio', { name: '急诊转诊' }).check();
    expect(await page.getByRole('radio', { name: '危急（绿色通道）' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: '普通' }).check();
    await see(page.getByText('急诊转诊须走绿色通道（危急）'));
    await page.getByRole('radio', { name: '住院转诊' }).check();
    await page.getByText('急诊转诊须走绿色通道（危急）').waitFor({ state: 'hidden' });
    await alert.getByRole('button', { name: '按绿色通道转诊' }).click();
    expect(await page.getByRole('radio', { name: '危急（绿色通道）' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: /青溪县人民医院/ }).check();
    await page.getByLabel('转入科室').fill('心血管内科');
    await page.getByLabel('诊断（ICD-10）').fill('高血压');
    await page.getByRole('button', { name: '添加 I10 原发性高血压' }).click();
    await see(page.getByTestId('diagnosis').filter({ hasText: 'I10' }));
    await page.getByLabel('转诊原因').fill('血压急剧升高伴胸痛，需住院治疗');
    await page.getByLabel('病情摘要').fill('高血压病史十年，今日随访血压 186/98 mmHg，伴胸痛。');
    await page.getByRole('radio', { name: '职工医保' }).check();
    // the number's format is checked before anything is sent
    await page.getByLabel('医保编码 / 社保卡号').fill('ZJ-33');
    await page.getByRole('button', { name: '提交转诊' }).click();
    await see(page.getByText('医保编码应为 6–32 位字母或数字'));
    expect(page.url()).toContain(`/clinic/residents/${residentId}/refer`);
    await page.getByLabel('医保编码 / 社保卡号').fill('ZJ3301020000123456');
    // the clinical sections and the patient's consent to share them with the hospital (docs/domain.md §5.4)
    await page.getByLabel('主诉').fill('头晕伴胸闷 2 天');
    await page.getByLabel('主要检查结果').fill('心电图：窦性心律，左室高电压');
    await page.getByLabel('患者同意向接收医院共享病历').check();
    await expectAccessible(page, 'refer up');
    await page.getByRole('button', { name: '提交转诊' }).click();
    await page.waitForURL(/\/clinic\/referrals\/[0-9a-f-]+$/);
    const referralId = new URL(page.url()).pathname.split('/').pop()!;
    await seeText(page.getByTestId('referral-status'), '待受理');
    await see(page.getByText('I10 原发性高血压'));
    await seeText(page.getByTestId('referral-urgency'), '危急（绿色通道）');
    await see(page.getByText('住院转诊'));
    await seeText(page.getByTestId('referral-insurance'), '职工医保 ZJ************3456');
    await seeText(page.getByTestId('urgent-sign'), '实测 186 mmHg（阈值 180）');
    await see(page.getByText('头晕伴胸闷 2 天'));
    await seeText(page.getByTestId('referral-consent'), '已同意向接收机构共享');
    // sent on the green channel the signs suggest: no warning
    expect(await page.getByTestId('green-channel-mismatch').count()).toBe(0);
    expect(await page.getByText('ZJ3301020000123456').count()).toBe(0);
    await expectAccessible(page, 'referral');
    const referral = await get<{
      status: string; direction: string; urgency: string; kind: string; redFlags: string[]; suggestedUrgency: string | null; urgentSigns: UrgentSign[];
      insurance: { type: string | null; numberMasked: string | null }; toInstitution: { name: string }; diagnoses: { code: string; name: string }[]; department: string;
      consentToShare: boolean | null; clinical: Record<string, string> | null;
    }>(`/api/v1/referrals/${referralId}`);
    expect(referral).toMatchObject({
      status: 'submitted', direction: 'up', urgency: 'emergent', kind: 'inpatient', redFlags: ['chest_pain'], suggestedUrgency: 'emergent',
      insurance: { type: 'employee' }, toInstitution: { name: '青溪县人民医院' }, department: '心血管内科', diagnoses: [{ code: 'I10', name: '原发性高血压' }],
      consentToShare: true, clinical: { chiefComplaint: '头晕伴胸闷 2 天', keyResults: '心电图：窦性心律，左室高电压' },
    });
    // the number only ever masked: the first 2 and the last 4 characters
    expect(referral.insurance.numberMasked).toBe('ZJ************3456');
    expect(JSON.stringify(referral)).not.toContain('ZJ3301020000123456');
    expect(referral.urgentSigns).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'sbp_high', value: 186, source: 'service', stale: false })]));

    // terminate the resident's contract with a reason
    await page.getByRole('link', { name: '居民档案' }).click();
    await page.waitForURL(`**/clinic/residents/${residentId}`);
    await page.getByRole('list', { name: '签约记录' }).getByRole('link').filter({ hasText: '履约中' }).first().click();
    await page.waitForURL(`**/clinic/contracts/${residentContract!.id}`);
    await page.getByRole('button', { name: /^解\s*约$/ }).click();
    const dialog = page.getByRole('dialog');
    await page.getByRole('button', { name: '确认解约' }).click();
    await see(dialog.getByText('请选择解约原因'));
    await dialog.getByRole('radio', { name: '迁出本县' }).check();
    await expectAccessible(page, 'terminate dialog');
    await page.getByRole('button', { name: '确认解约' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await see(page.getByText('已解约').first());
    const terminated = await get<Contract>(`/api/v1/contracts/${residentContract!.id}`);
    expect(terminated).toMatchObject({ status: 'terminated', termination: { reason: 'moved_out' } });
  });

  it('nurse.li signs in and sees her today screen with her team\'s follow-ups', async () => {
    const nurse = await web.api.login('nurse.li', DEMO_PASSWORD);
    const due = await get<Page_<FollowUp>>('/api/v1/worklists/follow-ups?due=this_week', nurse);
    const page = await (await web.context(PHONE)).newPage();
    await web.signIn(page, 'nurse.li');
    await page.waitForURL('**/clinic/today');
    await see(page.getByRole('heading', { name: '今日工作' }));
    await see(page.getByRole('heading', { name: '家庭病床查房' }));
    await see(page.getByRole('heading', { name: '未读消息' }));
    expect(due.items.length).toBeGreaterThan(0);
    await seeText(page.getByRole('list', { name: '待随访' }), due.items[0].itemName);
    await expectAccessible(page, 'clinic today (nurse)');
  });
});
