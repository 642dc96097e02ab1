import { referralConsent, seesClinicalContent } from './referral-disclosure';

describe('referral consent and what the receiving side sees (domain.md §5.4)', () => {
  it('the recorded consent wins; left out, the contract\'s county-wide sharing consent; without a contract none', () => {
    expect(referralConsent(false, true)).toBe(false);
    expect(referralConsent(true, false)).toBe(true);
    expect(referralConsent(undefined, true)).toBe(true);
    expect(referralConsent(undefined, false)).toBe(false);
    expect(referralConsent(null, null)).toBe(false);
  });

  it('without consent only the receiving institution is kept to demographics and reason; with it, or before consent existed, everyone who may read', () => {
    const ends = { fromInstitutionId: 'township', toInstitutionId: 'hospital' };
    expect(seesClinicalContent({ ...ends, consentToShare: false, readerInstitutionId: 'hospital' })).toBe(false);
    expect(seesClinicalContent({ ...ends, consentToShare: false, readerInstitutionId: 'township' })).toBe(true);
    // the resident and the county's admins belong to no receiving institution
    expect(seesClinicalContent({ ...ends, consentToShare: false, readerInstitutionId: null })).toBe(true);
    expect(seesClinicalContent({ ...ends, consentToShare: true, readerInstitutionId: 'hospital' })).toBe(true);
    expect(seesClinicalContent({ ...ends, consentToShare: null, readerInstitutionId: 'hospital' })).toBe(true);
  });
});
