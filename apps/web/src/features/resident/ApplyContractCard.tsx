import { Button, Card, Checkbox, Form, Input, Select, Typography } from 'antd';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { useUser } from '../../auth/session';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { useFormSubmit } from '../../shell/use-form-submit';
import { todayLocal } from '../desk/format';
import { MY_CONTRACTS_KEY, type Contract } from './contracts';
import { PackagePicker } from './PackagePicker';
import { TeamPicker } from './TeamPicker';

type SignWay = components['schemas']['CreateContractDto']['signWay'];

interface Values {
  teamId: string;
  packageIds: string[];
  startDate: string;
  sharingConsent: boolean;
  signWay: NonNullable<SignWay>;
}

const messages = defineMessages(
  {
    title: '申请家庭医生签约', intro: '提交后由所选团队的医生确认，确认后签约生效。服务期一年。',
    team: '签约团队', packages: '服务包', startDate: '希望开始日期', signWay: '签约方式', required: '必填', pick: '请至少选择一个服务包',
    sharing: '同意县域内其他医疗机构查看这份签约并为我提供服务（可随时撤回）', send: '提交申请', done: '申请已提交，等待团队确认',
  },
  {
    title: 'Apply for a family-doctor contract', intro: 'A doctor of the team you choose confirms the application; the contract then runs for a year.',
    team: 'Team', packages: 'Packages', startDate: 'Start date', signWay: 'Signed by', required: 'Required', pick: 'Choose at least one package',
    sharing: 'I agree that other institutions of the county may see this contract and serve me (you can withdraw it at any time)', send: 'Apply', done: 'Application sent: your team will confirm it',
  },
);

/** A resident's application for a contract (POST /contracts → pending), offered while no contract is open. */
export function ApplyContractCard({ history }: { history: Contract[] }) {
  const t = useMessages(messages);
  const label = useLabel();
  const user = useUser();
  const [form] = Form.useForm<Values>();
  // the teams signed with before are offered first, the last one chosen
  const earlier = [...new Map(history.filter((c) => c.careTeam).map((c) => [c.teamId, c.careTeam!])).values()];
  const { submit, saving } = useFormSubmit(form, (v: Values) => call(api.POST('/api/v1/contracts', {
    body: {
      residentId: user.scope.residentId ?? '',
      teamId: v.teamId,
      packageIds: v.packageIds,
      startDate: v.startDate,
      sharingConsent: !!v.sharingConsent,
      signWay: v.signWay,
    },
  })), { done: t.done, invalidate: [MY_CONTRACTS_KEY] });

  return (
    <Card title={<Typography.Title level={3} style={{ margin: 0, fontSize: 17 }}>{t.title}</Typography.Title>}>
      <Typography.Paragraph>{t.intro}</Typography.Paragraph>
      <Form<Values>
        form={form} layout="vertical" name="apply-contract" onFinish={() => void submit()}
        initialValues={{ teamId: earlier[0]?.teamId, startDate: todayLocal(), signWay: 'self', sharingConsent: false, packageIds: [] }}
      >
        <Form.Item name="teamId" label={t.team} rules={[{ required: true, message: t.required }]}>
          <TeamPicker earlier={earlier} />
        </Form.Item>
        <Form.Item name="packageIds" label={t.packages} rules={[{ required: true, type: 'array', min: 1, message: t.pick }]}>
          <PackagePicker />
        </Form.Item>
        <Form.Item name="startDate" label={t.startDate} rules={[{ required: true, message: t.required }]}>
          <Input type="date" min={todayLocal()} />
        </Form.Item>
        <Form.Item name="signWay" label={t.signWay}>
          <Select options={(['self', 'family_proxy'] as const).map((w) => ({ value: w, label: label('sign_way', w) }))} />
        </Form.Item>
        <Form.Item name="sharingConsent" valuePropName="checked">
          <Checkbox>{t.sharing}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} block>{t.send}</Button>
      </Form>
    </Card>
  );
}
