import { HttpException, Logger, NotFoundException } from '@nestjs/common';
import { BusinessRuleError, IllegalTransitionError, InvalidValueError } from '@countycare/domain';
import { ProblemFilter } from './problem.filter';
import { ProblemException } from './problem';

function run(error: unknown, acceptLanguage?: string) {
  const sent: { status?: number; headers: Record<string, string>; body?: Record<string, unknown> } = { headers: {} };
  const reply = {
    header(name: string, value: string) { sent.headers[name.toLowerCase()] = value; return reply; },
    status(code: number) { sent.status = code; return reply; },
    send(body: Record<string, unknown>) { sent.body = body; return reply; },
  };
  const request = { id: 'req-1', url: '/api/v1/things/1?q=secret', headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) };
  new ProblemFilter().catch(error, host as never);
  return sent;
}

describe('problem+json mapping (api.md "Errors")', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('a domain invalid value is a 400 naming the field, in Chinese by default', () => {
    const res = run(new InvalidValueError('idNumber', 'id_number_check_digit', 'check character is wrong'));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'https://countycare.example/problems/validation_failed', status: 400, code: 'validation_failed', instance: '/api/v1/things/1', requestId: 'req-1',
      errors: [{ field: 'idNumber', code: 'id_number_check_digit', message: '身份证号校验位错误' }],
    });
  });

  it('an illegal transition is a 409 naming the state and the allowed actions', () => {
    const res = run(new IllegalTransitionError('Contract', 'expired', 'confirm', ['renew']), 'en');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'illegal_transition', state: 'expired', allowedActions: ['renew'], title: 'Conflict' });
    expect(res.body!.detail).toContain('expired');
  });

  it('a business rule is a 409 with its own code', () => {
    expect(run(new BusinessRuleError('team_full', 'team is full')).body).toMatchObject({ status: 409, code: 'team_full' });
  });

  it('keeps headers such as Retry-After of a 423', () => {
    const res = run(new ProblemException(423, 'account_locked', { until: 'x' }, [], { 'retry-after': '1800' }));
    expect(res.status).toBe(423);
    expect(res.headers['retry-after']).toBe('1800');
  });

  it('maps framework errors: unknown route 404, body limit 413, broken JSON 400, rate limit 429', () => {
    expect(run(new NotFoundException()).body).toMatchObject({ status: 404, code: 'route_not_found' });
    expect(run({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE', message: 'too large' }).status).toBe(413);
    expect(run({ statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY', message: 'bad' }).body).toMatchObject({ code: 'invalid_json' });
    const limited = run(new HttpException('Too Many Requests', 429));
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('a duplicate key from the database is a 409, anything unknown a logged 500 without internals', () => {
    expect(run({ driverError: { code: 'ER_DUP_ENTRY', message: "Duplicate entry 'x' for key 'k'" } }).status).toBe(409);
    const crash = run(new Error('SELECT * FROM secret failed'));
    expect(crash.status).toBe(500);
    expect(JSON.stringify(crash.body)).not.toContain('SELECT');
  });

  describe('a database that cannot be reached is a 503 with Retry-After, not a 500', () => {
    const driverError = (code: string, message = code, extra: object = {}) => Object.assign(new Error(message), { code, ...extra });
    const queryFailed = (cause: Error) => Object.assign(new Error(cause.message), { name: 'QueryFailedError', driverError: cause });
    const notConnected = Object.assign(new Error('Cannot execute operation on "default" connection because connection is not yet established.'), {
      name: 'CannotExecuteNotConnectedError',
    });
    const cases: Array<[string, unknown]> = [
      ['mysql2 refused', driverError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:3306', { errno: -111, fatal: true })],
      ['mysql2 lost', queryFailed(driverError('PROTOCOL_CONNECTION_LOST', 'Connection lost: The server closed the connection.'))],
      ['mysql2 timeout', driverError('ETIMEDOUT', 'connect ETIMEDOUT')],
      ['too many connections', queryFailed(driverError('ER_CON_COUNT_ERROR', 'Too many connections', { errno: 1040 }))],
      ['closed state', new Error("Can't add new command when connection is in closed state")],
      ['pool acquire timeout', new Error('Timeout acquiring a connection. The pool is probably full.')],
      ['both addresses refused', Object.assign(new AggregateError([driverError('ECONNREFUSED'), driverError('ECONNREFUSED')]), { code: undefined })],
      ['TypeORM not connected', notConnected],
      ['SQLite handle closed', new TypeError('The database connection is not open')],
      ['SQLite busy', queryFailed(driverError('SQLITE_BUSY', 'database is locked'))],
      ['SQLite cannot open', driverError('SQLITE_CANTOPEN', 'unable to open database file')],
      ['SQLite disk I/O', queryFailed(driverError('SQLITE_IOERR_WRITE', 'disk I/O error'))],
    ];

    it.each(cases)('%s', (_name, error) => {
      const res = run(error, 'en');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 503, code: 'database_unavailable', title: 'Service unavailable' });
      expect(JSON.stringify(res.body)).not.toMatch(/3306|ECONN|SQLITE/);
    });

    it('readiness down (terminus) is a 503 naming the checks, without the driver message', () => {
      const down = new HttpException({ status: 'error', error: { database: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:3306' } },
        details: { database: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:3306' } } }, 503);
      const res = run(down);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.body).toMatchObject({ code: 'service_unavailable', checks: { database: 'down' } });
      expect(JSON.stringify(res.body)).not.toContain('3306');
    });

    it('a statement that fails for another reason stays a 500', () => {
      expect(run(queryFailed(driverError('ER_PARSE_ERROR', 'You have an error in your SQL syntax'))).status).toBe(500);
      expect(run(queryFailed(driverError('SQLITE_ERROR', 'no such table: x'))).status).toBe(500);
    });
  });
});
