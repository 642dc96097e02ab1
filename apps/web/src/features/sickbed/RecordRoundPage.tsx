import { Alert, Button, Card, Flex, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { components } from '../../api/schema';
import { useUser } from '../../auth/session';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { enqueue, useOutbox } from '../../offline/outbox';
import { Loading } from '../../shell/Loading';
import { ProblemAlert, useShowProblem } from '../../shell/problems';
import { formatDateTime, localInputToIso, toLocalInput } from './format';
import { OutboxStatusTag } from '../../offline/OutboxStatusTag';
import { can, roundKindFor, useRefreshSickbed, useSickbed, type Sickbed } from './queries';
import { ScheduleLines } from './Schedule';
import { vitalWords } from './vital-words';
import { bloodPressureProblem, rangeProblem, ROUND_RANGES, ROUND_VITALS, roundVitals, type RoundVital, type RoundVitalsInput } from '../../clinical/vitals';

type CreateRound = components['schemas']['CreateRoundDto'];

const messages = defineMessages(
  {
    title: (kind: string) => `记录${kind}`, back: '返回病床', kind: '类型', visitedAt: '查床/上门时间', visitedRequired: '请填写时间',
    future: '时间不能晚于现在', beforeStart: '时间不能早于建床', vitals: '生命体征（可只填测量了的）', findings: '所见（主诉、查体、检查）',
    notes: '备注（计划、与家属沟通）', submit: '保存记录', range: (min: number, max: number, unit: string) => `应在 ${min}–${max} ${unit} 之间`,
    decimals: (n: number) => (n === 0 ? '请填写整数' : `最多 ${n} 位小数`), pair: '收缩压和舒张压需同时填写', dbpBelow: '舒张压应低于收缩压',
    notAllowed: '这张病床现在不能记录查床或护理。', notForRole: '您的角色不能记录查床。', saved: '已保存在本机', status: '同步状态',
    refused: '服务器拒绝了这条记录', nextDue: '下次到期', outbox: '查看待同步记录', another: '再记录一次',
    waiting: '联网后会自动发送；也可在“待同步记录”里立即发送。', summary: (name: string, kind: string, at: string) => `${name} · ${kind} · ${at}`,
  },
  {
    title: (kind: string) => `Record a ${kind.toLowerCase()}`, back: 'Back to the bed', kind: 'Kind', visitedAt: 'Visited at', visitedRequired: 'Give the time',
    future: 'The time cannot be in the future', beforeStart: 'The time cannot be before the bed opened', vitals: 'Vital signs (only those measured)',
    findings: 'Findings (complaint, examination, tests)', notes: 'Notes (plan, talk with the family)', submit: 'Save the record',
    range: (min: number, max: number, unit: string) => `Must be ${min} to ${max} ${unit}`, decimals: (n: number) => (n === 0 ? 'Whole numbers only' : `At most ${n} decimal`),
    pair: 'Give both systolic and diastolic', dbpBelow: 'Diastolic must be below systolic', notAllowed: 'No round can be recorded on this bed now.',
    notForRole: 'Your role does not record rounds.', saved: 'Saved on this device', status: 'Sync status', refused: 'The server refused this record',
    nextDue: 'Next due', outbox: 'Records on this device', another: 'Record another',
    waiting: 'It is sent by itself when the network is back; or send it now from Records on this device.',
    summary: (name: string, kind: string, at: string) => `${name} · ${kind} · ${at}`,
  },
);

interface Values {
  visitedAt: string;
  vitals: RoundVitalsInput;
  findings?: string;
  notes?: string;
}

const FIVE_MINUTES = 5 * 60_000;

function RoundForm({ episode, onSaved }: { episode: Sickbed; onSaved: (entryId: string) => void }) {
  const t = useMessages(messages);
  const w = useMessages(vitalWords);
  const label = useLabel();
  const { language } = useLanguage();
  const user = useUser();
  const showProblem = useShowProblem();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const kind = roundKindFor(user.role)!;

  const vitalRules = (name: RoundVital) => [{
    validator: (_rule: unknown, value: number | null | undefined) => {
      const r = ROUND_RANGES[name];
      const problem = value === null || value === undefined ? null : rangeProblem(value, r);
      if (problem === 'out_of_range' || problem === 'not_a_number') return Promise.reject(new Error(t.range(r.min, r.max, r.unit)));
      if (problem === 'too_many_decimals') return Promise.reject(new Error(t.decimals(r.decimals)));
      return Promise.resolve();
    },
  }];
  const pressureRule = (field: 'sbp' | 'dbp') => ({ getFieldValue }: { getFieldValue: (n: (string | number)[]) => unknown }) => ({
    validator: () => {
      const problem = bloodPressureProblem(getFieldValue(['vitals', 'sbp']) as number | null, getFieldValue(['vitals', 'dbp']) as number | null);
      if (problem === 'pair') return Promise.reject(new Error(t.pair));
      if (problem === 'diastolic_not_below' && field === 'dbp') return Promise.reject(new Error(t.dbpBelow));
      return Promise.resolve();
    },
  });

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const visitedAt = localInputToIso(v.visitedAt);
      const body: CreateRound = { kind, visitedAt };
      const vitals = roundVitals(v.vitals ?? {});
      if (vitals) body.vitals = vitals;
      if (v.findings?.trim()) body.findings = v.findings.trim();
      if (v.notes?.trim()) body.notes = v.notes.trim();
      const entry = await enqueue({
        userId: user.id,
        kind: 'round',
        path: `/api/v1/sickbeds/${episode.id}/rounds`,
        body: body as unknown as Record<string, unknown>,
        summary: t.summary(episode.resident.name, label('round_kind', kind), formatDateTime(visitedAt, language)),
        screen: `/sickbeds/${episode.id}`,
      });
      onSaved(entry.id);
    } catch (error) {
      showProblem(error);
    } finally {
      setBusy(false);
    }
  };

  // the API's bound: the earlier of the opening instant and the start of the start day (device zone ≈ county zone)
  const bounds = [episode.openedAt ? Date.parse(episode.openedAt) : NaN, episode.startDate ? Date.parse(`${episode.startDate}T00:00:00`) : NaN].filter((n) => !Number.isNaN(n));
  const earliest = bounds.length ? Math.min(...bounds) : null;

  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ visitedAt: toLocalInput(new Date()), vitals: {} }}>
      <Form.Item label={t.kind}>
        <Typography.Text strong>{label('round_kind', kind)}</Typography.Text>
      </Form.Item>
      <Form.Item
        name="visitedAt"
        label={t.visitedAt}
        rules={[
          { required: true, message: t.visitedRequired },
          {
            validator: (_r, value: string | undefined) => {
              if (!value) return Promise.resolve();
              const at = new Date(value).getTime();
              if (at > Date.now() + FIVE_MINUTES) return Promise.reject(new Error(t.future));
              if (earliest !== null && at < earliest) return Promise.reject(new Error(t.beforeStart));
              return Promise.resolve();
            },
          },
        ]}
      >
        <Input type="datetime-local" max={toLocalInput(new Date(Date.now() + FIVE_MINUTES))} />
      </Form.Item>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 15, fontWeight: 600, marginBottom: 8, color: 'inherit', borderBottom: 0 }}>{t.vitals}</legend>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', columnGap: 12 }}>
          {ROUND_VITALS.map((name) => {
            const r = ROUND_RANGES[name];
            const rules = name === 'sbp' || name === 'dbp' ? [...vitalRules(name), pressureRule(name)] : vitalRules(name);
            return (
              <Form.Item
                key={name}
                name={['vitals', name]}
                label={`${w[name]} (${r.unit})`}
                rules={rules}
                dependencies={name === 'sbp' ? [['vitals', 'dbp']] : name === 'dbp' ? [['vitals', 'sbp']] : undefined}
              >
                <InputNumber inputMode="decimal" step={r.decimals ? 0.1 : 1} suffix={r.unit} style={{ width: '100%' }} />
              </Form.Item>
            );
          })}
        </div>
      </fieldset>
      <Form.Item name="findings" label={t.findings} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="notes" label={t.notes} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block>{t.submit}</Button>
    </Form>
  );
}

/** After saving: where the record stands, and the next due times once the API has it. */
function Saved({ episode, entryId, onAnother }: { episode: Sickbed; entryId: string; onAnother: () => void }) {
  const t = useMessages(messages);
  const user = useUser();
  const entry = useOutbox(user.id).find((e) => e.id === entryId);
  const refresh = useRefreshSickbed();
  const refreshed = useRef(false);
  useEffect(() => {
    if (entry?.status === 'synced' && !refreshed.current) {
      refreshed.current = true;
      void refresh(episode.id);
    }
  }, [entry?.status, episode.id, refresh]);

  return (
    <Card size="small">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>{t.saved}</Typography.Title>
        {entry && <div>{entry.summary}</div>}
        <div role="status" aria-live="polite">{t.status}: {entry ? <OutboxStatusTag status={entry.status} /> : '…'}</div>
        {entry?.status === 'pending' && <Typography.Text>{t.waiting}</Typography.Text>}
        {entry?.status === 'refused' && entry.problem && (
          <Alert type="error" showIcon title={`${t.refused}：${entry.problem.title}`} description={entry.problem.detail} />
        )}
        {entry?.status === 'synced' && episode.schedule.length > 0 && (
          <div>
            <Typography.Text strong>{t.nextDue}</Typography.Text>
            <ScheduleLines schedule={episode.schedule} />
          </div>
        )}
        <Flex wrap gap="small">
          <Link to={`/sickbeds/${episode.id}`}>{t.back}</Link>
          <Link to="/sickbeds/outbox">{t.outbox}</Link>
          <Button onClick={onAnother}>{t.another}</Button>
        </Flex>
      </Space>
    </Card>
  );
}

/** /sickbeds/:id/round: a doctor round (GP) or nurse visit (nurse), recorded on the device first (outbox). */
export function RecordRoundPage() {
  const t = useMessages(messages);
  const label = useLabel();
  const user = useUser();
  const { id = '' } = useParams();
  const { data, error, isPending } = useSickbed(id);
  const [entryId, setEntryId] = useState<string | null>(null);
  const kind = roundKindFor(user.role);
  if (error && !data) return <ProblemAlert error={error} />;
  if (isPending || !data) return <Loading />;
  const episode = data.value;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 640 }}>
      <Link to={`/sickbeds/${episode.id}`}>{t.back}</Link>
      <Typography.Title level={2} style={{ margin: 0 }}>{t.title(kind ? label('round_kind', kind) : '')}</Typography.Title>
      <Typography.Text>{episode.resident.name} · {episode.admissionDiagnosis?.name ?? episode.conditionSummary}</Typography.Text>
      {entryId ? (
        <Saved episode={episode} entryId={entryId} onAnother={() => setEntryId(null)} />
      ) : !kind ? (
        <Alert type="warning" showIcon title={t.notForRole} />
      ) : !can(episode, user.role, 'round') && !data.offline ? (
        <Alert type="warning" showIcon title={t.notAllowed} />
      ) : (
        <RoundForm episode={episode} onSaved={setEntryId} />
      )}
    </Space>
  );
}
