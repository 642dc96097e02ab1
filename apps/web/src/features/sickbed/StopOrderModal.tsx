import { Form, Input } from 'antd';
import { FormDialog } from './FormDialog';
import { api, call } from '../../api/client';
import { defineMessages, useMessages } from '../../i18n';
import { useFormSubmit } from '../../shell/use-form-submit';
import { useRefreshSickbed, type Order } from './queries';

const messages = defineMessages(
  { title: '停医嘱', reason: '停止原因', required: '请填写停止原因', ok: '确认停止', cancel: '取消', order: '医嘱' },
  { title: 'Stop order', reason: 'Reason for stopping', required: 'Give the reason for stopping', ok: 'Stop the order', cancel: 'Cancel', order: 'Order' },
);

/** Stops one order in force, with the reason (sent with the order's version: a stale one is refused by the API). */
export function StopOrderModal({ episodeId, order, onClose }: { episodeId: string; order: Order | null; onClose: () => void }) {
  const t = useMessages(messages);
  const [form] = Form.useForm<{ reason: string }>();
  const refresh = useRefreshSickbed();

  const { submit, saving: busy } = useFormSubmit(
    form,
    async ({ reason }: { reason: string }) => {
      if (!order) return undefined;
      return call(api.POST('/api/v1/sickbeds/{id}/orders/{orderId}/stop', {
        params: { path: { id: episodeId, orderId: order.id } },
        body: { reason: reason.trim(), version: order.version },
      }));
    },
    {
      onDone: () => {
        form.resetFields();
        onClose();
      },
      settled: () => refresh(episodeId),
    },
  );


  return (
    <FormDialog
      open={!!order}
      title={t.title}
      okText={t.ok}
      cancelText={t.cancel}
      okButtonProps={{ danger: true, loading: busy }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      {order && <p>{t.order}: {order.content}</p>}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t.reason} rules={[{ required: true, whitespace: true, message: t.required }, { max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
