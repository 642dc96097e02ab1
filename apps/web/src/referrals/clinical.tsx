import { Alert, Descriptions } from 'antd';
import type { ReactNode } from 'react';
import type { components } from '../api/schema';
import { defineMessages, useMessages } from '../i18n';

type ReferralView = components['schemas']['ReferralView'];
type ReferralDetail = components['schemas']['ReferralDetailView'];
type Outcome = NonNullable<ReferralDetail['outcome']>;

const messages = defineMessages(
  {
    withheld: '未获患者授权共享病历', withheldTitle: '患者未同意向本院共享病历',
    withheldDetail: '仅显示基本信息与转诊原因；诊断、病情摘要与检查结果由转出机构保管（患者到诊时可当面补充授权）。',
    chiefComplaint: '主诉', presentIllness: '现病史', pastHistory: '既往史', treatmentSoFar: '治疗经过', keyResults: '主要检查结果', precautions: '注意事项',
    requestedDate: '预约转诊日期', consent: '病历共享授权', consentYes: '已同意向接收机构共享', consentNo: '未同意', consentUnknown: '未记录（历史转诊单）',
    treatment: '治疗经过', medications: '出院带药', followUpPlan: '随访计划',
  },
  {
    withheld: 'Not shared (no consent)', withheldTitle: 'The patient did not consent to share records with this hospital',
    withheldDetail: 'Only the demographics and the reason are shown; diagnoses, summary and results stay with the sender (consent can be given in person on arrival).',
    chiefComplaint: 'Chief complaint', presentIllness: 'Present illness', pastHistory: 'Past history', treatmentSoFar: 'Treatment so far',
    keyResults: 'Key results', precautions: 'Precautions',
    requestedDate: 'Requested date', consent: 'Consent to share', consentYes: 'Given for the receiving institution', consentNo: 'Not given',
    consentUnknown: 'Not recorded (older referral)',
    treatment: 'Treatment', medications: 'Medications on discharge', followUpPlan: 'Follow-up plan',
  },
);

const SECTIONS = ['chiefComplaint', 'presentIllness', 'pastHistory', 'treatmentSoFar', 'keyResults', 'precautions'] as const;

/** The primary diagnosis as a list shows it, or that it is not shared with the reader (docs/domain.md §5.4). */
export function PrimaryDiagnosis({ referral }: { referral: Pick<ReferralView, 'primaryDiagnosis' | 'clinicalWithheld'> }) {
  const t = useMessages(messages);
  const dx = referral.primaryDiagnosis;
  return <>{dx ? `${dx.name}（${dx.code}）` : t.withheld}</>;
}

/** Said once at the top of the receiving side's view when the clinical content is withheld. */
export function ClinicalWithheldNotice({ referral }: { referral: Pick<ReferralView, 'clinicalWithheld'> }) {
  const t = useMessages(messages);
  if (!referral.clinicalWithheld) return null;
  return <Alert type="info" showIcon title={t.withheldTitle} description={t.withheldDetail} data-testid="clinical-withheld" />;
}

/** The form's clinical sections, the requested date and the consent, as description items. */
export function useClinicalItems(r: Pick<ReferralDetail, 'clinical' | 'requestedDate' | 'consentToShare'>): { key: string; label: string; children: ReactNode }[] {
  const t = useMessages(messages);
  const items: { key: string; label: string; children: ReactNode }[] = [];
  for (const key of SECTIONS) {
    const text = r.clinical?.[key];
    if (text) items.push({ key, label: t[key], children: <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span> });
  }
  if (r.requestedDate) items.push({ key: 'requestedDate', label: t.requestedDate, children: r.requestedDate });
  const consent = r.consentToShare === true ? t.consentYes : r.consentToShare === false ? t.consentNo : t.consentUnknown;
  items.push({ key: 'consent', label: t.consent, children: <span data-testid="referral-consent">{consent}</span> });
  return items;
}

/** What the receiving institution sends back beside the diagnosis result: treatment, medications, follow-up plan. */
export function useOutcomeItems(outcome: Outcome | null): { key: string; label: string; children: ReactNode }[] {
  const t = useMessages(messages);
  const items: { key: string; label: string; children: ReactNode }[] = [];
  if (!outcome) return items;
  if (outcome.treatment) items.push({ key: 'treatment', label: t.treatment, children: outcome.treatment });
  if (outcome.medications.length) {
    items.push({
      key: 'medications', label: t.medications,
      children: (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {outcome.medications.map((m, i) => <li key={`${m.name}:${i}`}>{[m.name, m.dose, m.frequency].filter(Boolean).join(' ')}</li>)}
        </ul>
      ),
    });
  }
  if (outcome.followUpPlan) items.push({ key: 'followUpPlan', label: t.followUpPlan, children: outcome.followUpPlan });
  return items;
}

/** The outcome's treatment, medications and follow-up plan as their own block (the desk's outcome card). */
export function OutcomeExtras({ outcome }: { outcome: Outcome }) {
  const items = useOutcomeItems(outcome);
  return items.length ? <Descriptions size="small" column={1} items={items} /> : null;
}

/** The clinical sections as their own block (the desk's clinical card). */
export function ClinicalSections({ referral }: { referral: Pick<ReferralDetail, 'clinical' | 'requestedDate' | 'consentToShare'> }) {
  const items = useClinicalItems(referral);
  return <Descriptions size="small" column={1} items={items} style={{ marginTop: 12 }} />;
}
