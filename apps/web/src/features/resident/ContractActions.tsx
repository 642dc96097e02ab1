import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Space } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { defineMessages, useMessages } from '../../i18n';
import { useShowProblem } from '../../shell/problems';
import { CancelApplicationModal } from './CancelApplicationModal';
import { ifMatch, MY_CONTRACTS_KEY, residentActions, type Contract, type ResidentAction } from './contracts';
import { RenewContractModal } from './RenewContractModal';
import { TerminateContractModal } from './TerminateContractModal';

const messages = defineMessages(
  {
    renew: '申请续约', terminate: '申请解约', withdraw_termination: '撤回解约申请', cancel: '撤销申请',
    withdrawTitle: '撤回解约申请？', withdrawBody: '撤回后签约恢复为“服务中”，继续享受签约服务。', withdrawOk: '撤回申请', back: '返回', done: '已撤回解约申请',
  },
  {
    renew: 'Ask to renew', terminate: 'Ask to end the contract', withdraw_termination: 'Withdraw the request to end', cancel: 'Withdraw the application',
    withdrawTitle: 'Withdraw your request to end the contract?', withdrawBody: 'The contract goes back to active and its services continue.', withdrawOk: 'Withdraw the request', back: 'Back', done: 'Request to end withdrawn',
  },
);

/** What the resident may do with a contract now (allowedActions ∩ the resident's actions), each with its form. */
export function ContractActions({ contract }: { contract: Contract }) {
  const t = useMessages(messages);
  const { modal, message } = AntApp.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<ResidentAction | null>(null);
  const actions = residentActions(contract);
  if (actions.length === 0) return null;

  const withdraw = () => modal.confirm({
    title: t.withdrawTitle,
    content: t.withdrawBody,
    okText: t.withdrawOk,
    cancelText: t.back,
    onOk: async () => {
      try {
        await call(api.POST('/api/v1/contracts/{id}/withdraw-termination', { params: { path: { id: contract.id }, header: ifMatch(contract) }, body: {} }));
        message.success(t.done);
      } catch (error) {
        showProblem(error);
      } finally {
        await queryClient.invalidateQueries({ queryKey: MY_CONTRACTS_KEY });
      }
    },
  });

  return (
    <>
      <Space wrap>
        {actions.map((a) => (
          <Button key={a} danger={a === 'terminate' || a === 'cancel'} type={a === 'renew' ? 'primary' : 'default'} onClick={() => (a === 'withdraw_termination' ? withdraw() : setOpen(a))}>
            {t[a]}
          </Button>
        ))}
      </Space>
      {actions.includes('renew') && <RenewContractModal contract={contract} open={open === 'renew'} onClose={() => setOpen(null)} />}
      {actions.includes('terminate') && <TerminateContractModal contract={contract} open={open === 'terminate'} onClose={() => setOpen(null)} />}
      {actions.includes('cancel') && <CancelApplicationModal contract={contract} open={open === 'cancel'} onClose={() => setOpen(null)} />}
    </>
  );
}
