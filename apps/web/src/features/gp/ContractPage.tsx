import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { useUser } from '../../auth/session';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { useCachedQuery } from '../../offline/cached-query';
import { useOutbox } from '../../offline/outbox';
import { Loading } from '../../shell/Loading';
import { ProblemAlert } from '../../shell/problems';
import { ContractActions } from './ContractActions';
import { FulfilmentBars } from './FulfilmentBars';
import { dateTime, OfflineNote, ResidentName, ScreenTitle } from './parts';
import { StatusTag } from '../../shell/StatusTag';
import { keys, loadContract, loadServices, type Contract } from './queries';
import { DeviceRecords, ServiceRecords } from './ServiceRecords';

const messages = defineMessages(
  {
    title: '签约详情', status: '状态', team: '签约团队', period: '签约期', signWay: '签约方式', origin: '发起方',
    signedAt: '签约时间', consent: '县域共享授权', consentGiven: (at: string) => `已同意（${at}）`, consentNot: (at: string) => `未同意（${at}）`,
    termination: '解约', closingReason: '拒绝/取消原因', predecessor: '上一期签约', successor: '续约签约', open: '查看',
    originTeam: '团队签约', originResident: '居民申请',
    fulfilment: '履约情况', packages: '服务包', perYear: (n: number) => `每年 ${n} 次`, needs: (what: string) => `须记录：${what}`,
    log: '记录服务', records: '服务记录', device: '本机记录', actions: '签约操作', resident: '居民档案',
    range: (a: string, b: string) => `${a} 至 ${b}`, noFulfilment: '尚未生效，没有服务计划',
  },
  {
    title: 'Contract', status: 'Status', team: 'Team', period: 'Term', signWay: 'Signed', origin: 'Started by',
    signedAt: 'Signed at', consent: 'County-wide sharing', consentGiven: (at: string) => `Agreed (${at})`, consentNot: (at: string) => `Not agreed (${at})`,
    termination: 'Termination', closingReason: 'Rejection / cancellation reason', predecessor: 'Previous term', successor: 'Renewal', open: 'Open',
    originTeam: 'The team', originResident: 'The resident',
    fulfilment: 'Fulfilment', packages: 'Packages', perYear: (n: number) => `${n} a year`, needs: (what: string) => `Record: ${what}`,
    log: 'Log a service', records: 'Service records', device: 'Recorded on this device', actions: 'Contract actions', resident: 'Resident',
    range: (a: string, b: string) => `${a} to ${b}`, noFulfilment: 'Not in force yet: no service plan',
  },
);

function Details({ contract }: { contract: Contract }) {
  const t = useMessages(messages);
  const label = useLabel();
  const team = useCachedQuery(['team', contract.teamId], () => call(api.GET('/api/v1/teams/{id}', { params: { path: { id: contract.teamId } } })));
  const term = contract.termination;
  const items = [
    { key: 'status', label: t.status, children: <StatusTag tone={contract.status === 'active' ? 'success' : 'neutral'}>{label('contract_status', contract.status)}</StatusTag> },
    { key: 'team', label: t.team, children: team.data?.value.name ?? '' },
    { key: 'period', label: t.period, children: t.range(contract.startDate, contract.endDate) },
    { key: 'signWay', label: t.signWay, children: label('sign_way', contract.signWay) },
    { key: 'origin', label: t.origin, children: contract.origin === 'team' ? t.originTeam : t.originResident },
    { key: 'signedAt', label: t.signedAt, children: dateTime(contract.signedAt) },
    { key: 'consent', label: t.consent, children: contract.sharingConsent.given ? t.consentGiven(dateTime(contract.sharingConsent.at)) : t.consentNot(dateTime(contract.sharingConsent.at)) },
  ];
  if (term) {
    items.push({
      key: 'termination', label: t.termination,
      children: [label('termination_reason', term.reason), term.note, term.terminatedOn ?? (term.requestedAt ? dateTime(term.requestedAt) : null)].filter(Boolean).join(' · '),
    });
  }
  if (contract.closingReason) items.push({ key: 'closing', label: t.closingReason, children: contract.closingReason });
  if (contract.predecessorId) items.push({ key: 'pre', label: t.predecessor, children: <Link to={`/clinic/contracts/${contract.predecessorId}`}>{t.open}</Link> });
  if (contract.successorId) items.push({ key: 'succ', label: t.successor, children: <Link to={`/clinic/contracts/${contract.successorId}`}>{t.open}</Link> });
  return <Card size="small"><Descriptions column={1} size="small" items={items} /></Card>;
}

function Packages({ contract }: { contract: Contract }) {
  const t = useMessages(messages);
  const label = useLabel();
  return (
    <Flex vertical gap={8}>
      {(contract.packages ?? []).map((p) => (
        <Card size="small" key={p.id}>
          <Typography.Text strong>{p.name}</Typography.Text>（{label('package_kind', p.kind)}）
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {p.items.map((i) => (
              <li key={i.code}>
                {i.name} · {t.perYear(i.timesPerYear)} · {label('service_modality', i.modality)}
                {i.requiredData.length > 0 && <> · {t.needs(i.requiredData.map((d) => label('required_data', d)).join('、'))}</>}
              </li>
            ))}
          </ul>
        </Card>
      ))}
    </Flex>
  );
}

/** A contract: status, team, term, packages, fulfilment bars, service records, the device's unsent records, actions. */
export function ContractPage() {
  const t = useMessages(messages);
  const { id = '' } = useParams();
  const user = useUser();
  const queryClient = useQueryClient();
  const contract = useCachedQuery(keys.contract(id), () => loadContract(id));
  const services = useCachedQuery(keys.services(id), () => loadServices(id));
  const screen = `/clinic/contracts/${id}`;
  const device = useOutbox(user.id).filter((e) => e.screen === screen && e.kind === 'service').slice(0, 10);

  // a record of this device reached the API: show the contract as the API now holds it
  const synced = device.filter((e) => e.status === 'synced').map((e) => e.id).join(',');
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (seen.current !== null && seen.current !== synced) {
      void queryClient.invalidateQueries({ queryKey: ['cached', ...keys.contract(id)] });
      void queryClient.invalidateQueries({ queryKey: ['cached', ...keys.services(id)] });
      void queryClient.invalidateQueries({ queryKey: ['cached', 'follow-ups'] });
    }
    seen.current = synced;
  }, [synced, id, queryClient]);

  if (contract.isPending) return <Loading />;
  if (contract.isError) return <ProblemAlert error={contract.error} />;
  const c = contract.data.value;
  const canLog = c.status === 'active' || c.status === 'terminating';

  return (
    <div style={{ maxWidth: 720 }}>
      <ScreenTitle extra={<Flex gap={8} align="center" wrap><ResidentName resident={c.resident} /><Link to={`/clinic/residents/${c.residentId}`}>{t.resident}</Link></Flex>}>{t.title}</ScreenTitle>
      <OfflineNote data={contract.data} />
      {canLog && (
        <Link to={`${screen}/log`} style={{ display: 'block', marginBottom: 12 }}>
          <Button type="primary" block>{t.log}</Button>
        </Link>
      )}
      {device.length > 0 && (
        <section aria-labelledby="contract-device" style={{ marginBottom: 16 }}>
          <Typography.Title level={3} id="contract-device" style={{ fontSize: 18 }}>{t.device}</Typography.Title>
          <DeviceRecords entries={device} />
        </section>
      )}
      <Details contract={c} />
      <section aria-labelledby="contract-fulfilment" style={{ marginTop: 16 }}>
        <Typography.Title level={3} id="contract-fulfilment" style={{ fontSize: 18 }}>{t.fulfilment}</Typography.Title>
        {c.fulfilment && c.fulfilment.items.length > 0 ? <FulfilmentBars fulfilment={c.fulfilment} /> : <Typography.Text>{t.noFulfilment}</Typography.Text>}
      </section>
      <section aria-labelledby="contract-records" style={{ marginTop: 16 }}>
        <Typography.Title level={3} id="contract-records" style={{ fontSize: 18 }}>{t.records}</Typography.Title>
        <OfflineNote data={services.data} />
        {services.isPending ? <Loading /> : services.isError ? <ProblemAlert error={services.error} /> : <ServiceRecords records={services.data.value.items} />}
      </section>
      <section aria-labelledby="contract-packages" style={{ marginTop: 16 }}>
        <Typography.Title level={3} id="contract-packages" style={{ fontSize: 18 }}>{t.packages}</Typography.Title>
        <Packages contract={c} />
      </section>
      {user.role === 'gp' && (
        <section aria-labelledby="contract-actions" style={{ marginTop: 16 }}>
          <Typography.Title level={3} id="contract-actions" style={{ fontSize: 18 }}>{t.actions}</Typography.Title>
          {contract.data.offline ? <OfflineNote data={contract.data} /> : <ContractActions contract={c} />}
        </section>
      )}
    </div>
  );
}
