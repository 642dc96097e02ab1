import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { defineMessages, useMessages } from '../../i18n';
import { useFormProblem } from '../../shell/problems';
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
  const formProblem = useFormProblem();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await call(api.POST('/api/v1/contracts/{id}/cancel', {
        params: { path: { id: contract.id }, header: ifMatch(contract) },
        body: { reason: v.reason?.trim() || undefined },
      }));
      message.success(t.done);
      await queryClient.invalidateQueries({ queryKey: MY_CONTRACTS_KEY });
      onClose();
    } catch (error) {
      formProblem(form, error);
    } finally {
      setSaving(false);
    }
  };

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
