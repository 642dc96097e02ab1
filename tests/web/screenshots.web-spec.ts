import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DESKTOP, PHONE, see, startWebApp, type WebApp } from '../fixtures/browser';

/**
 * The main screens in zh-CN, as each demo user first sees them: written to SCREENSHOT_DIR (`npm run screenshots`
 * writes docs/screenshots/, which the README shows), else to a temporary folder. Each must render its heading and no
 * error: a screen that fails to load fails here.
 */
const SHOTS: Array<{ file: string; user: string; path: string; viewport: { width: number; height: number } }> = [
  { file: 'gp-today.png', user: 'gp.chen', path: '/clinic/today', viewport: PHONE },
  { file: 'gp-residents.png', user: 'gp.chen', path: '/clinic/residents', viewport: PHONE },
  { file: 'nurse-sickbeds.png', user: 'nurse.li', path: '/sickbeds', viewport: PHONE },
  { file: 'resident-contracts.png', user: 'resident', path: '/my', viewport: PHONE },
  { file: 'desk-queue.png', user: 'desk.liu', path: '/desk', viewport: DESKTOP },
  { file: 'admin-indicators.png', user: 'county.admin', path: '/admin', viewport: DESKTOP },
];

describe('screenshots of the main screens (zh-CN)', () => {
  let web: WebApp;
  const dir = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'countycare-screenshots');
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    web = await startWebApp();
  });
  afterAll(() => web.close());

  it.each(SHOTS)('$file: $user on $path', async ({ file, user, path, viewport }) => {
    const page = await (await web.context(viewport)).newPage();
    await web.signIn(page, user);
    await page.goto(path);
    await see(page.getByRole('heading', { level: 2 }));
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.screenshot({ path: join(dir, file), fullPage: false });
  });
});
