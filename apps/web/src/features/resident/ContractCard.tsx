import { PhoneOutlined } from '@ant-design/icons';
import { Card, Descriptions, Divider, Space, Typography } from 'antd';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { StatusTag, type Tone } from '../../shell/StatusTag';
import { formatDate, formatDateTime } from '../desk/format';
import { ContractActions } from './ContractActions';
import { OPEN_STATUSES, type Contract, type ContractStatus } from './contracts';
import { DeliveredServices } from './DeliveredServices';
import { FulfilmentSection } from './FulfilmentSection';
import { PackagesSection } from './PackagesSection';
import { SharingConsentControl } from './SharingConsentControl';

const messages = defineMessages(
  {
    team: '签约团队', gp: '签约医生', phone: '团队服务电话', noPhone: '未登记', institution: '签约机构', term: '服务期',
    signWay: '签约方式', signedAt: '签约时间', notSigned: '待团队确认', termination: '解约原因', requestedAt: '申请解约时间',
    terminatedOn: '终止日期', closingReason: '结束原因', renewal: '续约', renewalPending: '已申请续约，见上方新的签约', renewedFrom: '这是续约的新一期',
    origin: '申请方式', byResident: '本人申请', byTeam: '团队签约', status: '状态',
  },
  {
    team: 'Team', gp: 'Family doctor', phone: 'Team service phone', noPhone: 'Not recorded', institution: 'Signing institution', term: 'Term',
    signWay: 'Signed by', signedAt: 'Signed', notSigned: 'Waiting for the team to confirm', termination: 'Reason for ending', requestedAt: 'End requested',
    terminatedOn: 'Ended on', closingReason: 'Closing reason', renewal: 'Renewal', renewalPending: 'Renewal requested: see the new contract above', renewedFrom: 'This is the renewal of an earlier term',
    origin: 'Origin', byResident: 'Applied by you', byTeam: 'Signed by the team', status: 'Status',
  },
);

const STATUS_TONE: Partial<Record<ContractStatus, Tone>> = { active: 'success', pending: 'warning', scheduled: 'info', terminating: 'warning' };

/** One of my contracts: team, doctor, phone, institution, what is covered, fulfilment, sharing consent and my actions. */
export function ContractCard({ contract: c }: { contract: Contract }) {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  const open = OPEN_STATUSES.includes(c.status);
  const team = c.careTeam;
  const items = [
    { key: 'gp', label: t.gp, children: team?.gpName ?? '—' },
    {
      key: 'phone', label: t.phone,
      children: team?.servicePhone ? <a href={`tel:${team.servicePhone}`}><PhoneOutlined /> {team.servicePhone}</a> : t.noPhone,
    },
    { key: 'institution', label: t.institution, children: team?.institutionName ?? '—' },
    { key: 'term', label: t.term, children: `${formatDate(c.startDate)} — ${formatDate(c.endDate)}` },
    { key: 'signWay', label: t.signWay, children: label('sign_way', c.signWay) },
    { key: 'origin', label: t.origin, children: c.origin === 'resident' ? t.byResident : t.byTeam },
    { key: 'signedAt', label: t.signedAt, children: c.signedAt ? formatDateTime(c.signedAt, language) : t.notSigned },
    ...(c.termination ? [
      { key: 'termination', label: t.termination, children: `${label('termination_reason', c.termination.reason)}${c.termination.note ? `：${c.termination.note}` : ''}` },
      ...(c.termination.requestedAt ? [{ key: 'requestedAt', label: t.requestedAt, children: formatDateTime(c.termination.requestedAt, language) }] : []),
      ...(c.termination.terminatedOn ? [{ key: 'terminatedOn', label: t.terminatedOn, children: formatDate(c.termination.terminatedOn) }] : []),
    ] : []),
    ...(c.closingReason ? [{ key: 'closingReason', label: t.closingReason, children: c.closingReason }] : []),
    ...(c.successorId && open ? [{ key: 'renewal', label: t.renewal, children: t.renewalPending }] : []),
    ...(c.predecessorId ? [{ key: 'renewedFrom', label: t.renewal, children: t.renewedFrom }] : []),
  ];

  return (
    <Card
      data-testid="contract-card"
      title={<Typography.Title level={3} style={{ margin: 0, fontSize: 17, whiteSpace: 'normal' }}>{t.team}：{team?.teamName ?? '—'}</Typography.Title>}
      extra={<StatusTag tone={STATUS_TONE[c.status]}>{t.status}：{label('contract_status', c.status)}</StatusTag>}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions size="small" column={1} items={items} />
        {c.packages && <PackagesSection packages={c.packages} />}
        <FulfilmentSection fulfilment={c.fulfilment} />
        <DeliveredServices contractId={c.id} />
        {open && <><Divider style={{ margin: 0 }} /><SharingConsentControl contract={c} /></>}
        <ContractActions contract={c} />
      </Space>
    </Card>
  );
}
