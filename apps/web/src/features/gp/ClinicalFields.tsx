import { Form, Input, Radio } from 'antd';
import { defineMessages, useMessages } from '../../i18n';

const messages = defineMessages(
  {
    chiefComplaint: '主诉', presentIllness: '现病史', pastHistory: '既往史', treatmentSoFar: '治疗经过', keyResults: '主要检查结果', precautions: '注意事项',
    requestedDate: '预约转诊日期（选填）', consent: '病历共享授权',
    consentYes: '患者同意向接收医院共享病历', consentNo: '患者不同意', consentContract: '按签约时的共享授权',
    consentHint: '未获授权时，接收医院只能看到基本信息与转诊原因',
  },
  {
    chiefComplaint: 'Chief complaint', presentIllness: 'Present illness', pastHistory: 'Past history', treatmentSoFar: 'Treatment so far',
    keyResults: 'Key results', precautions: 'Precautions', requestedDate: 'Requested date (optional)', consent: 'Consent to share records',
    consentYes: 'The patient consents to share with the hospital', consentNo: 'The patient does not consent', consentContract: 'As given at signing',
    consentHint: 'Without consent the hospital sees the demographics and the reason only',
  },
);

/** The form's consent choice: an explicit yes or no, or the contract's county-wide sharing consent (left out of the body). */
export type ConsentChoice = 'yes' | 'no' | 'contract';

export interface ClinicalValues {
  clinical?: Partial<Record<(typeof SECTIONS)[number][0], string>>;
  requestedDate?: string;
  consent: ConsentChoice;
}

const SECTIONS = [['chiefComplaint', 500, 1], ['presentIllness', 2000, 3], ['pastHistory', 2000, 2], ['treatmentSoFar', 2000, 2], ['keyResults', 2000, 2], ['precautions', 1000, 1]] as const;

/** What the POST body carries of these fields: non-blank sections, the date, and the consent unless it is the contract's. */
export function clinicalBody(values: ClinicalValues): { clinical?: Record<string, string>; requestedDate?: string; consentToShare?: boolean } {
  const clinical = Object.fromEntries(SECTIONS.map(([key]) => [key, values.clinical?.[key]?.trim() ?? '']).filter(([, v]) => v));
  return {
    ...(Object.keys(clinical).length ? { clinical } : {}),
    ...(values.requestedDate ? { requestedDate: values.requestedDate } : {}),
    ...(values.consent === 'contract' ? {} : { consentToShare: values.consent === 'yes' }),
  };
}

/** The referral form's clinical sections (docs/domain.md §5.4), requested date and consent to share. */
export function ClinicalFields() {
  const t = useMessages(messages);
  return (
    <>
      {SECTIONS.map(([key, max, rows]) => (
        <Form.Item key={key} name={['clinical', key]} label={t[key]} rules={[{ max }]}>
          <Input.TextArea rows={rows} maxLength={max} />
        </Form.Item>
      ))}
      <Form.Item name="requestedDate" label={t.requestedDate}>
        <Input type="date" style={{ maxWidth: 200 }} />
      </Form.Item>
      <Form.Item name="consent" label={t.consent} extra={t.consentHint}>
        <Radio.Group
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          options={[{ value: 'yes', label: t.consentYes }, { value: 'no', label: t.consentNo }, { value: 'contract', label: t.consentContract }]}
        />
      </Form.Item>
    </>
  );
}
