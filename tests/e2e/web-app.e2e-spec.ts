import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_APP_PATHS } from '../../apps/api/src/web-app';
import { startTestApp, TestApp } from '../fixtures/test-app';

/**
 * The API serves the web app from its own origin (apps/api/src/web-app.ts): a build in WEB_ROOT, laid out as Vite
 * writes it. Here a small stand-in build, so the rules are pinned without building the real app.
 */
function fakeBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'cc-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>CountyCare</title><script type="module" src="/assets/index-abc123.js"></script>');
  const js = `console.log(${JSON.stringify('x'.repeat(4000))});`;
  writeFileSync(join(root, 'assets/index-abc123.js'), js);
  writeFileSync(join(root, 'assets/index-abc123.js.gz'), gzipSync(js));
  writeFileSync(join(root, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(root, 'manifest.webmanifest'), '{"name":"CountyCare"}');
  return root;
}

describe('the web app from the API\'s origin', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WEB_ROOT: fakeBuild() });
  });
  afterAll(() => t.close());

  it('serves index.html at / and for any screen the browser opens (the app routes it), never cached without revalidation', async () => {
    for (const url of ['/', '/login', '/account/password', '/clinic/today', '/desk/referrals/abc', '/my', '/admin']) {
      const res = await t.http.get(url).set('accept', 'text/html,application/xhtml+xml');
      expect({ url, status: res.status, type: res.headers['content-type'], cache: res.headers['cache-control'] })
        .toEqual({ url, status: 200, type: 'text/html; charset=utf-8', cache: 'no-cache' });
      expect(res.text).toContain('<title>CountyCare</title>');
    }
  });

  it('hashed assets are kept a year (immutable) and sent precompressed; the service worker and manifest revalidate', async () => {
    const asset = await t.http.get('/assets/index-abc123.js').set('accept-encoding', 'gzip');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect(asset.text).toContain('console.log');
    for (const url of ['/sw.js', '/manifest.webmanifest']) {
      const res = await t.http.get(url);
      expect({ url, status: res.status, cache: res.headers['cache-control'] }).toEqual({ url, status: 200, cache: 'no-cache' });
    }
  });

  it('leaves the API, docs and health alone: an unknown API path is still a problem+json 404, also when HTML is asked for', async () => {
    for (const url of ['/api/v1/nope', '/api/v1', '/health/nope', '/docs-json/x', '/nope', '/wp-admin/setup.php']) {
      const res = await t.http.get(url).set('accept', 'text/html');
      expect({ url, status: res.status, type: res.headers['content-type'] }).toEqual({ url, status: 404, type: 'application/problem+json; charset=utf-8' });
    }
    expect((await t.http.get('/api/v1/dictionaries')).status).toBe(200);
    expect((await t.http.get('/health')).status).toBe(200);
    expect((await t.http.get('/docs-json')).status).toBe(200);
  });

  it('an id too long to be one is still the API\'s not_found, not the app page', async () => {
    const res = await t.http.get(`/api/v1/residents/${'x'.repeat(5000)}`).set('accept', 'text/html');
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'not_found' });
  });

  it('serves every first path segment of the app\'s routes (apps/web/src/App.tsx), and no other', () => {
    const app = readFileSync(join(__dirname, '../../apps/web/src/App.tsx'), 'utf8');
    const segments = [...app.matchAll(/<Route path="(\/[a-z]+)/g)].map((m) => m[1]);
    expect([...new Set(segments)].sort()).toEqual([...WEB_APP_PATHS].sort());
  });

  it('a missing asset is a 404, not the app page; the shell is served to the service worker\'s */* fetch too', async () => {
    const missing = await t.http.get('/assets/gone-000.js').set('accept', 'text/html,*/*');
    expect(missing.status).toBe(404);
    const shell = await t.http.get('/').set('accept', '*/*');
    expect({ status: shell.status, type: shell.headers['content-type'] }).toEqual({ status: 200, type: 'text/html; charset=utf-8' });
  });
});

describe('WEB_ROOT=off: an API-only deployment', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WEB_ROOT: 'off' });
  });
  afterAll(() => t.close());

  it('answers / with the API\'s 404', async () => {
    const res = await t.http.get('/').set('accept', 'text/html');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  });
});
