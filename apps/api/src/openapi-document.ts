import { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DECORATORS, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { IS_PUBLIC } from '@countycare/auth';
import { getMetadataStorage } from 'class-validator';

/** Every tag a controller uses (`@ApiTags`), in the order a reader meets them; the document test keeps the two in step. */
export const OPENAPI_TAGS: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'auth', description: 'Sign-in, token refresh, password change and sign-out; `GET /me`' },
  { name: 'me', description: 'What a signed-in resident sees of their own record: contracts, sickbeds, referrals, who read it' },
  { name: 'organizations', description: 'Counties and their policy (docs/domain.md §8), institutions, GP teams and staff accounts' },
  { name: 'residents', description: 'The resident registry: search, registration, updates, masked identity and phone, roster import' },
  { name: 'contracts', description: 'Family-doctor contracts (家庭医生签约), service packages, logged services and follow-up worklists' },
  { name: 'sickbeds', description: 'Household sickbeds (家庭病床): application, assessment, opening, rounds, orders, extension, closure' },
  { name: 'referrals', description: 'Two-way referrals (双向转诊) and the receiving hospital\'s referral desk (转诊服务岗)' },
  { name: 'notifications', description: 'Reminders for the caller, their team or their institution (expiring contracts, overdue rounds, referral replies)' },
  { name: 'indicators', description: 'Contract, sickbed and referral indicators with numerator and denominator (docs/domain.md §3.6, §4.4, §5.6)' },
  { name: 'audit', description: 'The append-only, hash-chained audit log and its verification' },
  { name: 'dictionaries', description: 'Chinese and English labels of every enum code (public)' },
  { name: 'operations', description: 'Liveness and readiness probes for supervisors and load balancers (public, at the root, not under /api/v1)' },
];

/** `SickbedsController.open` -> `sickbeds.open`: stable, unique (one class per name), readable in a generated client. */
export function operationId(controllerKey: string, methodKey: string): string {
  const context = controllerKey.replace(/Controller$/, '');
  return `${context.charAt(0).toLowerCase()}${context.slice(1)}.${methodKey}`;
}

/**
 * The OpenAPI document served at /docs-json. Built from the routes' and DTOs'
 * decorators, plus what no decorator says: integer fields (from the
 * validators), public routes (from `@Public()`, the guard's own metadata),
 * servers, license and the tag list.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  typeIntegersFromValidators();
  const config = new DocumentBuilder()
    .setTitle('CountyCare API')
    .setDescription(
      'Family-doctor contracts, household sickbeds and two-way referrals for a county medical community. ' +
        'Errors are application/problem+json; lists are keyset pages; POSTs accept Idempotency-Key.',
    )
    .setVersion('1')
    .addServer('/', 'The host that serves this document: the API is under /api/v1, the health probes at the root')
    .addBearerAuth();
  for (const tag of OPENAPI_TAGS) config.addTag(tag.name, tag.description);
  const built = config.build();
  // Proprietary code has no licence text to link to, and nobody to name as a contact: say only what is true.
  built.info.license = { name: 'Proprietary (UNLICENSED): no licence is granted to use, copy or distribute CountyCare' };
  delete built.info.contact;
  const document = SwaggerModule.createDocument(app, built, { operationIdFactory: operationId });
  markPublicRoutes(app, document);
  return document;
}

/**
 * Public routes answer without a token: `security: []` says so to clients
 * and linters. Read from the same `@Public()` metadata the auth guard reads,
 * so the document cannot disagree with the guard.
 */
function markPublicRoutes(app: INestApplication, document: OpenAPIObject): void {
  const publicIds = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const wholeClass = Reflect.getMetadata(IS_PUBLIC, controller) === true;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (wholeClass || Reflect.getMetadata(IS_PUBLIC, handler) === true) publicIds.add(operationId(controller.name, name));
      }
    }
  }
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.put, item.post, item.delete, item.patch, item.options, item.head]) {
      if (operation?.operationId && publicIds.has(operation.operationId)) operation.security = [];
    }
  }
}

/**
 * A DTO field validated with `@IsInt()` is an integer in the document too:
 * derived from the validator, so no decorator can say `number` for a field
 * that refuses 1.5. Fields validated as numbers (yuan, glucose, temperature)
 * keep `number`. Response views have no validators; they say `type: 'integer'`.
 */
function typeIntegersFromValidators(): void {
  type Constraint = { name?: string; target: Function | string; propertyName: string };
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, Constraint[]> };
  for (const [target, metadatas] of storage.validationMetadatas) {
    for (const m of metadatas) {
      if (m.name !== 'isInt' || m.target !== target) continue;
      const property = Reflect.getOwnMetadata(DECORATORS.API_MODEL_PROPERTIES, target.prototype, m.propertyName) as Record<string, unknown> | undefined;
      if (!property) continue;
      const type = property.type;
      if (type === Number || type === 'number' || type === undefined) {
        Reflect.defineMetadata(DECORATORS.API_MODEL_PROPERTIES, { ...property, type: 'integer' }, target.prototype, m.propertyName);
      } else if (Array.isArray(type) && type[0] === Number) {
        Reflect.defineMetadata(DECORATORS.API_MODEL_PROPERTIES, { ...property, type: 'integer', isArray: true }, target.prototype, m.propertyName);
      }
    }
  }
}
