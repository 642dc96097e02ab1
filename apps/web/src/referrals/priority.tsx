import type { components } from '../api/schema';
import { useLabel } from '../i18n';
import { StatusTag, type Tone } from '../shell/StatusTag';

/**
 * The codes of a referral's priority, kind, red flags and insurance scheme, as the API's schema types them; their
 * words come from GET /dictionaries (`referral_urgency`, `referral_kind`, `urgent_sign`, `insurance_type`).
 */
type ReferralView = components['schemas']['ReferralView'];
export type Urgency = ReferralView['urgency'];
export type ReferralKind = ReferralView['kind'];
export type RedFlag = components['schemas']['ReferralDetailView']['redFlags'][number];
export type InsuranceType = NonNullable<components['schemas']['InsuranceView']['type']>;

/** In the order the desk works them (the API's queue order): emergent (the green channel, 绿色通道), urgent, routine. */
export const URGENCIES: readonly Urgency[] = ['emergent', 'urgent', 'routine'];
/** As a form offers them: the usual one first. */
export const FORM_URGENCIES: readonly Urgency[] = ['routine', 'urgent', 'emergent'];
export const KINDS: readonly ReferralKind[] = ['outpatient', 'inpatient', 'diagnostic', 'emergency'];
export const RED_FLAGS: readonly RedFlag[] = ['altered_consciousness', 'chest_pain', 'pregnancy_hypertension'];
export const INSURANCE_TYPES: readonly InsuranceType[] = ['employee', 'resident', 'other'];

/** Only the green channel is a danger; urgent (加急) is a warning; routine is plain. */
export const URGENCY_TONE: Record<Urgency, Tone> = { emergent: 'danger', urgent: 'warning', routine: 'neutral' };

/** A referral's priority as a tag: its words, on the tint of its tone. */
export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const label = useLabel();
  return <StatusTag tone={URGENCY_TONE[urgency]} data-status={urgency} data-testid="referral-urgency">{label('referral_urgency', urgency)}</StatusTag>;
}
