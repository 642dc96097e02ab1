import { isCalendarDate } from '@countycare/domain';
import { ValidateBy, ValidationOptions } from 'class-validator';

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
