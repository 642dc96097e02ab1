import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationTypes } from 'class-validator';
import { ProblemException } from '../problem/problem';

interface FieldProblem {
  field: string;
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

/** A 1 MiB body can hold 100,000 unknown fields; the answer names the first ones and counts them all. */
export const MAX_REPORTED_FIELD_ERRORS = 100;

/**
 * Keys every object inherits (`toString`, `constructor`, `__proto__`…) and
 * `prototype`: never a DTO property. class-validator's whitelist looks
 * properties up in a plain object, where these names are found, and Nest's
 * pipe deletes some of them silently, so they are refused here by name.
 */
const INHERITED_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** Constraints that say the value has the wrong JSON type: the length, format and range checks beside them cannot apply. */
const TYPE_CONSTRAINTS = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject', 'nestedValidation']);
const REQUIRED_CONSTRAINTS = ['isDefined', 'isNotEmpty'];

/**
 * Rules that only hold for one JSON type and fail for any other: given a
 * value of another type, they say nothing but "wrong type", so that alone
 * is reported (a number for a text field is "must be a string", not also
 * "too long" and "wrong format").
 */
const RULES_OF_TYPE: Array<{ type: string; holds: (value: unknown) => boolean; what: string; rules: Set<string> }> = [
  {
    type: 'isString',
    holds: (value) => typeof value === 'string',
    what: 'a string',
    rules: new Set(['maxLength', 'minLength', 'isLength', 'matches', 'isNotBlank', 'isIso8601', 'isISO8601', 'isDateString', 'isCalendarDate', 'isUUID', 'isEmail', 'isNumberString', 'contains']),
  },
  { type: 'isNumber', holds: (value) => typeof value === 'number', what: 'a number', rules: new Set(['min', 'max', 'isPositive', 'isNegative', 'isDivisibleBy']) },
  { type: 'isArray', holds: Array.isArray, what: 'an array', rules: new Set(['arrayMinSize', 'arrayMaxSize', 'arrayUnique', 'arrayNotEmpty', 'arrayContains']) },
];

const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer);

/**
 * The one reason that applies to each field: a missing (or null) field is
 * only "required", a value of the wrong type only the type error; otherwise
 * every rule it breaks.
 */
function reasons(error: ValidationError, field: string): FieldProblem[] {
  const entries = Object.entries(error.constraints ?? {});
  if (entries.length === 0) return [];
  const unknown = entries.find(([code]) => code === ValidationTypes.WHITELIST);
  if (unknown) return [{ field, code: 'unknown_field', message: unknown[1] }];
  if (error.value === undefined || error.value === null) {
    const required = entries.find(([code]) => REQUIRED_CONSTRAINTS.includes(code));
    return [{ field, code: required?.[0] ?? 'isDefined', message: required?.[1] ?? `${error.property} should not be null or undefined` }];
  }
  const typed = entries.filter(([code]) => TYPE_CONSTRAINTS.has(code));
  // NestedObject/NestedArray's shape rule says it already: not an array at all (then its items cannot be objects either),
  // or not an object; class-validator's walk adds nestedValidation beside it
  const notArray = typed.find(([code]) => code === 'isArray');
  if (notArray) return [{ field, code: notArray[0], message: notArray[1] }];
  const notObject = typed.find(([code]) => code === 'isObject');
  if (notObject && Array.isArray(error.value) && error.contexts?.isObject?.eachItem) {
    // NestedArray's IsObject({ each }) speaks for the whole array: name each item that is not an object
    return error.value.flatMap((item, index) => (isJsonObject(item)
      ? [] : [{ field: `${field}.${index}`, code: 'isObject', message: `${error.property}.${index} must be an object` }]));
  }
  const wrongType = notObject ? typed.filter(([code]) => code !== 'nestedValidation') : typed;
  if (wrongType.length) return wrongType.map(([code, message]) => ({ field, code, message }));
  for (const { type, holds, what, rules } of RULES_OF_TYPE) {
    if (holds(error.value) || !entries.some(([code]) => rules.has(code))) continue;
    const others = entries.filter(([code]) => !rules.has(code));
    if (others.length === 0) return [{ field, code: type, message: `${error.property} must be ${what}` }];
    return others.map(([code, message]) => ({ field, code, message }));
  }
  return entries.map(([code, message]) => ({ field, code, message }));
}

function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property || 'body';
    const own = reasons(error, field);
    out.push(...own);
    // Under a missing value or one of the wrong type there is nothing more to say.
    const settled = own.some((r) => r.code === 'unknown_field' || r.code === 'isDefined' || r.code === 'isNotEmpty' || TYPE_CONSTRAINTS.has(r.code));
    if (!settled && error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

function validationProblem(fields: FieldProblem[]): ProblemException {
  return new ProblemException(400, 'validation_failed', { count: fields.length }, fields.slice(0, MAX_REPORTED_FIELD_ERRORS));
}

/**
 * No DTO takes more than a few dozen fields or array items; a 1 MiB body of
 * 40,000 keys costs the transformer and validator over a second of CPU to
 * refuse field by field, so such a body is refused by its size at once.
 */
export const MAX_JSON_KEYS = 1000;
export const MAX_JSON_ITEMS = 1000;

/**
 * Problems visible in the parsed value before it is transformed: inherited
 * keys at any depth, and objects or arrays too large for any DTO. Iterative,
 * like Nest's own walk, whatever the nesting.
 */
function rawProblems(value: unknown): FieldProblem[] {
  const found: FieldProblem[] = [];
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current !== 'object' || current === null || ArrayBuffer.isView(current)) continue;
    const keys = Object.keys(current);
    if (Array.isArray(current) ? keys.length > MAX_JSON_ITEMS : keys.length > MAX_JSON_KEYS) {
      const [code, limit] = Array.isArray(current) ? ['too_many_items', MAX_JSON_ITEMS] : ['too_many_fields', MAX_JSON_KEYS];
      return [{ field: path || 'body', code, message: `${path || 'body'} holds more than ${limit}`, params: { limit } }];
    }
    for (const key of keys) {
      const field = path ? `${path}.${key}` : key;
      if (INHERITED_KEYS.has(key)) found.push({ field, code: 'unknown_field', message: `property ${key} should not exist` });
      else stack.push({ value: (current as Record<string, unknown>)[key], path: field });
    }
  }
  return found.reverse();
}

/**
 * Global validation: unknown fields are refused (not silently dropped), every
 * field problem is listed once with the reason that applies, a DTO body must
 * be a JSON object, and payloads are turned into DTO instances. Nested
 * objects get their shape from NestedObject (IsObject) and arrays from
 * IsArray on the DTO itself.
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      // The value tells a missing field from a present one; it is never sent back.
      validationError: { target: false, value: true },
      stopAtFirstError: false,
      exceptionFactory: (errors) => validationProblem(flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (this.toValidate(metadata) && metadata.metatype) {
      // No body at all reads as `{}`; `null`, an array or a scalar is a body of the wrong type.
      if (metadata.type === 'body' && value !== undefined && !isJsonObject(value)) {
        throw validationProblem([{ field: 'body', code: 'isObject', message: 'the body must be a JSON object' }]);
      }
      const problems = rawProblems(value);
      if (problems.length) throw validationProblem(problems);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe();
}
