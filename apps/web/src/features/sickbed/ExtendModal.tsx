import { Checkbox, Form, Input, InputNumber, Radio } from 'antd';
import { FormDialog } from './FormDialog';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { useFormSubmit } from '../../shell/use-form-submit';
import { useRefreshSickbed, type Sickbed } from './queries';

type Extend = components['schemas']['ExtendSickbedDto'];
type Criteria = components['schemas']['EligibilityCriteriaDto'];
type Result = components['schemas']['ExtensionReassessmentDto']['result'];

export const INDICATIONS: Criteria['indications'] = [
  'bedridden_or_disabled', 'frail_elderly', 'post_discharge_treatment', 'rehab_after_stroke_or_fracture', 'terminal_or_palliative', 'long_term_tube_or_wound_care',
];
export const EXCLUSIONS: Criteria['exclusions'] = ['needs_hospital_rescue', 'needs_large_equipment', 'infectious_period'];
const RESULTS: Result[] = ['eligible', 'ineligible', 'pending'];

const messages = defineMessages(
  {
    title: '续床（再评估）', result: '评估结论', checklist: '评估项目', diagnosisClear: '诊断明确', conditionStable: '病情稳定，适合居家治疗',
    homeSafe: '居家环境安全（通行、水电）', caregiverPresent: '有照护人', indications: '收治指征（至少一项）', exclusions: '排除情形（有任一项即不符合）',
    score: 'Barthel 日常生活能力评分（0–100，5 分一档）', reason: '说明（结论不是“符合”时必填）', reasonRequired: '结论不是“符合”时请写明原因',
    agreement: '已签署续床协议', consent: '已签署知情同意书', plannedEnd: '新周期计划撤床日期（可不填，取最长）',
    newCycle: (d: string) => `新周期自 ${d} 开始。续床需“符合建床条件”的再评估。`, ok: '确认续床', cancel: '取消', step: '请按 5 分一档填写',
  },
  {
    title: 'Extend (reassessment)', result: 'Result', checklist: 'Checklist', diagnosisClear: 'Diagnosis is clear', conditionStable: 'Condition stable enough for home care',
    homeSafe: 'Home is safe (access, power, water)', caregiverPresent: 'A caregiver is present', indications: 'Indications (at least one)', exclusions: 'Exclusions (any one excludes)',
    score: 'Barthel ADL score (0–100, steps of 5)', reason: 'Reason (required unless eligible)', reasonRequired: 'Give the reason when the result is not eligible',
    agreement: 'Renewed agreement signed', consent: 'Informed consent signed', plannedEnd: 'Planned end of the new cycle (optional: the longest allowed)',
    newCycle: (d: string) => `The new cycle starts on ${d}. An extension needs an eligible reassessment.`, ok: 'Extend the bed', cancel: 'Cancel', step: 'Use steps of 5',
  },
);

interface Values {
  reassessment: {
    result: Result;
    criteria: Criteria;
    functionalScore?: number | null;
    reason?: string;
    agreementSigned: boolean;
    consentSigned: boolean;
  };
  plannedEndDate?: string;
}

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** 续床: a reassessment form, then POST /sickbeds/:id/extend with the episode's version. */
export function ExtendModal({ episode, open, onClose }: { episode: Sickbed; open: boolean; onClose: () => void }) {
  const t = useMessages(messages);
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const refresh = useRefreshSickbed();
  const result = Form.useWatch(['reassessment', 'result'], form);
  const latest = episode.latestAssessment;

  const { submit, saving: busy } = useFormSubmit(
    form,
    async (v: Values) => {
      const r = v.reassessment;
      const body: Extend = {
        version: episode.version,
        reassessment: {
          result: r.result,
          criteria: { ...r.criteria, indications: r.criteria.indications ?? [], exclusions: r.criteria.exclusions ?? [] },
          functionalScore: r.functionalScore ?? undefined,
          reason: r.reason?.trim() || undefined,
          agreementSigned: !!r.agreementSigned,
          consentSigned: !!r.consentSigned,
        },
        plannedEndDate: v.plannedEndDate || undefined,
      };
      return call(api.POST('/api/v1/sickbeds/{id}/extend', { params: { path: { id: episode.id } }, body }));
    },
    { onDone: onClose, settled: () => refresh(episode.id) },
  );


  const initial: Values = {
    reassessment: {
      result: 'eligible',
      criteria: {
        diagnosisClear: true, conditionStable: true, homeSafe: true, caregiverPresent: true,
        indications: latest?.criteria.indications ?? [], exclusions: [],
      },
      functionalScore: latest?.functionalScore ?? undefined,
      agreementSigned: false,
      consentSigned: false,
    },
  };

  return (
    <FormDialog
      open={open}
      title={t.title}
      okText={t.ok}
      cancelText={t.cancel}
      okButtonProps={{ loading: busy }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      {episode.plannedEndDate && <p>{t.newCycle(dayAfter(episode.plannedEndDate))}</p>}
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        <Form.Item name={['reassessment', 'result']} label={t.result} rules={[{ required: true }]}>
          <Radio.Group options={RESULTS.map((r) => ({ value: r, label: label('assessment_result', r) }))} />
        </Form.Item>
        <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
          <legend style={{ fontSize: 14, marginBottom: 4, color: 'inherit', borderBottom: 0 }}>{t.checklist}</legend>
          {(['diagnosisClear', 'conditionStable', 'homeSafe', 'caregiverPresent'] as const).map((k) => (
            <Form.Item key={k} name={['reassessment', 'criteria', k]} valuePropName="checked" style={{ marginBottom: 4 }}>
              <Checkbox>{t[k]}</Checkbox>
            </Form.Item>
          ))}
        </fieldset>
        <Form.Item name={['reassessment', 'criteria', 'indications']} label={t.indications}>
          <Checkbox.Group options={INDICATIONS.map((c) => ({ value: c, label: label('admission_indication', c) }))} style={{ display: 'grid' }} />
        </Form.Item>
        <Form.Item name={['reassessment', 'criteria', 'exclusions']} label={t.exclusions}>
          <Checkbox.Group options={EXCLUSIONS.map((c) => ({ value: c, label: label('admission_exclusion', c) }))} style={{ display: 'grid' }} />
        </Form.Item>
        <Form.Item
          name={['reassessment', 'functionalScore']}
          label={t.score}
          rules={[{ type: 'number', min: 0, max: 100 }, { validator: (_r, v: number | null | undefined) => (v == null || v % 5 === 0 ? Promise.resolve() : Promise.reject(new Error(t.step))) }]}
        >
          <InputNumber min={0} max={100} step={5} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name={['reassessment', 'reason']}
          label={t.reason}
          rules={[{ required: result !== undefined && result !== 'eligible', whitespace: true, message: t.reasonRequired }, { max: 500 }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name={['reassessment', 'agreementSigned']} valuePropName="checked" style={{ marginBottom: 4 }}>
          <Checkbox>{t.agreement}</Checkbox>
        </Form.Item>
        <Form.Item name={['reassessment', 'consentSigned']} valuePropName="checked">
          <Checkbox>{t.consent}</Checkbox>
        </Form.Item>
        <Form.Item name="plannedEndDate" label={t.plannedEnd}>
          <Input type="date" min={episode.plannedEndDate ? dayAfter(episode.plannedEndDate) : undefined} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
