export * from './referral.entity';
export * from './referral-event.entity';
export * from './referrals.service';
export * from './referral-desk.service';
export * from './inpatient-admissions';
export * from './referral.jobs';
export * from './referral-indicators.query';
export * from './referrals.module';
export * from './http/referral.view';
export * from './demo-seed';

import { ReferralEvent } from './referral-event.entity';
import { Referral } from './referral.entity';
export const REFERRAL_ENTITIES = [Referral, ReferralEvent];
