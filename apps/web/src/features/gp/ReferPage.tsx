import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Flex, Form, Input, Radio, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { useUser } from '../../auth/session';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { ProblemAlert, useFormProblem } from '../../shell/problems';
import { FORM_URGENCIES, INSURANCE_TYPES, KINDS, RED_FLAGS, type InsuranceType, type RedFlag, type ReferralKind, type Urgency } from '../../referrals/priority';
import { TriageAlert } from './TriageAlert';
import { clinicalBody, ClinicalFields, type ClinicalValues } from './ClinicalFields';
import { DiagnosisPicker, type Diagnosis } from './DiagnosisPicker';
import { ScreenTitle } from './parts';
import { keys, levelRank } from './queries';

const messages = defineMessages(
  {
    title: '向上转诊', resident: '居民', to: '转入医院', toRequired: '请选择转入医院', toHint: '仅列出设有转诊服务岗的上级医院',
    department: '转入科室', departmentHint: '如：心血管内科', urgency: '紧急程度', reason: '转诊原因', reasonRequired: '请填写转诊原因',
    kind: '转诊类型', redFlags: '急症指征（有则勾选）', emergencyNotEmergent: '急诊转诊须走绿色通道（危急）',
    insuranceType: '参保类型', insuranceNo: '医保编码 / 社保卡号', insuranceNoHint: '6–32 位字母或数字，保存后只显示脱敏号码',
    insuranceNoFormat: '医保编码应为 6–32 位字母或数字', insuranceTypeRequired: '填写医保编码时请选择参保类型',
    diagnoses: '诊断（ICD-10）', diagnosesRequired: '请至少选择一个诊断', diagnosisName: '请为自填编码写明诊断名称',
    summary: '病情摘要', summaryHint: '现病史、既往史、已做的治疗和主要检查结果', summaryRequired: '请填写病情摘要',
    submit: '提交转诊', draft: '保存草稿', back: '返回', noTarget: '本县没有可接收上转的医院（须设有转诊服务岗且级别高于本机构）。',
  },
  {
    title: 'Refer up', resident: 'Resident', to: 'Receiving hospital', toRequired: 'Choose the hospital', toHint: 'Only higher-level hospitals with a referral desk are listed',
    department: 'Department', departmentHint: 'e.g. Cardiology', urgency: 'Urgency', reason: 'Reason for referral', reasonRequired: 'Give the reason',
    kind: 'Kind of referral', redFlags: 'Red flags (tick any present)', emergencyNotEmergent: 'An emergency referral goes on the green channel (emergent)',
    insuranceType: 'Insurance scheme', insuranceNo: 'Insurance number', insuranceNoHint: '6 to 32 letters or digits; shown masked once saved',
    insuranceNoFormat: 'The insurance number is 6 to 32 letters or digits', insuranceTypeRequired: 'Choose the scheme of this insurance number',
    diagnoses: 'Diagnoses (ICD-10)', diagnosesRequired: 'Choose at least one diagnosis', diagnosisName: 'Name each code you typed yourself',
    summary: 'Clinical summary', summaryHint: 'Present illness, history, treatment so far, key results', summaryRequired: 'Give the summary',
    submit: 'Submit the referral', draft: 'Save as draft', back: 'Back', noTarget: 'No hospital of the county can take an up-referral (it needs a referral desk and a higher level than yours).',
  },
);

interface Values extends ClinicalValues {
  toInstitutionId: string;
  department?: string;
  urgency: Urgency;
  kind: ReferralKind;
  redFlags: RedFlag[];
  insuranceType?: InsuranceType;
  insuranceNo?: string;
  reason: string;
  diagnoses: Diagnosis[];
  summary: string;
}

const INSURANCE_NO = /^[0-9A-Za-z]{6,32}$/;

/**
 * A GP refers the resident up: red flags, priority (the resident's latest readings against the urgent triggers, from
 * GET /referrals/urgent-signs, may suggest the green channel), kind, hospital with a desk, department, ICD-10
 * diagnoses, reason, summary, insurance (POST /referrals).
 */
export function ReferPage() {
  const t = useMessages(messages);
  const label = useLabel();
  const { id = '' } = useParams();
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const formProblem = useFormProblem();
  const [form] = Form.useForm<Values>();
  const institutionId = user.scope.institutionId ?? '';

  const resident = useQuery({ queryKey: keys.resident(id), queryFn: () => call(api.GET('/api/v1/residents/{id}', { params: { path: { id } } })) });
  const own = useQuery({
    queryKey: ['institution', institutionId],
    enabled: !!institutionId,
    queryFn: () => call(api.GET('/api/v1/institutions/{id}', { params: { path: { id: institutionId } } })),
  });
  const institutions = useQuery({
    queryKey: ['institutions', user.scope.countyId],
    queryFn: () => call(api.GET('/api/v1/institutions', { params: { query: { ...(user.scope.countyId ? { countyId: user.scope.countyId } : {}), limit: 200 } } })),
  });

  const urgency = Form.useWatch('urgency', form);
  const redFlags = Form.useWatch('redFlags', form);

  const create = useMutation({
    mutationFn: ({ values, submit }: { values: Values; submit: boolean }) => call(api.POST('/api/v1/referrals', {
      body: {
        direction: 'up', residentId: id, toInstitutionId: values.toInstitutionId, urgency: values.urgency, kind: values.kind,
        ...(values.department?.trim() ? { department: values.department.trim() } : {}),
        ...(values.redFlags?.length ? { redFlags: values.redFlags } : {}),
        ...(values.insuranceType ? { insuranceType: values.insuranceType } : {}),
        ...(values.insuranceNo?.trim() ? { insuranceNo: values.insuranceNo.trim() } : {}),
        ...clinicalBody(values),
        reason: values.reason.trim(), summary: values.summary.trim(),
        diagnoses: values.diagnoses.map((d) => ({ code: d.code, name: d.name.trim() })), submit,
      },
    })),
    onSuccess: (referral) => {
      void queryClient.invalidateQueries({ queryKey: keys.residentReferrals(id) });
      navigate(`/clinic/referrals/${referral.id}`, { replace: true });
    },
    onError: (e) => formProblem(form, e),
  });

  if (resident.isPending || institutions.isPending || own.isPending) return <Loading />;
  if (resident.isError) return <ProblemAlert error={resident.error} />;
  if (institutions.isError) return <ProblemAlert error={institutions.error} />;
  const ownRank = own.data ? levelRank(own.data.level) : 0;
  const targets = institutions.data.items.filter((i) => i.active && i.hasReferralDesk && levelRank(i.level) > ownRank && i.id !== institutionId);

  const send = (submit: boolean) => form.validateFields().then((values) => create.mutate({ values, submit })).catch(() => undefined);

  return (
    <div style={{ maxWidth: 720 }}>
      <ScreenTitle extra={<Typography.Text>{t.resident}：{resident.data.name}（{label('sex', resident.data.sex)}，{resident.data.age}）</Typography.Text>}>{t.title}</ScreenTitle>
      {targets.length === 0 && <Alert type="warning" showIcon title={t.noTarget} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form} layout="vertical"
        initialValues={{ urgency: 'routine', kind: 'outpatient', redFlags: [], diagnoses: [], consent: 'contract', toInstitutionId: targets.length === 1 ? targets[0].id : undefined }}
        // an emergency-department referral is the green channel by definition (the API refuses it otherwise)
        onValuesChange={(changed: Partial<Values>) => { if (changed.kind === 'emergency') form.setFieldsValue({ urgency: 'emergent' }); }}
      >
        <Form.Item name="redFlags" label={t.redFlags}>
          <Checkbox.Group options={RED_FLAGS.map((f) => ({ value: f, label: label('urgent_sign', f) }))} />
        </Form.Item>
        <TriageAlert residentId={id} redFlags={redFlags ?? []} urgency={urgency} onGreenChannel={() => form.setFieldsValue({ urgency: 'emergent' })} />
        <Form.Item name="urgency" label={t.urgency} dependencies={['kind']} rules={[{
          validator: async (_: unknown, value: Urgency) => { if (form.getFieldValue('kind') === 'emergency' && value !== 'emergent') throw new Error(t.emergencyNotEmergent); },
        }]}>
          <Radio.Group options={FORM_URGENCIES.map((u) => ({ value: u, label: label('referral_urgency', u) }))} />
        </Form.Item>
        {/* radios, not a Select: one tap on a phone, and no Select in the clinic's chunk (docs/web.md budgets) */}
        <Form.Item name="kind" label={t.kind}>
          <Radio.Group options={KINDS.map((k) => ({ value: k, label: label('referral_kind', k) }))} />
        </Form.Item>
        <Form.Item name="toInstitutionId" label={t.to} extra={t.toHint} rules={[{ required: true, message: t.toRequired }]}>
          <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={targets.map((i) => ({ value: i.id, label: `${i.name}（${label('institution_level', i.level)}）` }))} />
        </Form.Item>
        <Form.Item name="department" label={t.department} extra={t.departmentHint} rules={[{ max: 64 }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="diagnoses" label={t.diagnoses} rules={[
          { required: true, type: 'array', min: 1, message: t.diagnosesRequired },
          { validator: async (_: unknown, value: Diagnosis[] = []) => { if (value.some((d) => !d.name.trim())) throw new Error(t.diagnosisName); } },
        ]}>
          <DiagnosisPicker />
        </Form.Item>
        <Form.Item name="reason" label={t.reason} rules={[{ required: true, whitespace: true, message: t.reasonRequired }, { max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="summary" label={t.summary} extra={t.summaryHint} rules={[{ required: true, whitespace: true, message: t.summaryRequired }, { max: 4000 }]}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <ClinicalFields />
        <Form.Item name="insuranceType" label={t.insuranceType} dependencies={['insuranceNo']} rules={[{
          validator: async (_: unknown, value?: InsuranceType) => { if (!value && form.getFieldValue('insuranceNo')?.trim()) throw new Error(t.insuranceTypeRequired); },
        }]}>
          <Radio.Group options={INSURANCE_TYPES.map((i) => ({ value: i, label: label('insurance_type', i) }))} />
        </Form.Item>
        <Form.Item name="insuranceNo" label={t.insuranceNo} extra={t.insuranceNoHint} rules={[{
          validator: async (_: unknown, value?: string) => { if (value?.trim() && !INSURANCE_NO.test(value.replace(/\s+/g, ''))) throw new Error(t.insuranceNoFormat); },
        }]}>
          <Input maxLength={40} autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Flex gap={8} wrap>
          <Button type="primary" loading={create.isPending && create.variables?.submit} onClick={() => void send(true)} style={{ flex: 1 }}>{t.submit}</Button>
          <Button loading={create.isPending && !create.variables?.submit} onClick={() => void send(false)}>{t.draft}</Button>
          <Button onClick={() => navigate(-1)}>{t.back}</Button>
        </Flex>
      </Form>
    </div>
  );
}
