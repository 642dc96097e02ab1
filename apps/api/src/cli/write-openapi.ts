import 'reflect-metadata';
import { loadSettings } from '@countycare/common';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildApp } from '../bootstrap';
import { fail } from './cli-settings';
import { webApiTypes, WEB_API_TYPES_FILE, writeWebApiTypes } from './web-api-types';

/**
 * `npm run lint:openapi` (step one) and `npm run web:api-types`: writes the OpenAPI document exactly as
 * the API serves it at /docs-json to the file named on the command line, with
 * no port opened and no database but an in-memory one. The environment is
 * ignored on purpose: the document does not depend on it, and a developer's
 * DATABASE_URL must not be touched by a lint.
 */
async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: write-openapi <file.json> [--web-types]');
  const settings = loadSettings({ SQLITE_PATH: ':memory:', DEMO_SEED: 'false', LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const app = await buildApp(settings, 'sqlite', { logger: false, docsUi: false });
  try {
    await app.init();
    const res = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/docs-json' });
    if (res.statusCode !== 200) throw new Error(`/docs-json answered ${res.statusCode}`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(JSON.parse(res.body), null, 2) + '\n');
    console.log(`OpenAPI document written to ${out}`);
    if (process.argv.includes('--web-types')) {
      writeWebApiTypes(await webApiTypes(JSON.parse(res.body)));
      console.log(`web client types written to ${WEB_API_TYPES_FILE}`);
    }
  } finally {
    await app.close();
  }
}

main().catch(fail);
