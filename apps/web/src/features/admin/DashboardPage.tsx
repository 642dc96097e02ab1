import { Button, Divider, Flex, Form, Input, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useUser } from '../../auth/session';
import { useMessages } from '../../i18n';
import { ContractSection, type Comparison } from './ContractSection';
import { dashboardMessages } from './dashboard-messages';
import { todayInCounty } from './format';
import type { IndicatorQuery } from './indicator-queries';
import { namesById, useCounties, useInstitutions, useTeams } from './org-queries';
import { ReferralSection } from './ReferralSection';
import { SickbedSection } from './SickbedSection';

interface Filters {
  countyId?: string;
  institutionId?: string;
  teamId?: string;
  from: string;
  to: string;
}

/** /admin: the contract, sickbed and referral indicators of the caller's scope for a period (default: this year). */
export default function DashboardPage() {
  const t = useMessages(dashboardMessages);
  const user = useUser();
  const system = user.role === 'system_admin';
  const mayNarrow = system || user.role === 'county_admin';
  const counties = useCounties();
  const today = todayInCounty();
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<Filters>({ from: `${today.slice(0, 4)}-01-01`, to: today, countyId: system ? undefined : user.scope.countyId ?? undefined });
  const countyId = Form.useWatch('countyId', form) ?? query.countyId;
  const institutions = useInstitutions(mayNarrow ? countyId : user.scope.countyId);
  const names = namesById(institutions.data);
  // the teams of the institution in the form (an institution admin's own): a team is chosen within an institution
  const ownInstitution = user.role === 'institution_admin' ? user.scope.institutionId ?? undefined : undefined;
  const formInstitution = (Form.useWatch('institutionId', form) as string | undefined) ?? (mayNarrow ? undefined : ownInstitution);
  const teams = useTeams(formInstitution ?? null);
  const mayPickTeam = (mayNarrow || !!ownInstitution) && !!formInstitution;

  // The system admin reads one county at a time (the API requires countyId): the first one to start with.
  useEffect(() => {
    if (system && !query.countyId && counties.data?.length) {
      const first = counties.data[0].id;
      form.setFieldValue('countyId', first);
      setQuery((q) => ({ ...q, countyId: first }));
    }
  }, [system, query.countyId, counties.data, form]);

  const apply = (values: Filters) => setQuery({
    ...values, countyId: system ? values.countyId : query.countyId, institutionId: values.institutionId || undefined, teamId: values.teamId || undefined,
  });
  const ready = !system || !!query.countyId;
  const indicatorQuery: IndicatorQuery = {
    countyId: system ? query.countyId : undefined, institutionId: query.institutionId, teamId: query.teamId, from: query.from, to: query.to,
  };
  const scopeInstitution = ownInstitution ?? query.institutionId;
  const scopeTeam = query.teamId ? teams.data?.find((team) => team.id === query.teamId)?.name ?? '' : null;
  const comparison: Comparison | null = query.teamId ? null
    : scopeInstitution ? { by: 'team', institutionId: scopeInstitution }
      : mayNarrow ? { by: 'institution' } : null;
  const scopeText = scopeTeam !== null ? t.scopeTeam(names.get(scopeInstitution ?? '') ?? '', scopeTeam)
    : scopeInstitution ? t.scopeInstitution(names.get(scopeInstitution) ?? '') : t.scopeCounty;

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>{t.title}</Typography.Title>
      <Form
        form={form}
        layout="inline"
        initialValues={query}
        onFinish={apply}
        onValuesChange={(changed: Partial<Filters>) => { if ('institutionId' in changed || 'countyId' in changed) form.setFieldValue('teamId', undefined); }}
        style={{ rowGap: 12 }}
      >
        {system && (
          <Form.Item name="countyId" label={t.county} rules={[{ required: true }]}>
            <Select style={{ width: 200 }} loading={counties.isPending} options={(counties.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
        )}
        {mayNarrow && (
          <Form.Item name="institutionId" label={t.institution}>
            <Select
              style={{ width: 240 }}
              allowClear
              placeholder={t.allInstitutions}
              loading={institutions.isPending}
              options={(institutions.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
            />
          </Form.Item>
        )}
        {(mayNarrow || ownInstitution) && (
          <Form.Item name="teamId" label={t.team}>
            <Select
              style={{ width: 200 }}
              allowClear
              disabled={!mayPickTeam}
              placeholder={t.allTeams}
              loading={mayPickTeam && teams.isPending}
              options={(mayPickTeam ? teams.data ?? [] : []).map((team) => ({ value: team.id, label: team.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="from" label={t.from} rules={[{ required: true }]}><Input type="date" /></Form.Item>
        <Form.Item name="to" label={t.to} rules={[{ required: true }]}><Input type="date" /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit">{t.apply}</Button></Form.Item>
      </Form>
      <Typography.Text>
        {scopeText} · {t.period(query.from, query.to, query.to > today ? today : query.to)}
      </Typography.Text>
      {ready && (
        <>
          <Divider style={{ margin: 0 }} />
          <Typography.Title level={3} style={{ margin: 0 }}>{t.contracts}</Typography.Title>
          <ContractSection query={indicatorQuery} comparison={comparison} />
          <Divider style={{ margin: 0 }} />
          <Typography.Title level={3} style={{ margin: 0 }}>{t.sickbeds}</Typography.Title>
          <SickbedSection query={indicatorQuery} />
          <Divider style={{ margin: 0 }} />
          <Typography.Title level={3} style={{ margin: 0 }}>{t.referrals}</Typography.Title>
          <ReferralSection query={indicatorQuery} />
        </>
      )}
    </Flex>
  );
}
