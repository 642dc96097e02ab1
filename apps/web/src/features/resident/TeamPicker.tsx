import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useDeferredValue, useState } from 'react';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { defineMessages, useMessages } from '../../i18n';

export type CareTeam = components['schemas']['CareTeamView'];

const messages = defineMessages(
  {
    search: '输入团队或卫生院名称查找', none: '没有找到团队', earlier: '曾签约', gp: (name: string) => `签约医生 ${name}`,
    phone: (phone: string) => `服务电话 ${phone}`,
  },
  {
    search: 'Type part of a team\'s or health centre\'s name', none: 'No team found', earlier: 'signed before', gp: (name: string) => `GP ${name}`,
    phone: (phone: string) => `Service phone ${phone}`,
  },
);

/** The teams of the resident's county to apply to (GET /me/teams, searched by name); teams signed with before come first. */
export function TeamPicker({ value, onChange, earlier, id }: { value?: string; onChange?: (teamId: string) => void; earlier: CareTeam[]; id?: string }) {
  const t = useMessages(messages);
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const found = useQuery({
    queryKey: ['me', 'teams', q],
    queryFn: async () => (await call(api.GET('/api/v1/me/teams', { params: { query: { limit: 50, ...(q ? { q } : {}) } } }))).items,
    staleTime: 5 * 60_000,
  });
  const earlierIds = new Set(earlier.map((team) => team.teamId));
  const teams = [...earlier.filter((team) => !q || `${team.teamName}${team.institutionName}`.includes(q)),
    ...(found.data ?? []).filter((team) => !earlierIds.has(team.teamId))];
  const chosen = [...earlier, ...(found.data ?? [])].find((team) => team.teamId === value);
  return (
    <>
      <Select
        id={id}
        value={value}
        onChange={onChange}
        showSearch={{ filterOption: false, onSearch: setSearch }}
        loading={found.isFetching}
        placeholder={t.search}
        notFoundContent={found.isFetching ? undefined : t.none}
        options={teams.map((team) => ({
          value: team.teamId,
          label: `${team.teamName}（${team.institutionName}）${earlierIds.has(team.teamId) ? ` · ${t.earlier}` : ''}`,
        }))}
      />
      {chosen && (chosen.gpName || chosen.servicePhone) && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
          {[chosen.gpName && t.gp(chosen.gpName), chosen.servicePhone && t.phone(chosen.servicePhone)].filter(Boolean).join(' · ')}
        </Typography.Text>
      )}
    </>
  );
}
