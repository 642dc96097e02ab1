import { Checkbox, Form, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { api, call } from '../../api/client';
import { defineMessages, useMessages } from '../../i18n';
import { useFormSubmit } from '../../shell/use-form-submit';
import { ifMatch, MY_CONTRACTS_KEY, type Contract } from './contracts';
import { PackagePicker } from './PackagePicker';

interface Values {
  packageIds: string[];
  sharingConsent: boolean;
}

const messages = defineMessages(
  {
    title: '申请续约', intro: (end: string) => `续约从本期结束（${end}）后的第二天开始，由签约团队确认后生效。`, packages: '续约服务包',
    sharing: '续约后继续允许县域内其他医疗机构查看并为我提供服务', send: '提交续约申请', back: '返回', pick: '请至少选择一个服务包', done: '续约申请已提交，等待团队确认',
  },
  {
    title: 'Ask to renew', intro: (end: string) => `The new term starts the day after this one ends (${end}) once your team confirms it.`, packages: 'Packages of the new term',
    sharing: 'Keep letting other institutions of the county see the contract and serve me', send: 'Send the renewal request', back: 'Back', pick: 'Choose at least one package', done: 'Renewal requested: your team will confirm it',
  },
);

/** The resident's request to renew (POST /contracts/:id/renew → a pending successor the team confirms). */
export function RenewContractModal({ contract, open, onClose }: { contract: Contract; open: boolean; onClose: () => void }) {
  const t = useMessages(messages);
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (open) form.setFieldsValue({ packageIds: (contract.packages ?? []).map((p) => p.id), sharingConsent: contract.sharingConsent.given });
  }, [open, contract, form]);

  const { submit, saving } = useFormSubmit(
    form,
    (v: Values) =>
      call(api.POST('/api/v1/contracts/{id}/renew', {
        params: { path: { id: contract.id }, header: ifMatch(contract) },
        body: { packageIds: v.packageIds, sharingConsent: !!v.sharingConsent },
      })),
    { done: t.done, invalidate: [MY_CONTRACTS_KEY], onDone: onClose },
  );

  return (
    <Modal open={open} title={t.title} okText={t.send} cancelText={t.back} onOk={submit} onCancel={onClose} okButtonProps={{ loading: saving }} forceRender>
      <Typography.Paragraph>{t.intro(contract.endDate)}</Typography.Paragraph>
      <Form form={form} layout="vertical" name={`renew-${contract.id}`}>
        <Form.Item name="packageIds" label={t.packages} rules={[{ required: true, type: 'array', min: 1, message: t.pick }]}>
          <PackagePicker />
        </Form.Item>
        <Form.Item name="sharingConsent" valuePropName="checked">
          <Checkbox>{t.sharing}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
