import type { Page } from 'playwright-core';
import { idCheckCharacter } from '../../libs/domain/src';
import { DEMO_PASSWORD, DESKTOP, expectAccessible, see, seeText, startWebApp, type WebApp } from '../fixtures/browser';
import { ADMIN } from '../fixtures/test-app';

/** Today and 1 January as county calendar dates: the dashboard's default period. */
function thisYear(): { from: string; to: string } {
  const to = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return { from: `${to.slice(0, 4)}-01-01`, to };
}

const id = (first17: string) => first17 + idCheckCharacter(first17);

describe('web app: the administrators\' screens', () => {
  let web: WebApp;
  beforeAll(async () => {
    web = await startWebApp();
  });
  afterAll(() => web.close());

  async function desktop(username: string, password = DEMO_PASSWORD): Promise<Page> {
    const page = await (await web.context(DESKTOP)).newPage();
    await web.signIn(page, username, password);
    return page;
  }

  /** Picks an option of an antd Select found by its label (inside `scope`, e.g. a dialog). */
  async function choose(page: Page, scope: ReturnType<Page['locator']>, fieldLabel: string, option: string) {
    await scope.getByLabel(fieldLabel, { exact: true }).click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
  }

  it('the county admin sees the indicators the API computes, as cards and a drawn chart', async () => {
    const page = await desktop('county.admin');
    await page.waitForURL('**/admin');
    await see(page.getByRole('heading', { name: '指标看板', level: 2 }));
    const auth = await web.api.login('county.admin', DEMO_PASSWORD);
    const answer = await web.api.http.get('/api/v1/indicators/contracts').query(thisYear()).set('authorization', auth).expect(200);
    const figures = answer.body.indicators as Record<string, { numerator: number; denominator: number | null }>;
    for (const [code, name] of [['coverage', '签约率'], ['itemFulfilment', '履约率（项目）'], ['renewalRate', '续约率'], ['sharedServiceShare', '县域共享服务占比']] as const) {
      const { numerator, denominator } = figures[code];
      expect(denominator).not.toBeNull();
      await seeText(page.getByRole('group', { name, exact: true }).locator('[data-fraction]'), `${numerator} / ${denominator}`);
    }
    expect(figures.coverage.denominator).toBeGreaterThan(0);
    // the reasons the API gives for what it cannot compute are listed
    await see(page.getByText(answer.body.unavailable[0].reason).first());
    const chart = page.getByRole('img', { name: /^重点人群签约率（按人群）/ });
    await see(chart.locator('canvas'));
    await see(page.getByRole('img', { name: /^各机构签约指标对比/ }).locator('canvas'));
    await expectAccessible(page, 'indicators dashboard');
  });

  it('the county admin narrows to an institution, compares its teams, then reads one team\'s figures', async () => {
    const page = await desktop('county.admin');
    await page.waitForURL('**/admin');
    const filters = page.locator('form').first();
    await choose(page, filters, '机构', '城关镇卫生院');
    await page.getByRole('button', { name: /^查\s*询$/ }).click();
    await seeText(page.getByText(/^范围：/), '城关镇卫生院');
    // an institution's teams side by side, where the county compared institutions
    await see(page.getByRole('img', { name: /^各团队签约指标对比/ }).locator('canvas'));
    await see(page.getByRole('cell', { name: '城关2组', exact: true }));

    await choose(page, filters, '团队', '城关1组');
    await page.getByRole('button', { name: /^查\s*询$/ }).click();
    await seeText(page.getByText(/^范围：/), '城关镇卫生院 · 城关1组');
    const auth = await web.api.login('county.admin', DEMO_PASSWORD);
    const institution = (await web.api.http.get('/api/v1/institutions').query({ limit: 200 }).set('authorization', auth).expect(200))
      .body.items.find((i: { name: string }) => i.name === '城关镇卫生院');
    const team = (await web.api.http.get('/api/v1/teams').query({ institutionId: institution.id, limit: 200 }).set('authorization', auth).expect(200))
      .body.items.find((x: { name: string }) => x.name === '城关1组');
    const answer = await web.api.http.get('/api/v1/indicators/contracts').query({ ...thisYear(), teamId: team.id }).set('authorization', auth).expect(200);
    expect(answer.body.scope).toMatchObject({ institutionId: institution.id, teamId: team.id });
    const { numerator, denominator } = answer.body.indicators.itemFulfilment;
    await seeText(page.getByRole('group', { name: '履约率（项目）', exact: true }).locator('[data-fraction]'), `${numerator} / ${denominator}`);
    // the team's figures differ from the institution's: the screen shows the team's, not the wider ones
    const wider = (await web.api.http.get('/api/v1/indicators/contracts').query({ ...thisYear(), institutionId: institution.id }).set('authorization', auth).expect(200))
      .body.indicators.itemFulfilment;
    expect(wider.denominator).toBeGreaterThan(denominator);
    expect(await page.getByRole('img', { name: /^各团队签约指标对比/ }).count()).toBe(0);
    await expectAccessible(page, 'team dashboard');
  });

  it('the county admin creates a staff account the API then lists, and resets its password to a temporary one', async () => {
    const page = await desktop('county.admin');
    await page.getByRole('link', { name: '人员账号' }).click();
    await see(page.getByRole('heading', { name: '人员账号', level: 2 }));
    await see(page.getByRole('cell', { name: 'gp.chen', exact: true }));
    await expectAccessible(page, 'staff list');

    await page.getByRole('button', { name: '新建账号' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('gp.test.admin');
    await dialog.getByLabel('姓名').fill('测试医生');
    await choose(page, dialog, '机构', '城关镇卫生院');
    await dialog.getByRole('button', { name: '生成随机密码' }).click();
    expect((await dialog.getByLabel('初始密码').inputValue()).length).toBeGreaterThanOrEqual(8);
    await expectAccessible(page, 'new staff account');
    await dialog.getByRole('button', { name: /新建账号/ }).click();
    const row = page.getByRole('row', { name: /gp\.test\.admin/ });
    await see(row);

    const auth = await web.api.login('county.admin', DEMO_PASSWORD);
    const listed = await web.api.http.get('/api/v1/staff').query({ role: 'gp', limit: 200 }).set('authorization', auth).expect(200);
    const created = listed.body.items.find((s: { username: string }) => s.username === 'gp.test.admin');
    expect(created).toMatchObject({ displayName: '测试医生', role: 'gp', status: 'active' });

    await row.getByRole('button', { name: '重置密码' }).click();
    const reset = page.getByRole('dialog', { name: /重置 测试医生 的密码/ });
    await see(reset.getByText(/必须先设置自己的新密码/));
    const temporary = await reset.getByLabel('临时密码').inputValue();
    await reset.getByRole('button', { name: /重置密码/ }).click();
    await see(reset.getByText(temporary, { exact: true }));
    // the temporary password works and asks for a new one
    const signIn = await web.api.http.post('/api/v1/auth/login').send({ username: 'gp.test.admin', password: temporary }).expect(200);
    expect(signIn.body.user.passwordChangeRequired).toBe(true);
  });

  it('the county admin imports a roster: the report shows the rejected line and the API finds the new residents', async () => {
    const page = await desktop('county.admin');
    await page.getByRole('link', { name: '居民花名册导入' }).click();
    await see(page.getByRole('heading', { name: '居民花名册导入', level: 2 }));
    await expectAccessible(page, 'roster import');
    const first = id('33079919850315123');
    const second = id('33079919920704456');
    const csv = ['姓名,身份证号,手机号', `周导入,${first},13900002222`, `吴导入,${second},`, '坏行,12345,'].join('\n');
    await page.getByLabel('CSV 文件').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: /开始导入/ }).click();
    const report = page.getByRole('region', { name: '导入结果' });
    await see(report);
    await seeText(report.locator('.ant-statistic').filter({ hasText: '新建' }), '2');
    await seeText(report.locator('.ant-statistic').filter({ hasText: '拒绝' }), '1');
    const rejected = report.getByRole('row').filter({ hasText: 'idNumber' });
    await seeText(rejected.first(), /^4/);
    await expectAccessible(page, 'roster import report');

    const auth = await web.api.login('county.admin', DEMO_PASSWORD);
    const found = await web.api.http.get('/api/v1/residents').query({ q: first }).set('authorization', auth).expect(200);
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0].name).toMatch(/^周/);
  });

  it('the system admin reads the audit log and verifies the chain', async () => {
    // the system admin of a test installation (the demo's `admin` is not seeded next to it)
    const page = await desktop(ADMIN.username, ADMIN.password);
    await page.getByRole('link', { name: '审计日志' }).click();
    await see(page.getByRole('heading', { name: '审计日志', level: 2 }));
    await see(page.getByRole('cell', { name: /登录/ }).first());
    await page.getByRole('button', { name: '校验审计链' }).click();
    const result = page.getByRole('status').filter({ hasText: '审计链' });
    await seeText(result, '审计链完整');
    const verify = await web.api.http.get('/api/v1/audit-events/verify').set('authorization', await web.api.login(ADMIN.username, ADMIN.password)).expect(200);
    expect(verify.body.intact).toBe(true);
    await expectAccessible(page, 'audit log');
  });

  it('the county admin sets the green channel\'s reply limit and an employee-scheme deductible: only those are saved', async () => {
    const auth = await web.api.login('county.admin', DEMO_PASSWORD);
    const me = await web.api.http.get('/api/v1/me').set('authorization', auth).expect(200);
    const countyId = me.body.scope.countyId as string;
    const before = (await web.api.http.get(`/api/v1/counties/${countyId}`).set('authorization', auth).expect(200)).body;
    const page = await desktop('county.admin');
    await page.getByRole('link', { name: '县级参数' }).click();
    await see(page.getByRole('heading', { name: '县级参数', level: 2 }));
    // the effective values: the green channel's quarter hour by default, 加急 as 4 hours
    const emergent = page.getByLabel('危急（绿色通道）答复时限（小时）');
    await see(emergent);
    expect(Number(await emergent.inputValue())).toBe(before.policy.referral.replyHours.emergent);
    expect(Number(await page.getByLabel('加急转诊答复时限（小时）').inputValue())).toBe(before.policy.referral.replyHours.urgent);
    // the deductibles as a table: a level's amount for all schemes, and the employee and resident columns
    const all = page.getByLabel('县级医院 · 通用（各参保类型） 起付线（元）');
    expect(Number(await all.inputValue())).toBe(before.policy.insurance.deductibleByLevel.county_hospital);
    const employee = page.getByLabel('县级医院 · 职工医保 起付线（元）');
    expect(await employee.inputValue()).toBe('');
    await see(page.getByLabel('县级医院 · 居民医保 起付线（元）'));
    await expectAccessible(page, 'county policy');

    await emergent.fill('0.5');
    await employee.fill('650');
    await page.getByRole('button', { name: '保存修改' }).click();
    await see(page.getByText(`已保存，版本 ${before.version + 1}`));

    const after = (await web.api.http.get(`/api/v1/counties/${countyId}`).set('authorization', auth).expect(200)).body;
    expect(after.version).toBe(before.version + 1);
    expect(after.policy.referral.replyHours).toEqual({ ...before.policy.referral.replyHours, emergent: 0.5 });
    expect(after.policy.insurance.deductibleByScheme).toEqual({ employee: { county_hospital: 650 } });
    expect(after.policy.insurance.deductibleByLevel).toEqual(before.policy.insurance.deductibleByLevel);
    expect({ ...after.policy, referral: before.policy.referral, insurance: before.policy.insurance }).toEqual(before.policy);
  });

  it('an institution admin sees only the institution: its figures, its staff, no audit log', async () => {
    const page = await desktop('inst.admin');
    await page.waitForURL('**/admin');
    await seeText(page.getByText(/^范围：/), '城关镇卫生院');
    const auth = await web.api.login('inst.admin', DEMO_PASSWORD);
    const answer = await web.api.http.get('/api/v1/indicators/contracts').query(thisYear()).set('authorization', auth).expect(200);
    expect(answer.body.scope.institutionId).not.toBeNull();
    const { numerator, denominator } = answer.body.indicators.itemFulfilment;
    await seeText(page.getByRole('group', { name: '履约率（项目）', exact: true }).locator('[data-fraction]'), `${numerator} / ${denominator}`);
    expect(await page.getByLabel('机构', { exact: true }).count()).toBe(0);
    // the institution's own teams side by side
    await see(page.getByRole('img', { name: /^各团队签约指标对比/ }).locator('canvas'));
    expect(await page.getByRole('link', { name: '审计日志' }).count()).toBe(0);
    await expectAccessible(page, 'institution dashboard');

    await page.getByRole('link', { name: '人员账号' }).click();
    await see(page.getByRole('cell', { name: 'gp.chen', exact: true }));
    // the desk clerk of the county hospital and the county admin are outside the institution
    expect(await page.getByRole('cell', { name: 'desk.liu', exact: true }).count()).toBe(0);
    expect(await page.getByRole('cell', { name: 'county.admin', exact: true }).count()).toBe(0);
    await expectAccessible(page, 'institution staff');

    await page.goto('/admin/audit');
    await see(page.getByText('页面不存在'));
    expect(await page.getByRole('button', { name: '校验审计链' }).count()).toBe(0);
  });
});
