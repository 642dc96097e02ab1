import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, StaffKey, World } from '../fixtures/world';

interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  bodySchema?: { $ref?: string };
}

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; $ref?: string; enum?: unknown[] };

/** Values of the wrong type or shape for a property of the given schema. */
function hostileValues(schema: Schema | undefined): unknown[] {
  const type = schema?.type ?? (schema?.$ref ? 'object' : undefined);
  const common = [null, { $gt: '' }, ['x'], 'x'.repeat(5000), -1e308, '\u0000', '<script>alert(1)</script>'];
  switch (type) {
    case 'string': return [...common, 12345, true, {}];
    case 'number': case 'integer': return [...common, '12', 1.5e309, NaN, {}];
    case 'boolean': return [...common, 'true', 1];
    case 'array': return [...common, {}, 'x', [null, { a: { b: 1 } }]];
    default: return [...common, 'x', 1, []];
  }
}

/**
 * Definition of done "Bad input": every route of the OpenAPI document, fed
 * wrong types, nulls, huge strings, operator objects and foreign ids, answers
 * a 4xx problem+json, never a 500.
 */
const callers: Array<StaffKey | 'admin' | 'resA1'> = ['admin', 'countyAdminA', 'gpA1', 'nurseA1', 'deskA', 'resA1'];

describe('every route refuses hostile input with a 4xx, never a 500', () => {
  let t: TestApp;
  let w: World;
  let operations: Operation[];
  let schemas: Record<string, Schema>;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    // Sign everyone in first: fuzzing /auth/login trips its own rate limit (a 429 is a fine answer there).
    for (const who of callers) await w.as(who);
    const doc = (await t.http.get('/docs-json')).body;
    schemas = doc.components.schemas;
    operations = [];
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>>)) {
      for (const [method, op] of Object.entries(item)) {
        operations.push({ method: method as Operation['method'], path, bodySchema: op.requestBody?.content?.['application/json']?.schema });
      }
    }
  });
  afterAll(() => t.close());


  it('finds the routes', () => {
    expect(operations.length).toBeGreaterThan(15);
  });

  it.each(callers)('as %s', async (who) => {
    const token = await w.as(who);
    const ids = ['not-an-id', w.residents.B1, '../../etc/passwd', 'x'.repeat(300)];
    const query = '?limit=abc&cursor=%%%&from=yesterday&status[$ne]=1';
    const failures: string[] = [];
    const check = async (op: Operation, url: string, body: unknown) => {
      const req = t.http[op.method](url).set('authorization', token).set('idempotency-key', `fuzz-${Math.random()}`);
      const res = body === undefined ? await req : await req.send(body as object);
      if (res.status >= 500 || (res.status >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json'))) {
        failures.push(`${op.method.toUpperCase()} ${url.slice(0, 120)} ${JSON.stringify(body)?.slice(0, 80)} -> ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
      }
    };
    for (const op of operations) {
      if (op.path.startsWith('/health') || op.path.startsWith('/docs')) continue;
      // hostile path parameters and query strings
      for (const id of ids) await check(op, op.path.replace(/\{[^}]+\}/g, encodeURIComponent(id)) + query, op.method === 'get' ? undefined : {});
      if (op.method === 'get') continue;
      // hostile bodies, on a record that exists but belongs to another county
      const url = op.path.replace(/\{[^}]+\}/g, w.residents.B1);
      const props = op.bodySchema?.$ref ? schemas[op.bodySchema.$ref.split('/').pop()!]?.properties ?? {} : {};
      const bodies: unknown[] = [[], 'null', { unknownField: 1 }];
      for (const [name, schema] of Object.entries(props)) for (const value of hostileValues(schema)) bodies.push({ [name]: value });
      for (const body of bodies) await check(op, url, body);
    }
    expect(failures.slice(0, 20)).toEqual([]);
  });
});
