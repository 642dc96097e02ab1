import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Checkbox, Flex, Form, Input, Radio, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { useUser } from '../../auth/session';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { ProblemAlert, useFormProblem } from '../../shell/problems';
import { ScreenTitle } from './parts';
import { keys, type SignWay } from './queries';

const messages = defineMessages(
  {
    title: '签约家庭医生服务', resident: '居民', team: '签约团队', packages: '服务包', packagesRequired: '请至少选择一个服务包',
    startDate: '开始日期', startDateRequired: '请选择开始日期', startHint: '可补录 30 天内的纸质签约，或预约 30 天内开始（以县级设置为准）',
    consent: '居民同意在县域医共体内共享签约服务信息（个人信息保护法第二十九条），不同意时仅签约机构可为其服务',
    signWay: '签约方式', submit: '确认签约', cancel: '返回', signed: '已签约',
    needsTag: (tags: string) => `需居民有标签：${tags}`, items: (n: number) => `${n} 个服务项目`,
    price: (price: number, self: number) => `价格 ${price} 元，个人支付 ${self} 元`, minor: '未满14周岁，须由监护人代签',
    noTeam: '您不属于任何家庭医生团队，不能签约。',
  },
  {
    title: 'Sign a family-doctor contract', resident: 'Resident', team: 'Team', packages: 'Service packages', packagesRequired: 'Choose at least one package',
    startDate: 'Start date', startDateRequired: 'Choose the start date', startHint: 'A paper signing may be entered up to 30 days late, or a start set up to 30 days ahead (county settings apply)',
    consent: 'The resident agrees to share the contract\'s service data within the county medical community (PIPL Art. 29); without it only the signing institution serves them',
    signWay: 'How it is signed', submit: 'Sign', cancel: 'Back', signed: 'Contract signed',
    needsTag: (tags: string) => `Needs the resident to have: ${tags}`, items: (n: number) => `${n} service items`,
    price: (price: number, self: number) => `Price ${price} yuan, resident pays ${self} yuan`, minor: 'Under 14: a guardian signs',
    noTeam: 'You belong to no family-doctor team and cannot sign.',
  },
);

const SIGN_WAYS: NonNullable<SignWay>[] = ['self', 'family_proxy', 'doctor_proxy'];

interface Values {
  packageIds: string[];
  startDate: string;
  sharingConsent: boolean;
  signWay: NonNullable<SignWay>;
}

/** Today in the device's zone as YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A GP signs the resident with their own team: packages, start date, sharing consent, how it is signed (POST /contracts). */
export function SignContractPage() {
  const t = useMessages(messages);
  const label = useLabel();
  const { id = '' } = useParams();
  const user = useUser();
  const teamId = user.scope.teamId ?? '';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const formProblem = useFormProblem();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();

  const resident = useQuery({ queryKey: keys.resident(id), queryFn: () => call(api.GET('/api/v1/residents/{id}', { params: { path: { id } } })) });
  const team = useQuery({ queryKey: ['team', teamId], enabled: !!teamId, queryFn: () => call(api.GET('/api/v1/teams/{id}', { params: { path: { id: teamId } } })) });
  const packages = useQuery({
    queryKey: ['service-packages', 'active'],
    queryFn: () => call(api.GET('/api/v1/service-packages', { params: { query: { active: 'true', limit: 100 } } })),
  });

  const sign = useMutation({
    mutationFn: (v: Values) => call(api.POST('/api/v1/contracts', {
      body: { residentId: id, teamId, packageIds: v.packageIds, startDate: v.startDate, sharingConsent: v.sharingConsent, signWay: v.signWay },
    })),
    onSuccess: (contract) => {
      void queryClient.invalidateQueries({ queryKey: keys.residentContracts(id) });
      void message.success(t.signed);
      navigate(`/clinic/contracts/${contract.id}`, { replace: true });
    },
    onError: (e) => formProblem(form, e),
  });

  if (!teamId) return <Alert type="info" showIcon title={t.noTeam} />;
  if (resident.isPending || packages.isPending) return <Loading />;
  if (resident.isError) return <ProblemAlert error={resident.error} />;
  if (packages.isError) return <ProblemAlert error={packages.error} />;
  const tags = new Set(resident.data.tags);
  const minor = resident.data.age < 14;
  const basics = packages.data.items.filter((p) => p.kind === 'basic').map((p) => p.id);

  return (
    <div style={{ maxWidth: 720 }}>
      <ScreenTitle extra={<Typography.Text>{t.resident}：{resident.data.name}（{label('sex', resident.data.sex)}，{resident.data.age}）</Typography.Text>}>{t.title}</ScreenTitle>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ packageIds: basics, startDate: today(), sharingConsent: false, signWay: minor ? 'family_proxy' : 'self' }}
        onFinish={(v) => sign.mutate(v)}
      >
        <Form.Item label={t.team}>
          <Input value={team.data?.name ?? ''} readOnly aria-readonly />
        </Form.Item>
        <Form.Item name="packageIds" label={t.packages} rules={[{ required: true, type: 'array', min: 1, message: t.packagesRequired }]}>
          <Checkbox.Group style={{ width: '100%' }}>
            <Flex vertical gap={8} style={{ width: '100%' }}>
              {packages.data.items.map((p) => {
                const fits = p.targetPopulations.length === 0 || p.targetPopulations.some((tag) => tags.has(tag));
                return (
                  <Card size="small" key={p.id}>
                    <Checkbox value={p.id} disabled={!fits}>
                      <Typography.Text strong>{p.name}</Typography.Text>（{label('package_kind', p.kind)}）
                    </Checkbox>
                    <div><Typography.Text>{t.items(p.items.length)}：{p.items.map((i) => i.name).join('、')}</Typography.Text></div>
                    <div><Typography.Text>{t.price(p.priceYuan, p.selfPayYuan)}</Typography.Text></div>
                    {!fits && <div><Typography.Text>{t.needsTag(p.targetPopulations.map((tag) => label('population_tag', tag)).join('、'))}</Typography.Text></div>}
                  </Card>
                );
              })}
            </Flex>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="startDate" label={t.startDate} extra={t.startHint} rules={[{ required: true, message: t.startDateRequired }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="signWay" label={t.signWay} extra={minor ? t.minor : undefined}>
          <Radio.Group options={SIGN_WAYS.map((w) => ({ value: w, label: label('sign_way', w), disabled: minor && w === 'self' }))} />
        </Form.Item>
        <Form.Item name="sharingConsent" valuePropName="checked">
          <Checkbox>{t.consent}</Checkbox>
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={sign.isPending} style={{ flex: 1 }}>{t.submit}</Button>
          <Button onClick={() => navigate(-1)}>{t.cancel}</Button>
        </Flex>
      </Form>
    </div>
  );
}
