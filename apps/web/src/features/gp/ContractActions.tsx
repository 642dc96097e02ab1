import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Checkbox, Flex, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { useFormProblem, useShowProblem } from '../../shell/problems';
import { ifMatch, keys, type Contract, type SignWay, type TerminationReason } from './queries';

const messages = defineMessages(
  {
    actions: '签约操作', cancel: '返回', done: '已完成',
    reason: '原因', reasonRequired: '请填写原因', note: '说明', noteRequired: '选择"其他"时请写明原因',
    terminateTitle: '解约', terminateWarn: '解约立即生效：服务计划关闭，尚未开始的续约将被取消。此操作不能撤销。', terminateOk: '确认解约',
    terminationReason: '解约原因', terminationReasonRequired: '请选择解约原因',
    renewTitle: '续约', renewHint: '新的签约期从本期结束的次日开始（已到期的从今天开始）。', packages: '新签约期的服务包', packagesRequired: '请至少选择一个服务包',
    consent: '居民再次同意在县域医共体内共享签约服务信息', signWay: '签约方式', renewOk: '确认续约',
    rejectTitle: '拒绝签约申请', rejectOk: '确认拒绝', cancelTitle: '取消签约', cancelOk: '确认取消', reasonOptional: '原因（选填）',
    confirmQ: '确认该居民的签约申请？', withdrawQ: '撤回解约，签约恢复为履约中？', yes: '确认', no: '再想想',
    renewed: '已续约，正在打开新的签约', none: '当前状态没有可办理的操作',
  },
  {
    actions: 'Contract actions', cancel: 'Back', done: 'Done',
    reason: 'Reason', reasonRequired: 'Give the reason', note: 'Note', noteRequired: 'Explain the reason "Other"',
    terminateTitle: 'Terminate', terminateWarn: 'Termination takes effect at once: the service plan closes and a renewal not yet started is cancelled. It cannot be undone.', terminateOk: 'Terminate the contract',
    terminationReason: 'Reason for termination', terminationReasonRequired: 'Choose the reason',
    renewTitle: 'Renew', renewHint: 'The new term starts the day after this one ends (today for an expired contract).', packages: 'Packages of the new term', packagesRequired: 'Choose at least one package',
    consent: 'The resident agrees again to share the service data within the county medical community', signWay: 'How it is signed', renewOk: 'Renew',
    rejectTitle: 'Reject the application', rejectOk: 'Reject', cancelTitle: 'Cancel the contract', cancelOk: 'Cancel the contract', reasonOptional: 'Reason (optional)',
    confirmQ: 'Confirm this resident\'s application?', withdrawQ: 'Withdraw the termination and keep the contract active?', yes: 'Confirm', no: 'Not now',
    renewed: 'Renewed: opening the new contract', none: 'Nothing can be done in this state',
  },
);

const TERMINATION_REASONS: TerminationReason[] = ['moved_out', 'deceased', 'resident_request', 'lost_contact', 'refused_service', 'resigned_other_team', 'invoice_voided', 'other'];
const SIGN_WAYS: NonNullable<SignWay>[] = ['self', 'family_proxy', 'doctor_proxy'];

type Dialog = 'terminate' | 'renew' | 'reject' | 'cancel' | null;

/** The transitions `allowedActions` offers, each sending the contract's version as If-Match. */
export function ContractActions({ contract }: { contract: Contract }) {
  const t = useMessages(messages);
  const label = useLabel();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showProblem = useShowProblem();
  const formProblem = useFormProblem();
  const { message, modal } = AntApp.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const path = { id: contract.id };
  const header = ifMatch(contract.version);

  const refresh = () => Promise.all([
    queryClient.invalidateQueries({ queryKey: ['cached', ...keys.contract(contract.id)] }),
    queryClient.invalidateQueries({ queryKey: keys.residentContracts(contract.residentId) }),
    queryClient.invalidateQueries({ queryKey: ['cached', 'follow-ups'] }),
  ]);
  const failed = (error: unknown) => {
    if (dialog) formProblem(form, error);
    else showProblem(error);
    // a stale version or a state that moved on: show what the API holds now
    void queryClient.invalidateQueries({ queryKey: ['cached', ...keys.contract(contract.id)] });
  };

  const packages = useQuery({
    queryKey: ['service-packages', 'active'],
    enabled: dialog === 'renew',
    queryFn: () => call(api.GET('/api/v1/service-packages', { params: { query: { active: 'true', limit: 100 } } })),
  });

  const act = useMutation({
    mutationFn: async (values: { action: string; reason?: string; note?: string; packageIds?: string[]; sharingConsent?: boolean; signWay?: NonNullable<SignWay> }) => {
      const params = { path, header };
      switch (values.action) {
        case 'terminate':
          return call(api.POST('/api/v1/contracts/{id}/terminate', { params, body: { reason: values.reason as TerminationReason, ...(values.note?.trim() ? { note: values.note.trim() } : {}) } }));
        case 'renew':
          return call(api.POST('/api/v1/contracts/{id}/renew', { params, body: { packageIds: values.packageIds, sharingConsent: !!values.sharingConsent, signWay: values.signWay } }));
        case 'reject':
          return call(api.POST('/api/v1/contracts/{id}/reject', { params, body: { reason: values.reason ?? '' } }));
        case 'cancel':
          return call(api.POST('/api/v1/contracts/{id}/cancel', { params, body: values.reason?.trim() ? { reason: values.reason.trim() } : {} }));
        case 'confirm':
          return call(api.POST('/api/v1/contracts/{id}/confirm', { params, body: {} }));
        default:
          return call(api.POST('/api/v1/contracts/{id}/withdraw-termination', { params, body: {} }));
      }
    },
    onSuccess: async (result, values) => {
      setDialog(null);
      await refresh();
      if (values.action === 'renew' && result.id !== contract.id) {
        void message.success(t.renewed);
        navigate(`/clinic/contracts/${result.id}`);
      } else void message.success(t.done);
    },
    onError: failed,
  });

  const reasonIsOther = Form.useWatch('reason', form) === 'other';
  const open = (d: Dialog) => {
    form.resetFields();
    if (d === 'renew') form.setFieldsValue({ packageIds: (contract.packages ?? []).map((p) => p.id), sharingConsent: contract.sharingConsent.given, signWay: contract.signWay });
    setDialog(d);
  };
  const allowed = contract.allowedActions;
  if (allowed.length === 0) return <Typography.Text>{t.none}</Typography.Text>;

  return (
    <>
      <Flex gap={8} wrap>
        {allowed.includes('confirm') && (
          <Button type="primary" onClick={() => modal.confirm({ title: t.confirmQ, okText: t.yes, cancelText: t.no, onOk: () => act.mutateAsync({ action: 'confirm' }).catch(() => undefined) })}>
            {label('contract_action', 'confirm')}
          </Button>
        )}
        {allowed.includes('reject') && <Button danger onClick={() => open('reject')}>{label('contract_action', 'reject')}</Button>}
        {allowed.includes('renew') && <Button onClick={() => open('renew')}>{label('contract_action', 'renew')}</Button>}
        {allowed.includes('withdraw_termination') && (
          <Button onClick={() => modal.confirm({ title: t.withdrawQ, okText: t.yes, cancelText: t.no, onOk: () => act.mutateAsync({ action: 'withdraw_termination' }).catch(() => undefined) })}>
            {label('contract_action', 'withdraw_termination')}
          </Button>
        )}
        {allowed.includes('cancel') && <Button danger onClick={() => open('cancel')}>{label('contract_action', 'cancel')}</Button>}
        {allowed.includes('terminate') && <Button danger onClick={() => open('terminate')}>{label('contract_action', 'terminate')}</Button>}
      </Flex>

      <Modal
        open={dialog !== null}
        title={dialog === 'terminate' ? t.terminateTitle : dialog === 'renew' ? t.renewTitle : dialog === 'reject' ? t.rejectTitle : t.cancelTitle}
        okText={dialog === 'terminate' ? t.terminateOk : dialog === 'renew' ? t.renewOk : dialog === 'reject' ? t.rejectOk : t.cancelOk}
        okButtonProps={{ danger: dialog !== 'renew', loading: act.isPending }}
        cancelText={t.cancel}
        onOk={() => form.submit()}
        onCancel={() => setDialog(null)}
        forceRender
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) => act.mutate({ action: dialog ?? '', ...v })}
        >
          {dialog === 'terminate' && (
            <>
              <Typography.Paragraph>{t.terminateWarn}</Typography.Paragraph>
              <Form.Item name="reason" label={t.terminationReason} rules={[{ required: true, message: t.terminationReasonRequired }]}>
                <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={TERMINATION_REASONS.map((r) => ({ value: r, label: label('termination_reason', r) }))} />
              </Form.Item>
              <Form.Item name="note" label={t.note} rules={[{ required: reasonIsOther, whitespace: true, message: t.noteRequired }, { max: 500 }]}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          )}
          {dialog === 'reject' && (
            <Form.Item name="reason" label={t.reason} rules={[{ required: true, whitespace: true, message: t.reasonRequired }, { max: 500 }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          )}
          {dialog === 'cancel' && (
            <Form.Item name="reason" label={t.reasonOptional} rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          )}
          {dialog === 'renew' && (
            <>
              <Typography.Paragraph>{t.renewHint}</Typography.Paragraph>
              <Form.Item name="packageIds" label={t.packages} rules={[{ required: true, type: 'array', min: 1, message: t.packagesRequired }]}>
                <Checkbox.Group options={(packages.data?.items ?? contract.packages ?? []).map((p) => ({ value: p.id, label: p.name }))} />
              </Form.Item>
              <Form.Item name="signWay" label={t.signWay}>
                <Radio.Group options={SIGN_WAYS.map((w) => ({ value: w, label: label('sign_way', w) }))} />
              </Form.Item>
              <Form.Item name="sharingConsent" valuePropName="checked">
                <Checkbox>{t.consent}</Checkbox>
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
