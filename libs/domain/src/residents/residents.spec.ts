import { ROLES } from '../access/roles';
import { InvalidValueError } from '../shared/domain-error';
import { residentDisclosure } from './disclosure';
import { assertTagsFitSex, derivedTags, parseTagList, POPULATION_TAG_LABELS, populationTags, RECORDED_TAGS } from './population-tags';

describe('disclosure per role (domain.md §7.3)', () => {
  const all = { fullName: true, fullIdNumber: true, fullPhone: true, fullAddress: true, sensitiveTags: true };

  it('a resident sees their own record in full, in lists and details', () => {
    expect(residentDisclosure({ role: 'resident', self: true, view: 'list', reveal: false })).toEqual(all);
    expect(residentDisclosure({ role: 'resident', self: true, view: 'detail', reveal: false })).toEqual(all);
  });

  it('lists mask name, ID, phone and address for every staff role; sensitive tags only for the care team', () => {
    for (const role of ROLES) {
      const d = residentDisclosure({ role, self: false, view: 'list', reveal: true });
      expect(d).toMatchObject({ fullName: false, fullIdNumber: false, fullPhone: false, fullAddress: false });
      expect(d.sensitiveTags).toBe(role === 'gp' || role === 'nurse');
    }
  });

  it('details: the care team sees name and address; the desk the name; admins neither', () => {
    const detail = (role: (typeof ROLES)[number]) => residentDisclosure({ role, self: false, view: 'detail', reveal: false });
    expect(detail('gp')).toEqual({ fullName: true, fullIdNumber: false, fullPhone: false, fullAddress: true, sensitiveTags: true });
    expect(detail('nurse')).toEqual({ fullName: true, fullIdNumber: false, fullPhone: false, fullAddress: true, sensitiveTags: true });
    expect(detail('referral_desk')).toEqual({ fullName: true, fullIdNumber: false, fullPhone: false, fullAddress: false, sensitiveTags: false });
    for (const role of ['county_admin', 'institution_admin', 'system_admin'] as const) {
      expect(detail(role)).toEqual({ fullName: false, fullIdNumber: false, fullPhone: false, fullAddress: false, sensitiveTags: false });
    }
  });

  it('ID and phone numbers show in full only on an explicit reveal in a detail view', () => {
    expect(residentDisclosure({ role: 'gp', self: false, view: 'detail', reveal: true })).toMatchObject({ fullIdNumber: true, fullPhone: true });
    expect(residentDisclosure({ role: 'county_admin', self: false, view: 'detail', reveal: true })).toMatchObject({ fullIdNumber: true, fullPhone: true, fullName: false });
  });
});

describe('key-population tags (重点人群, domain.md §3.1)', () => {
  it('derives elderly_65 from the 65th birthday on, not the day before', () => {
    expect(derivedTags('1961-11-22', '2026-11-22')).toEqual(['elderly_65']);
    expect(derivedTags('1961-11-23', '2026-11-22')).toEqual([]);
  });

  it('derives child_0_6 from birth up to the day before the 7th birthday', () => {
    expect(derivedTags('2026-11-22', '2026-11-22')).toEqual(['child_0_6']);
    expect(derivedTags('2019-11-23', '2026-11-22')).toEqual(['child_0_6']);
    expect(derivedTags('2019-11-22', '2026-11-22')).toEqual([]);
  });

  it('merges derived and recorded tags once each in a stable order; drops unknown stored tags', () => {
    expect(populationTags(['copd', 'hypertension', 'copd', 'retired_tag'], '1950-01-01', '2026-11-22')).toEqual(['elderly_65', 'hypertension', 'copd']);
  });

  it('reads codes and Chinese labels with the usual separators; drops age-based tags; rejects unknown ones', () => {
    expect(parseTagList('hypertension|diabetes_t2')).toEqual(['hypertension', 'diabetes_t2']);
    expect(parseTagList('高血压、2型糖尿病；残疾人, 低保')).toEqual(['hypertension', 'diabetes_t2', 'disabled', 'low_income']);
    expect(parseTagList('65岁及以上老年人 老年人 elderly_65 copd')).toEqual(['copd']);
    expect(parseTagList(' ')).toEqual([]);
    expect(() => parseTagList('copd|flying')).toThrow(expect.objectContaining({ field: 'tags', code: 'unknown_tag', params: { tag: 'flying' } }));
  });

  it('every recorded tag reads back from its Chinese label (a roster exported with labels re-imports)', () => {
    for (const tag of RECORDED_TAGS) expect(parseTagList(POPULATION_TAG_LABELS[tag])).toEqual([tag]);
  });

  it('the pregnant tag is for women only', () => {
    expect(() => assertTagsFitSex(['pregnant'], 'female')).not.toThrow();
    expect(() => assertTagsFitSex(['hypertension'], 'male')).not.toThrow();
    expect(() => assertTagsFitSex(['pregnant'], 'male')).toThrow(InvalidValueError);
  });
});
