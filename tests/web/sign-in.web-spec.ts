import { DESKTOP, expectAccessible, PHONE, see, seeText, sessionItem, startWebApp, type WebApp } from '../fixtures/browser';

describe('web app: signing in, the language switch, my account, signing out', () => {
  let web: WebApp;
  beforeAll(async () => {
    web = await startWebApp();
  });
  afterAll(() => web.close());

  it('a wrong password shows the API\'s reason on the sign-in screen, in Chinese, then in English after the switch', async () => {
    const page = await (await web.context(PHONE)).newPage();
    await page.goto('/');
    await page.waitForURL('**/login');
    await expectAccessible(page, 'sign-in');
    await page.getByLabel('用户名').fill('gp.chen');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await seeText(page.getByRole('alert'), '用户名或密码');
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await seeText(page.getByRole('alert'), /username or password/i);
  });

  it('a GP signs in, sees the account screen and signs out; the session then no longer works', async () => {
    const page = await (await web.context(DESKTOP)).newPage();
    await web.signIn(page, 'gp.chen');
    await page.getByRole('link', { name: '我的账户' }).click();
    await see(page.getByRole('heading', { name: '我的账户' }));
    await see(page.getByText('gp.chen', { exact: true }));
    await expectAccessible(page, 'my account');
    const token = JSON.parse((await sessionItem(page, 'countycare.session')) ?? '{}').accessToken as string;
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.waitForURL('**/login');
    expect(await sessionItem(page, 'countycare.session')).toBeNull();
    await web.api.http.get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(401);
  });
});
