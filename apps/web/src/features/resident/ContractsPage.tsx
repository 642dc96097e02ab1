import { useQuery } from '@tanstack/react-query';
import { Empty, Space, Typography } from 'antd';
import { defineMessages, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { ProblemAlert } from '../../shell/problems';
import { ApplyContractCard } from './ApplyContractCard';
import { ContractCard } from './ContractCard';
import { loadMyContracts, MY_CONTRACTS_KEY, OPEN_STATUSES } from './contracts';

const OPEN_ORDER = ['active', 'terminating', 'scheduled', 'pending'];

const messages = defineMessages(
  { title: '我的家庭医生签约', past: '以往的签约', none: '您还没有签约记录' },
  { title: 'My family-doctor contracts', past: 'Earlier contracts', none: 'You have no contracts yet' },
);

/** /my: the resident's contracts (GET /me/contracts), the open ones first; an application form while none is open. */
export function ContractsPage() {
  const t = useMessages(messages);
  const query = useQuery({ queryKey: MY_CONTRACTS_KEY, queryFn: loadMyContracts });
  const contracts = query.data?.items ?? [];
  // The contract in force first, then a renewal or application waiting for the team.
  const open = contracts.filter((c) => OPEN_STATUSES.includes(c.status)).sort((a, b) => OPEN_ORDER.indexOf(a.status) - OPEN_ORDER.indexOf(b.status));
  const past = contracts.filter((c) => !OPEN_STATUSES.includes(c.status));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{t.title}</Typography.Title>
      {query.isLoading && <Loading />}
      {query.error && <ProblemAlert error={query.error} />}
      {query.data && contracts.length === 0 && <Empty description={t.none} />}
      {open.map((c) => <ContractCard key={c.id} contract={c} />)}
      {query.data && open.length === 0 && <ApplyContractCard history={contracts} />}
      {past.length > 0 && (
        <>
          <Typography.Title level={2} style={{ margin: '16px 0 0', fontSize: 20 }}>{t.past}</Typography.Title>
          {past.map((c) => <ContractCard key={c.id} contract={c} />)}
        </>
      )}
    </Space>
  );
}
