import { Controller, Get, Module, NotFoundException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { logAccess, loggerParams, safeUrl, scrubPii } from './logging';

describe('logs carry no identity or phone numbers (design.md "Reliability")', () => {
  it('masks ID numbers and mobile numbers anywhere in a text', () => {
    expect(scrubPii("Duplicate entry '33078119800101001X' for key; call 13800138000")).toBe("Duplicate entry '[id-number]' for key; call [phone]");
  });

  it('keeps request paths but drops every query value (?q= may be a name, an ID or a phone)', () => {
    expect(safeUrl('/api/v1/residents?q=张三&limit=20')).toBe('/api/v1/residents?q=…&limit=…');
    expect(safeUrl('/api/v1/contracts/abc')).toBe('/api/v1/contracts/abc');
  });
});

@Controller('probe')
class ProbeController {
  @Get('ok')
  ok() {
    return { ok: true };
  }

  @Get('missing')
  missing() {
    throw new NotFoundException();
  }
}

describe('access log lines (issue #9: every line said "statusCode": null)', () => {
  const lines: Array<Record<string, any>> = [];
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    @Module({ imports: [LoggerModule.forRoot(loggerParams('info', destination))], controllers: [ProbeController] })
    class ProbeModule {}
    app = await NestFactory.create<NestFastifyApplication>(ProbeModule, new FastifyAdapter(), { logger: false });
    logAccess(app.getHttpAdapter().getInstance(), PinoLogger.root);
    // over a real socket, as in production: the injected responses of app.inject() are not the same objects
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  const completionOf = (url: string) => lines.find((l) => l.msg === 'request completed' && l.url === url);

  it('records the status code and response time each request ended with', async () => {
    expect((await fetch(`${base}/probe/ok?q=13800138000`)).status).toBe(200);
    expect((await fetch(`${base}/probe/missing`)).status).toBe(404);
    expect((await fetch(`${base}/no-such-route`)).status).toBe(404);

    expect(completionOf('/probe/ok?q=…')).toMatchObject({ method: 'GET', statusCode: 200, responseTime: expect.any(Number), level: 30 });
    expect(completionOf('/probe/missing')).toMatchObject({ statusCode: 404, responseTime: expect.any(Number), level: 40 });
    expect(completionOf('/no-such-route')).toMatchObject({ statusCode: 404 });
    expect(completionOf('/probe/ok?q=…')?.requestId).toEqual(expect.any(String));
    expect(JSON.stringify(lines)).not.toContain('13800138000');
  });
});
