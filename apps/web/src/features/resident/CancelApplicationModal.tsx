import { Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { api, call } from '../../api/client';
import { defineMessages, useMessages } from '../../i18n';
import { useFormSubmit } from '../../shell/use-form-submit';
import { ifMatch, MY_CONTRACTS_KEY, type Contract } from './contracts';

const messages = defineMessages(
  {
    title: '撤销签约申请', intro: '撤销后这份申请结束，团队不会再确认它。需要时可以重新申请。', reason: '撤销原因（可选）',
    send: '撤销申请', back: '返回', done: '申请已撤销',
  },
  {
    title: 'Withdraw the application', intro: 'The application ends and the team will not confirm it. You can apply again later.', reason: 'Reason (optional)',
    send: 'Withdraw it', back: 'Back', done: 'Application withdrawn',
  },
);

/** Cancels a pending or scheduled contract of the resident (POST /contracts/:id/cancel, reason optional). */
export function CancelApplicationModal({ contract, open, onClose }: { contract: Contract; open: boolean; onClose: () => void }) {
  const t = useMessages(messages);
  const [form] = Form.useForm<{ reason?: string }>();

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const { submit, saving } = useFormSubmit(
    form,
    (v: { reason?: string }) =>
      call(api.POST('/api/v1/contracts/{id}/cancel', {
        params: { path: { id: contract.id }, header: ifMatch(contract) },
        body: { reason: v.reason?.trim() || undefined },
      })),
    { done: t.done, invalidate: [MY_CONTRACTS_KEY], onDone: onClose },
  );

  return (
    <Modal open={open} title={t.title} okText={t.send} cancelText={t.back} onOk={submit} onCancel={onClose} okButtonProps={{ danger: true, loading: saving }} forceRender>
      <Typography.Paragraph>{t.intro}</Typography.Paragraph>
      <Form form={form} layout="vertical" name={`cancel-${contract.id}`}>
        <Form.Item name="reason" label={t.reason}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
