import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { useUser } from '../../auth/session';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { ProblemAlert } from '../../shell/problems';
import { CardList, dateTime, ScreenTitle } from './parts';
import { StatusTag } from '../../shell/StatusTag';
import { keys, type Resident } from './queries';
import { RevealDialog } from './RevealDialog';
import { PrimaryDiagnosis } from '../../referrals/clinical';

const messages = defineMessages(
  {
    title: '居民档案', name: '姓名', sex: '性别', age: '年龄', birthDate: '出生日期', idNumber: '身份证号', phone: '手机号',
    township: '乡镇', address: '住址', household: '户号', tags: '人群标签', status: '状态', none: '无',
    years: (n: number) => `${n}岁`, masked: '（已脱敏）', revealed: '已显示完整证件号和手机号（已记入审计日志）',
    reveal: '查看完整证件号和手机号', hide: '重新脱敏',
    contracts: '签约记录', noContracts: '尚未签约', period: (a: string, b: string) => `${a} 至 ${b}`,
    referrals: '转诊记录', noReferrals: '没有转诊记录',
    sign: '签约家庭医生服务', refer: '向上转诊', openContract: '该居民已有有效或待生效的签约，如需改签请先解约。',
    actions: '操作', nurseNote: '签约与转诊由本团队医生办理。',
  },
  {
    title: 'Resident', name: 'Name', sex: 'Sex', age: 'Age', birthDate: 'Date of birth', idNumber: 'ID number', phone: 'Mobile',
    township: 'Township', address: 'Address', household: 'Household', tags: 'Population tags', status: 'Status', none: 'None',
    years: (n: number) => `${n} y`, masked: ' (masked)', revealed: 'Full ID and mobile numbers shown (recorded in the audit log)',
    reveal: 'Show full ID and mobile', hide: 'Mask again',
    contracts: 'Contracts', noContracts: 'No contract yet', period: (a: string, b: string) => `${a} to ${b}`,
    referrals: 'Referrals', noReferrals: 'No referral',
    sign: 'Sign a family-doctor contract', refer: 'Refer up', openContract: 'This resident has a contract in force or lined up: terminate it before signing another.',
    actions: 'Actions', nurseNote: 'The team\'s doctors sign contracts and refer.',
  },
);

const OPEN = ['pending', 'scheduled', 'active', 'terminating'];

function ResidentCard({ resident }: { resident: Resident }) {
  const t = useMessages(messages);
  const label = useLabel();
  const [revealed, setRevealed] = useState<Resident | null>(null);
  const [asking, setAsking] = useState(false);
  const shown = revealed ?? resident;
  const masked = (field: 'idNumber' | 'phone') => shown.maskedFields.includes(field) ? t.masked : '';

  return (
    <Card size="small">
      <Descriptions column={1} size="small" items={[
        { key: 'name', label: t.name, children: shown.name },
        { key: 'sex', label: t.sex, children: `${label('sex', shown.sex)}，${t.years(shown.age)}` },
        { key: 'birth', label: t.birthDate, children: shown.birthDate },
        { key: 'id', label: t.idNumber, children: <span data-testid="resident-id-number">{shown.idNumber}{masked('idNumber')}</span> },
        { key: 'phone', label: t.phone, children: shown.phone ? <span>{shown.phone}{masked('phone')}</span> : t.none },
        { key: 'township', label: t.township, children: shown.township ?? t.none },
        { key: 'address', label: t.address, children: shown.addressLine ?? (shown.maskedFields.includes('addressLine') ? t.masked : t.none) },
        { key: 'household', label: t.household, children: shown.householdNo ?? t.none },
        { key: 'tags', label: t.tags, children: shown.tags.length ? shown.tags.map((tag) => <Tag key={tag}>{label('population_tag', tag)}</Tag>) : t.none },
        { key: 'status', label: t.status, children: label('resident_status', shown.status) },
      ]} />
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        {revealed ? (
          <>
            <Typography.Text role="status">{t.revealed}</Typography.Text>
            <Button size="small" onClick={() => setRevealed(null)}>{t.hide}</Button>
          </>
        ) : (resident.maskedFields.includes('idNumber') || resident.maskedFields.includes('phone')) && (
          <Button onClick={() => setAsking(true)}>{t.reveal}</Button>
        )}
      </Flex>
      <RevealDialog resident={resident} open={asking} onClose={() => setAsking(false)} onRevealed={setRevealed} />
    </Card>
  );
}

function Contracts({ residentId }: { residentId: string }) {
  const t = useMessages(messages);
  const label = useLabel();
  const query = useQuery({
    queryKey: keys.residentContracts(residentId),
    queryFn: () => call(api.GET('/api/v1/contracts', { params: { query: { residentId, limit: 50 } } })),
  });
  if (query.isPending) return <Loading />;
  if (query.isError) return <ProblemAlert error={query.error} />;
  if (query.data.items.length === 0) return <Empty description={t.noContracts} />;
  return (
    <CardList label={t.contracts}>
      {query.data.items.map((c) => (
        <li key={c.id}>
          <Link to={`/clinic/contracts/${c.id}`} style={{ display: 'block' }}>
            <Card size="small" hoverable>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{(c.packages ?? []).map((p) => p.name).join('、') || t.contracts}</Typography.Text>
                <StatusTag tone={c.status === 'active' ? 'success' : 'neutral'}>{label('contract_status', c.status)}</StatusTag>
              </Flex>
              <Typography.Text>{t.period(c.startDate, c.endDate)}</Typography.Text>
            </Card>
          </Link>
        </li>
      ))}
    </CardList>
  );
}

function Referrals({ residentId }: { residentId: string }) {
  const t = useMessages(messages);
  const label = useLabel();
  const query = useQuery({
    queryKey: keys.residentReferrals(residentId),
    queryFn: () => call(api.GET('/api/v1/referrals', { params: { query: { residentId, limit: 20 } } })),
  });
  if (query.isPending) return <Loading />;
  if (query.isError) return <ProblemAlert error={query.error} />;
  if (query.data.items.length === 0) return <Empty description={t.noReferrals} />;
  return (
    <CardList label={t.referrals}>
      {query.data.items.map((r) => (
        <li key={r.id}>
          <Link to={`/clinic/referrals/${r.id}`} style={{ display: 'block' }}>
            <Card size="small" hoverable>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{label('referral_direction', r.direction)} · {r.toInstitution.name}</Typography.Text>
                <Tag style={{ marginInlineEnd: 0 }}>{label('referral_status', r.status)}</Tag>
              </Flex>
              <div><Typography.Text><PrimaryDiagnosis referral={r} /></Typography.Text></div>
              <Typography.Text>{dateTime(r.submittedAt ?? r.createdAt)}</Typography.Text>
            </Card>
          </Link>
        </li>
      ))}
    </CardList>
  );
}

/** The resident card (masked; reveal for the care team), their contracts and referrals, and the GP's actions. */
export function ResidentPage() {
  const t = useMessages(messages);
  const { id = '' } = useParams();
  const user = useUser();
  const resident = useQuery({
    queryKey: keys.resident(id),
    queryFn: () => call(api.GET('/api/v1/residents/{id}', { params: { path: { id } } })),
  });
  const contracts = useQuery({
    queryKey: keys.residentContracts(id),
    queryFn: () => call(api.GET('/api/v1/contracts', { params: { query: { residentId: id, limit: 50 } } })),
  });
  if (resident.isPending) return <Loading />;
  if (resident.isError) return <ProblemAlert error={resident.error} />;
  const hasOpen = contracts.data?.items.some((c) => OPEN.includes(c.status)) ?? false;
  const gp = user.role === 'gp';

  return (
    <div style={{ maxWidth: 720 }}>
      <ScreenTitle>{t.title}：{resident.data.name}</ScreenTitle>
      <ResidentCard resident={resident.data} />
      <section aria-labelledby="resident-actions" style={{ marginTop: 16 }}>
        <Typography.Title level={3} id="resident-actions" style={{ fontSize: 18 }}>{t.actions}</Typography.Title>
        {gp ? (
          <Flex vertical gap={8}>
            {contracts.isSuccess && !hasOpen && user.scope.teamId && (
              <Link to={`/clinic/residents/${id}/sign`}><Button type="primary" block>{t.sign}</Button></Link>
            )}
            {hasOpen && <Typography.Text>{t.openContract}</Typography.Text>}
            <Link to={`/clinic/residents/${id}/refer`}><Button block>{t.refer}</Button></Link>
          </Flex>
        ) : <Typography.Text>{t.nurseNote}</Typography.Text>}
      </section>
      <section aria-labelledby="resident-contracts" style={{ marginTop: 16 }}>
        <Typography.Title level={3} id="resident-contracts" style={{ fontSize: 18 }}>{t.contracts}</Typography.Title>
        <Contracts residentId={id} />
      </section>
      <section aria-labelledby="resident-referrals" style={{ marginTop: 16 }}>
        <Typography.Title level={3} id="resident-referrals" style={{ fontSize: 18 }}>{t.referrals}</Typography.Title>
        <Referrals residentId={id} />
      </section>
    </div>
  );
}
