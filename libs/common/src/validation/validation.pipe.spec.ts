import 'reflect-metadata';
import { ArrayMaxSize, ArrayUnique, IsBoolean, IsDefined, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ProblemException } from '../problem/problem';
import { createValidationPipe, MAX_JSON_ITEMS, MAX_JSON_KEYS, MAX_REPORTED_FIELD_ERRORS } from './validation.pipe';
import { NestedArray, NestedObject } from './validators';

class CriteriaDto {
  @IsBoolean() stable: boolean;
}

class ItemDto {
  @IsString() @MaxLength(8) code: string;
}

class SampleDto {
  @IsString() @IsNotEmpty() @MaxLength(10) @Matches(/^[a-z ]+$/) reason: string;

  @IsOptional() @IsInt() @Min(0) version?: number;

  @IsDefined() @NestedObject(() => CriteriaDto) criteria: CriteriaDto;

  @IsOptional() @NestedArray(() => ItemDto) items?: ItemDto[];
}

/** Rules without an explicit type rule, as many DTOs declare ids and codes. */
class IdDto {
  @Matches(/^[a-z]+$/) @MaxLength(8) id: string;
  @IsOptional() @Min(0) @Max(10) score?: number;
  @IsOptional() @ArrayMaxSize(2) @ArrayUnique() tags?: string[];
  @IsOptional() @IsIn(['a', 'b']) @MaxLength(1) level?: string;
}

/** Every property optional: what a transition body (`{ version? }`) looks like. */
class OptionalDto {
  @IsOptional() @IsInt() version?: number;
}

const valid = { reason: 'ok', criteria: { stable: true } };

async function problems(value: unknown, metatype: new () => object = SampleDto, type: 'body' | 'query' = 'body') {
  try {
    await createValidationPipe().transform(value, { type, metatype, data: undefined });
  } catch (e) {
    if (!(e instanceof ProblemException)) throw e;
    return e.errors.map((f) => `${f.field}:${f.code}`);
  }
  throw new Error('accepted');
}

describe('global validation pipe', () => {
  it('accepts a valid body and turns it into the DTO', async () => {
    const dto = await createValidationPipe().transform(valid, { type: 'body', metatype: SampleDto });
    expect(dto).toBeInstanceOf(SampleDto);
    expect((dto as SampleDto).criteria).toBeInstanceOf(CriteriaDto);
  });

  describe('one reason per field', () => {
    it('a missing or null required string is only "required", not also too long or of the wrong format', async () => {
      expect(await problems({ criteria: { stable: true } })).toEqual(['reason:isNotEmpty']);
      expect(await problems({ ...valid, reason: null })).toEqual(['reason:isNotEmpty']);
    });

    it('a missing field without an explicit required rule reports isDefined', async () => {
      expect(await problems({ reason: 'ok', criteria: {} })).toEqual(['criteria.stable:isDefined']);
    });

    it('a value of the wrong type is only the type error', async () => {
      expect(await problems({ ...valid, reason: 12345 })).toEqual(['reason:isString']);
      expect(await problems({ ...valid, version: 'x'.repeat(50) })).toEqual(['version:isInt']);
    });

    it('a value of the wrong type for rules of one type (length, format, range) is only "wrong type"', async () => {
      expect(await problems({ id: 12345 }, IdDto)).toEqual(['id:isString']);
      expect(await problems({ id: 'a', score: '5' }, IdDto)).toEqual(['score:isNumber']);
      expect(await problems({ id: 'a', tags: 'a' }, IdDto)).toEqual(['tags:isArray']);
      expect(await problems({ id: 'a', level: 3 }, IdDto)).toEqual(['level:isIn']);
    });

    it('a present value keeps every rule it breaks', async () => {
      expect((await problems({ ...valid, reason: 'NOT lower case and long' })).sort()).toEqual(['reason:matches', 'reason:maxLength']);
      expect(await problems({ ...valid, version: -1 })).toEqual(['version:min']);
    });
  });

  describe('the body is a JSON object', () => {
    it.each([null, [], [valid], 1, 'x', true, false])('refuses %j as a body', async (body) => {
      expect(await problems(body, OptionalDto)).toEqual(['body:isObject']);
    });

    it('no body at all is an empty object', async () => {
      expect(await createValidationPipe().transform(undefined, { type: 'body', metatype: OptionalDto })).toBeInstanceOf(OptionalDto);
    });
  });

  describe('inherited property names are unknown fields', () => {
    it.each(['prototype', 'toString', 'valueOf', 'hasOwnProperty', 'constructor', 'isPrototypeOf', '__proto__'])('refuses %s at the top, nested and in array items', async (key) => {
      const top = { ...valid };
      Object.defineProperty(top, key, { value: 1, enumerable: true });
      expect(await problems(top)).toEqual([`${key}:unknown_field`]);
      const criteria = { stable: true };
      Object.defineProperty(criteria, key, { value: 'x', enumerable: true });
      expect(await problems({ ...valid, criteria })).toEqual([`criteria.${key}:unknown_field`]);
      const item = { code: 'a' };
      Object.defineProperty(item, key, { value: {}, enumerable: true });
      expect(await problems({ ...valid, items: [item] })).toEqual([`items.0.${key}:unknown_field`]);
    });

    it('in a query too', async () => {
      expect(await problems({ toString: '1' }, OptionalDto, 'query')).toEqual(['toString:unknown_field']);
    });

    it('an ordinary unknown field is refused as before', async () => {
      expect(await problems({ ...valid, extra: null })).toEqual(['extra:unknown_field']);
    });
  });

  describe('nested objects (NestedObject) and arrays (IsArray) have their declared shape', () => {
    it.each([[[]], [[{ stable: true }]], ['x'], [1]])('refuses %j where an object is declared', async (criteria) => {
      expect(await problems({ ...valid, criteria })).toEqual(['criteria:isObject']);
    });

    it('refuses an object or a scalar where an array is declared', async () => {
      expect(await problems({ ...valid, items: { code: 'a' } })).toEqual(['items:isArray']);
      expect(await problems({ ...valid, items: 'a' })).toEqual(['items:isArray']);
    });

    it('refuses array items that are not objects', async () => {
      expect(await problems({ ...valid, items: [[{ code: 'a' }], null, 'a', { code: 'b' }] })).toEqual(['items.0:isObject', 'items.1:isObject', 'items.2:isObject']);
    });

    it('still validates the items themselves', async () => {
      expect(await problems({ ...valid, items: [{ code: 'toolongcode' }, {}] })).toEqual(['items.0.code:maxLength', 'items.1.code:isDefined']);
    });
  });

  it('reports the first fields of a flood of unknown ones and counts them all', async () => {
    const flood = Object.fromEntries(Array.from({ length: 900 }, (_, i) => [`f${i}`, i]));
    try {
      await createValidationPipe().transform({ ...valid, ...flood }, { type: 'body', metatype: SampleDto });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(ProblemException);
      expect((e as ProblemException).errors).toHaveLength(MAX_REPORTED_FIELD_ERRORS);
      expect((e as ProblemException).params.count).toBe(900);
    }
  });

  it('refuses objects and arrays larger than any DTO takes by their size, before validating them', async () => {
    const keys = Object.fromEntries(Array.from({ length: MAX_JSON_KEYS + 1 }, (_, i) => [`f${i}`, i]));
    expect(await problems(keys)).toEqual(['body:too_many_fields']);
    expect(await problems({ ...valid, criteria: { stable: true, ...keys } })).toEqual(['criteria:too_many_fields']);
    const items = Array.from({ length: MAX_JSON_ITEMS + 1 }, () => ({ code: 'a' }));
    expect(await problems({ ...valid, items })).toEqual(['items:too_many_items']);
    const started = Date.now();
    await problems(Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`f${i}`, i])));
    expect(Date.now() - started).toBeLessThan(500);
  });
});
