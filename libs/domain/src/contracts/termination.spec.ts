import { InvalidValueError } from '../shared/domain-error';
import { assertSignWay, assertTerminationReason, excludedFromRenewalRate, mayShareWithInstitution, TERMINATION_REASONS } from './termination';

describe('termination reasons, signing way and sharing consent (domain.md §3.1, §3.3, §2.2)', () => {
  it('knows the eight reason codes of §3.1 and needs a note for "other"', () => {
    expect(TERMINATION_REASONS).toHaveLength(8);
    expect(assertTerminationReason('deceased', null)).toBe('deceased');
    expect(() => assertTerminationReason('bored', null)).toThrow(InvalidValueError);
    expect(() => assertTerminationReason('other', '  ')).toThrow(InvalidValueError);
    expect(assertTerminationReason('other', 'duplicate record')).toBe('other');
  });

  it('death and moving out leave the renewal-rate denominator (§3.6)', () => {
    expect(excludedFromRenewalRate('deceased')).toBe(true);
    expect(excludedFromRenewalRate('moved_out')).toBe(true);
    expect(excludedFromRenewalRate('resident_request')).toBe(false);
  });

  it('a child under 14 is signed for by a guardian (PIPL Art. 31)', () => {
    expect(() => assertSignWay('self', 13)).toThrow(InvalidValueError);
    expect(() => assertSignWay('family_proxy', 13)).not.toThrow();
    expect(() => assertSignWay('self', 14)).not.toThrow();
  });

  it('other institutions share the contract only with the separate consent (PIPL Art. 29)', () => {
    expect(mayShareWithInstitution({ institutionId: 'i1', sharingConsent: false }, 'i1')).toBe(true);
    expect(mayShareWithInstitution({ institutionId: 'i1', sharingConsent: false }, 'i2')).toBe(false);
    expect(mayShareWithInstitution({ institutionId: 'i1', sharingConsent: true }, 'i2')).toBe(true);
  });
});
