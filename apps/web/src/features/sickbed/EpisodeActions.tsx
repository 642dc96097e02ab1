import { Alert, Button, Flex, Popconfirm } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { useUser } from '../../auth/session';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { useShowProblem } from '../../shell/problems';
import { CloseModal } from './CloseModal';
import { ExtendModal } from './ExtendModal';
import { can, roundKindFor, useRefreshSickbed, type Sickbed } from './queries';
import { StartOrderModal } from './StartOrderModal';

const messages = defineMessages(
  {
    record: (kind: string) => `记录${kind}`, undoConfirm: '取消撤床？病床回到在床状态，查床重新到期。',
    finalizeConfirm: '确认撤床？在用医嘱将全部停止，此后不能再记录查床。', yes: '确认', no: '返回',
    offline: '离线时只能查看和记录查床/护理；其他操作请联网后进行。', correct: '修改撤床记录',
  },
  {
    record: (kind: string) => `Record a ${kind.toLowerCase()}`, undoConfirm: 'Undo the closure? The bed becomes active again and rounds fall due.',
    finalizeConfirm: 'Finalize the closure? Orders still in force are stopped and no more rounds can be recorded.', yes: 'Confirm', no: 'Back',
    offline: 'Offline you can read and record rounds only; the other actions need the network.', correct: 'Correct the closure',
  },
);

type Dialog = 'order' | 'extend' | 'close' | null;

/** What the user may do now: the API's allowedActions, narrowed to the user's role. */
export function EpisodeActions({ episode, offline }: { episode: Sickbed; offline: boolean }) {
  const t = useMessages(messages);
  const label = useLabel();
  const user = useUser();
  const showProblem = useShowProblem();
  const refresh = useRefreshSickbed();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const kind = roundKindFor(user.role);
  const mayRound = can(episode, user.role, 'round');
  const others = (['order', 'extend', 'close', 'undo_close', 'finalize'] as const).filter((a) => can(episode, user.role, a));
  if (!mayRound && others.length === 0) return null;

  const transition = async (action: 'undo-close' | 'finalize') => {
    setBusy(action);
    try {
      if (action === 'undo-close') await call(api.POST('/api/v1/sickbeds/{id}/undo-close', { params: { path: { id: episode.id } }, body: { version: episode.version } }));
      else await call(api.POST('/api/v1/sickbeds/{id}/finalize', { params: { path: { id: episode.id } }, body: { version: episode.version } }));
    } catch (error) {
      showProblem(error);
    } finally {
      setBusy(null);
      await refresh(episode.id);
    }
  };

  return (
    <>
      {offline && others.length > 0 && <Alert type="info" showIcon title={t.offline} />}
      <Flex wrap gap="small">
        {mayRound && kind && (
          <Button type="primary" onClick={() => navigate(`/sickbeds/${episode.id}/round`)}>{t.record(label('round_kind', kind))}</Button>
        )}
        {others.includes('order') && <Button disabled={offline} onClick={() => setDialog('order')}>{label('sickbed_action', 'order')}</Button>}
        {others.includes('extend') && <Button disabled={offline} onClick={() => setDialog('extend')}>{label('sickbed_action', 'extend')}</Button>}
        {others.includes('close') && (
          <Button danger disabled={offline} onClick={() => setDialog('close')}>
            {episode.status === 'closing' ? t.correct : label('sickbed_action', 'close')}
          </Button>
        )}
        {others.includes('undo_close') && (
          <Popconfirm title={t.undoConfirm} okText={t.yes} cancelText={t.no} onConfirm={() => transition('undo-close')}>
            <Button disabled={offline} loading={busy === 'undo-close'}>{label('sickbed_action', 'undo_close')}</Button>
          </Popconfirm>
        )}
        {others.includes('finalize') && (
          <Popconfirm title={t.finalizeConfirm} okText={t.yes} cancelText={t.no} okButtonProps={{ danger: true }} onConfirm={() => transition('finalize')}>
            <Button danger type="primary" disabled={offline} loading={busy === 'finalize'}>{label('sickbed_action', 'finalize')}</Button>
          </Popconfirm>
        )}
      </Flex>
      <StartOrderModal episodeId={episode.id} open={dialog === 'order' && others.includes('order')} onClose={() => setDialog(null)} />
      <ExtendModal episode={episode} open={dialog === 'extend' && others.includes('extend')} onClose={() => setDialog(null)} />
      <CloseModal episode={episode} open={dialog === 'close' && others.includes('close')} onClose={() => setDialog(null)} />
    </>
  );
}
