import { Card, Empty, Tag, Typography } from 'antd';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { ProblemAlert } from '../../shell/problems';
import { formatDateTime } from './format';
import { useRounds, type Round, type Sickbed } from './queries';
import { vitalWords } from './vital-words';
import { ROUND_RANGES } from '../../clinical/vitals';

const messages = defineMessages(
  { title: '查床与护理记录', empty: '还没有查床或护理记录', findings: '所见', notes: '备注', by: '记录人', cycle: (n: number) => `第 ${n} 周期`, more: '只显示最近 100 次' },
  { title: 'Rounds and visits', empty: 'No round or visit yet', findings: 'Findings', notes: 'Notes', by: 'By', cycle: (n: number) => `Cycle ${n}`, more: 'The latest 100 are shown' },
);

function VitalsLine({ round }: { round: Round }) {
  const w = useMessages(vitalWords);
  const v = round.vitals;
  const parts: string[] = [];
  if (v.sbp != null && v.dbp != null) parts.push(`${w.bp} ${v.sbp}/${v.dbp} mmHg`);
  if (v.pulse != null) parts.push(`${w.pulse} ${v.pulse}${ROUND_RANGES.pulse.unit}`);
  if (v.temperature != null) parts.push(`${w.temperature} ${v.temperature} ${ROUND_RANGES.temperature.unit}`);
  if (v.spo2 != null) parts.push(`${w.spo2} ${v.spo2}${ROUND_RANGES.spo2.unit}`);
  if (v.glucose != null) parts.push(`${w.glucose} ${v.glucose} ${ROUND_RANGES.glucose.unit}`);
  if (!parts.length) return null;
  return <div>{parts.join(' · ')}</div>;
}

/** The episode's rounds, newest first, with their vitals. */
export function RoundsCard({ episode }: { episode: Sickbed }) {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  const { data, error, isPending } = useRounds(episode.id);
  const rounds = [...(data?.value.items ?? [])].sort((a, b) => b.visitedAt.localeCompare(a.visitedAt) || b.id.localeCompare(a.id));
  const names = new Map<string, string>();
  if (episode.responsibleDoctor) names.set(episode.responsibleDoctor.id, episode.responsibleDoctor.name);
  if (episode.responsibleNurse) names.set(episode.responsibleNurse.id, episode.responsibleNurse.name);

  return (
    <Card size="small" title={<Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>{t.title}</Typography.Title>}>
      {error && !data ? <ProblemAlert error={error} /> : isPending ? <Loading /> : rounds.length === 0 ? <Empty description={t.empty} /> : (
        <ol aria-label={t.title} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {rounds.map((r) => (
            <li key={r.id} data-round-id={r.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
              <div>
                <Tag>{label('round_kind', r.kind)}</Tag>
                <Typography.Text strong>{formatDateTime(r.visitedAt, language)}</Typography.Text>
                {names.has(r.practitionerId) && <Typography.Text> · {t.by} {names.get(r.practitionerId)}</Typography.Text>}
                {r.cycleNo > 1 && <Typography.Text> · {t.cycle(r.cycleNo)}</Typography.Text>}
              </div>
              <VitalsLine round={r} />
              {r.findings && <div>{t.findings}: {r.findings}</div>}
              {r.notes && <div>{t.notes}: {r.notes}</div>}
            </li>
          ))}
        </ol>
      )}
      {data?.value.nextCursor && <Typography.Text>{t.more}</Typography.Text>}
    </Card>
  );
}
