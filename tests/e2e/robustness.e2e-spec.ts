import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { createPackages, newResident } from '../fixtures/contracts';
import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, StaffKey, World } from '../fixtures/world';

interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  bodySchema?: Schema;
  hasQuery: boolean;
}

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  $ref?: string;
  allOf?: Schema[];
  enum?: unknown[];
  required?: string[];
};

interface FieldError {
  field: string;
  code: string;
}

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: { errors?: FieldError[]; [member: string]: unknown };
}

/** Values of the wrong type or shape for a property of the given schema. */
function hostileValues(schema: Schema | undefined): unknown[] {
  const type = schema?.type ?? (schema?.$ref || schema?.allOf ? 'object' : undefined);
  const common = [null, { $gt: '' }, ['x'], 'x'.repeat(5000), -1e308, '\u0000', '<script>alert(1)</script>'];
  switch (type) {
    case 'string': return [...common, 12345, true, {}];
    case 'number': case 'integer': return [...common, '12', 1.5e309, NaN, {}];
    case 'boolean': return [...common, 'true', 1];
    case 'array': return [...common, {}, 'x', [null, { a: { b: 1 } }]];
    default: return [...common, 'x', 1, []];
  }
}

/** Names every object inherits, which class-validator's whitelist used to let through. */
const INHERITED = ['prototype', 'toString', 'valueOf', 'hasOwnProperty', 'constructor', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'];
const REQUIRED_CODES = ['isDefined', 'isNotEmpty'];

/** Ending the caller's own session would turn every later answer of the fuzz into a 401. */
const SESSION_ENDING = new Set(['post /api/v1/auth/logout']);

/** Tables that reads and sign-ins legitimately write to. */
const WRITTEN_BY_READS = new Set(['audit_events', 'audit_seals', 'idempotency_keys', 'auth_sessions', 'refresh_tokens']);

const callers: Array<StaffKey | 'admin' | 'resA1'> = ['admin', 'countyAdminA', 'gpA1', 'nurseA1', 'deskA', 'resA1'];

/**
 * Definition of done "Bad input": every route of the OpenAPI document, fed
 * wrong types, nulls, huge strings, operator objects, wrong shapes and
 * foreign ids, answers a 4xx problem+json, never a 500, and writes nothing.
 */
describe('every route refuses hostile input with a 4xx, never a 500', () => {
  let t: TestApp;
  let w: World;
  let operations: Operation[];
  let schemas: Record<string, Schema>;
  let before: Map<string, string>;

  const resolve = (schema: Schema | undefined): Schema | undefined => {
    if (!schema) return undefined;
    if (schema.$ref) return resolve(schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf?.length === 1) return resolve(schema.allOf[0]);
    return schema;
  };
  /** The schema a $ref (or a one-element allOf) names, as Nest's OpenAPI names it after the DTO class. */
  const refName = (schema: Schema | undefined): string | undefined =>
    schema?.$ref?.split('/').pop() ?? (schema?.allOf?.length === 1 ? refName(schema.allOf[0]) : undefined);
  /**
   * Whether the pipe validates the object under `property` of DTO `owner`
   * (`@ValidateNested`): only then does a wrong value inside it answer from
   * the pipe with the rest of the body still wrong. A free-form object (the
   * county policy, documented field by field) is checked by its service.
   */
  const validatesNested = (owner: string | undefined, property: string): boolean => {
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, unknown> };
    const target = [...storage.validationMetadatas.keys()].find((c) => c.name === owner);
    return !!target && getMetadataStorage().getTargetValidationMetadatas(target, '', false, false)
      .some((m) => m.propertyName === property && m.type === ValidationTypes.NESTED_VALIDATION);
  };
  const withBody = () => operations.filter((op) => op.bodySchema && !SESSION_ENDING.has(`${op.method} ${op.path}`));
  const urlOf = (op: Operation) => op.path.replace(/\{[^}]+\}/g, w.residents.B1);
  const label = (op: Operation) => `${op.method.toUpperCase()} ${op.path}`;

  /**
   * Through Fastify's inject: the same parsers, hooks, guards and pipes as a
   * socket, without the tens of thousands of TCP connections (and ports in
   * TIME_WAIT) the fuzz would otherwise open.
   */
  async function call(method: Operation['method'], url: string, token: string, json?: string): Promise<Answer> {
    const res = await t.app.getHttpAdapter().getInstance().inject({
      method: method.toUpperCase() as 'GET', url,
      headers: { authorization: token, 'idempotency-key': `fuzz-${Math.random()}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(json === undefined ? {} : { payload: json }),
    });
    let body: Answer['body'];
    try {
      body = res.json();
    } catch {
      body = { text: res.body };
    }
    return { status: res.statusCode, headers: res.headers, body };
  }

  /** Sends a raw JSON text, so that `null`, `1` or `"x"` arrive as such. */
  async function sendJson(op: Operation, text: string, who: StaffKey | 'admin' | 'resA1' = 'gpA1'): Promise<Answer> {
    return call(op.method, urlOf(op), await w.as(who), text);
  }

  /** A dump of every table the fuzz must leave untouched. */
  async function snapshot(): Promise<Map<string, string>> {
    const tables = new Map<string, string>();
    for (const metadata of t.dataSource.entityMetadatas) {
      if (WRITTEN_BY_READS.has(metadata.tableName) || tables.has(metadata.tableName)) continue;
      const rows = await t.dataSource.query(`SELECT * FROM ${t.dataSource.driver.escape(metadata.tableName)}`);
      tables.set(metadata.tableName, JSON.stringify(rows.map((r: Record<string, unknown>) => JSON.stringify(r)).sort()));
    }
    return tables;
  }

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    // Sign everyone in first: fuzzing /auth/login trips its own rate limit (a 429 is a fine answer there).
    for (const who of callers) await w.as(who);
    const doc = (await t.http.get('/docs-json')).body;
    schemas = doc.components.schemas;
    operations = [];
    type Op = { requestBody?: { content: Record<string, { schema: Schema }> }; parameters?: Array<{ in: string }> };
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Op>>)) {
      for (const [method, op] of Object.entries(item)) {
        operations.push({
          method: method as Operation['method'], path,
          bodySchema: op.requestBody?.content?.['application/json']?.schema,
          hasQuery: (op.parameters ?? []).some((p) => p.in === 'query'),
        });
      }
    }
    before = await snapshot();
  });
  afterAll(() => t.close());

  it('finds the routes', () => {
    expect(operations.length).toBeGreaterThan(15);
    expect(withBody().length).toBeGreaterThan(15);
  });

  it.each(callers)('as %s', async (who) => {
    const token = await w.as(who);
    const ids = ['not-an-id', w.residents.B1, '../../etc/passwd', 'x'.repeat(300)];
    const query = '?limit=abc&cursor=%%%&from=yesterday&status[$ne]=1';
    const failures: string[] = [];
    let unauthenticated = 0;
    const check = async (op: Operation, url: string, body: unknown) => {
      const res = await call(op.method, url, token, body === undefined ? undefined : JSON.stringify(body));
      if (res.status === 401 && !op.path.startsWith('/api/v1/auth/')) unauthenticated++;
      if (res.status >= 500 || (res.status >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json'))) {
        failures.push(`${op.method.toUpperCase()} ${url.slice(0, 120)} ${JSON.stringify(body)?.slice(0, 80)} -> ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
      }
    };
    for (const op of operations) {
      if (op.path.startsWith('/health') || op.path.startsWith('/docs') || SESSION_ENDING.has(`${op.method} ${op.path}`)) continue;
      // hostile path parameters and query strings
      for (const id of ids) await check(op, op.path.replace(/\{[^}]+\}/g, encodeURIComponent(id)) + query, op.method === 'get' ? undefined : {});
      if (op.method === 'get') continue;
      // hostile bodies, on a record that exists but belongs to another county
      const url = urlOf(op);
      const props = resolve(op.bodySchema)?.properties ?? {};
      const bodies: unknown[] = [[], null, 1, 'x', true, { unknownField: 1 }];
      for (const [name, schema] of Object.entries(props)) for (const value of hostileValues(schema)) bodies.push({ [name]: value });
      for (const body of bodies) await check(op, url, body);
    }
    expect(failures.slice(0, 20)).toEqual([]);
    // The fuzz reached the routes as this caller, not a sign-in wall.
    expect(unauthenticated).toBe(0);
    expect((await call('get', '/api/v1/me', token)).status).toBe(200);
  });

  describe('wrong JSON shapes are refused by the shared pipe and parser, naming the field, one reason each', () => {
    /** Field errors of a 400 answer, or a note of what came instead. */
    function errorsOf(res: Answer, what: string, failures: string[]): FieldError[] {
      if (res.status !== 400 || !String(res.headers['content-type']).startsWith('application/problem+json')) {
        failures.push(`${what} -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        return [];
      }
      return (res.body.errors ?? []) as FieldError[];
    }

    /** Exactly one reason at `field`, none beneath it, and (when given) with one of `codes`. */
    function expectOneReason(errors: FieldError[], field: string, what: string, failures: string[], codes?: string[]): void {
      const here = errors.filter((e) => e.field === field);
      const beneath = errors.filter((e) => e.field.startsWith(`${field}.`));
      if (here.length !== 1 || beneath.length > 0 || (codes && !codes.includes(here[0].code))) {
        failures.push(`${what}: expected one ${codes?.join('|') ?? 'reason'} at ${field}, got ${JSON.stringify([...here, ...beneath])}`);
      }
    }

    it('a body that is not a JSON object: null, an array, a number, a string, a boolean', async () => {
      const failures: string[] = [];
      for (const op of withBody()) {
        for (const text of ['null', '[]', '[{}]', '0', '1', '"x"', 'true', 'false']) {
          const what = `${label(op)} ${text}`;
          const errors = errorsOf(await sendJson(op, text), what, failures);
          if (errors.length && !(errors.length === 1 && errors[0].field === 'body' && errors[0].code === 'isObject')) {
            failures.push(`${what}: ${JSON.stringify(errors)}`);
          }
        }
      }
      expect(failures.slice(0, 20)).toEqual([]);
    });

    it('a body nested thousands of levels deep is a 400 json_too_deep; huge shallow bodies are 400 or 413, never 500', async () => {
      const failures: string[] = [];
      const deep = ['{"a":'.repeat(5000) + '1' + '}'.repeat(5000), '['.repeat(5000) + ']'.repeat(5000), '['.repeat(200_000)];
      for (const op of withBody()) {
        for (const text of deep) {
          const res = await sendJson(op, text);
          const errors = errorsOf(res, `${label(op)} deep`, failures);
          if (errors.length && !(errors[0].field === 'body' && errors[0].code === 'json_too_deep')) failures.push(`${label(op)} deep: ${JSON.stringify(errors)}`);
        }
      }
      // Deep but within the limit, inside strings, is no nesting at all.
      const op = withBody().find((o) => o.path === '/api/v1/residents')!;
      const errors = errorsOf(await sendJson(op, JSON.stringify({ name: '['.repeat(100) + '{'.repeat(100) })), 'brackets in a string', failures);
      expect(errors.some((e) => e.code === 'json_too_deep')).toBe(false);
      const wide = [
        { text: '[' + '0,'.repeat(400_000) + '0]', status: 400 },
        { text: '{' + Array.from({ length: 40_000 }, (_, i) => `"k${i}":${i}`).join(',') + '}', status: 400 },
        { text: JSON.stringify({ name: 'x'.repeat(900_000) }), status: 400 },
        { text: JSON.stringify({ flood: Array.from({ length: 20_000 }, () => ({})) }), status: 400 },
        { text: '[' + '0,'.repeat(600_000) + '0]', status: 413 },
      ];
      for (const sample of withBody().slice(0, 6)) {
        for (const { text, status } of wide) {
          const res = await sendJson(sample, text);
          if (res.status !== status || !String(res.headers['content-type']).startsWith('application/problem+json')) {
            failures.push(`${label(sample)} ${text.length} bytes -> ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
          }
          if (status === 400 && (res.body.errors ?? []).length > 100) failures.push(`${label(sample)}: ${res.body.errors!.length} errors listed`);
        }
      }
      expect(failures.slice(0, 20)).toEqual([]);
    });

    it('keys named after inherited properties are unknown fields, at the top and nested; prototype poisoning is refused', async () => {
      const failures: string[] = [];
      for (const op of withBody()) {
        const nested = Object.entries(resolve(op.bodySchema)?.properties ?? {}).find(([, s]) => resolve(s)?.properties);
        for (const key of INHERITED) {
          const top = errorsOf(await sendJson(op, `{"${key}":1}`), `${label(op)} ${key}`, failures);
          if (top.length && !top.some((e) => e.field === key && e.code === 'unknown_field')) failures.push(`${label(op)} ${key}: ${JSON.stringify(top)}`);
          if (!nested) continue;
          const field = `${nested[0]}.${key}`;
          const inner = errorsOf(await sendJson(op, `{"${nested[0]}":{"${key}":"x"}}`), `${label(op)} ${field}`, failures);
          if (inner.length && !inner.some((e) => e.field === field && e.code === 'unknown_field')) failures.push(`${label(op)} ${field}: ${JSON.stringify(inner)}`);
        }
        for (const poison of ['{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}']) {
          const res = await sendJson(op, poison);
          if (res.status !== 400) failures.push(`${label(op)} ${poison} -> ${res.status}`);
        }
      }
      expect(failures.slice(0, 20)).toEqual([]);
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });

    it('queries too refuse inherited names', async () => {
      const failures: string[] = [];
      const queried = operations.filter((op) => op.method === 'get' && op.hasQuery && !op.path.includes('{'));
      expect(queried.length).toBeGreaterThan(5);
      for (const op of queried) {
        const res = await call('get', `${op.path}?hasOwnProperty=1&limit=5`, await w.as('gpA1'));
        const errors = errorsOf(res, `${label(op)}?hasOwnProperty`, failures);
        if (errors.length && !errors.some((e) => e.field === 'hasOwnProperty' && e.code === 'unknown_field')) failures.push(`${label(op)}: ${JSON.stringify(errors)}`);
      }
      expect(failures.slice(0, 20)).toEqual([]);
    });

    /**
     * For each property at each level (nested DTOs and array items too):
     * wrong JSON types, an array where an object is declared and an object
     * where an array is, null, and missing when required. The rest of the
     * body may be wrong too: each field reports its own reasons.
     */
    it('wrong types, wrong shapes, nulls and missing fields, at every level', async () => {
      const failures: string[] = [];
      let checked = 0;
      const wrapAt = (path: string[], value: unknown): unknown =>
        path.reduceRight<unknown>((inner, segment) => (/^\d+$/.test(segment) ? [inner] : { [segment]: inner }), value);

      async function probe(op: Operation, path: string[], schema: Schema, required: boolean, owner: string | undefined, depth: number, item = false): Promise<void> {
        const resolved = resolve(schema)!;
        const field = path.join('.');
        const isObject = !!resolved.properties || resolved.type === 'object' || !!schema.$ref || !!schema.allOf;
        // `several`: a huge string may break its length and its format rules alike; every other case has one reason.
        const wrong: Array<{ value: unknown; codes?: string[]; several?: boolean }> = [];
        if (resolved.type === 'array') {
          wrong.push({ value: {}, codes: ['isArray'] }, { value: 'x', codes: ['isArray'] }, { value: 1, codes: ['isArray'] });
        } else if (isObject) {
          wrong.push({ value: [], codes: ['isObject'] }, { value: [{}], codes: ['isObject'] }, { value: 'x', codes: ['isObject'] }, { value: 1, codes: ['isObject'] });
        } else if (resolved.type === 'string') {
          wrong.push({ value: 12345 }, { value: true }, { value: {} }, { value: [] }, { value: 'x'.repeat(5000), several: true });
        } else if (resolved.type === 'number' || resolved.type === 'integer') {
          wrong.push({ value: 'x' }, { value: '12' }, { value: true }, { value: {} }, { value: [] });
        } else if (resolved.type === 'boolean') {
          wrong.push({ value: 'true' }, { value: 1 }, { value: {} }, { value: [] });
        }
        if (item) wrong.push({ value: null, codes: ['isObject'] });
        else if (required) wrong.push({ value: null, codes: REQUIRED_CODES });
        for (const { value, codes, several } of wrong) {
          const what = `${label(op)} ${field}=${JSON.stringify(value)?.slice(0, 20)}`;
          const errors = errorsOf(await sendJson(op, JSON.stringify(wrapAt(path, value))), what, failures);
          if (several && !errors.some((e) => e.field === field)) failures.push(`${what}: no reason at ${field}`);
          else if (errors.length && !several) expectOneReason(errors, field, what, failures, codes);
          checked++;
        }
        if (depth >= 3 || (!item && !validatesNested(owner, path[path.length - 1]))) return;
        const nestedOwner = refName(resolved.type === 'array' ? resolved.items : schema);
        if (resolved.properties) {
          const inner = resolved.required ?? [];
          if (inner.length) {
            const what = `${label(op)} ${field}={}`;
            const errors = errorsOf(await sendJson(op, JSON.stringify(wrapAt(path, {}))), what, failures);
            for (const name of inner) if (errors.length) expectOneReason(errors, `${field}.${name}`, what, failures, REQUIRED_CODES);
          }
          for (const [name, sub] of Object.entries(resolved.properties)) await probe(op, [...path, name], sub, inner.includes(name), nestedOwner, depth + 1);
        }
        const items = resolve(resolved.items);
        if (resolved.type === 'array' && items?.properties) {
          await probe(op, [...path, '0'], resolved.items!, false, owner, depth + 1, true);
        }
      }

      for (const op of withBody()) {
        const body = resolve(op.bodySchema)!;
        const required = body.required ?? [];
        if (required.length) {
          const errors = errorsOf(await sendJson(op, '{}'), `${label(op)} {}`, failures);
          for (const name of required) if (errors.length) expectOneReason(errors, name, `${label(op)} {}`, failures, REQUIRED_CODES);
        }
        for (const [name, schema] of Object.entries(body.properties ?? {})) await probe(op, [name], schema, required.includes(name), refName(op.bodySchema), 1);
      }
      expect(checked).toBeGreaterThan(500);
      expect(failures.slice(0, 30)).toEqual([]);
    });
  });

  describe('on a record in scope', () => {
    it('a null, array or scalar body does not confirm a pending contract (it used to read as {})', async () => {
      const packages = await createPackages(w, '_nb');
      const applicant = await newResident(w, { login: true });
      const applied = await t.http.post('/api/v1/contracts').set('authorization', applicant.token!)
        .send({ residentId: applicant.id, teamId: w.teamA1, packageIds: [packages.basic], startDate: t.clock.today(), sharingConsent: true });
      expect(applied.status).toBe(201);
      const gp = await w.as('gpA1');
      for (const text of ['null', '[]', '1', '"confirm"', 'true']) {
        const res = await call('post', `/api/v1/contracts/${applied.body.id}/confirm`, gp, text);
        expect({ text, status: res.status, errors: res.body.errors }).toEqual({ text, status: 400, errors: [expect.objectContaining({ field: 'body', code: 'isObject' })] });
      }
      const after = await t.http.get(`/api/v1/contracts/${applied.body.id}`).set('authorization', gp);
      expect(after.body).toMatchObject({ status: 'pending', version: applied.body.version });
      before = await snapshot();
    });
  });

  describe('afterwards', () => {
    it('no hostile request wrote anything', async () => {
      const after = await snapshot();
      const changed = [...before.keys()].filter((table) => before.get(table) !== after.get(table));
      expect(changed).toEqual([]);
    });
  });
});
