import { useQuery } from '@tanstack/react-query';
import { Checkbox, Form, Input, Radio, Select } from 'antd';
import { FormDialog } from './FormDialog';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { useUser } from '../../auth/session';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { useFormSubmit } from '../../shell/use-form-submit';
import { today } from './format';
import { useRefreshSickbed, type Sickbed } from './queries';

type Close = components['schemas']['CloseSickbedDto'];
type Outcome = Close['outcome'];
type Urgency = components['schemas']['ClosureReferralDto']['urgency'];
const OUTCOMES: Outcome[] = ['recovered', 'improved', 'not_cured', 'transferred_to_hospital', 'died', 'patient_request', 'cycle_end', 'other'];
// emergent: the green channel (绿色通道)
const URGENCIES: Urgency[] = ['routine', 'urgent', 'emergent'];

const messages = defineMessages(
  {
    title: '预撤床', again: '修改撤床记录', closureDate: '撤床日期', outcome: '转归', outcomeRequired: '请选择转归',
    diagnosisCode: '撤床诊断编码（ICD-10）', diagnosisName: '撤床诊断名称', summary: '撤床小结', summaryRequired: '请填写撤床小结',
    required: '必填', condition: '撤床时情况', advice: '医嘱与随访计划', withReferral: '同时发起上转（转住院）',
    hospital: '接收医院', department: '科室', urgency: '紧急程度', reason: '转诊原因', referralSummary: '病情摘要（给接收医院）',
    ok: '确认预撤床', cancel: '取消', hint: '预撤床后查床不再到期；可取消撤床，确认后撤床。',
  },
  {
    title: 'Record closure', again: 'Correct the closure', closureDate: 'Closure date', outcome: 'Outcome', outcomeRequired: 'Choose the outcome',
    diagnosisCode: 'Closure diagnosis code (ICD-10)', diagnosisName: 'Closure diagnosis', summary: 'Closure summary', summaryRequired: 'Write the closure summary',
    required: 'Required', condition: 'Condition at closure', advice: 'Advice and follow-up plan', withReferral: 'Also refer up (hospital admission)',
    hospital: 'Receiving hospital', department: 'Department', urgency: 'Urgency', reason: 'Reason for referral', referralSummary: 'Clinical summary for the hospital',
    ok: 'Record the closure', cancel: 'Cancel', hint: 'Rounds stop being due. The closure can be undone until it is finalized.',
  },
);

interface Values {
  closureDate: string;
  outcome: Outcome;
  closureDiagnosis: { code: string; name: string };
  summary: string;
  conditionAtClosure?: string;
  advice?: string;
  withReferral?: boolean;
  referral?: { toInstitutionId: string; department?: string; urgency: Urgency; reason: string; summary: string };
}

const optional = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

function useHospitals(enabled: boolean) {
  const user = useUser();
  return useQuery({
    queryKey: ['institutions', user.scope.countyId, 'with-desk'],
    enabled,
    queryFn: async () => {
      const page = await call(api.GET('/api/v1/institutions', { params: { query: { countyId: user.scope.countyId ?? undefined, limit: 200 } } }));
      return page.items.filter((i) => i.active && i.hasReferralDesk && i.id !== user.scope.institutionId);
    },
  });
}

/** 预撤床: closure date, outcome, diagnosis and summary; with a transfer to hospital, optionally the up-referral too. */
export function CloseModal({ episode, open, onClose }: { episode: Sickbed; open: boolean; onClose: () => void }) {
  const t = useMessages(messages);
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const refresh = useRefreshSickbed();
  const outcome = Form.useWatch('outcome', form);
  const withReferral = Form.useWatch('withReferral', form);
  const referring = outcome === 'transferred_to_hospital' && !!withReferral && !episode.linkedReferralId;
  const hospitals = useHospitals(open && referring);
  const c = episode.closure;

  const { submit, saving: busy } = useFormSubmit(
    form,
    async (v: Values) => {
      const diagnosis = { code: v.closureDiagnosis.code.trim(), name: v.closureDiagnosis.name.trim() };
      const body: Close = {
        version: episode.version,
        closureDate: v.closureDate,
        outcome: v.outcome,
        closureDiagnosis: diagnosis,
        summary: v.summary.trim(),
        conditionAtClosure: optional(v.conditionAtClosure),
        advice: optional(v.advice),
      };
      if (referring && v.referral) {
        body.referral = {
          toInstitutionId: v.referral.toInstitutionId, department: optional(v.referral.department), urgency: v.referral.urgency,
          reason: v.referral.reason.trim(), diagnoses: [diagnosis], summary: v.referral.summary.trim(),
        };
      }
      return call(api.POST('/api/v1/sickbeds/{id}/close', { params: { path: { id: episode.id } }, body }));
    },
    { onDone: onClose, settled: () => refresh(episode.id) },
  );


  const initial: Partial<Values> = {
    closureDate: c?.closureDate ?? today(),
    outcome: c?.outcome,
    closureDiagnosis: c?.diagnosis ?? episode.admissionDiagnosis ?? { code: '', name: '' },
    summary: c?.summary,
    conditionAtClosure: c?.conditionAtClosure ?? undefined,
    advice: c?.advice ?? undefined,
    // no hospital chosen yet: the required rule asks for one
    referral: { urgency: 'routine' } as Values['referral'],
  };
  const required = { required: true, whitespace: true, message: t.required };

  return (
    <FormDialog
      open={open}
      title={c ? t.again : t.title}
      okText={t.ok}
      cancelText={t.cancel}
      okButtonProps={{ danger: true, loading: busy }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>{t.hint}</p>
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        <Form.Item name="closureDate" label={t.closureDate} rules={[required]}>
          <Input type="date" min={episode.startDate ?? undefined} max={today()} />
        </Form.Item>
        <Form.Item name="outcome" label={t.outcome} rules={[{ required: true, message: t.outcomeRequired }]}>
          <Select options={OUTCOMES.map((o) => ({ value: o, label: label('closure_outcome', o) }))} />
        </Form.Item>
        <Form.Item name={['closureDiagnosis', 'code']} label={t.diagnosisCode} rules={[required, { max: 16 }]}>
          <Input maxLength={16} />
        </Form.Item>
        <Form.Item name={['closureDiagnosis', 'name']} label={t.diagnosisName} rules={[required, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="summary" label={t.summary} rules={[{ required: true, whitespace: true, message: t.summaryRequired }, { max: 4000 }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="conditionAtClosure" label={t.condition} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="advice" label={t.advice} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        {outcome === 'transferred_to_hospital' && !episode.linkedReferralId && (
          <Form.Item name="withReferral" valuePropName="checked">
            <Checkbox>{t.withReferral}</Checkbox>
          </Form.Item>
        )}
        {referring && (
          <>
            <Form.Item name={['referral', 'toInstitutionId']} label={t.hospital} rules={[{ required: true, message: t.required }]}>
              <Select loading={hospitals.isPending} options={(hospitals.data ?? []).map((i) => ({ value: i.id, label: i.name }))} />
            </Form.Item>
            <Form.Item name={['referral', 'department']} label={t.department} rules={[{ max: 64 }]}>
              <Input maxLength={64} />
            </Form.Item>
            <Form.Item name={['referral', 'urgency']} label={t.urgency} rules={[{ required: true }]}>
              <Radio.Group options={URGENCIES.map((u) => ({ value: u, label: label('referral_urgency', u) }))} />
            </Form.Item>
            <Form.Item name={['referral', 'reason']} label={t.reason} rules={[required, { max: 500 }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Form.Item name={['referral', 'summary']} label={t.referralSummary} rules={[required, { max: 4000 }]}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </>
        )}
      </Form>
    </FormDialog>
  );
}
