import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Form, Input, Radio, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useUser } from '../../auth/session';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { useCachedQuery } from '../../offline/cached-query';
import { enqueue, useOutbox, type OutboxEntry } from '../../offline/outbox';
import { Loading } from '../../shell/Loading';
import { ProblemAlert, useProblemText } from '../../shell/problems';
import { ApiProblem } from '../../api/problem';
import { OfflineNote, ResidentName, ScreenTitle } from './parts';
import { keys, loadContract, type DeliveryModality, type LogServiceBody, type PackageItem } from './queries';
import { OutboxStatus, useMeasuresText } from './ServiceRecords';
import { bloodPressureProblem, rangeProblem, SERVICE_RANGES, servicePayload, type ServiceMeasure } from '../../clinical/vitals';

const messages = defineMessages(
  {
    title: '记录服务', item: '服务项目', itemRequired: '请选择服务项目', modality: '服务方式', modalityRequired: '请选择服务方式',
    deliveredAt: '服务时间', deliveredAtRequired: '请填写服务时间', future: '服务时间不能晚于现在',
    notes: '备注', submit: '保存记录', back: '返回签约详情', another: '再记录一条',
    required: (what: string) => `请填写${what}`,
    outOfRange: (what: string, min: number, max: number, unit: string) => `${what}应在 ${min}–${max} ${unit} 之间`,
    whole: (what: string) => `${what}须为整数`, oneDecimal: (what: string) => `${what}最多保留一位小数`,
    bpOrder: '舒张压应低于收缩压',
    saved: '记录已保存在本机，联网时自动上传', savedTitle: '服务记录',
    pendingHint: '网络恢复后会自动上传，无需重复记录。', syncedHint: '服务器已收到该记录，履约情况已更新。',
    refusedHint: '服务器拒绝了这条记录：', notActive: '该签约当前不能记录服务',
    perYear: (n: number) => `每年 ${n} 次`, needs: (what: string) => `须记录：${what}`,
  },
  {
    title: 'Log a service', item: 'Service item', itemRequired: 'Choose the service item', modality: 'How it was delivered', modalityRequired: 'Choose how it was delivered',
    deliveredAt: 'Delivered at', deliveredAtRequired: 'Give the time of the service', future: 'The time cannot be later than now',
    notes: 'Notes', submit: 'Save the record', back: 'Back to the contract', another: 'Log another',
    required: (what: string) => `Give ${what}`,
    outOfRange: (what: string, min: number, max: number, unit: string) => `${what} must be ${min}–${max} ${unit}`,
    whole: (what: string) => `${what} must be a whole number`, oneDecimal: (what: string) => `${what} takes at most one decimal`,
    bpOrder: 'The diastolic pressure must be below the systolic',
    saved: 'Saved on this device: it uploads by itself when online', savedTitle: 'Service record',
    pendingHint: 'It uploads by itself when the network is back: do not record it again.', syncedHint: 'The server has the record; the fulfilment is updated.',
    refusedHint: 'The server refused this record:', notActive: 'No service can be logged on this contract now',
    perYear: (n: number) => `${n} a year`, needs: (what: string) => `Record: ${what}`,
  },
);

/** Which deliveries fill an item's modality (domain.md §3.5): the form offers only these. */
const FILLS: Record<PackageItem['modality'], DeliveryModality[]> = {
  face_to_face: ['face_to_face', 'home'],
  home: ['home'],
  phone: ['phone', 'face_to_face', 'home'],
  online: ['online', 'phone', 'face_to_face', 'home'],
  any: ['face_to_face', 'home', 'phone', 'online'],
};

const pad = (n: number) => String(n).padStart(2, '0');

/** A Date as the value of <input type="datetime-local"> (device zone, minutes). */
function localInput(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** ISO 8601 with the device's offset, as the API requires: 2026-03-01T09:30:00+08:00. */
export function isoWithOffset(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${localInput(d)}:${pad(d.getSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

interface Values {
  serviceItemCode: string;
  modality: DeliveryModality;
  deliveredAt: string;
  notes?: string;
  sbp?: string;
  dbp?: string;
  fastingGlucose?: string;
  heartRate?: string;
  weightKg?: string;
}

/** A typed measurement as a number; null when left empty. */
const numberOf = (value: unknown): number | null => (value === undefined || value === null || String(value).trim() === '' ? null : Number(value));

function EntryStatus({ entry, contractId, onAnother }: { entry: OutboxEntry; contractId: string; onAnother: () => void }) {
  const t = useMessages(messages);
  const problemText = useProblemText();
  const measures = useMeasuresText();
  return (
    <Card size="small" title={t.savedTitle} extra={<OutboxStatus entry={entry} />}>
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>{entry.summary}</Typography.Paragraph>
      {entry.body.payload ? <Typography.Paragraph style={{ marginBottom: 4 }}>{measures(entry.body.payload as Record<string, number>)}</Typography.Paragraph> : null}
      {entry.status === 'synced' && <Typography.Paragraph>{t.syncedHint}</Typography.Paragraph>}
      {(entry.status === 'pending' || entry.status === 'syncing') && <Typography.Paragraph>{t.pendingHint}</Typography.Paragraph>}
      {entry.status === 'refused' && entry.problem && (
        <Typography.Paragraph role="alert">{t.refusedHint}{problemText(new ApiProblem(entry.problem))}</Typography.Paragraph>
      )}
      <Flex gap={8} wrap>
        <Link to={`/clinic/contracts/${contractId}`}><Button type="primary">{t.back}</Button></Link>
        <Button onClick={onAnother}>{t.another}</Button>
      </Flex>
    </Card>
  );
}

/**
 * Log a delivered service: the item, the measurements that item requires (with their plausible ranges), how and when
 * it was delivered. Recorded on the device first and sent by the outbox (works offline), never by a direct POST.
 */
export function LogServicePage() {
  const t = useMessages(messages);
  const label = useLabel();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const user = useUser();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [entryId, setEntryId] = useState<string | null>(null);
  const contract = useCachedQuery(keys.contract(id), () => loadContract(id));
  const entry = useOutbox(user.id).find((e) => e.id === entryId);

  const items = useMemo(() => (contract.data?.value.packages ?? []).flatMap((p) => p.items), [contract.data]);
  const code = Form.useWatch('serviceItemCode', form);
  const item = items.find((i) => i.code === code);

  // once the API has the record, the contract and its worklists show it
  const synced = entry?.status === 'synced';
  useEffect(() => {
    if (!synced) return;
    void queryClient.invalidateQueries({ queryKey: ['cached', ...keys.contract(id)] });
    void queryClient.invalidateQueries({ queryKey: ['cached', ...keys.services(id)] });
    void queryClient.invalidateQueries({ queryKey: ['cached', 'follow-ups'] });
  }, [synced, id, queryClient]);

  if (contract.isPending) return <Loading />;
  if (contract.isError) return <ProblemAlert error={contract.error} />;
  const c = contract.data.value;
  const screen = `/clinic/contracts/${id}`;
  const name = (m: ServiceMeasure) => {
    const text = label('required_data', m);
    return text === m ? `${m} (${SERVICE_RANGES[m].unit})` : text;
  };

  const measureRules = (m: ServiceMeasure) => [
    { required: true, whitespace: true, message: t.required(name(m)) },
    {
      validator: async (_: unknown, raw: unknown) => {
        const value = numberOf(raw);
        if (value === null) return;
        const range = SERVICE_RANGES[m];
        const problem = rangeProblem(value, range);
        if (problem === 'out_of_range' || problem === 'not_a_number') throw new Error(t.outOfRange(name(m), range.min, range.max, range.unit));
        if (problem === 'too_many_decimals') throw new Error(range.decimals === 0 ? t.whole(name(m)) : t.oneDecimal(name(m)));
      },
    },
    ...(m === 'dbp' ? [({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
      validator: async (_: unknown, value: unknown) => {
        if (bloodPressureProblem(numberOf(getFieldValue('sbp')), numberOf(value)) === 'diastolic_not_below') throw new Error(t.bpOrder);
      },
    })] : []),
  ];

  const submit = async (v: Values) => {
    const chosen = items.find((i) => i.code === v.serviceItemCode)!;
    const payload = servicePayload(Object.fromEntries(chosen.requiredData.map((m) => [m, numberOf(v[m])])));
    const body: LogServiceBody = {
      serviceItemCode: chosen.code,
      modality: v.modality,
      deliveredAt: isoWithOffset(new Date(v.deliveredAt)),
      ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}),
      ...(Object.keys(payload).length ? { payload } : {}),
    };
    const stored = await enqueue({
      userId: user.id,
      kind: 'service',
      path: `/api/v1/contracts/${id}/services`,
      body: body as unknown as Record<string, unknown>,
      summary: `${c.resident?.name ?? ''} · ${chosen.name}`,
      screen,
    });
    setEntryId(stored.id);
  };

  const another = () => {
    setEntryId(null);
    form.resetFields();
    form.setFieldValue('deliveredAt', localInput(new Date()));
  };

  const initialCode = items.some((i) => i.code === params.get('item')) ? params.get('item')! : items.length === 1 ? items[0].code : undefined;
  const modalities = item ? FILLS[item.modality] : [];

  return (
    <div style={{ maxWidth: 720 }}>
      <ScreenTitle extra={<ResidentName resident={c.resident} />}>{t.title}</ScreenTitle>
      <OfflineNote data={contract.data} />
      {entry ? <EntryStatus entry={entry} contractId={id} onAnother={another} /> : c.status !== 'active' && c.status !== 'terminating' ? (
        <Typography.Paragraph>{t.notActive}</Typography.Paragraph>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ serviceItemCode: initialCode, modality: initialCode ? FILLS[items.find((i) => i.code === initialCode)!.modality][0] : undefined, deliveredAt: localInput(new Date()) }}
          onValuesChange={(changed: Partial<Values>) => {
            if (changed.serviceItemCode) {
              const next = items.find((i) => i.code === changed.serviceItemCode);
              if (next) form.setFieldValue('modality', FILLS[next.modality][0]);
            }
          }}
          onFinish={submit}
        >
          <Form.Item name="serviceItemCode" label={t.item} rules={[{ required: true, message: t.itemRequired }]}>
            <Radio.Group style={{ width: '100%' }}>
              <Flex vertical gap={4}>
                {items.map((i) => (
                  <Radio key={i.code} value={i.code}>
                    {i.name}
                    <Typography.Text>{' · '}{t.perYear(i.timesPerYear)}{i.requiredData.length > 0 ? ` · ${t.needs(i.requiredData.map(name).join('、'))}` : ''}</Typography.Text>
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>
          </Form.Item>
          {item && (
            <>
              <Form.Item name="modality" label={t.modality} rules={[{ required: true, message: t.modalityRequired }]}>
                <Radio.Group options={modalities.map((m) => ({ value: m, label: label('service_modality', m) }))} />
              </Form.Item>
              {item.requiredData.map((m) => {
                const range = SERVICE_RANGES[m];
                return (
                  <Form.Item key={m} name={m} label={name(m)} rules={measureRules(m)} dependencies={m === 'dbp' ? ['sbp'] : undefined}
                    extra={`${range.min}–${range.max} ${range.unit}`}>
                    <Input type="number" inputMode={range.decimals ? 'decimal' : 'numeric'} step={range.decimals ? 0.1 : 1} suffix={range.unit} />
                  </Form.Item>
                );
              })}
            </>
          )}
          <Form.Item name="deliveredAt" label={t.deliveredAt} rules={[
            { required: true, message: t.deliveredAtRequired },
            { validator: async (_: unknown, value: string) => { if (value && new Date(value).getTime() > Date.now() + 5 * 60_000) throw new Error(t.future); } },
          ]}>
            <Input type="datetime-local" max={localInput(new Date(Date.now() + 5 * 60_000))} />
          </Form.Item>
          <Form.Item name="notes" label={t.notes} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" style={{ flex: 1 }}>{t.submit}</Button>
            <Link to={screen}><Button>{t.back}</Button></Link>
          </Flex>
        </Form>
      )}
    </div>
  );
}
