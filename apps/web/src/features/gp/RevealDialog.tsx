import { Form, Modal, Radio, Space, Typography } from 'antd';
import { REVEAL_REASONS, type RevealReason } from '../../../../../libs/domain/src/residents/disclosure';
import { api, call } from '../../api/client';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { useFormSubmit } from '../../shell/use-form-submit';
import type { Resident } from './queries';

const messages = defineMessages(
  {
    title: '查看完整信息', ok: '确认查看', cancel: '取消', reason: '查看原因', required: '请选择查看原因',
    body: '完整的身份证号和手机号仅供本居民的签约团队在服务中使用。本次查看及其原因将以您的名义记入审计日志，居民本人可以看到。',
  },
  {
    title: 'Show full details', ok: 'Show them', cancel: 'Cancel', reason: 'Reason', required: 'Choose why you need them',
    body: 'The full ID and mobile numbers are for the resident\'s care team at work. This look and its reason are recorded in the audit log under your name, and the resident can see it.',
  },
);

/** The full ID and phone numbers, once the clinician has said why (GET /residents/:id?reveal=true&reason=, audited). */
export function RevealDialog({ resident, open, onClose, onRevealed }: {
  resident: Resident; open: boolean; onClose: () => void; onRevealed: (full: Resident) => void;
}) {
  const t = useMessages(messages);
  const label = useLabel();
  const [form] = Form.useForm<{ reason: RevealReason }>();
  const { submit, saving } = useFormSubmit(
    form,
    ({ reason }) => call(api.GET('/api/v1/residents/{id}', { params: { path: { id: resident.id }, query: { reveal: 'true', reason } } })),
    { onDone: (full) => { onRevealed(full); onClose(); } },
  );
  return (
    <Modal
      open={open} title={t.title} okText={t.ok} cancelText={t.cancel} onOk={() => void submit()} onCancel={onClose}
      okButtonProps={{ loading: saving }} destroyOnHidden
    >
      <Typography.Paragraph>{t.body}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="reveal">
        <Form.Item name="reason" label={t.reason} rules={[{ required: true, message: t.required }]}>
          <Radio.Group>
            <Space orientation="vertical">
              {REVEAL_REASONS.map((reason) => <Radio key={reason} value={reason}>{label('reveal_reason', reason)}</Radio>)}
            </Space>
          </Radio.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}
