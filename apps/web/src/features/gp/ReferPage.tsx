import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, Radio, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { useUser } from '../../auth/session';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { ProblemAlert, useFormProblem } from '../../shell/problems';
import { DiagnosisPicker, type Diagnosis } from './DiagnosisPicker';
import { ScreenTitle } from './parts';
import { keys, levelRank } from './queries';

const messages = defineMessages(
  {
    title: '向上转诊', resident: '居民', to: '转入医院', toRequired: '请选择转入医院', toHint: '仅列出设有转诊服务岗的上级医院',
    department: '转入科室', departmentHint: '如：心血管内科', urgency: '紧急程度', reason: '转诊原因', reasonRequired: '请填写转诊原因',
    diagnoses: '诊断（ICD-10）', diagnosesRequired: '请至少选择一个诊断', diagnosisName: '请为自填编码写明诊断名称',
    summary: '病情摘要', summaryHint: '现病史、既往史、已做的治疗和主要检查结果', summaryRequired: '请填写病情摘要',
    submit: '提交转诊', draft: '保存草稿', back: '返回', noTarget: '本县没有可接收上转的医院（须设有转诊服务岗且级别高于本机构）。',
  },
  {
    title: 'Refer up', resident: 'Resident', to: 'Receiving hospital', toRequired: 'Choose the hospital', toHint: 'Only higher-level hospitals with a referral desk are listed',
    department: 'Department', departmentHint: 'e.g. Cardiology', urgency: 'Urgency', reason: 'Reason for referral', reasonRequired: 'Give the reason',
    diagnoses: 'Diagnoses (ICD-10)', diagnosesRequired: 'Choose at least one diagnosis', diagnosisName: 'Name each code you typed yourself',
    summary: 'Clinical summary', summaryHint: 'Present illness, history, treatment so far, key results', summaryRequired: 'Give the summary',
    submit: 'Submit the referral', draft: 'Save as draft', back: 'Back', noTarget: 'No hospital of the county can take an up-referral (it needs a referral desk and a higher level than yours).',
  },
);

interface Values {
  toInstitutionId: string;
  department?: string;
  urgency: 'routine' | 'urgent';
  reason: string;
  diagnoses: Diagnosis[];
  summary: string;
}

/** A GP refers the resident up: hospital with a desk, department, urgency, reason, ICD-10 diagnoses, summary (POST /referrals). */
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

  const create = useMutation({
    mutationFn: ({ values, submit }: { values: Values; submit: boolean }) => call(api.POST('/api/v1/referrals', {
      body: {
        direction: 'up', residentId: id, toInstitutionId: values.toInstitutionId, urgency: values.urgency,
        ...(values.department?.trim() ? { department: values.department.trim() } : {}),
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
      <Form<Values> form={form} layout="vertical" initialValues={{ urgency: 'routine', diagnoses: [], toInstitutionId: targets.length === 1 ? targets[0].id : undefined }}>
        <Form.Item name="toInstitutionId" label={t.to} extra={t.toHint} rules={[{ required: true, message: t.toRequired }]}>
          <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={targets.map((i) => ({ value: i.id, label: `${i.name}（${label('institution_level', i.level)}）` }))} />
        </Form.Item>
        <Form.Item name="department" label={t.department} extra={t.departmentHint} rules={[{ max: 64 }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="urgency" label={t.urgency}>
          <Radio.Group options={(['routine', 'urgent'] as const).map((u) => ({ value: u, label: label('referral_urgency', u) }))} />
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
        <Flex gap={8} wrap>
          <Button type="primary" loading={create.isPending && create.variables?.submit} onClick={() => void send(true)} style={{ flex: 1 }}>{t.submit}</Button>
          <Button loading={create.isPending && !create.variables?.submit} onClick={() => void send(false)}>{t.draft}</Button>
          <Button onClick={() => navigate(-1)}>{t.back}</Button>
        </Flex>
      </Form>
    </div>
  );
}
