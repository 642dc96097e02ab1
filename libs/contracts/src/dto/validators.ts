import { isCalendarDate } from '@countycare/domain';
import { registerDecorator, ValidationOptions } from 'class-validator';

/** A real calendar date 'YYYY-MM-DD' (constraint `isCalendarDate`, localized in the message catalog). */
export function IsCalendarDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a real date YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value) },
    });
}

export const ID_RE = /^[0-9A-Za-z-]{1,36}$/;
/** Item and package codes: lower-case letters, digits and underscores. */
export const CODE_RE = /^[a-z0-9_]{1,32}$/;
