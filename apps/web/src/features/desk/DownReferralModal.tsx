import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { useFormSubmit } from '../../shell/use-form-submit';
import { FORM_URGENCIES } from '../../referrals/priority';

type Referral = components['schemas']['ReferralDetailView'];
type Create = components['schemas']['CreateReferralDto'];

interface Values {
  urgency: Create['urgency'];
  department?: string;
  reason: string;
  diagnoses: { code: string; name: string }[];
  summary: string;
  submit: boolean;
}

const messages = defineMessages(
  {
    title: '转回基层（下转）', to: (name: string) => `转往：${name}（原转出机构）`, urgency: '紧急程度', department: '接收科室（可选）',
    reason: '下转原因', diagnoses: '诊断（第一项为主要诊断）', code: (n: number) => `诊断 ${n} ICD-10 编码`, name: (n: number) => `诊断 ${n} 名称`,
    add: '添加诊断', remove: (n: number) => `删除诊断 ${n}`, summary: '病情摘要与康复建议', submit: '立即提交（不勾选则保存为草稿）',
    send: '创建下转单', back: '返回', required: '必填', done: '已创建下转单',
  },
  {
    title: 'Refer back down', to: (name: string) => `To: ${name} (the sending institution)`, urgency: 'Urgency', department: 'Department (optional)',
    reason: 'Reason for referring down', diagnoses: 'Diagnoses (the first is the primary one)', code: (n: number) => `Diagnosis ${n} ICD-10 code`, name: (n: number) => `Diagnosis ${n} name`,
    add: 'Add a diagnosis', remove: (n: number) => `Remove diagnosis ${n}`, summary: 'Summary and rehabilitation advice', submit: 'Submit now (unticked: keep as a draft)',
    send: 'Create the down-referral', back: 'Back', required: 'Required', done: 'Down-referral created',
  },
);

/** A down-referral (康复回转) of a completed up-referral, back to the institution that sent it (POST /referrals, direction down). */
export function DownReferralModal({ referral, open, onClose }: { referral: Referral; open: boolean; onClose: () => void }) {
  const t = useMessages(messages);
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      urgency: 'routine',
      diagnoses: referral.diagnoses.map((d) => ({ code: d.code, name: d.name })),
      summary: [referral.outcome?.diagnosisResult, referral.outcome?.keyFindings, referral.outcome?.nextAdvice].filter(Boolean).join('\n'),
      submit: true,
    });
  }, [open, referral, form]);

  const { submit, saving } = useFormSubmit(
    form,
    (v: Values) =>
      call(api.POST('/api/v1/referrals', {
        body: {
          direction: 'down',
          residentId: referral.resident.id,
          toInstitutionId: referral.fromInstitution.id,
          parentReferralId: referral.id,
          urgency: v.urgency,
          // the API's default, spelled out: the generated client types it as required
          kind: 'outpatient',
          department: v.department?.trim() || undefined,
          reason: v.reason,
          diagnoses: v.diagnoses,
          summary: v.summary,
          submit: v.submit,
        },
      })),
    {
      done: t.done,
      // the up-referral now lists its down-referral
      invalidate: [['referral', referral.id]],
      onDone: (created) => {
        onClose();
        navigate(`/desk/referrals/${created.id}`);
      },
    },
  );

  const required = [{ required: true, whitespace: true, message: t.required }];
  return (
    <Modal open={open} title={t.title} okText={t.send} cancelText={t.back} onOk={submit} onCancel={onClose} okButtonProps={{ loading: saving }} forceRender width={640}>
      <Typography.Paragraph>{t.to(referral.fromInstitution.name)}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="down-referral">
        <Form.Item name="urgency" label={t.urgency} rules={[{ required: true, message: t.required }]}>
          <Radio.Group options={FORM_URGENCIES.map((u) => ({ value: u, label: label('referral_urgency', u) }))} />
        </Form.Item>
        <Form.Item name="department" label={t.department}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="reason" label={t.reason} rules={required}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Typography.Text strong>{t.diagnoses}</Typography.Text>
        <Form.List name="diagnoses">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" wrap style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={[field.name, 'code']} label={t.code(i + 1)} rules={required} style={{ marginBottom: 8 }}>
                    <Input style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} label={t.name(i + 1)} rules={required} style={{ marginBottom: 8 }}>
                    <Input style={{ width: 260 }} />
                  </Form.Item>
                  {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} aria-label={t.remove(i + 1)} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />}
                </Space>
              ))}
              {fields.length < 10 && <Button icon={<PlusOutlined />} onClick={() => add({ code: '', name: '' })} style={{ marginBottom: 16 }}>{t.add}</Button>}
            </>
          )}
        </Form.List>
        <Form.Item name="summary" label={t.summary} rules={required}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="submit" valuePropName="checked">
          <Checkbox>{t.submit}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
