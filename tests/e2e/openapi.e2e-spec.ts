import { Logger } from '@nestjs/common';
import { ROUTE_ARGS_METADATA, RouteParamtypes } from '@nestjs/common/internal';
import { ModulesContainer } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import { COUNTY_POLICY_LIMITS, FRACTIONAL_POLICY_SETTINGS } from '@countycare/domain';
import { getMetadataStorage } from 'class-validator';
import { startTestApp, TestApp } from '../fixtures/test-app';

type Schema = {
  type?: string; $ref?: string; properties?: Record<string, Schema>; additionalProperties?: boolean | Schema; items?: Schema;
  allOf?: Schema[]; oneOf?: Schema[]; anyOf?: Schema[]; required?: string[]; minimum?: number; maximum?: number;
};
type Operation = { operationId?: string; tags?: string[]; security?: Array<Record<string, string[]>>; parameters?: Array<{ name: string; in: string; schema: Schema }> };
type Document = {
  info: { license?: { name: string } }; servers?: Array<{ url: string; description?: string }>; tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> };
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The OpenAPI document as a client generator reads it (issue #9): every
 * operation named, public routes marked, integers typed, every object's
 * fields described, one schema per class name.
 */
describe('the OpenAPI document (issue #9)', () => {
  let t: TestApp;
  let doc: Document;
  let startupWarnings: string[];

  const operations = () => Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method]! })));

  beforeAll(async () => {
    // Swagger reports two classes of one name by a static Logger.warn while the document is built at start.
    const warn = jest.spyOn(Logger, 'warn');
    try {
      t = await startTestApp();
    } finally {
      startupWarnings = warn.mock.calls.map((call) => String(call[0]));
      warn.mockRestore();
    }
    doc = (await t.http.get('/docs-json')).body;
  });
  afterAll(() => t.close());

  it('the app starts without "Duplicate DTO" warnings', () => {
    expect(startupWarnings.filter((m) => m.includes('Duplicate DTO'))).toEqual([]);
  });

  it('no two DTO or view classes that reach the document share a name', () => {
    const byName = new Map<string, Set<Function>>();
    for (const type of documentedClasses(t)) byName.set(type.name, (byName.get(type.name) ?? new Set()).add(type));
    expect(byName.size).toBeGreaterThan(100);
    expect([...byName].filter(([, types]) => types.size > 1).map(([name]) => name)).toEqual([]);
    // The walk above finds what swagger finds: each of those classes is a schema of the document.
    expect([...byName.keys()].filter((name) => !doc.components.schemas[name])).toEqual([]);
  });

  it('every operation has a unique id derived from its controller and method', () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(ids.length).toBeGreaterThan(90);
    expect(ids.filter((id) => !id || !/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/.test(id) || id.includes('Controller'))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(doc.paths['/api/v1/sickbeds/{id}/open'].post.operationId).toBe('sickbeds.open');
  });

  it('servers, license and a described tag for every tag an operation uses', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/', description: expect.any(String) })]);
    expect(doc.info.license?.name).toMatch(/Proprietary/);
    const listed = new Map((doc.tags ?? []).map((tag) => [tag.name, tag.description]));
    const used = new Set(operations().flatMap(({ op }) => op.tags ?? []));
    expect([...used].filter((tag) => !listed.get(tag))).toEqual([]);
    expect([...listed.keys()].filter((tag) => !used.has(tag))).toEqual([]);
  });

  it('public routes say `security: []` and answer without a token; every other route needs the bearer token', async () => {
    const wrong: string[] = [];
    for (const { path, method, op } of operations()) {
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (!isPublic && JSON.stringify(op.security) !== JSON.stringify([{ bearer: [] }])) wrong.push(`${method} ${path}: security ${JSON.stringify(op.security)}`);
      const res = await t.http[method](path.replace(/\{[^}]+\}/g, 'x')).send({});
      if (isPublic === (res.status === 401)) wrong.push(`${method} ${path}: ${isPublic ? 'public' : 'bearer'} but answered ${res.status} without a token`);
    }
    expect(wrong).toEqual([]);
    const publicRoutes = operations().filter(({ op }) => op.security?.length === 0).map(({ method, path }) => `${method} ${path}`);
    expect(publicRoutes).toEqual(expect.arrayContaining(['post /api/v1/auth/login', 'post /api/v1/auth/refresh', 'get /health', 'get /health/ready']));
  });

  it('every DTO field validated by @IsInt() is an integer, in bodies and in queries', () => {
    type Constraint = { name?: string; target: Function | string; propertyName: string; each?: boolean };
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, Constraint[]> };
    const queryParams = operations().flatMap(({ op }) => (op.parameters ?? []).filter((p) => p.in === 'query'));
    const wrong: string[] = [];
    let checked = 0;
    for (const [target, constraints] of storage.validationMetadatas) {
      for (const c of constraints.filter((m) => m.name === 'isInt' && m.target === target)) {
        const schema = doc.components.schemas[target.name];
        const found = schema ? [schema.properties?.[c.propertyName]].filter(Boolean) : queryParams.filter((p) => p.name === c.propertyName).map((p) => p.schema);
        for (const property of found) {
          checked++;
          const type = c.each ? property!.items?.type : property!.type;
          if (type !== 'integer') wrong.push(`${target.name}.${c.propertyName}: ${type}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(wrong).toEqual([]);
  });

  it('counts, versions, days and numbers of things are integers wherever they appear', () => {
    const wholeByName = /^(version|cycleNo|bedDays|age|line|rows|limit|numerator|denominator|sealed|pending|chainIndex|timesPerYear|expiresIn|status)$|(Count|Days|Months|Ms)$/;
    const wrong: string[] = [];
    walk(doc, '#', (node, path) => {
      for (const [name, property] of Object.entries(node.properties ?? {})) {
        if (property.type === 'number' && wholeByName.test(name)) wrong.push(`${path}/${name}`);
      }
    });
    expect(wrong).toEqual([]);
    expect(doc.components.schemas.ProblemView.properties!.status.type).toBe('integer');
  });

  it('every object schema describes its fields (properties or a typed additionalProperties)', () => {
    const free: string[] = [];
    walk(doc, '#', (node, path) => {
      const composed = node.$ref || node.allOf || node.oneOf || node.anyOf;
      const open = node.additionalProperties === true || (typeof node.additionalProperties === 'object' && Object.keys(node.additionalProperties).length === 0);
      if (node.type === 'object' && !composed && ((!node.properties && !node.additionalProperties) || open)) free.push(path);
    });
    expect(free).toEqual([]);
  });

  it('the county policy is a closed schema: all settings in the view, any in the PATCH body, with the domain\'s ranges', () => {
    const schemas = doc.components.schemas;
    const resolve = (s: Schema): Schema => {
      const ref = s.$ref ?? s.allOf?.[0]?.$ref;
      return ref ? schemas[ref.split('/').pop()!] : s;
    };
    expect(resolve(schemas.CountyView.properties!.policy)).toBe(schemas.CountyPolicy);
    expect(resolve(schemas.UpdateCountyPolicyDto.properties!.policy)).toBe(schemas.CountyPolicyPatch);
    expect(resolve(schemas.CreateCountyDto.properties!.policy)).toBe(schemas.CountyPolicyPatch);
    const leaves = (root: Schema, mode: 'view' | 'patch') => {
      const found = new Map<string, Schema>();
      const visit = (s: Schema, path: string) => {
        expect({ path, additionalProperties: s.additionalProperties }).toEqual({ path, additionalProperties: false });
        const names = Object.keys(s.properties ?? {});
        // the deductible tables name only what a county set: no key is required
        const partial = path.startsWith('insurance.deductibleBy');
        expect({ path, required: [...(s.required ?? [])].sort() }).toEqual({ path, required: mode === 'view' && !partial ? [...names].sort() : [] });
        for (const name of names) {
          const field = path ? `${path}.${name}` : name;
          const child = resolve(s.properties![name]);
          if (child.properties) visit(child, field);
          else found.set(field, child);
        }
      };
      visit(root, '');
      return found;
    };
    for (const mode of ['view', 'patch'] as const) {
      const found = leaves(mode === 'view' ? schemas.CountyPolicy : schemas.CountyPolicyPatch, mode);
      for (const [field, [min, max]] of Object.entries(COUNTY_POLICY_LIMITS)) {
        expect({ field, ...found.get(field) }).toMatchObject({
          field, type: FRACTIONAL_POLICY_SETTINGS.has(field) ? 'number' : 'integer', minimum: min, maximum: max,
        });
      }
      expect(found.get('insurance.deductibleByLevel.county_hospital')).toMatchObject({ type: 'number', minimum: 0, maximum: 1_000_000 });
      expect(found.get('insurance.deductibleByScheme.resident.county_hospital')).toMatchObject({ type: 'number', minimum: 0, maximum: 1_000_000 });
    }
  });
});

/** Calls `visit` on every schema-like object of the document. */
function walk(node: unknown, path: string, visit: (node: Schema, path: string) => void): void {
  if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${path}/${i}`, visit));
  else if (node && typeof node === 'object') {
    visit(node as Schema, path);
    for (const [key, child] of Object.entries(node)) walk(child, `${path}/${key}`, visit);
  }
}

/**
 * Every class swagger turns into a schema, found as swagger finds them: the
 * routes' bodies, documented responses and extra models, then the classes
 * their properties name, recursively.
 */
function documentedClasses(t: TestApp): Set<Function> {
  const found = new Set<Function>();
  const visit = (type: unknown): void => {
    if (Array.isArray(type)) return type.forEach(visit);
    if (typeof type !== 'function') return;
    // `type: () => Model` (lazy, an arrow function: no prototype) or the class itself.
    const model = (type.prototype ? type : (type as () => unknown)()) as Function;
    if (typeof model !== 'function' || found.has(model)) return;
    const keys: string[] = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, model.prototype) ?? [];
    if (!keys.length) return;
    found.add(model);
    for (const key of keys) visit(Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, model.prototype, key.slice(1))?.type);
  };
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Function;
      visit(Reflect.getMetadata(DECORATORS.API_EXTRA_MODELS, controller));
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        // Bodies become schemas; query DTOs become parameters, so their names never reach the schemas.
        const paramTypes: unknown[] = Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? [];
        for (const [key, arg] of Object.entries<{ index: number }>(Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {})) {
          if (Number(key.split(':')[0]) === RouteParamtypes.BODY) visit(paramTypes[arg.index]);
        }
        visit(Reflect.getMetadata(DECORATORS.API_EXTRA_MODELS, handler));
        for (const response of Object.values<{ type?: unknown }>(Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) ?? {})) visit(response.type);
        for (const parameter of Reflect.getMetadata(DECORATORS.API_PARAMETERS, handler) ?? []) visit((parameter as { type?: unknown }).type);
      }
    }
  }
  return found;
}
