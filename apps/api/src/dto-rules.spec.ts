import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import * as auth from '../../../libs/auth/src/dto/auth.dto';
import * as contracts from '../../../libs/contracts/src/dto/contracts.dto';
import * as packages from '../../../libs/contracts/src/dto/packages.dto';
import * as services from '../../../libs/contracts/src/dto/services.dto';
import * as organizations from '../../../libs/organizations/src/dto/organizations.dto';
import * as referrals from '../../../libs/referrals/src/dto/referrals.dto';
import * as residents from '../../../libs/residents/src/dto/residents.dto';
import * as sickbeds from '../../../libs/sickbeds/src/dto/sickbeds.dto';

/** Credentials are secrets, not text a person writes about a patient: their own rules apply. */
const CREDENTIALS = new Set(['password', 'currentPassword', 'newPassword', 'refreshToken', 'username']);
/** Constraints that already pin a string to a code, an id, a date or a pattern. */
const SHAPED = new Set(['matches', 'isIn', 'isEnum', 'isISO8601', 'isDateString', 'isCalendarDate', 'isUUID']);

type Constraint = { propertyName: string; type: string; name?: string; each?: boolean };

const dtos = [auth, contracts, packages, services, organizations, referrals, residents, sickbeds]
  .flatMap((module) => Object.entries(module))
  .filter(([name, value]) => typeof value === 'function' && name.endsWith('Dto')) as Array<[string, Function]>;

function constraintsByProperty(dto: Function): Map<string, Constraint[]> {
  const byProperty = new Map<string, Constraint[]>();
  for (const c of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false) as Constraint[]) {
    byProperty.set(c.propertyName, [...(byProperty.get(c.propertyName) ?? []), c]);
  }
  return byProperty;
}

/**
 * Every required free-text field of every request body (reasons, summaries,
 * names, outcomes) goes through the one shared validator, isNotBlank, so no
 * route takes "   " for a reason (issue #9). A new DTO with a required
 * string and no shape gets caught here.
 */
describe('required free text is non-blank everywhere, by one validator', () => {
  it('finds the request bodies to check', () => {
    expect(dtos.length).toBeGreaterThan(30);
  });

  it.each(dtos)('%s', (_name, dto) => {
    const missing = [...constraintsByProperty(dto)].filter(([property, list]) => {
      const names = new Set(list.map((c) => c.name ?? c.type));
      const required = !list.some((c) => c.type === 'conditionalValidation');
      const freeText = names.has('isString') && ![...names].some((n) => SHAPED.has(n));
      return required && freeText && !CREDENTIALS.has(property) && !names.has('isNotBlank');
    }).map(([property]) => property);
    expect(missing).toEqual([]);
  });
});

/**
 * Nested bodies have their declared shape by one mechanism, NestedObject or
 * NestedArray: `@ValidateNested` alone validates whatever it is given (an
 * array where one object belongs, criteria: [], used to pass and then fail
 * as a 500 or store every field as null).
 */
describe('nested objects and arrays refuse the wrong shape (NestedObject / NestedArray)', () => {
  it.each(dtos)('%s', (_name, dto) => {
    const unshaped = [...constraintsByProperty(dto)].filter(([, list]) => {
      const nested = list.find((c) => c.type === 'nestedValidation');
      if (!nested) return false;
      const object = list.some((c) => c.name === 'isObject' && !c.each);
      const array = list.some((c) => c.name === 'isArray') && list.some((c) => c.name === 'isObject' && c.each);
      return nested.each ? !array : !object;
    }).map(([property]) => property);
    expect(unshaped).toEqual([]);
  });
});
