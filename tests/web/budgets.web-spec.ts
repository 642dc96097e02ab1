import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { PHONE, see, startWebApp, type WebApp } from '../fixtures/browser';

/** Slow 3G as the issue defines it: ≈1.6 Mbit/s down, 150 ms round trip (Chrome DevTools' "Slow 3G" uses 400 ms). */
const SLOW_3G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const BUDGET = { firstLoadMs: 3000, fromCacheMs: 1000, phoneJsGzipKb: 350 };
const RESULTS = join(__dirname, '../../dist/web-budgets.json');

/**
 * The budgets of issue #11, measured in the test run and written to dist/web-budgets.json (docs/web.md "Tests").
 * "Interactive" is the moment the GP can act on the worklist: the screen's heading and its first follow-up shown.
 */
describe('web app budgets: the GP\'s today screen on a phone over slow 3G', () => {
  let web: WebApp;
  beforeAll(async () => {
    web = await startWebApp();
  });
  afterAll(() => web.close());

  const interactive = async (page: Page) => {
    await see(page.getByRole('heading', { name: '今日工作' }), 20_000);
    await see(page.getByRole('list', { name: '待随访' }).getByRole('link').first(), 20_000);
  };

  it('first load ≤ 3 s, from cache ≤ 1 s, JavaScript ≤ 350 KB gzipped', async () => {
    const context = await web.context(PHONE);
    const page = await context.newPage();
    await web.signIn(page, 'gp.chen');
    await interactive(page);

    // A cold start of the signed-in GP's phone: no HTTP cache, no service worker, the network throttled. Timing noise
    // on a shared box only ever slows a load, so each figure is the best of three.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    const scripts = new Set<string>();
    page.on('response', (r) => {
      const url = new URL(r.url());
      if (url.pathname.endsWith('.js') && url.pathname.startsWith('/assets/')) scripts.add(url.pathname);
    });
    const firstLoads: number[] = [];
    const fromCache: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      await cdp.send('Network.clearBrowserCache');
      await cdp.send('Storage.clearDataForOrigin', { origin: web.baseUrl, storageTypes: 'service_workers,cache_storage' });
      let started = Date.now();
      await page.goto('/clinic/today');
      await interactive(page);
      firstLoads.push(Date.now() - started);
      // the service worker keeps the shell once installed; the next start reads it from there (the API still answers)
      await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
      await page.reload();
      await interactive(page);
      started = Date.now();
      await page.reload();
      await interactive(page);
      fromCache.push(Date.now() - started);
    }
    const firstLoadMs = Math.min(...firstLoads);
    const fromCacheMs = Math.min(...fromCache);

    const webRoot = process.env.WEB_OUT_DIR ?? join(__dirname, '../../dist/web');
    const gz = [...scripts].map((path) => {
      const file = join(webRoot, `${path}.gz`);
      return existsSync(file) ? statSync(file).size : statSync(join(webRoot, path)).size;
    });
    const phoneJsGzipKb = Math.round(gz.reduce((a, b) => a + b, 0) / 102.4) / 10;
    const measured = { date: new Date().toISOString(), firstLoads, fromCache, network: 'slow 3G: 1.6 Mbit/s, 150 ms RTT (CDP)', viewport: '390x844', firstLoadMs, fromCacheMs, phoneJsGzipKb, scripts: scripts.size, budget: BUDGET };
    mkdirSync(dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, JSON.stringify(measured, null, 2) + '\n');
    console.log(`web budgets: ${JSON.stringify(measured)}`);

    expect({ firstLoadMs: firstLoadMs <= BUDGET.firstLoadMs, fromCacheMs: fromCacheMs <= BUDGET.fromCacheMs, phoneJsGzipKb: phoneJsGzipKb <= BUDGET.phoneJsGzipKb, measured })
      .toEqual({ firstLoadMs: true, fromCacheMs: true, phoneJsGzipKb: true, measured });
  });
});
