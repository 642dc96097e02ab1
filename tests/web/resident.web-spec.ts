import { makeIdNumber } from '../fixtures/builders';
import { DEMO_PASSWORD, expectAccessible, PHONE, see, seeText, startWebApp, type WebApp } from '../fixtures/browser';

interface ContractBody {
  id: string;
  status: string;
  careTeam: { teamName: string; gpName: string | null };
  sharingConsent: { given: boolean };
  fulfilment: { overall: { promised: number; counted: number }; items: { code: string; name: string; promised: number; counted: number; delivered: number }[] };
}

describe('web app: a resident sees their contract, sharing consent, access log, referrals and sickbed', () => {
  let web: WebApp;
  let resident: string;
  let contract: ContractBody;

  beforeAll(async () => {
    web = await startWebApp();
    resident = await web.api.login('resident', DEMO_PASSWORD);
    const mine = await web.api.http.get('/api/v1/me/contracts').set('authorization', resident).expect(200);
    contract = (mine.body.items as ContractBody[]).find((c) => c.status === 'active')!;
    expect(contract.sharingConsent.given).toBe(true);
    // the family doctor opens the contract: the access log then names them
    const gp = await web.api.login('gp.chen', DEMO_PASSWORD);
    await web.api.http.get(`/api/v1/contracts/${contract.id}`).set('authorization', gp).expect(200);
    // and, as the care team may, looks at the full numbers to call the resident: the log says why
    const me = (await web.api.http.get('/api/v1/me').set('authorization', resident).expect(200)).body;
    await web.api.http.get(`/api/v1/residents/${me.scope.residentId}`).query({ reveal: 'true', reason: 'contact_resident' }).set('authorization', gp).expect(200);
  });
  afterAll(() => web.close());

  it('the contract with team, doctor and fulfilment; withdrawing sharing consent reaches the API; then the other screens', async () => {
    const page = await (await web.context(PHONE)).newPage();
    await web.signIn(page, 'resident');
    await page.waitForURL('**/my');
    await see(page.getByRole('heading', { name: '我的家庭医生签约' }));
    const card = page.getByTestId('contract-card').filter({ hasText: '履约中' }).first();
    await seeText(card, `签约团队：${contract.careTeam.teamName}`);
    await seeText(card, contract.careTeam.gpName!);
    const o = contract.fulfilment.overall;
    await seeText(card, `总体完成：已完成 ${o.counted} / 应完成 ${o.promised} 次`);
    const item = contract.fulfilment.items[0];
    await seeText(card.getByTestId(`fulfilment-${item.code}`), `已完成 ${item.counted} / 应完成 ${item.promised} 次；实际提供 ${item.delivered} 次`);
    await see(card.getByRole('progressbar', { name: `${item.name}完成度` }));
    await expectAccessible(page, 'my contracts');

    // withdraw the county-wide sharing consent
    const consent = card.getByRole('switch', { name: /允许县域内其他医疗机构/ });
    expect(await consent.getAttribute('aria-checked')).toBe('true');
    await consent.click();
    await page.getByRole('dialog').getByRole('button', { name: '撤回授权' }).click();
    await seeText(card.getByText(/^(已授权|未授权)$/), '未授权');
    expect(await consent.getAttribute('aria-checked')).toBe('false');
    const after = await web.api.http.get('/api/v1/me/contracts').set('authorization', resident).expect(200);
    expect((after.body.items as ContractBody[]).find((c) => c.id === contract.id)!.sharingConsent.given).toBe(false);

    // the access log, through the menu
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('link', { name: '谁查看了我的档案' }).click();
    await page.waitForURL('**/my/access-log');
    await see(page.getByRole('heading', { name: '谁查看了我的档案' }));
    const doctor = page.getByTestId('access-entry').filter({ hasText: contract.careTeam.gpName! }).filter({ hasText: '查看 · 签约' }).first();
    await seeText(doctor, '家庭医生');
    await seeText(doctor, '城关镇卫生院');
    await seeText(doctor, '目的：诊疗服务');
    const reveal = page.getByTestId('access-entry').filter({ hasText: '查看完整证件号和手机号的原因' }).first();
    await seeText(reveal, contract.careTeam.gpName!);
    await seeText(reveal, '查看完整证件号和手机号的原因：联系居民（随访、上门、预约）');
    await expectAccessible(page, 'access log');

    await page.goto('/my/referrals');
    await see(page.getByRole('heading', { name: '我的转诊' }));
    await see(page.getByTestId('referral-card').or(page.getByText('您还没有转诊记录。')));
    if (await page.getByTestId('referral-card').count()) {
      await page.getByTestId('referral-card').first().getByRole('button', { name: '查看进度与历史' }).click();
      await see(page.getByRole('heading', { name: '转诊历史' }));
    }
    await expectAccessible(page, 'my referrals');

    await page.goto('/my/sickbed');
    await see(page.getByRole('heading', { name: '我的家庭病床' }));
    await see(page.getByText('查房与上门记录').or(page.getByText('您目前没有家庭病床记录。')));
    await expectAccessible(page, 'my sickbed');
  });

  it('a resident never signed before finds a team by name and applies; the API holds the pending contract with that team', async () => {
    const admin = await web.api.login('county.admin', DEMO_PASSWORD);
    const { countyId } = (await web.api.http.get('/api/v1/me').set('authorization', admin).expect(200)).body.scope;
    const registered = await web.api.http.post('/api/v1/residents').set('authorization', admin).send({
      countyId, name: '钱新', idNumber: makeIdNumber('330799', '1970-04-04', 77), township: '城关镇', addressLine: '新街5号',
    }).expect(201);
    await web.api.http.post(`/api/v1/residents/${registered.body.id}/account`).set('authorization', admin)
      .send({ username: 'qian.xin', password: 'Qian#Xin2026' }).expect(201);

    const page = await (await web.context(PHONE)).newPage();
    await web.signIn(page, 'qian.xin', 'Qian#Xin2026');
    await see(page.getByRole('heading', { name: '申请家庭医生签约', level: 3 }));
    const team = page.getByLabel('签约团队', { exact: true });
    await team.click();
    await team.fill('城关2');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '城关2组（城关镇卫生院）' }).click();
    // who that team is, as the resident sees it
    await see(page.getByText(/签约医生 王医生/));
    await page.getByRole('group').filter({ has: page.getByRole('checkbox') }).getByRole('checkbox').first().check();
    await expectAccessible(page, 'apply for a contract');
    await page.getByRole('button', { name: '提交申请' }).click();
    await see(page.getByText('申请已提交，等待团队确认'));

    const token = await web.api.login('qian.xin', 'Qian#Xin2026');
    const mine = (await web.api.http.get('/api/v1/me/contracts').set('authorization', token).expect(200)).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'pending', signWay: 'self', careTeam: { teamName: '城关2组', institutionName: '城关镇卫生院', gpName: null } });
  });
});
