import { transformFileSync } from '@swc/core';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { startTracing, tracingConfigured } from '@countycare/common/tracing';
import { startTestApp } from '../fixtures/test-app';

const ROOT = resolve(__dirname, '../..');
const NAME = 'G王测试';

/**
 * The child: Node's own module loader (the instrumentations patch it, which Jest's cannot show), the tracing
 * module as both apps load it, then fastify and mysql2, as in apps/api.
 */
const CHILD = `
const { startTracing, traceRoutes, stopTracing } = require(process.env.TRACING_JS);
if (!startTracing('countycare-test')) throw new Error('tracing did not start');
const fastify = require('fastify')();
traceRoutes(fastify);
fastify.get('/api/v1/things/:id', async () => ({ ok: true }));
fastify.get('/health', async () => ({ ok: true }));
(async () => {
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  const base = 'http://127.0.0.1:' + fastify.server.address().port;
  for (const path of ['/api/v1/things/42?q=' + encodeURIComponent(process.env.NAME) + '&limit=5', '/health']) {
    const res = await fetch(base + path);
    if (!res.ok) throw new Error(path + ': ' + res.status);
  }
  if (process.env.DATABASE_URL) {
    // the server only: each test file's database is its own, and SELECT ? needs none
    const server = new URL(process.env.DATABASE_URL);
    server.pathname = '/';
    const connection = await require('mysql2/promise').createConnection({ uri: server.href });
    await connection.query('SELECT ? AS name', [process.env.NAME]);
    await connection.end();
  }
  await fastify.close();
  await stopTracing();
})().catch((e) => { console.error(e); process.exit(1); });
`;

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
}
interface OtlpSpan {
  name: string;
  attributes: Array<{ key: string; value: OtlpValue }>;
}
interface OtlpExport {
  resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: OtlpValue }> }; scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
}
const attribute = (span: OtlpSpan, key: string) => span.attributes.find((a) => a.key === key)?.value.stringValue;

describe('OpenTelemetry traces (issue #10: optional, by configuration)', () => {
  it('is off unless an OTLP endpoint is set', () => {
    expect(tracingConfigured({})).toBe(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: ' ' })).toBe(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
  });

  it('loads no OpenTelemetry SDK, exporter or instrumentation when off, through a whole request', async () => {
    expect(startTracing('countycare-api', {})).toBe(false);
    const t = await startTestApp();
    try {
      expect((await t.http.get('/health')).status).toBe(200);
    } finally {
      await t.close();
    }
    const loaded = Object.keys(require.cache);
    expect(loaded.some((file) => file.includes(`${sep}node_modules${sep}fastify${sep}`))).toBe(true);
    // @opentelemetry/api is prom-client's dependency: a facade of no-ops while no SDK registers behind it
    expect(loaded.filter((file) => /[\\/]node_modules[\\/]@opentelemetry[\\/](?!api[\\/])/.test(file))).toEqual([]);
  });

  describe('with OTEL_EXPORTER_OTLP_ENDPOINT set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-tracing-'));
    const exports: OtlpExport[] = [];
    let receiver: Server;

    beforeAll(async () => {
      receiver = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => {
          if (req.method === 'POST' && req.url === '/v1/traces') exports.push(JSON.parse(body) as OtlpExport);
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        });
      });
      await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
      const compiled = transformFileSync(join(ROOT, 'libs/common/src/tracing.ts'), {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      writeFileSync(join(dir, 'tracing.js'), compiled.code);
      const child = spawn(process.execPath, ['-e', CHILD], {
        env: {
          PATH: process.env.PATH,
          NODE_PATH: join(ROOT, 'node_modules'),
          TRACING_JS: join(dir, 'tracing.js'),
          NAME,
          OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
          ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
        },
        stdio: ['ignore', 'inherit', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const code = await new Promise<number | null>((done) => child.on('exit', done));
      if (code !== 0) throw new Error(`traced child exited with ${code}: ${stderr}`);
    });
    afterAll(async () => {
      await new Promise((done) => receiver?.close(done));
      rmSync(dir, { recursive: true, force: true });
    });

    const spans = () => exports.flatMap((e) => e.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));

    it('exports a server span named after the route pattern, to the configured OTLP/HTTP endpoint', () => {
      const server = spans().find((s) => s.name === 'GET /api/v1/things/:id');
      expect(server).toBeDefined();
      expect(attribute(server!, 'http.route')).toBe('/api/v1/things/:id');
      expect(attribute(server!, 'url.path')).toBe('/api/v1/things/42');
      const resource = exports[0].resourceSpans[0].resource.attributes.find((a) => a.key === 'service.name');
      expect(resource?.value.stringValue).toBe('countycare-test');
    });

    it('keeps query values and SQL parameters out of the spans, and skips the health probes', () => {
      const server = spans().find((s) => s.name === 'GET /api/v1/things/:id')!;
      expect(attribute(server, 'url.query')).toBe('q=…&limit=…');
      expect(JSON.stringify(exports)).not.toContain(NAME);
      expect(JSON.stringify(exports)).not.toContain(encodeURIComponent(NAME));
      expect(spans().filter((s) => JSON.stringify(s).includes('/health'))).toEqual([]);
      if (process.env.DATABASE_URL) {
        const query = spans().find((s) => attribute(s, 'db.query.text') ?? attribute(s, 'db.statement'));
        expect(query).toBeDefined();
        expect(attribute(query!, 'db.query.text') ?? attribute(query!, 'db.statement')).toBe('SELECT ? AS name');
      }
    });
  });
});
