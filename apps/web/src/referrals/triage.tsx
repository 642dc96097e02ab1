import { Alert, Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { components } from '../api/schema';
import { formatDateTime } from '../features/desk/format';
import { defineMessages, useLabel, useLanguage, useMessages } from '../i18n';
import { RED_FLAGS, UrgencyTag } from './priority';

type UrgentSign = components['schemas']['UrgentSignView'];
type ReferralDetail = components['schemas']['ReferralDetailView'];

/** The unit of each measured sign (the dictionary's words already name the threshold: 收缩压 ≥ 180 mmHg). */
const UNIT: Partial<Record<UrgentSign['code'], string>> = { sbp_high: 'mmHg', dbp_high: 'mmHg', glucose_high: 'mmol/L', glucose_low: 'mmol/L' };

const messages = defineMessages(
  {
    reading: (value: number, unit: string, threshold: number | undefined) => `实测 ${value} ${unit}${threshold === undefined ? '' : `（阈值 ${threshold}）`}`,
    sickbed_round: '家床查房', service: '签约服务', measuredAt: (at: string) => `测于 ${at}`, stale: '已超过 72 小时，仅供参考，不作提示',
    mismatch: '体征提示应走绿色通道',
    mismatchDetail: (chosen: string) => `转出时记录的体征或急症指征达到绿色通道（危急）标准，本单按「${chosen}」转诊，请评估是否优先处理。`,
    kind: '转诊类型', urgency: '紧急程度', insurance: '医保', notGiven: '未填写', redFlags: '急症指征', signs: '急转体征读数',
  },
  {
    reading: (value: number, unit: string, threshold: number | undefined) => `measured ${value} ${unit}${threshold === undefined ? '' : ` (threshold ${threshold})`}`,
    sickbed_round: 'Sickbed round', service: 'Contracted service', measuredAt: (at: string) => `on ${at}`, stale: 'Older than 72 hours: for information, suggests nothing',
    mismatch: 'The signs suggest the green channel',
    mismatchDetail: (chosen: string) => `The signs or red flags recorded by the sender meet the green-channel (emergent) triggers, but this referral was sent as "${chosen}": consider handling it first.`,
    kind: 'Kind', urgency: 'Urgency', insurance: 'Insurance', notGiven: 'Not given', redFlags: 'Red flags', signs: 'Urgent readings',
  },
);

/** Each urgent-referral sign: what it is, the reading and its threshold, where and when it was measured, stale or not. */
export function UrgentSignList({ signs }: { signs: UrgentSign[] }) {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {signs.map((s) => {
        const facts = [
          s.value !== undefined ? t.reading(s.value, UNIT[s.code] ?? '', s.threshold) : null,
          s.source ? t[s.source] : null,
          s.recordedAt ? t.measuredAt(formatDateTime(s.recordedAt, language)) : null,
        ].filter(Boolean);
        return (
          <li key={`${s.code}:${s.sourceId ?? ''}`} data-testid="urgent-sign" data-stale={s.stale}>
            <Typography.Text strong>{label('urgent_sign', s.code)}</Typography.Text>
            {facts.length > 0 && <Typography.Text>{'：'}{facts.join(' · ')}</Typography.Text>}
            {s.stale && <Typography.Text type="secondary">{'（'}{t.stale}{'）'}</Typography.Text>}
          </li>
        );
      })}
    </ul>
  );
}

/** A referral whose signs suggest the green channel but was not sent on it: said where it is read (desk and sender). */
export function GreenChannelMismatch({ referral }: { referral: Pick<ReferralDetail, 'urgency' | 'suggestedUrgency'> }) {
  const t = useMessages(messages);
  const label = useLabel();
  if (referral.suggestedUrgency !== 'emergent' || referral.urgency === 'emergent') return null;
  return <Alert type="warning" showIcon title={t.mismatch} description={t.mismatchDetail(label('referral_urgency', referral.urgency))} data-testid="green-channel-mismatch" />;
}

/** The triage facts of a referral as description items: kind, priority, insurance (masked), red flags and measured signs. */
export function useTriageItems(r: ReferralDetail, options: { urgency?: boolean } = {}): { key: string; label: string; children: ReactNode }[] {
  const t = useMessages(messages);
  const label = useLabel();
  const measured = r.urgentSigns.filter((s) => !(RED_FLAGS as readonly string[]).includes(s.code));
  const insurance = [r.insurance.type ? label('insurance_type', r.insurance.type) : null, r.insurance.numberMasked].filter(Boolean).join(' ');
  return [
    { key: 'kind', label: t.kind, children: label('referral_kind', r.kind) },
    ...(options.urgency === false ? [] : [{ key: 'urgency', label: t.urgency, children: <UrgencyTag urgency={r.urgency} /> }]),
    { key: 'insurance', label: t.insurance, children: <span data-testid="referral-insurance">{insurance || t.notGiven}</span> },
    ...(r.redFlags.length ? [{ key: 'redFlags', label: t.redFlags, children: r.redFlags.map((f) => label('urgent_sign', f)).join('、') }] : []),
    ...(measured.length ? [{ key: 'signs', label: t.signs, children: <UrgentSignList signs={measured} /> }] : []),
  ];
}

/** The same facts as their own description list (a screen that lays out its other facts elsewhere). */
export function TriageDescriptions({ referral, urgency }: { referral: ReferralDetail; urgency?: boolean }) {
  return <Descriptions size="small" column={1} items={useTriageItems(referral, { urgency })} />;
}
