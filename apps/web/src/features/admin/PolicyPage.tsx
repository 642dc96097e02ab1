import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Col, Flex, Form, InputNumber, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { useUser } from '../../auth/session';
import { defineMessages, useLanguage, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { ProblemAlert, useFormProblem } from '../../shell/problems';
import { keys, useCounties } from './org-queries';
import { DeductibleTable } from './DeductibleTable';
import { changedPolicy, POLICY_GROUPS } from './policy-fields';

type Patch = components['schemas']['CountyPolicyPatch'];

const messages = defineMessages(
  {
    title: '县级参数', county: '县', save: '保存修改', saved: (n: number) => `已保存，版本 ${n}`, nothing: '没有修改',
    readOnly: '只有县管理员（或系统管理员）可以修改县级参数，这里只读显示当前生效的值。',
    hint: '显示的是当前生效的值（本县设置覆盖默认值）。只提交修改过的项；修改只影响之后发生的业务，已建床的计划、已保存的起付线估算不会重算。',
    deductibleHint: '起付线按机构级别设置（0–1000000 元）；职工医保、居民医保可单列本级的起付线，单列的金额优先，未单列则按通用金额。留空表示未配置（清空已有金额需由系统管理员处理）。', version: (n: number) => `版本 ${n}`, reset: '撤销修改',
  },
  {
    title: 'County settings', county: 'County', save: 'Save changes', saved: (n: number) => `Saved, version ${n}`, nothing: 'Nothing changed',
    readOnly: 'Only the county admin (or the system admin) may change the county settings; they are shown here read-only.',
    hint: 'These are the effective values (this county\'s settings over the defaults). Only what you change is sent; changes apply to what happens afterwards: open beds keep their round plan, stored deductible estimates are not recomputed.',
    deductibleHint: 'Deductibles per institution level (0–1,000,000 yuan); the employee and resident schemes may have their own for a level, which then applies instead of the one for all schemes. Empty means none configured (clearing an amount already set is not possible here).', version: (n: number) => `Version ${n}`, reset: 'Undo changes',
  },
);

/** /admin/policy: GET /counties/:id (effective settings) as a form; PATCH /counties/:id/policy with only the changes and the version. */
export default function PolicyPage() {
  const t = useMessages(messages);
  const { language } = useLanguage();
  const user = useUser();
  const system = user.role === 'system_admin';
  const mayEdit = system || user.role === 'county_admin';
  const counties = useCounties();
  const [countyId, setCountyId] = useState<string | undefined>(system ? undefined : user.scope.countyId ?? undefined);
  useEffect(() => {
    if (!countyId && counties.data?.length) setCountyId(counties.data[0].id);
  }, [countyId, counties.data]);
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const onProblem = useFormProblem();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const county = useQuery({
    queryKey: keys.county(countyId ?? ''),
    enabled: !!countyId,
    queryFn: () => call(api.GET('/api/v1/counties/{id}', { params: { path: { id: countyId! } } })),
  });

  useEffect(() => {
    if (county.data) form.setFieldsValue({ policy: county.data.policy });
  }, [county.data, form]);

  const submit = async (values: { policy: Record<string, unknown> }) => {
    if (!county.data) return;
    const policy = changedPolicy(county.data.policy as unknown as Record<string, unknown>, values.policy) as Patch;
    if (!Object.keys(policy).length) {
      void message.info(t.nothing);
      return;
    }
    setBusy(true);
    try {
      const updated = await call(api.PATCH('/api/v1/counties/{id}/policy', { params: { path: { id: county.data.id } }, body: { policy, version: county.data.version } }));
      queryClient.setQueryData(keys.county(updated.id), updated);
      await queryClient.invalidateQueries({ queryKey: keys.counties });
      void message.success(t.saved(updated.version));
    } catch (error) {
      onProblem(form, error);
      await queryClient.invalidateQueries({ queryKey: keys.county(county.data.id) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{t.title}</Typography.Title>
      {system && (
        <Form layout="inline">
          <Form.Item label={t.county} htmlFor="policy-county">
            <Select id="policy-county" style={{ width: 240 }} value={countyId} onChange={setCountyId} options={(counties.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
        </Form>
      )}
      {!mayEdit && <Alert type="info" showIcon title={t.readOnly} />}
      <Typography.Paragraph style={{ margin: 0 }}>{t.hint}</Typography.Paragraph>
      {(county.isPending || counties.isPending) && <Loading />}
      {county.isError && <ProblemAlert error={county.error} />}
      {county.data && (
        <Form form={form} layout="vertical" disabled={!mayEdit} onFinish={submit}>
          <Typography.Text>{county.data.name}（{county.data.code}）· {t.version(county.data.version)}</Typography.Text>
          {POLICY_GROUPS.map((group) => (
            <Card key={group.key} size="small" style={{ marginTop: 16 }} title={<Typography.Title level={3} style={{ margin: 0 }}>{language === 'en' ? group.en : group.zh}</Typography.Title>}>
              <Row gutter={16}>
                {group.fields.filter((field) => !field.deductible).map((field) => (
                  <Col key={field.path.join('.')} xs={24} md={12} lg={8}>
                    <Form.Item name={['policy', ...field.path]} label={language === 'en' ? field.en : field.zh} extra={`${field.min}–${field.max}`}>
                      <InputNumber min={field.min} max={field.max} precision={field.precision} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
              {group.fields.some((field) => field.deductible) && (
                <>
                  <Typography.Paragraph>{t.deductibleHint}</Typography.Paragraph>
                  <DeductibleTable fields={group.fields} />
                </>
              )}
            </Card>
          ))}
          {mayEdit && (
            <Flex gap={12} style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" loading={busy}>{t.save}</Button>
              <Button onClick={() => form.setFieldsValue({ policy: county.data!.policy })}>{t.reset}</Button>
            </Flex>
          )}
        </Form>
      )}
    </Flex>
  );
}
