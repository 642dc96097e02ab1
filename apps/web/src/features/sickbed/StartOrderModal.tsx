import { Form, Input, Radio, Select } from 'antd';
import { FormDialog } from './FormDialog';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { useFormSubmit } from '../../shell/use-form-submit';
import { useRefreshSickbed } from './queries';

type CreateOrder = components['schemas']['CreateOrderDto'];
const ORDER_TYPES: CreateOrder['type'][] = ['medication', 'nursing', 'test'];

const messages = defineMessages(
  {
    title: '开医嘱', type: '医嘱类型', term: '长期或临时', longTerm: '长期医嘱', temporary: '临时医嘱', content: '医嘱内容',
    contentRequired: '请填写医嘱内容', drugCode: '药品或项目编码', dose: '剂量', route: '给药途径', frequency: '频次',
    ok: '确认开立', cancel: '取消', placeholder: '如：阿司匹林肠溶片 100mg 口服 每日一次',
  },
  {
    title: 'Start an order', type: 'Order type', term: 'Long-term or one-off', longTerm: 'Long-term', temporary: 'One-off', content: 'Order',
    contentRequired: 'Write the order', drugCode: 'Drug or item code', dose: 'Dose', route: 'Route', frequency: 'Frequency',
    ok: 'Start the order', cancel: 'Cancel', placeholder: 'e.g. aspirin 100 mg by mouth once a day',
  },
);

interface Values {
  type: CreateOrder['type'];
  longTerm: boolean;
  content: string;
  drugCode?: string;
  dose?: string;
  route?: string;
  frequency?: string;
}

const optional = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

/** A GP starts a medication, nursing or test order on an active bed. */
export function StartOrderModal({ episodeId, open, onClose }: { episodeId: string; open: boolean; onClose: () => void }) {
  const t = useMessages(messages);
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const refresh = useRefreshSickbed();
  const type = Form.useWatch('type', form);

  const { submit, saving: busy } = useFormSubmit(
    form,
    async (v: Values) => {
      const body: CreateOrder = {
        type: v.type, longTerm: v.longTerm, content: v.content.trim(),
        drugCode: optional(v.drugCode), dose: optional(v.dose), route: optional(v.route), frequency: optional(v.frequency),
      };
      return call(api.POST('/api/v1/sickbeds/{id}/orders', { params: { path: { id: episodeId } }, body }));
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
      open={open}
      title={t.title}
      okText={t.ok}
      cancelText={t.cancel}
      okButtonProps={{ loading: busy }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ type: 'medication', longTerm: true }}>
        <Form.Item name="type" label={t.type} rules={[{ required: true }]}>
          <Select options={ORDER_TYPES.map((o) => ({ value: o, label: label('sickbed_order_type', o) }))} />
        </Form.Item>
        <Form.Item name="longTerm" label={t.term} rules={[{ required: true }]}>
          <Radio.Group options={[{ value: true, label: t.longTerm }, { value: false, label: t.temporary }]} />
        </Form.Item>
        <Form.Item name="content" label={t.content} rules={[{ required: true, whitespace: true, message: t.contentRequired }, { max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t.placeholder} />
        </Form.Item>
        {type === 'medication' && (
          <>
            <Form.Item name="drugCode" label={t.drugCode} rules={[{ max: 32 }]}><Input maxLength={32} /></Form.Item>
            <Form.Item name="dose" label={t.dose} rules={[{ max: 64 }]}><Input maxLength={64} /></Form.Item>
            <Form.Item name="route" label={t.route} rules={[{ max: 32 }]}><Input maxLength={32} /></Form.Item>
          </>
        )}
        <Form.Item name="frequency" label={t.frequency} rules={[{ max: 32 }]}><Input maxLength={32} /></Form.Item>
      </Form>
    </FormDialog>
  );
}
