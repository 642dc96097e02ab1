import { InvalidValueError } from '../shared/domain-error';
import { assertPackageItems, overlappingItemCode, packageFitsResident, packagePricing } from './service-package';

describe('service packages (domain.md §3.1)', () => {
  it('stores money as fen and the self-paid part as a share or an amount', () => {
    expect(packagePricing({ priceYuan: 120 })).toEqual({ priceFen: 12000, selfPayFen: 0 });
    expect(packagePricing({ priceYuan: 120.5, selfPayShare: 0.3 })).toEqual({ priceFen: 12050, selfPayFen: 3615 });
    expect(packagePricing({ priceYuan: 99.99, selfPayShare: 1 / 3 })).toEqual({ priceFen: 9999, selfPayFen: 3333 });
    expect(packagePricing({ priceYuan: 120, selfPayYuan: 36 })).toEqual({ priceFen: 12000, selfPayFen: 3600 });
    expect(() => packagePricing({ priceYuan: 1.234 })).toThrow(InvalidValueError);
    expect(() => packagePricing({ priceYuan: 10, selfPayYuan: 11 })).toThrow(InvalidValueError);
    expect(() => packagePricing({ priceYuan: 10, selfPayShare: 1.2 })).toThrow(InvalidValueError);
    expect(() => packagePricing({ priceYuan: 10, selfPayShare: 0.2, selfPayYuan: 2 })).toThrow(InvalidValueError);
  });

  it('lists each item once with a sane yearly count', () => {
    const item = { code: 'htn_follow_up', name: '高血压随访', timesPerYear: 4, modality: 'face_to_face' as const };
    expect(() => assertPackageItems([item])).not.toThrow();
    expect(() => assertPackageItems([item, item])).toThrow(InvalidValueError);
    expect(() => assertPackageItems([{ ...item, timesPerYear: 0 }])).toThrow(InvalidValueError);
  });

  it('a personalized package is for its target populations, a basic one for everyone', () => {
    const htn = { kind: 'personalized' as const, targetPopulations: ['hypertension', 'elderly_65'] };
    expect(packageFitsResident(htn, ['elderly_65'])).toBe(true);
    expect(packageFitsResident(htn, ['diabetes_t2'])).toBe(false);
    expect(packageFitsResident({ kind: 'basic', targetPopulations: ['hypertension'] }, [])).toBe(true);
    expect(packageFitsResident({ kind: 'personalized', targetPopulations: [] }, [])).toBe(true);
  });

  it('finds an item promised by two chosen packages', () => {
    const a = { items: [{ code: 'check' }, { code: 'htn' }] };
    expect(overlappingItemCode([a, { items: [{ code: 'dm' }] }])).toBeNull();
    expect(overlappingItemCode([a, { items: [{ code: 'htn' }] }])).toBe('htn');
  });
});
