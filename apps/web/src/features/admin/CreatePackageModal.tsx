import { Button, Card, Checkbox, Col, Flex, Form, Input, InputNumber, Modal, Row, Select, Space } from 'antd';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { useLabel, useMessages } from '../../i18n';
import { useFormSubmit } from '../../shell/use-form-submit';
import { keys } from './org-queries';
import { packageMessages } from './package-messages';

type CreatePackage = components['schemas']['CreateServicePackageDto'];
type Item = components['schemas']['PackageItemDto'];
const MODALITIES: Item['modality'][] = ['face_to_face', 'home', 'phone', 'online', 'any'];
const REQUIRED_DATA: NonNullable<Item['requiredData']>[number][] = ['sbp', 'dbp', 'fastingGlucose', 'heartRate', 'weightKg'];
const TAGS: NonNullable<CreatePackage['targetPopulations']>[number][] = [
  'elderly_65', 'child_0_6', 'pregnant', 'hypertension', 'diabetes_t2', 'copd', 'severe_mental', 'tuberculosis', 'disabled', 'low_income', 'cancer', 'family_planning_special',
];

/** POST /service-packages: code, name, kind, target groups, price and own part, and the items with times per year, modality and required data. */
export function CreatePackageModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const t = useMessages(packageMessages);
  const label = useLabel();
  const [form] = Form.useForm<CreatePackage>();
  const kind = Form.useWatch('kind', form);

  const { submit, saving: busy } = useFormSubmit(
    form,
    async (values: CreatePackage) => {
      const body: CreatePackage = {
        code: values.code.trim(),
        name: values.name.trim(),
        kind: values.kind,
        targetPopulations: values.kind === 'personalized' ? values.targetPopulations ?? [] : [],
        priceYuan: values.priceYuan,
        selfPayYuan: values.selfPayYuan ?? 0,
        active: values.active ?? true,
        items: values.items.map((i) => ({ code: i.code.trim(), name: i.name.trim(), timesPerYear: i.timesPerYear, modality: i.modality, requiredData: i.requiredData ?? [] })),
      };
      return call(api.POST('/api/v1/service-packages', { body }));
    },
    {
      done: (created) => t.created(created.name),
      invalidate: [keys.packages],
      onDone: () => {
        form.resetFields();
        onClose();
      },
    },
  );


  const required = [{ required: true, message: t.required }];
  return (
    <Modal open={open} title={t.create} onCancel={onClose} footer={null} destroyOnHidden width={820}>
      <Form
        form={form}
        layout="vertical"
        onFinish={() => void submit()}
        initialValues={{ kind: 'basic', active: true, selfPayYuan: 0, items: [{ timesPerYear: 1, modality: 'face_to_face', requiredData: [] }] }}
      >
        <Row gutter={16}>
          <Col span={12}><Form.Item name="code" label={t.code} rules={required} extra={t.codeHint}><Input /></Form.Item></Col>
          <Col span={12}><Form.Item name="name" label={t.name} rules={required}><Input /></Form.Item></Col>
          <Col span={12}>
            <Form.Item name="kind" label={t.kind} rules={required}>
              <Select options={(['basic', 'personalized'] as const).map((k) => ({ value: k, label: label('package_kind', k) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            {kind === 'personalized' && (
              <Form.Item name="targetPopulations" label={t.targets}>
                <Select mode="multiple" options={TAGS.map((tag) => ({ value: tag, label: label('population_tag', tag) }))} />
              </Form.Item>
            )}
          </Col>
          <Col span={8}><Form.Item name="priceYuan" label={t.price} rules={required}><InputNumber min={0} max={100000} precision={2} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}><Form.Item name="selfPayYuan" label={t.selfPay} extra={t.selfPayHint}><InputNumber min={0} max={100000} precision={2} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}><Form.Item name="active" valuePropName="checked" label={t.active}><Checkbox>{t.activeLabel}</Checkbox></Form.Item></Col>
        </Row>
        <Form.List name="items" rules={[{ validator: async (_, items) => { if (!items?.length) throw new Error(t.needItem); } }]}>
          {(fields, { add, remove }, { errors }) => (
            <Flex vertical gap={12}>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  title={t.item(index + 1)}
                  extra={fields.length > 1 && <Button size="small" onClick={() => remove(field.name)}>{t.removeItem}</Button>}
                >
                  <Row gutter={12}>
                    <Col span={8}><Form.Item name={[field.name, 'code']} label={t.itemCode} rules={required} extra={index === 0 ? t.itemCodeHint : undefined}><Input /></Form.Item></Col>
                    <Col span={16}><Form.Item name={[field.name, 'name']} label={t.itemName} rules={required}><Input /></Form.Item></Col>
                    <Col span={6}><Form.Item name={[field.name, 'timesPerYear']} label={t.timesPerYear} rules={required}><InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
                    <Col span={8}>
                      <Form.Item name={[field.name, 'modality']} label={t.modality} rules={required} extra={index === 0 ? t.modalityHint : undefined}>
                        <Select options={MODALITIES.map((m) => ({ value: m, label: label('service_modality', m) }))} />
                      </Form.Item>
                    </Col>
                    <Col span={10}>
                      <Form.Item name={[field.name, 'requiredData']} label={t.requiredData}>
                        <Select mode="multiple" options={REQUIRED_DATA.map((d) => ({ value: d, label: label('required_data', d) }))} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button onClick={() => add({ timesPerYear: 1, modality: 'face_to_face', requiredData: [] })}>{t.addItem}</Button>
              <Form.ErrorList errors={errors} />
            </Flex>
          )}
        </Form.List>
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={busy}>{t.create}</Button>
          <Button onClick={onClose}>{t.cancel}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
