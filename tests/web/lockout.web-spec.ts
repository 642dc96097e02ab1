/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { localDateTimeIn, LOCKOUT } from '@countycare/domain';
import { DEMO_PASSWORD, expectAccessible, PHONE, see, seeText, startWebApp, type WebApp } from '../fixtures/browser';

/**
 * The sign-in screen when an account locks (domain.md §7.7: LOCKOUT.maxFailures consecutive wrong passwords lock it
 * for LOCKOUT.lockMinutes; the API answers 423 account_locked with Retry-After and lockedUntil).
 */
describe('web app: an account locked after too many wrong passwords (phone)', () => {
  let web: WebApp;
  beforeAll(async () => {
    web = await startWebApp();
  });
  afterAll(() => web.close());

  const login = (username: string, password: string) =>
    web.api.http.post('/api/v1/auth/login').set('accept-language', 'zh-CN').send({ username, password });

  /** One press of 登录 on the sign-in screen; resolves with the API's answer once the screen has shown it. */
  async function attempt(page: Page, password: string): Promise<number> {
    await page.getByLabel('密码').fill(password);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const status = (await answer).status();
    // the screen has answered too: the button no longer spins
    await page.waitForFunction(() => !document.querySelector('button.ant-btn-loading'));
    return status;
  }

  async function signInScreen(username: string): Promise<Page> {
    const page = await (await web.context(PHONE)).newPage();
    await page.goto('/login');
    await see(page.getByRole('heading', { name: 'CountyCare 县域医共体' }));
    await page.getByLabel('用户名').fill(username);
    return page;
  }

  it(`the ${LOCKOUT.maxFailures}th wrong password locks the account: the screen says so and until when, and the right password is refused until then`, async () => {
    expect(LOCKOUT).toEqual({ maxFailures: 5, lockMinutes: 30 });
    const page = await signInScreen('gp.wang');

    // below the threshold: the usual wrong-password message each time, nothing about a lock
    for (let i = 1; i < LOCKOUT.maxFailures; i++) {
      expect(await attempt(page, `wrong-password-${i}`)).toBe(401);
      await seeText(page.getByRole('alert'), '用户名或密码错误');
      expect(await page.getByRole('alert').textContent()).not.toContain('锁定');
    }

    // the threshold: locked now, 30 minutes from this attempt
    const lockedAt = Date.now();
    expect(await attempt(page, `wrong-password-${LOCKOUT.maxFailures}`)).toBe(423);
    const refused = await login('gp.wang', DEMO_PASSWORD);
    expect(refused.status).toBe(423);
    expect(refused.body).toMatchObject({ status: 423, code: 'account_locked', title: '账号已锁定' });
    const until = refused.body.lockedUntil as string;
    expect(Date.parse(until)).toBeGreaterThanOrEqual(lockedAt + LOCKOUT.lockMinutes * 60_000 - 5_000);
    expect(Date.parse(until)).toBeLessThanOrEqual(Date.now() + LOCKOUT.lockMinutes * 60_000);
    // Retry-After: the rest of the 30 minutes
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan((LOCKOUT.lockMinutes - 1) * 60);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(LOCKOUT.lockMinutes * 60);

    // what the user reads: the title and the API's sentence, naming the end of the lock as the county's clocks show it
    // (Asia/Shanghai, to the minute); `lockedUntil` keeps the instant for programs
    const local = localDateTimeIn(new Date(until), 'Asia/Shanghai');
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const shown = await seeText(page.getByRole('alert'), '账号已锁定');
    expect(shown).toBe(`账号已锁定：连续登录失败次数过多，账号已锁定至 ${local}`);
    expect(page.url()).toMatch(/\/login$/);
    await expectAccessible(page, 'sign-in, account locked');

    // the right password on the screen: still locked, still on the sign-in screen, same end of the lock
    expect(await attempt(page, DEMO_PASSWORD)).toBe(423);
    await seeText(page.getByRole('alert'), `账号已锁定至 ${local}`);
    expect(page.url()).toMatch(/\/login$/);
    expect(await page.getByRole('button', { name: /登\s*录/ }).isVisible()).toBe(true);
    // and through the API: refused, the lock not extended by the refused attempts
    const again = await login('gp.wang', DEMO_PASSWORD);
    expect(again.status).toBe(423);
    expect(again.body.lockedUntil).toBe(until);
    // another account is not affected
    expect((await login('gp.chen', DEMO_PASSWORD)).status).toBe(200);

    // once the lock has run out, the right password signs in on the screen
    web.api.clock.travelTo(new Date(Date.parse(until) + 60_000));
    try {
      await attempt(page, DEMO_PASSWORD);
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await see(page.getByRole('heading', { name: '今日工作' }));
    } finally {
      web.api.clock.reset();
    }
  });

  it(`${LOCKOUT.maxFailures - 1} wrong passwords then the right one signs in, and the count of failures starts again`, async () => {
    const page = await signInScreen('gp.sun');
    for (let i = 1; i < LOCKOUT.maxFailures; i++) {
      expect(await attempt(page, `wrong-password-${i}`)).toBe(401);
      await seeText(page.getByRole('alert'), '用户名或密码错误');
    }
    expect(await attempt(page, DEMO_PASSWORD)).toBe(200);
    await page.waitForURL('**/clinic/today');
    await see(page.getByRole('heading', { name: '今日工作' }));

    // the success reset the count: another maxFailures - 1 wrong passwords do not lock, the right one still works
    for (let i = 1; i < LOCKOUT.maxFailures; i++) {
      const wrong = await login('gp.sun', `wrong-again-${i}`);
      expect({ status: wrong.status, code: wrong.body.code }).toEqual({ status: 401, code: 'bad_credentials' });
    }
    expect((await login('gp.sun', DEMO_PASSWORD)).status).toBe(200);
  });
});
