/** Institution levels of api.md, lowest first. */
export const INSTITUTION_LEVELS = ['village_clinic', 'township_center', 'county_hospital', 'city_hospital', 'provincial_hospital'] as const;
export type InstitutionLevel = (typeof INSTITUTION_LEVELS)[number];

export function levelRank(level: InstitutionLevel): number {
  return INSTITUTION_LEVELS.indexOf(level) + 1;
}

/** 基层医疗卫生机构: village clinics and township/community centres. */
export function isPrimaryCare(level: InstitutionLevel): boolean {
  return level === 'village_clinic' || level === 'township_center';
}

/** Only secondary-plus hospitals staff a referral desk (转诊服务岗), domain.md §2.1. */
export function mayHostReferralDesk(level: InstitutionLevel): boolean {
  return levelRank(level) >= levelRank('county_hospital');
}

/** partOf must point up the tree: a village clinic under a township centre, a centre under a hospital. */
export function isValidParent(child: InstitutionLevel, parent: InstitutionLevel): boolean {
  return levelRank(parent) > levelRank(child);
}
