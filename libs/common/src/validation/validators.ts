import { applyDecorators } from '@nestjs/common';
import { isCalendarDate } from '@countycare/domain';
import { Type } from 'class-transformer';
import { IsArray, IsObject, ValidateBy, ValidateNested, ValidationOptions } from 'class-validator';

/** Record ids in paths, queries and bodies: UUIDs (or any opaque id an offline client minted), at most 36 characters. */
export const ID_RE = /^[0-9A-Za-z-]{1,36}$/;

/** A real calendar date 'YYYY-MM-DD' (constraint `isCalendarDate`, localized in the message catalog). */
export function IsCalendarDate(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: () => '$property must be a real date YYYY-MM-DD',
      },
    },
    options,
  );
}

/** Whether a typed text says something: white space alone (spaces, tabs, the ideographic space 　) does not. */
export const isNotBlank = (value: unknown): boolean => typeof value === 'string' && value.trim().length > 0;

/**
 * Every required free-text field (reasons, summaries, names, outcomes): a
 * string with something other than white space in it (constraint
 * `isNotBlank`). The one validator for it, so no route accepts "   " as a
 * reason.
 */
export function IsNotBlank(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: isNotBlank,
        defaultMessage: () => '$property must not be blank',
      },
    },
    options,
  );
}

/**
 * A nested JSON object validated as `type`: an array or a scalar in its place
 * is refused (`isObject`) instead of being walked as if it were the object
 * (criteria: [] passed and failed later; vitals: [...] stored every vital as
 * null).
 */
export function NestedObject(type: () => Function) {
  return applyDecorators(IsObject(), ValidateNested(), Type(type));
}

/** Marks a rule checked on every item of an array, so the validation pipe can name the items that broke it. */
export const EACH_ITEM = { eachItem: true } as const;

/**
 * An array of nested JSON objects, each validated as `type`: an object in its
 * place, or an item that is not an object, is refused (`isArray`,
 * `isObject`) rather than walked as if it were what the DTO declares. Size
 * rules (ArrayMinSize, ArrayMaxSize) go beside it.
 */
export function NestedArray(type: () => Function) {
  return applyDecorators(IsArray(), IsObject({ each: true, context: EACH_ITEM }), ValidateNested({ each: true }), Type(type));
}

