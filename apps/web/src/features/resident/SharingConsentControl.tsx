import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { defineMessages, useLanguage, useMessages } from '../../i18n';
import { useShowProblem } from '../../shell/problems';
import { formatDateTime } from '../desk/format';
import { ifMatch, MY_CONTRACTS_KEY, type Contract } from './contracts';

const messages = defineMessages(
  {
    title: '县域共享授权', switch: '允许县域内其他医疗机构查看并为我提供服务',
    on: '已授权', off: '未授权', since: (t: string) => `最近更改：${t}`,
    explain: (inst: string) => `授权后，本县医共体内其他医疗机构（如县医院、其他乡镇卫生院）的医生和护士可以查看这份签约并为您记录服务，您在外院接受的服务也能计入履约。未授权时，只有签约机构（${inst}）可以查看和记录。无论是否授权，每一次查看都会记录在“谁查看了我的档案”中。您可以随时更改。`,
    withdrawTitle: '撤回县域共享授权？', withdrawBody: '撤回后，签约机构以外的医生和护士将不能再查看这份签约，也不能在其他机构为您记录签约服务。',
    giveTitle: '授权县域共享？', giveBody: '授权后，本县其他医疗机构的医生和护士可以查看这份签约并为您记录服务。',
    withdraw: '撤回授权', give: '确认授权', keep: '暂不更改', done: '已保存',
  },
  {
    title: 'County-wide sharing', switch: 'Let other institutions of the county see this contract and serve me',
    on: 'Given', off: 'Not given', since: (t: string) => `Last changed: ${t}`,
    explain: (inst: string) => `With your consent, doctors and nurses of the other institutions of the county (the county hospital, other township centres) may read this contract and record services on it, so care you receive there counts too. Without it, only the signing institution (${inst}) may. Either way, every access is listed under "Who accessed my record". You can change this at any time.`,
    withdrawTitle: 'Withdraw your consent to sharing?', withdrawBody: 'Doctors and nurses outside the signing institution will no longer see this contract nor record services on it.',
    giveTitle: 'Give consent to sharing?', giveBody: 'Doctors and nurses of the other institutions of the county will be able to see this contract and record services on it.',
    withdraw: 'Withdraw consent', give: 'Give consent', keep: 'Keep as it is', done: 'Saved',
  },
);

/** Gives or withdraws the separate consent to county-wide sharing (POST /contracts/:id/sharing-consent with If-Match). */
export function SharingConsentControl({ contract }: { contract: Contract }) {
  const t = useMessages(messages);
  const { language } = useLanguage();
  const { modal, message } = AntApp.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const given = contract.sharingConsent.given;
  const switchId = `sharing-${contract.id}`;

  const save = async (next: boolean) => {
    setSaving(true);
    try {
      await call(api.POST('/api/v1/contracts/{id}/sharing-consent', {
        params: { path: { id: contract.id }, header: ifMatch(contract) },
        body: { sharingConsent: next },
      }));
      message.success(t.done);
    } catch (error) {
      showProblem(error);
    } finally {
      await queryClient.invalidateQueries({ queryKey: MY_CONTRACTS_KEY });
      setSaving(false);
    }
  };

  const change = (next: boolean) => {
    modal.confirm({
      title: next ? t.giveTitle : t.withdrawTitle,
      content: next ? t.giveBody : t.withdrawBody,
      okText: next ? t.give : t.withdraw,
      okButtonProps: { danger: !next },
      cancelText: t.keep,
      onOk: () => save(next),
    });
  };

  return (
    <section>
      <Typography.Title level={4} style={{ fontSize: 15 }}>{t.title}</Typography.Title>
      <Space align="start">
        <Switch id={switchId} checked={given} loading={saving} onChange={change} />
        <label htmlFor={switchId}>{t.switch}</label>
      </Space>
      <div style={{ marginTop: 4 }}>
        <Typography.Text strong>{given ? t.on : t.off}</Typography.Text>
        <Typography.Text>{'　'}{t.since(formatDateTime(contract.sharingConsent.at, language))}</Typography.Text>
      </div>
      <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0, fontSize: 13 }}>{t.explain(contract.careTeam?.institutionName ?? '')}</Typography.Paragraph>
    </section>
  );
}
