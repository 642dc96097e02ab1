import { Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { useFormSubmit } from '../../shell/use-form-submit';
import { ifMatch, MY_CONTRACTS_KEY, type Contract } from './contracts';

type Reason = components['schemas']['TerminateContractDto']['reason'];

/** The reasons a resident gives for ending their own contract (the others are recorded by the team). */
const RESIDENT_REASONS: Reason[] = ['resident_request', 'moved_out', 'resigned_other_team', 'refused_service', 'other'];

interface Values {
  reason: Reason;
  note?: string;
}

const messages = defineMessages(
  {
    title: '申请解约', intro: '提交后签约进入“解约中”，由签约团队确认后终止。在团队确认前，您可以撤回申请。解约后服务包中未完成的服务将不再提供。',
    reason: '解约原因', note: '补充说明', noteRequired: '选择“其他”时请写明原因', required: '请选择原因',
    send: '提交解约申请', back: '返回', done: '解约申请已提交',
  },
  {
    title: 'Ask to end the contract', intro: 'The contract becomes "terminating" until your team confirms the end. You can withdraw the request until then. Services not yet delivered will not be provided after it ends.',
    reason: 'Reason', note: 'Details', noteRequired: 'Say why when you choose "Other"', required: 'Choose a reason',
    send: 'Send the request', back: 'Back', done: 'Request to end the contract sent',
  },
);

/** The resident's request to end a contract (POST /contracts/:id/terminate with a reason code; "other" needs a note). */
export function TerminateContractModal({ contract, open, onClose }: { contract: Contract; open: boolean; onClose: () => void }) {
  const t = useMessages(messages);
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const reason = Form.useWatch('reason', form);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const { submit, saving } = useFormSubmit(
    form,
    (v: Values) =>
      call(api.POST('/api/v1/contracts/{id}/terminate', {
        params: { path: { id: contract.id }, header: ifMatch(contract) },
        body: { reason: v.reason, note: v.note?.trim() || undefined },
      })),
    { done: t.done, invalidate: [MY_CONTRACTS_KEY], onDone: onClose },
  );

  return (
    <Modal open={open} title={t.title} okText={t.send} cancelText={t.back} onOk={submit} onCancel={onClose} okButtonProps={{ danger: true, loading: saving }} forceRender>
      <Typography.Paragraph>{t.intro}</Typography.Paragraph>
      <Form form={form} layout="vertical" name={`terminate-${contract.id}`}>
        <Form.Item name="reason" label={t.reason} rules={[{ required: true, message: t.required }]}>
          <Select options={RESIDENT_REASONS.map((r) => ({ value: r, label: label('termination_reason', r) }))} />
        </Form.Item>
        <Form.Item name="note" label={t.note} rules={reason === 'other' ? [{ required: true, whitespace: true, message: t.noteRequired }] : []}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
